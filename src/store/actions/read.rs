//! The read model of actions and the facts their guards decide from, loaded with a
//! fixed number of queries whatever the number of actions.
use std::collections::HashMap;

use crate::store::group_by_parent;

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::parse_state;
use crate::domain::action::{self as machine, ActionFacts, ActionTransition};
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress, phase};

/// An action as a reader sees it.
#[derive(Debug, Clone)]
pub struct ActionView {
    pub row: action::Model,
    /// One per involved government, by government id.
    pub agreements: Vec<action_government::Model>,
    /// Oldest first.
    pub progress: Vec<action_progress::Model>,
    pub overdue: bool,
    pub allowed_transitions: Vec<Availability>,
}

impl ActionView {
    pub fn government_ids(&self) -> Vec<Uuid> {
        self.agreements.iter().map(|a| a.government_id).collect()
    }
}

/// Builds the read model of several actions: one query each for agreements, progress
/// notes and phase states, never one per action.
pub async fn load_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<action::Model>,
) -> AppResult<Vec<ActionView>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut agreements = group_by_parent(
        action_government::Entity::find()
            .filter(action_government::Column::ActionId.is_in(ids.clone()))
            .order_by_asc(action_government::Column::GovernmentId)
            .all(db)
            .await?,
        |link| link.action_id,
    );
    // Ids are UUIDv7, so ordering by id is ordering by creation.
    let mut progress = group_by_parent(
        action_progress::Entity::find()
            .filter(action_progress::Column::ActionId.is_in(ids))
            .order_by_asc(action_progress::Column::Id)
            .all(db)
            .await?,
        |note| note.action_id,
    );
    let mut phase_ids: Vec<Uuid> = rows.iter().map(|r| r.phase_id).collect();
    phase_ids.sort();
    phase_ids.dedup();
    let phase_states: HashMap<Uuid, String> = phase::Entity::find()
        .select_only()
        .column(phase::Column::Id)
        .column(phase::Column::State)
        .filter(phase::Column::Id.is_in(phase_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let today = Utc::now().date_naive();
    rows.into_iter()
        .map(|row| {
            let agreements = agreements.remove(&row.id).unwrap_or_default();
            let phase_state = parse_phase_state(phase_states.get(&row.phase_id))?;
            let facts = facts_of(actor, &row, phase_state, &agreements);
            let state = parse_state(&row)?;
            let allowed_transitions = ActionTransition::ALL
                .iter()
                .map(|t| {
                    Availability::of(
                        t.as_str(),
                        machine::check(state, *t, &facts, actor).map(|_| ()),
                    )
                })
                .collect();
            Ok(ActionView {
                overdue: state.is_overdue(row.due_date, today),
                progress: progress.remove(&row.id).unwrap_or_default(),
                agreements,
                allowed_transitions,
                row,
            })
        })
        .collect()
}

/// The facts of one action, inside the transaction that will change it; also returns
/// its agreement rows, which the caller may update.
pub(super) async fn load_facts<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &action::Model,
) -> AppResult<(ActionFacts, Vec<action_government::Model>)> {
    let agreements = action_government::Entity::find()
        .filter(action_government::Column::ActionId.eq(row.id))
        .order_by_asc(action_government::Column::GovernmentId)
        .all(db)
        .await?;
    let phase_state: Option<String> = phase::Entity::find_by_id(row.phase_id)
        .select_only()
        .column(phase::Column::State)
        .into_tuple()
        .one(db)
        .await?;
    let phase_state = parse_phase_state(phase_state.as_ref())?;
    Ok((facts_of(actor, row, phase_state, &agreements), agreements))
}

pub(super) fn facts_of(
    actor: &Actor,
    row: &action::Model,
    phase_state: PhaseState,
    agreements: &[action_government::Model],
) -> ActionFacts {
    ActionFacts {
        phase_state,
        involved: agreements.len(),
        agreed: agreements.iter().filter(|a| a.agreed).count(),
        actor_involved: agreements.iter().any(|a| actor.speaks_for(a.government_id)),
        actor_is_owner: row.owner_id == Some(actor.id),
    }
}

/// The foreign key guarantees the phase exists; a miss means the database is damaged.
fn parse_phase_state(state: Option<&String>) -> AppResult<PhaseState> {
    state
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an action's phase is missing")))?
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored phase state: {e}")))
}
