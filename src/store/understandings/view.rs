//! The read model of common understandings and the facts their guards depend on,
//! loaded with a fixed number of queries however many rows are read.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::parse_state;
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability, Detail};
use crate::domain::understanding::{
    self as machine, Position, UnderstandingFacts, UnderstandingTransition,
};
use crate::error::{AppError, AppResult};
use crate::store::entities::{endorsement, phase, project_government, understanding};
use crate::store::phases;

/// A common understanding as a reader sees it.
#[derive(Debug, Clone)]
pub struct UnderstandingView {
    pub row: understanding::Model,
    /// One per participating government, ordered by government id.
    pub endorsements: Vec<endorsement::Model>,
    /// Every transition with its reason on a single read; on a list, only the allowed.
    pub allowed_transitions: Vec<Availability>,
}

/// What the guards of a set of understandings depend on, loaded with one query per
/// table whatever the number of rows.
pub(super) struct Related {
    endorsements: HashMap<Uuid, Vec<endorsement::Model>>,
    phase_states: HashMap<Uuid, PhaseState>,
    governments: HashMap<Uuid, Vec<Uuid>>,
}

impl Related {
    pub(super) async fn load<C: ConnectionTrait>(
        db: &C,
        rows: &[understanding::Model],
    ) -> AppResult<Self> {
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
            .map(|p| Ok((p.id, phases::parse_state(p)?)))
            .collect::<AppResult<_>>()?;
        let project_ids = distinct(rows.iter().map(|r| r.project_id));
        let governments = participating(db, &project_ids).await?;
        Ok(Self {
            endorsements,
            phase_states,
            governments,
        })
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

/// Builds the read model of several understandings with a fixed number of queries, as
/// a single read shows them.
pub async fn load_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<understanding::Model>,
) -> AppResult<Vec<UnderstandingView>> {
    load(db, actor, rows, Detail::Full).await
}

/// The read model of several understandings; `detail` says how much of their
/// transitions.
pub(super) async fn load<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<understanding::Model>,
    detail: Detail,
) -> AppResult<Vec<UnderstandingView>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut related = Related::load(db, &rows).await?;
    rows.into_iter()
        .map(|row| {
            let facts = related.facts(&row)?;
            let state = parse_state(&row)?;
            let allowed_transitions = detail.availability(
                &UnderstandingTransition::REQUESTABLE,
                UnderstandingTransition::as_str,
                |t| machine::check(state, t, &facts, actor).map(|_| ()),
            );
            Ok(UnderstandingView {
                endorsements: related.endorsements.remove(&row.id).unwrap_or_default(),
                row,
                allowed_transitions,
            })
        })
        .collect()
}
