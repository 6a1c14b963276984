//! Each participating government's position on the current revision; the last
//! endorsement adopts the text.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;
use sea_orm::sea_query::OnConflict;
use serde_json::json;
use uuid::Uuid;

use super::UnderstandingView;
use super::view::Related;
use crate::domain::commands::SetPosition;
use crate::domain::machine::StateMachine;
use crate::domain::refusal::Refusal;
use crate::domain::transition::{Actor, TransitionInput};
use crate::domain::understanding::{
    self as domain, Position, UnderstandingMachine, UnderstandingTransition,
};
use crate::error::{AppError, AppResult};
use crate::store::entities::{endorsement, understanding};
use crate::store::outbox::NoticeTarget;
use crate::store::runner;
use crate::store::workflow::record_fact;

/// A focal point sets their government's position on the current revision; the last
/// endorsement adopts the text in the same transaction.
pub async fn set_position(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    government_id: Uuid,
    set: &SetPosition,
) -> AppResult<UnderstandingView> {
    // `SetPosition` cannot hold `pending` (what a revise resets to, not an answer).
    let (position, note, revision) = (
        set.position(),
        set.note().map(str::to_owned),
        set.revision(),
    );
    let txn = crate::store::begin_write(db).await?;
    let (row, mut related) = runner::open::<UnderstandingMachine>(&txn, actor, id).await?;
    let state = runner::state_of::<UnderstandingMachine>(&row)?;
    let takes_part = related.governments_of(&row).contains(&government_id);
    let phase_state = related.facts(&row)?.phase_state;
    domain::check_position(
        state,
        phase_state,
        row.revision,
        revision,
        actor,
        government_id,
        takes_part,
    )
    .map_err(AppError::from)?;
    let upsert = endorsement::Model {
        understanding_id: id,
        government_id,
        position: position.as_str().to_owned(),
        note,
        revision: row.revision,
        actor_id: Some(actor.id),
        updated_at: crate::store::now(),
    };
    endorsement::Entity::insert(endorsement::ActiveModel {
        understanding_id: Set(upsert.understanding_id),
        government_id: Set(upsert.government_id),
        position: Set(upsert.position.clone()),
        note: Set(upsert.note.clone()),
        revision: Set(upsert.revision),
        actor_id: Set(upsert.actor_id),
        updated_at: Set(upsert.updated_at),
    })
    .on_conflict(
        OnConflict::columns([
            endorsement::Column::UnderstandingId,
            endorsement::Column::GovernmentId,
        ])
        .update_columns([
            endorsement::Column::Position,
            endorsement::Column::Note,
            endorsement::Column::Revision,
            endorsement::Column::ActorId,
            endorsement::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    related.put_endorsement(upsert);
    let data =
        json!({"government_id": government_id, "position": position, "revision": row.revision});
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "understanding",
            entity_id: id,
            project_id: row.project_id,
        },
        "position",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    let row = if position == Position::Endorsed {
        adopt_if_all_endorsed(&txn, actor, row, &mut related).await?
    } else {
        row
    };
    let view = runner::view_of::<UnderstandingMachine>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}

/// Applies `adopt` when every participating government endorsed the current revision;
/// answers the row as it now stands.
async fn adopt_if_all_endorsed(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    row: understanding::Model,
    related: &mut Related,
) -> AppResult<understanding::Model> {
    let facts = related.facts(&row)?;
    let state = runner::state_of::<UnderstandingMachine>(&row)?;
    let adopt = UnderstandingTransition::Adopt;
    let none = TransitionInput::default();
    let decision = match UnderstandingMachine::decide(state, adopt, &facts, actor, &none) {
        Ok(decision) => decision,
        // Some government has yet to endorse the current revision: it stays proposed.
        Err(Refusal::UnderstandingNotAllEndorsed { .. }) => return Ok(row),
        Err(other) => return Err(other.into()),
    };
    runner::apply::<UnderstandingMachine>(txn, actor, row, related, &decision, adopt, &none).await
}
