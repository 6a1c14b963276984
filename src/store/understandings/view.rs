//! The read model of common understandings and the facts their guards depend on,
//! loaded with a fixed number of queries however many rows are read.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::phase::{PhaseMachine, PhaseState};
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::domain::understanding::{
    Position, UnderstandingFacts, UnderstandingMachine, UnderstandingState, UnderstandingTransition,
};
use crate::error::{AppError, AppResult};
use crate::store::entities::{endorsement, phase, project_government, understanding};
use crate::store::runner::{self, Stored};

/// A common understanding as a reader sees it.
#[derive(Debug, Clone)]
pub struct UnderstandingView {
    pub row: understanding::Model,
    /// One per participating government, ordered by government id.
    pub endorsements: Vec<endorsement::Model>,
    pub allowed_transitions: Vec<Availability>,
}

/// What the guards of a set of understandings depend on, loaded with one query per
/// table whatever the number of rows.
pub struct Related {
    endorsements: HashMap<Uuid, Vec<endorsement::Model>>,
    phase_states: HashMap<Uuid, PhaseState>,
    governments: HashMap<Uuid, Vec<Uuid>>,
}

impl Related {
    /// Mirrors a position just written, so the view needs no second read.
    pub(super) fn put_endorsement(&mut self, written: endorsement::Model) {
        let rows = self
            .endorsements
            .entry(written.understanding_id)
            .or_default();
        match rows
            .iter_mut()
            .find(|e| e.government_id == written.government_id)
        {
            Some(row) => *row = written,
            None => {
                rows.push(written);
                rows.sort_by_key(|e| e.government_id);
            }
        }
    }

    pub(super) fn governments_of(&self, row: &understanding::Model) -> &[Uuid] {
        self.governments
            .get(&row.project_id)
            .map_or(&[], Vec::as_slice)
    }

    pub(super) fn facts(&self, row: &understanding::Model) -> AppResult<UnderstandingFacts> {
        let phase_state = *self.phase_states.get(&row.phase_id).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("understanding {} has no phase", row.id))
        })?;
        let governments = self.governments_of(row);
        let endorsed = Position::Endorsed.as_str();
        // Only positions on the current revision count: a revise makes older ones moot.
        let endorsed_current = self
            .endorsements
            .get(&row.id)
            .into_iter()
            .flatten()
            .filter(|e| e.revision == row.revision && e.position == endorsed)
            .filter(|e| governments.contains(&e.government_id))
            .count();
        Ok(UnderstandingFacts {
            phase_state,
            participating: governments.len(),
            endorsed_current,
        })
    }
}

/// A page of rows mostly shares one phase and one dialogue: ask for each id once.
fn distinct(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The governments taking part in each of `project_ids`.
pub(super) async fn participating<C: ConnectionTrait>(
    db: &C,
    project_ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<Uuid>>> {
    let mut governments: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for link in project_government::Entity::find()
        .filter(project_government::Column::ProjectId.is_in(project_ids.iter().copied()))
        .all(db)
        .await?
    {
        governments
            .entry(link.project_id)
            .or_default()
            .push(link.government_id);
    }
    Ok(governments)
}

impl Stored for UnderstandingMachine {
    type Entity = understanding::Entity;
    type Row = understanding::Model;
    type Related = Related;
    type View = UnderstandingView;

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        _: &Actor,
        rows: &[understanding::Model],
        _: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let endorsements = crate::store::group_by_parent(
            endorsement::Entity::find()
                .filter(endorsement::Column::UnderstandingId.is_in(ids))
                .order_by_asc(endorsement::Column::GovernmentId)
                .all(db)
                .await?,
            |e| e.understanding_id,
        );
        let phase_ids = distinct(rows.iter().map(|r| r.phase_id));
        let phase_states = phase::Entity::find()
            .filter(phase::Column::Id.is_in(phase_ids))
            .all(db)
            .await?
            .iter()
            .map(|p| Ok((p.id, runner::state_of::<PhaseMachine>(p)?)))
            .collect::<AppResult<_>>()?;
        let project_ids = distinct(rows.iter().map(|r| r.project_id));
        let governments = participating(db, &project_ids).await?;
        Ok(Related {
            endorsements,
            phase_states,
            governments,
        })
    }

    fn facts(
        related: &Related,
        row: &understanding::Model,
        _: &Actor,
    ) -> AppResult<UnderstandingFacts> {
        related.facts(row)
    }

    fn view(
        related: &mut Related,
        row: understanding::Model,
        _: UnderstandingFacts,
        allowed_transitions: Vec<Availability>,
    ) -> UnderstandingView {
        UnderstandingView {
            endorsements: related.endorsements.remove(&row.id).unwrap_or_default(),
            row,
            allowed_transitions,
        }
    }

    fn stamp(
        active: &mut understanding::ActiveModel,
        row: &understanding::Model,
        decision: &Decision<UnderstandingState>,
        transition: UnderstandingTransition,
        _: &TransitionInput,
    ) -> Value {
        let mut revision = row.revision;
        match transition {
            UnderstandingTransition::Withdraw => {
                active.withdraw_reason = Set(decision.reason.clone());
            }
            UnderstandingTransition::Revise => {
                revision += 1;
                active.revision = Set(revision);
            }
            UnderstandingTransition::Propose | UnderstandingTransition::Adopt => {}
        }
        json!({"version": row.version + 1, "revision": revision})
    }

    /// After a revise every government answers afresh, on the new revision.
    async fn after_update(
        txn: &DatabaseTransaction,
        row: &understanding::Model,
        transition: UnderstandingTransition,
        related: &mut Related,
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        if transition != UnderstandingTransition::Revise {
            return Ok(());
        }
        let pending = Position::Pending.as_str();
        endorsement::Entity::update_many()
            .set(endorsement::ActiveModel {
                position: Set(pending.to_owned()),
                note: Set(None),
                revision: Set(row.revision),
                actor_id: Set(None),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(endorsement::Column::UnderstandingId.eq(row.id))
            .exec(txn)
            .await?;
        for endorsement in related.endorsements.entry(row.id).or_default() {
            endorsement.position = pending.to_owned();
            endorsement.note = None;
            endorsement.revision = row.revision;
            endorsement.actor_id = None;
            endorsement.updated_at = now;
        }
        Ok(())
    }
}
