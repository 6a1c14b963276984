//! The read model of actions and the facts their guards decide from, loaded with a
//! fixed number of queries whatever the number of actions.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::action::{ActionFacts, ActionMachine, ActionState, ActionTransition};
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability, Decision, TransitionInput};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress, phase};
use crate::store::group_by_parent;
use crate::store::runner::Stored;

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

/// Agreements, progress notes and phase states of one action or a page of them: one
/// query each, never one per action.
pub struct Related {
    pub(super) agreements: HashMap<Uuid, Vec<action_government::Model>>,
    progress: HashMap<Uuid, Vec<action_progress::Model>>,
    phase_states: HashMap<Uuid, String>,
    today: NaiveDate,
}

impl Related {
    /// Mirrors a progress note just written, so the view needs no second read.
    pub(super) fn push_progress(&mut self, note: action_progress::Model) {
        self.progress.entry(note.action_id).or_default().push(note);
    }
}

impl Stored for ActionMachine {
    type Entity = action::Entity;
    type Row = action::Model;
    type Related = Related;
    type View = ActionView;

    async fn may_see<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        row: &action::Model,
    ) -> AppResult<bool> {
        super::may_see(db, actor, row).await
    }

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        _: &Actor,
        rows: &[action::Model],
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let agreements = group_by_parent(
            action_government::Entity::find()
                .filter(action_government::Column::ActionId.is_in(ids.clone()))
                .order_by_asc(action_government::Column::GovernmentId)
                .all(db)
                .await?,
            |link| link.action_id,
        );
        // Ids are UUIDv7, so ordering by id is ordering by creation.
        let progress = group_by_parent(
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
        let phase_states = phase::Entity::find()
            .select_only()
            .column(phase::Column::Id)
            .column(phase::Column::State)
            .filter(phase::Column::Id.is_in(phase_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Related {
            agreements,
            progress,
            phase_states,
            today: Utc::now().date_naive(),
        })
    }

    fn facts(related: &Related, row: &action::Model, actor: &Actor) -> AppResult<ActionFacts> {
        let agreements = related
            .agreements
            .get(&row.id)
            .map_or(&[][..], Vec::as_slice);
        Ok(ActionFacts {
            phase_state: parse_phase_state(related.phase_states.get(&row.phase_id))?,
            involved: agreements.len(),
            agreed: agreements.iter().filter(|a| a.agreed).count(),
            actor_involved: agreements.iter().any(|a| actor.speaks_for(a.government_id)),
            actor_is_owner: row.owner_id == Some(actor.id),
        })
    }

    fn view(
        related: &mut Related,
        row: action::Model,
        _: ActionFacts,
        allowed_transitions: Vec<Availability>,
    ) -> ActionView {
        let overdue = row
            .state
            .parse()
            .is_ok_and(|s: ActionState| s.is_overdue(row.due_date, related.today));
        ActionView {
            overdue,
            progress: related.progress.remove(&row.id).unwrap_or_default(),
            agreements: related.agreements.remove(&row.id).unwrap_or_default(),
            allowed_transitions,
            row,
        }
    }

    fn stamp(
        active: &mut action::ActiveModel,
        row: &action::Model,
        decision: &Decision<ActionState>,
        transition: ActionTransition,
        _: &TransitionInput,
    ) -> Value {
        match transition {
            ActionTransition::Complete => active.completion_note = Set(decision.reason.clone()),
            ActionTransition::Drop | ActionTransition::Block => {
                active.reason = Set(decision.reason.clone());
            }
            ActionTransition::Agree | ActionTransition::Start | ActionTransition::Unblock => {}
        }
        json!({"version": row.version + 1})
    }
}

/// The foreign key guarantees the phase exists; a miss means the database is damaged.
fn parse_phase_state(state: Option<&String>) -> AppResult<PhaseState> {
    state
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an action's phase is missing")))?
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored phase state: {e}")))
}
