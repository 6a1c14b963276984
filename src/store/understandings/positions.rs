//! Each participating government's position on the current revision; the last
//! endorsement adopts the text.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

use super::view::Related;
use super::{UnderstandingView, get, parse_state, target};
use crate::domain::commands::SetPosition;
use crate::domain::refusal::Refusal;
use crate::domain::transition::{Actor, TransitionInput};
use crate::domain::understanding::{
    self as machine, Position, UnderstandingState, UnderstandingTransition,
};
use crate::error::{AppError, AppResult};
use crate::store::entities::{endorsement, understanding};
use crate::store::projects;
use crate::store::workflow::{lock, record, record_fact};

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
    let row = lock::<understanding::Entity>(&txn, id).await?;
    if !projects::may_see(&txn, actor, row.project_id).await? {
        return Err(AppError::NotFound);
    }
    let state = parse_state(&row)?;
    let related = Related::load(&txn, std::slice::from_ref(&row)).await?;
    let takes_part = related.governments_of(&row).contains(&government_id);
    let phase_state = related.facts(&row)?.phase_state;
    machine::check_position(
        state,
        phase_state,
        row.revision,
        revision,
        actor,
        government_id,
        takes_part,
    )
    .map_err(AppError::from)?;
    let upsert = endorsement::ActiveModel {
        understanding_id: Set(id),
        government_id: Set(government_id),
        position: Set(position.as_str().to_owned()),
        note: Set(note),
        revision: Set(row.revision),
        actor_id: Set(Some(actor.id)),
        updated_at: Set(crate::store::now()),
    };
    endorsement::Entity::insert(upsert)
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
    let data =
        json!({"government_id": government_id, "position": position, "revision": row.revision});
    record_fact(
        &txn,
        "understanding",
        id,
        "position",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    if position == Position::Endorsed {
        adopt_if_all_endorsed(&txn, actor, &row, state).await?;
    }
    txn.commit().await?;
    get(db, actor, id).await
}

/// Applies `adopt` when every participating government endorsed the current revision.
async fn adopt_if_all_endorsed(
    txn: &DatabaseTransaction,
    actor: &Actor,
    row: &understanding::Model,
    state: UnderstandingState,
) -> AppResult<()> {
    let facts = Related::load(txn, std::slice::from_ref(row))
        .await?
        .facts(row)?;
    let adopt = UnderstandingTransition::Adopt;
    let decision = match machine::decide(state, adopt, &facts, actor, &TransitionInput::default()) {
        Ok(decision) => decision,
        // Some government has yet to endorse the current revision: it stays proposed.
        Err(Refusal::UnderstandingNotAllEndorsed { .. }) => return Ok(()),
        Err(other) => return Err(other.into()),
    };
    let mut active = row.clone().into_active_model();
    active.state = Set(decision.to.as_str().to_owned());
    active.version = Set(row.version + 1);
    active.updated_at = Set(crate::store::now());
    active.update(txn).await?;
    let data = json!({"version": row.version + 1, "revision": row.revision});
    record(
        txn,
        "understanding",
        row.id,
        &decision,
        actor,
        data,
        target(row),
    )
    .await
}
