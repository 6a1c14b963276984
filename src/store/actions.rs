//! Follow-up actions: creation, who may see them, their read model, transitions.
//! Agreements and progress notes live in `actions/commitments.rs`, the read model in
//! `actions/read.rs`.
mod commitments;
mod page;
mod read;
mod summary;

pub use commitments::{add_progress, set_agreement};
pub use page::statement as page_statement;
pub use read::{ActionView, Progress, Related};
pub use summary::{SummaryReport, audit as audit_summaries};

use crate::store::Db;
use chrono::{NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, QueryTrait, Select,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::create::NewChild;
use super::entities::{action, action_government, phase, project_government, user};
use super::runner;
use super::{Page, PageRequest, projects};
use crate::domain::action::{ActionMachine, ActionState, Scope, involved_governments};
use crate::domain::commands::ActionFilter;
use crate::domain::phase::{PhaseMachine, PhaseState};
use crate::domain::refusal::{Machine, Refusal};
use crate::domain::role::Role;
use crate::domain::transition::{Actor, Audience, Notice};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};

pub struct NewAction {
    pub title: String,
    pub description: String,
    pub scope: Scope,
    /// For a collective action, empty means "every government of the dialogue".
    pub government_ids: Vec<Uuid>,
    pub due_date: NaiveDate,
    pub owner_id: Option<Uuid>,
}

impl NewChild for NewAction {
    type Machine = ActionMachine;
    type Parent = PhaseMachine;

    fn parent_open(state: PhaseState) -> Result<(), Refusal> {
        state.admit(Machine::Action)
    }

    async fn insert(
        self,
        txn: &DatabaseTransaction,
        phase: &phase::Model,
    ) -> AppResult<(action::Model, Value)> {
        let new = self;
        let mut dialogue: Vec<Uuid> = project_government::Entity::find()
            .select_only()
            .column(project_government::Column::GovernmentId)
            .filter(project_government::Column::ProjectId.eq(phase.project_id))
            .into_tuple()
            .all(txn)
            .await?;
        // Sorted here, not in SQL: SQLite and PostgreSQL need not order UUIDs as Rust does,
        // and the comparison below needs Rust's order.
        dialogue.sort();
        let mut errors = FieldErrors::default();
        let government_ids = involved_governments(new.scope, &new.government_ids, &dialogue)
            .unwrap_or_else(|problem| {
                errors.problem("government_ids", problem);
                Vec::new()
            });
        if let Some(owner_id) = new.owner_id {
            let owner = user::Entity::find_by_id(owner_id).one(txn).await?;
            if owner.is_none_or(|u| u.disabled) {
                errors.add("owner_id", "must name an existing, enabled user");
            }
        }
        errors.into_result().map_err(AppError::Validation)?;
        let now = super::now();
        let id = Uuid::now_v7();
        let links: Vec<action_government::Model> = government_ids
            .iter()
            .map(|g| action_government::Model {
                action_id: id,
                government_id: *g,
                agreed: false,
                agreed_by: None,
                agreed_at: None,
            })
            .collect();
        let row = action::Entity::insert(action::ActiveModel {
            id: Set(id),
            phase_id: Set(phase.id),
            project_id: Set(phase.project_id),
            title: Set(new.title),
            description: Set(new.description),
            scope: Set(new.scope.as_str().to_owned()),
            due_date: Set(new.due_date),
            owner_id: Set(new.owner_id),
            state: Set(ActionState::Proposed.as_str().to_owned()),
            version: Set(1),
            completion_note: Set(None),
            reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            agreement_list: Set(summary::agreement_text(&links)),
            progress_notes: Set(0),
            last_progress_id: Set(None),
        })
        .exec_with_returning(txn)
        .await?;
        // `reset_all`: every column of each link is written.
        let links = links.into_iter().map(|l| l.into_active_model().reset_all());
        action_government::Entity::insert_many(links)
            .exec_without_returning(txn)
            .await?;
        let data = json!({
            "project_id": row.project_id,
            "phase_id": row.phase_id,
            "title": row.title,
            "scope": row.scope,
            "government_ids": government_ids,
            "due_date": row.due_date,
            "owner_id": row.owner_id,
        });
        Ok((row, data))
    }

    /// "Assigned" is news for the owner; the parties hear when it is agreed.
    fn notices() -> &'static [Notice] {
        &[Notice {
            template: "action_assigned",
            audience: Audience::ActionOwner,
        }]
    }
}

/// Whether `actor` may see the action: its dialogue must be visible to them, and a
/// focal point sees a bilateral action only when it involves their government.
pub async fn may_see<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &action::Model,
) -> AppResult<bool> {
    if !projects::may_see(db, actor, row.project_id).await? {
        return Ok(false);
    }
    if actor.role != Role::FocalPoint || row.scope == Scope::Collective.as_str() {
        return Ok(true);
    }
    let Some(government_id) = actor.government_id else {
        return Ok(false);
    };
    Ok(
        action_government::Entity::find_by_id((row.id, government_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// The action, or 404 when it does not exist or `actor` may not see it.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<action::Model> {
    runner::find_visible::<ActionMachine, _>(db, actor, id).await
}

/// The actions `actor` may see, as a query condition: a focal point sees the collective
/// ones and the bilateral ones that involve their government; everyone else sees all.
/// Lists and every count shown to the reader use it, so no figure reveals a hidden one.
pub fn visible_to(actor: &Actor) -> Condition {
    if actor.role != Role::FocalPoint {
        return Condition::all();
    }
    let collective = action::Column::Scope.eq(Scope::Collective.as_str());
    let Some(government_id) = actor.government_id else {
        return Condition::all().add(collective);
    };
    let involving = action_government::Entity::find()
        .select_only()
        .column(action_government::Column::ActionId)
        .filter(action_government::Column::GovernmentId.eq(government_id))
        .into_query();
    Condition::any()
        .add(collective)
        .add(action::Column::Id.in_subquery(involving))
}

/// A page of the dialogue's actions `actor` may see that `filter` keeps, oldest
/// first. The API's list and the pages' board both read through here.
pub async fn list(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    filter: &ActionFilter,
    page: PageRequest,
) -> AppResult<Page<ActionView>> {
    let query = list_query(actor, project_id, filter, Utc::now().date_naive());
    let page =
        runner::list_page::<ActionMachine>(db, actor, query, action::Column::Id, page).await?;
    // The query keeps to a dialogue `actor` may see, so a page with rows answers
    // that already; only an empty one must still tell "none" from "not yours" (404).
    if page.items.is_empty() {
        projects::find_visible(db, actor, project_id).await?;
    }
    Ok(page)
}

/// [`list`] for an actor taken from a token's claims (`auth::reader`): the page is
/// read only if the account still has that role and government and is not disabled,
/// checked in the page's own statement, so a full page costs that one statement.
/// `None` when the page comes back empty, which is also what a changed account gets:
/// the caller then reads the account and asks [`list`].
pub async fn list_as_claimed(
    db: &Db,
    actor: &Actor,
    token_generation: i32,
    project_id: Uuid,
    filter: &ActionFilter,
    page: PageRequest,
) -> AppResult<Option<Page<ActionView>>> {
    let today = Utc::now().date_naive();
    let query = claimed_list_query(actor, token_generation, project_id, filter, today);
    let page =
        runner::list_page::<ActionMachine>(db, actor, query, action::Column::Id, page).await?;
    Ok((!page.items.is_empty()).then_some(page))
}

/// The query of [`list_as_claimed`]: [`list_query`], if the account still is `actor`
/// and the token's generation still counts.
pub fn claimed_list_query(
    actor: &Actor,
    token_generation: i32,
    project_id: Uuid,
    filter: &ActionFilter,
    today: NaiveDate,
) -> Select<action::Entity> {
    list_query(actor, project_id, filter, today)
        .filter(super::users::still_is(actor, token_generation))
}

/// The query of [`list`], before its page: the dialogue's actions that `actor` may
/// see, if they may see the dialogue, that `filter` keeps. Filtered in the query, not
/// after it, so that every page is full and the cursor never skips or repeats a
/// visible action.
pub fn list_query(
    actor: &Actor,
    project_id: Uuid,
    filter: &ActionFilter,
    today: NaiveDate,
) -> Select<action::Entity> {
    action::Entity::find()
        .filter(action::Column::ProjectId.eq(project_id))
        .filter(projects::visible_dialogue(actor, project_id))
        .filter(visible_to(actor))
        .filter(kept_by(filter, today))
}

/// `filter` as a query condition, `today` deciding what is overdue. Each filter has
/// an index that walks the dialogue's actions in id order (see the migration
/// `list_filters` and `tests/api/plans.rs`), so a page costs its own rows.
pub fn kept_by(filter: &ActionFilter, today: NaiveDate) -> Condition {
    let mut kept = Condition::all();
    if let Some(phase_id) = filter.phase_id {
        kept = kept.add(action::Column::PhaseId.eq(phase_id));
    }
    if let Some(scope) = filter.scope {
        kept = kept.add(action::Column::Scope.eq(scope.as_str()));
    }
    if let Some(government_id) = filter.government_id {
        let involving = action_government::Entity::find()
            .select_only()
            .column(action_government::Column::ActionId)
            .filter(action_government::Column::GovernmentId.eq(government_id))
            .into_query();
        kept = kept.add(action::Column::Id.in_subquery(involving));
    }
    if filter.overdue {
        kept = kept
            .add(open_states())
            .add(action::Column::DueDate.lt(today));
    }
    kept
}

/// `state IN ('proposed', …)`: the domain's open states, written as literals (they
/// are the machine's own names) so that it is the very predicate of the partial index
/// of open actions, which both databases then use.
pub fn open_states() -> SimpleExpr {
    Expr::cust(OPEN_STATES_SQL.as_str())
}

/// The predicate of [`open_states`], also the partial index's `WHERE`.
pub static OPEN_STATES_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let names: Vec<String> = ActionState::open()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("state IN ({})", names.join(", "))
});

impl From<&crate::domain::commands::NewAction> for NewAction {
    fn from(new: &crate::domain::commands::NewAction) -> Self {
        Self {
            title: new.title().to_owned(),
            description: new.description().to_owned(),
            scope: new.scope(),
            government_ids: new.government_ids().to_vec(),
            due_date: new.due_date(),
            owner_id: new.owner_id(),
        }
    }
}
