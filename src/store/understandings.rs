//! Common understandings: creation, reads, transitions and text edits. The read model
//! is in `view`, the governments' positions (and adoption) in `positions`.
mod positions;
mod view;

use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

pub use positions::set_position;
pub use view::{UnderstandingView, load_views};

use super::admission::admit;
use super::entities::{endorsement, phase, understanding};
use super::outbox::NoticeTarget;
use super::workflow::{lock, record, record_fact, settle};
use super::{Page, PageRequest, phases, projects};
use crate::domain::refusal::{Machine, Refusal};
use crate::domain::transition::{Actor, Detail, TransitionInput};
use crate::domain::understanding::{
    self as machine, Position, Requested, UnderstandingState, UnderstandingTransition,
};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use view::{Related, participating};

pub struct NewUnderstanding {
    pub title: String,
    pub text: String,
}

pub fn parse_state(row: &understanding::Model) -> AppResult<UnderstandingState> {
    row.state
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored understanding state: {e}")))
}

/// `input` is parsed only once the actor is allowed to create (see `admission`).
pub async fn create(
    db: &Db,
    actor: &Actor,
    phase_id: Uuid,
    input: impl FnOnce() -> Result<NewUnderstanding, FieldErrors>,
) -> AppResult<UnderstandingView> {
    let txn = super::begin_write(db).await?;
    phases::find_visible(&txn, actor, phase_id).await?;
    let new = admit(actor, input)?;
    // Locked because completing a phase counts its open understandings: a text must
    // not slip into a phase that is being completed at the same moment.
    let phase = lock::<phase::Entity>(&txn, phase_id).await?;
    if phases::parse_state(&phase)?.is_closed() {
        return Err(Refusal::PhaseClosed {
            machine: Machine::Understanding,
        }
        .into());
    }
    let now = super::now();
    let row = understanding::Entity::insert(understanding::ActiveModel {
        id: Set(Uuid::now_v7()),
        phase_id: Set(phase.id),
        project_id: Set(phase.project_id),
        title: Set(new.title),
        text: Set(new.text),
        revision: Set(1),
        state: Set(UnderstandingState::Draft.as_str().to_owned()),
        version: Set(1),
        withdraw_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(&txn)
    .await?;
    let governments = participating(&txn, &[phase.project_id])
        .await?
        .remove(&phase.project_id)
        .unwrap_or_default();
    let pending = governments.iter().map(|g| endorsement::ActiveModel {
        understanding_id: Set(row.id),
        government_id: Set(*g),
        position: Set(Position::Pending.as_str().to_owned()),
        note: Set(None),
        revision: Set(row.revision),
        actor_id: Set(None),
        updated_at: Set(now),
    });
    endorsement::Entity::insert_many(pending)
        .exec_without_returning(&txn)
        .await?;
    // The text is kept in the chained history so every negotiated wording is on record.
    let data = json!({"phase_id": phase.id, "title": row.title, "text": row.text});
    record_fact(
        &txn,
        "understanding",
        row.id,
        "create",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, row.id).await
}

/// The understanding, or 404 when it does not exist or its dialogue is out of sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<understanding::Model> {
    let row = understanding::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if projects::may_see(db, actor, row.project_id).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn get(db: &Db, actor: &Actor, id: Uuid) -> AppResult<UnderstandingView> {
    let row = find_visible(db, actor, id).await?;
    let mut views = load_views(db, actor, vec![row]).await?;
    views.pop().ok_or(AppError::NotFound)
}

pub async fn list(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    page: PageRequest,
) -> AppResult<Page<UnderstandingView>> {
    projects::find_visible(db, actor, project_id).await?;
    let query =
        understanding::Entity::find().filter(understanding::Column::ProjectId.eq(project_id));
    let page = super::fetch_page(db, query, understanding::Column::Id, page, |u| u.id).await?;
    let views = view::load(db, actor, page.items, Detail::Summary).await?;
    Ok(Page {
        items: views,
        next_cursor: page.next_cursor,
    })
}

pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    requested: Requested,
    version: i32,
    input: &TransitionInput,
) -> AppResult<UnderstandingView> {
    let transition = requested.transition();
    let txn = super::begin_write(db).await?;
    let row = lock::<understanding::Entity>(&txn, id).await?;
    if !projects::may_see(&txn, actor, row.project_id).await? {
        return Err(AppError::NotFound);
    }
    let facts = Related::load(&txn, std::slice::from_ref(&row))
        .await?
        .facts(&row)?;
    let decision = settle(
        machine::decide(parse_state(&row)?, transition, &facts, actor, input),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.state = Set(decision.to.as_str().to_owned());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
    let mut revision = row.revision;
    match transition {
        UnderstandingTransition::Withdraw => active.withdraw_reason = Set(decision.reason.clone()),
        UnderstandingTransition::Revise => {
            revision += 1;
            active.revision = Set(revision);
            reset_positions(&txn, id, revision).await?;
        }
        _ => {}
    }
    active.update(&txn).await?;
    let data = json!({"version": row.version + 1, "revision": revision});
    record(
        &txn,
        "understanding",
        id,
        &decision,
        actor,
        data,
        target(&row),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

/// After a revise every government answers afresh, on the new revision.
async fn reset_positions(txn: &DatabaseTransaction, id: Uuid, revision: i32) -> AppResult<()> {
    endorsement::Entity::update_many()
        .set(endorsement::ActiveModel {
            position: Set(Position::Pending.as_str().to_owned()),
            note: Set(None),
            revision: Set(revision),
            actor_id: Set(None),
            updated_at: Set(super::now()),
            ..Default::default()
        })
        .filter(endorsement::Column::UnderstandingId.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

pub(super) fn target(row: &understanding::Model) -> NoticeTarget {
    NoticeTarget {
        project_id: row.project_id,
        entity_kind: "understanding",
        entity_id: row.id,
    }
}

/// Replaces the text of a draft (`PATCH`).
pub async fn edit_text(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    text: String,
    version: i32,
) -> AppResult<UnderstandingView> {
    let txn = super::begin_write(db).await?;
    let row = lock::<understanding::Entity>(&txn, id).await?;
    if !projects::may_see(&txn, actor, row.project_id).await? {
        return Err(AppError::NotFound);
    }
    let phase = phase::Entity::find_by_id(row.phase_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("understanding {id} has no phase")))?;
    settle(
        machine::check_edit(parse_state(&row)?, phases::parse_state(&phase)?, actor),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.text = Set(text.clone());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
    active.update(&txn).await?;
    let data = json!({"version": row.version + 1, "revision": row.revision, "text": text});
    record_fact(
        &txn,
        "understanding",
        id,
        "edit",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

impl From<&crate::domain::commands::NewUnderstanding> for NewUnderstanding {
    fn from(new: &crate::domain::commands::NewUnderstanding) -> Self {
        Self {
            title: new.title().to_owned(),
            text: new.text().to_owned(),
        }
    }
}
