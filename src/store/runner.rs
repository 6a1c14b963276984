//! The one transition runner, and the reads every machine shares.
//!
//! Every machine's transition is the same transaction: begin, lock the row, check
//! who may see it, load what its guards and its view need (once), decide, answer
//! 403 / 409 / 422 in that order (`settle`), write the new state and version with the
//! machine's own columns, append the history event and queue the notices, build the
//! view from what the transaction already holds, commit. A machine supplies only what
//! is its own through `Stored` (see `domain::machine` for what a new machine takes).
use std::future::Future;
use std::slice;

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, FromQueryResult, ModelTrait,
    PrimaryKeyTrait, Select, Statement,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::outbox::NoticeTarget;
use super::workflow::{lock, lock_for_transition, record, settle};
use super::{Db, Page, PageRequest};
use crate::domain::machine::StateMachine;
use crate::domain::named::Named;
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::error::{AppError, AppResult};

/// What the runner needs of a stateful row: implemented for the five entities by
/// `stateful_row!`, since sea-orm has no trait for "a row with these columns".
pub trait StatefulRow: Clone + Send + Sync + Sized {
    type Active: Send;
    fn id(&self) -> Uuid;
    /// The dialogue the row belongs to (a dialogue's own id): whose people are told.
    fn project_id(&self) -> Uuid;
    fn state(&self) -> &str;
    fn version(&self) -> i32;
    /// The row as an update to `state`, one version on, changed `at`.
    fn advance(&self, state: &'static str, at: DateTime<Utc>) -> Self::Active;
    /// The row as `active` leaves it, and the statement that writes it (sent beside the
    /// history's: `workflow::record`).
    fn updated(active: Self::Active, backend: DbBackend) -> AppResult<(Self, Statement)>;
}

/// Implements `StatefulRow` for an entity with `id`, `state`, `version`, `updated_at`
/// columns and the named column holding its dialogue.
macro_rules! stateful_row {
    ($entity:ident, $project:ident) => {
        impl $crate::store::runner::StatefulRow for $crate::store::entities::$entity::Model {
            type Active = $crate::store::entities::$entity::ActiveModel;
            fn id(&self) -> ::uuid::Uuid {
                self.id
            }
            fn project_id(&self) -> ::uuid::Uuid {
                self.$project
            }
            fn state(&self) -> &str {
                &self.state
            }
            fn version(&self) -> i32 {
                self.version
            }
            fn advance(
                &self,
                state: &'static str,
                at: ::chrono::DateTime<::chrono::Utc>,
            ) -> Self::Active {
                use ::sea_orm::{ActiveValue::Set, IntoActiveModel};
                let mut active = self.clone().into_active_model();
                active.state = Set(state.to_owned());
                active.version = Set(self.version + 1);
                active.updated_at = Set(at);
                active
            }
            fn updated(
                active: Self::Active,
                backend: ::sea_orm::DbBackend,
            ) -> $crate::error::AppResult<(Self, ::sea_orm::Statement)> {
                use ::sea_orm::{EntityTrait, QueryTrait, TryIntoModel};
                let write = $crate::store::entities::$entity::Entity::update(active.clone())
                    .validate()?
                    .build(backend);
                Ok((active.try_into_model()?, write))
            }
        }
    };
}

stateful_row!(project, id);
stateful_row!(phase, project_id);
stateful_row!(workshop, project_id);
stateful_row!(understanding, project_id);
stateful_row!(action, project_id);

/// What a machine keeps in the database, beyond its rules: its table, who may see a
/// row, what is loaded beside it, and what a decision writes besides the state.
pub trait Stored: StateMachine + Sized + 'static {
    type Entity: EntityTrait<Model = Self::Row, PrimaryKey: PrimaryKeyTrait<ValueType: From<Uuid>>>;
    type Row: StatefulRow + FromQueryResult + ModelTrait<Entity = Self::Entity>;
    /// What the guards and the view need beyond the row, for one row or a page of
    /// rows, loaded with a fixed number of queries.
    type Related: Send;
    /// The row as a reader sees it.
    type View: Send;

    /// Whether `actor` may see `row` at all (otherwise it is a 404); by default,
    /// whether they may see its dialogue.
    fn may_see<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        row: &Self::Row,
    ) -> impl Future<Output = AppResult<bool>> + Send {
        super::projects::may_see(db, actor, row.project_id())
    }

    /// `detail` says whether the rows are read one by one (`Full`) or listed
    /// (`Summary`): a list loads only what a list item shows.
    fn load_related<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        rows: &[Self::Row],
        detail: Detail,
    ) -> impl Future<Output = AppResult<Self::Related>> + Send;

    /// A list page of the rows `query` finds, with what its items need beside them
    /// (`Detail::Summary`). By default the page, then `load_related` for its rows; a
    /// machine whose list is hot reads both in one statement.
    fn load_page(
        db: &Db,
        actor: &Actor,
        query: Select<Self::Entity>,
        id_column: <Self::Entity as EntityTrait>::Column,
        page: PageRequest,
    ) -> impl Future<Output = AppResult<LoadedPage<Self>>> + Send {
        async move {
            let page = super::fetch_page(db, query, id_column, page, Self::Row::id).await?;
            if page.items.is_empty() {
                return Ok((page, None));
            }
            let related = Self::load_related(db, actor, &page.items, Detail::Summary).await?;
            Ok((page, Some(related)))
        }
    }

    fn facts(related: &Self::Related, row: &Self::Row, actor: &Actor) -> AppResult<Self::Facts>;

    /// Assembles the view; takes the row's children out of `related`.
    fn view(
        related: &mut Self::Related,
        row: Self::Row,
        facts: Self::Facts,
        allowed_transitions: Vec<Availability>,
    ) -> Self::View;

    /// Sets the columns the decision fills besides state, version and updated_at, and
    /// answers the history event's data.
    fn stamp(
        _active: &mut <Self::Row as StatefulRow>::Active,
        row: &Self::Row,
        _decision: &Decision<Self::State>,
        _transition: Self::Transition,
        _input: &TransitionInput,
    ) -> Value {
        json!({"version": row.version() + 1})
    }

    /// Writes a transition makes beyond its row, mirrored into `related` so that the
    /// view needs no second read.
    fn after_update(
        _txn: &DatabaseTransaction,
        _row: &Self::Row,
        _transition: Self::Transition,
        _related: &mut Self::Related,
        _now: DateTime<Utc>,
    ) -> impl Future<Output = AppResult<()>> + Send {
        async { Ok(()) }
    }
}

/// A list page's rows and what their items need beside them (none for an empty page).
pub type LoadedPage<M> = (Page<<M as Stored>::Row>, Option<<M as Stored>::Related>);

/// Runs a requested transition in one transaction and answers the updated view.
pub async fn transition<M: Stored>(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    request: M::Request,
    version: i32,
    input: &TransitionInput,
) -> AppResult<M::View> {
    transition_by::<M>(db, actor, Asker::Read, id, request, version, input)
        .await?
        .ok_or(AppError::NotFound)
}

/// Who asks for a transition: an actor read from their account this request, or one
/// taken from a token's claims (`auth::reader`, with the token's generation) without
/// reading the account first. For claims the row is locked only if the account still
/// has that role and government, is not disabled and still honours the token's
/// generation, checked in the lock's own statement (`store::users::still_is`), so
/// nothing is decided on the token's word.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Read,
    Claimed(i32),
}

/// [`transition`] as `asker` says: `None` when nothing was locked, which for claims a
/// changed account and a missing row both give; the caller then reads the account
/// and asks [`transition`], which tells them apart.
pub async fn transition_by<M: Stored>(
    db: &Db,
    actor: &Actor,
    asker: Asker,
    id: Uuid,
    request: M::Request,
    version: i32,
    input: &TransitionInput,
) -> AppResult<Option<M::View>> {
    let transition: M::Transition = request.into();
    let txn = super::begin_write(db).await?;
    let confirm = match asker {
        Asker::Claimed(generation) => Some(super::users::still_is(actor, generation)),
        Asker::Read => None,
    };
    let kind = M::MACHINE.as_str();
    let Some((row, head)) = lock_for_transition::<M::Entity>(&txn, kind, id, confirm).await? else {
        return Ok(None);
    };
    let (row, mut related) = opened::<M>(&txn, actor, row).await?;
    let facts = M::facts(&related, &row, actor)?;
    let decided = M::decide(state_of::<M>(&row)?, transition, &facts, actor, input);
    let decision = settle(decided, row.version(), version)?;
    let change = Change {
        decision: &decision,
        transition,
        input,
        head,
    };
    let row = write::<M>(&txn, actor, row, &mut related, change).await?;
    let view = view_of::<M>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(Some(view))
}

/// Locks the row for the rest of the transaction and loads what its guards and view
/// need; 404 when it does not exist or `actor` may not see it.
pub async fn open<M: Stored>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
) -> AppResult<(M::Row, M::Related)> {
    let row = lock::<M::Entity>(txn, id).await?;
    opened::<M>(txn, actor, row).await
}

/// What [`open`] loads beside a row already locked; 404 when `actor` may not see it.
async fn opened<M: Stored>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: M::Row,
) -> AppResult<(M::Row, M::Related)> {
    if !M::may_see(txn, actor, &row).await? {
        return Err(AppError::NotFound);
    }
    let related = M::load_related(txn, actor, slice::from_ref(&row), Detail::Full).await?;
    Ok((row, related))
}

/// Writes a decision about a locked row: state, version and the machine's columns,
/// its writes beyond the row, the history event and the notices. Answers the row as
/// updated.
pub async fn apply<M: Stored>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: M::Row,
    related: &mut M::Related,
    decision: &Decision<M::State>,
    transition: M::Transition,
    input: &TransitionInput,
) -> AppResult<M::Row> {
    let change = Change {
        decision,
        transition,
        input,
        head: None,
    };
    write::<M>(txn, actor, row, related, change).await
}

/// A decided transition, and the row's chain head when its lock read it.
struct Change<'a, M: Stored> {
    decision: &'a Decision<M::State>,
    transition: M::Transition,
    input: &'a TransitionInput,
    head: Option<String>,
}

async fn write<M: Stored>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: M::Row,
    related: &mut M::Related,
    change: Change<'_, M>,
) -> AppResult<M::Row> {
    let Change {
        decision,
        transition,
        input,
        head,
    } = change;
    let now = super::now();
    let mut active = row.advance(decision.to.name(), now);
    let data = M::stamp(&mut active, &row, decision, transition, input);
    let (row, update) = M::Row::updated(active, txn.get_database_backend())?;
    M::after_update(txn, &row, transition, related, now).await?;
    let target = NoticeTarget {
        project_id: row.project_id(),
        entity_kind: M::MACHINE.as_str(),
        entity_id: row.id(),
    };
    record(txn, update, head, decision, actor, data, target).await?;
    Ok(row)
}

/// The view of one row as a single read shows it, from what was loaded beside it
/// (with `Detail::Full`): its facts, and for `actor` the transitions it may take now
/// and why not the others.
pub fn view_of<M: Stored>(
    related: &mut M::Related,
    row: M::Row,
    actor: &Actor,
) -> AppResult<M::View> {
    judge::<M>(related, row, actor, Detail::Full)
}

/// The view of one row with its transitions told as `detail` says; `related` must
/// have been loaded with the same `detail`.
fn judge<M: Stored>(
    related: &mut M::Related,
    row: M::Row,
    actor: &Actor,
    detail: Detail,
) -> AppResult<M::View> {
    let facts = M::facts(related, &row, actor)?;
    let allowed = M::allowed_transitions(state_of::<M>(&row)?, &facts, actor, detail);
    Ok(M::view(related, row, facts, allowed))
}

/// A page of the rows `query` finds, as a list shows them (`Detail::Summary`: only
/// the transitions allowed now, and only what a list item carries), with a fixed
/// number of queries whatever the page's size. `query` must already keep to the rows
/// `actor` may see, so that every page is full and the cursor never skips one.
pub async fn list_page<M: Stored>(
    db: &Db,
    actor: &Actor,
    query: Select<M::Entity>,
    id_column: <M::Entity as EntityTrait>::Column,
    page: PageRequest,
) -> AppResult<Page<M::View>> {
    let (page, related) = M::load_page(db, actor, query, id_column, page).await?;
    // No related rows are loaded for an empty page, and none are needed.
    let items = match related {
        Some(mut related) => page
            .items
            .into_iter()
            .map(|row| judge::<M>(&mut related, row, actor, Detail::Summary))
            .collect::<AppResult<_>>()?,
        None => Vec::new(),
    };
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// The row, or 404 when it does not exist or `actor` may not see it.
pub async fn find_visible<M: Stored, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<M::Row> {
    let row = M::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if M::may_see(db, actor, &row).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// One row as `actor` sees it (`GET …/{id}`).
pub async fn read<M: Stored, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<M::View> {
    let row = find_visible::<M, C>(db, actor, id).await?;
    let mut related = M::load_related(db, actor, slice::from_ref(&row), Detail::Full).await?;
    view_of::<M>(&mut related, row, actor)
}

/// The stored state of a row; a name the machine does not know means a damaged row.
pub fn state_of<M: Stored>(row: &M::Row) -> AppResult<M::State> {
    row.state().parse().map_err(|e| {
        AppError::Internal(anyhow::anyhow!("stored {} state: {e}", M::MACHINE.as_str()))
    })
}
