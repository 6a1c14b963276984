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
use serde_json::{Value, json};
use uuid::Uuid;

pub use positions::set_position;
pub use view::{Related, UnderstandingView};

use super::create::NewChild;
use super::entities::{endorsement, phase, understanding};
use super::outbox::NoticeTarget;
use super::runner;
use super::workflow::{record_fact, settle};
use super::{Page, PageRequest, projects};
use crate::domain::phase::{PhaseMachine, PhaseState};
use crate::domain::refusal::{Machine, Refusal};
use crate::domain::transition::Actor;
use crate::domain::understanding::{
    self as domain, Position, UnderstandingMachine, UnderstandingState,
};
use crate::error::AppResult;
use view::participating;

pub struct NewUnderstanding {
    pub title: String,
    pub text: String,
}

impl NewChild for NewUnderstanding {
    type Machine = UnderstandingMachine;
    type Parent = PhaseMachine;

    fn parent_open(state: PhaseState) -> Result<(), Refusal> {
        state.admit(Machine::Understanding)
    }

    async fn insert(
        self,
        txn: &DatabaseTransaction,
        phase: &phase::Model,
    ) -> AppResult<(understanding::Model, Value)> {
        let new = self;
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
        .exec_with_returning(txn)
        .await?;
        let governments = participating(txn, &[phase.project_id])
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
            .exec_without_returning(txn)
            .await?;
        // The text is kept in the chained history so every negotiated wording is on record.
        let data = json!({"phase_id": phase.id, "title": row.title, "text": row.text});
        Ok((row, data))
    }
}

/// The understanding, or 404 when it does not exist or its dialogue is out of sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<understanding::Model> {
    runner::find_visible::<UnderstandingMachine, _>(db, actor, id).await
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
    runner::list_page::<UnderstandingMachine>(db, actor, query, understanding::Column::Id, page)
        .await
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
    let (row, mut related) = runner::open::<UnderstandingMachine>(&txn, actor, id).await?;
    let phase_state = related.facts(&row)?.phase_state;
    let state = runner::state_of::<UnderstandingMachine>(&row)?;
    settle(
        domain::check_edit(state, phase_state, actor),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.text = Set(text.clone());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
    let edited = active.update(&txn).await?;
    let data = json!({"version": row.version + 1, "revision": row.revision, "text": text});
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "understanding",
            entity_id: id,
            project_id: row.project_id,
        },
        "edit",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    let view = runner::view_of::<UnderstandingMachine>(&mut related, edited, actor)?;
    txn.commit().await?;
    Ok(view)
}

impl From<&crate::domain::commands::NewUnderstanding> for NewUnderstanding {
    fn from(new: &crate::domain::commands::NewUnderstanding) -> Self {
        Self {
            title: new.title().to_owned(),
            text: new.text().to_owned(),
        }
    }
}
