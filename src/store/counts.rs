//! Counting child rows by parent and state in one grouped query, for progress figures
//! and transition facts (never one query per parent).
use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::error::AppResult;

/// `(parent id, state) → count` for the rows of `E` whose `parent` is in `parents`.
#[derive(Debug, Default, Clone)]
pub struct StateCounts(HashMap<(Uuid, String), i64>);

impl StateCounts {
    pub async fn load<E, C>(
        db: &C,
        parent: E::Column,
        state: E::Column,
        parents: &[Uuid],
    ) -> AppResult<Self>
    where
        E: EntityTrait,
        C: ConnectionTrait,
    {
        Self::load_where::<E, C>(db, parent, state, parents, Condition::all()).await
    }

    /// As `load`, counting only the rows that also meet `only` (what a reader may see).
    pub async fn load_where<E, C>(
        db: &C,
        parent: E::Column,
        state: E::Column,
        parents: &[Uuid],
        only: Condition,
    ) -> AppResult<Self>
    where
        E: EntityTrait,
        C: ConnectionTrait,
    {
        if parents.is_empty() {
            return Ok(Self::default());
        }
        let rows: Vec<(Uuid, String, i64)> = E::find()
            .select_only()
            .column(parent)
            .column(state)
            .column_as(Expr::col(parent).count(), "n")
            .filter(parent.is_in(parents.iter().copied()))
            .filter(only)
            .group_by(parent)
            .group_by(state)
            .into_tuple()
            .all(db)
            .await?;
        Ok(Self(
            rows.into_iter().map(|(p, s, n)| ((p, s), n)).collect(),
        ))
    }

    /// How many rows of `parent` are in any of `states`.
    pub fn of(&self, parent: Uuid, states: &[&str]) -> usize {
        states
            .iter()
            .map(|s| self.0.get(&(parent, (*s).to_owned())).copied().unwrap_or(0))
            .sum::<i64>()
            .try_into()
            .unwrap_or(0)
    }

    pub fn total(&self, parent: Uuid) -> usize {
        self.0
            .iter()
            .filter(|((p, _), _)| *p == parent)
            .map(|(_, n)| *n)
            .sum::<i64>()
            .try_into()
            .unwrap_or(0)
    }
}

/// Whose work is counted: a dialogue's or a phase's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkOf {
    Project,
    Phase,
}

/// The states of the workshops, understandings and actions of some dialogues or
/// phases: what a dialogue's progress shows and what a phase's guards count.
#[derive(Debug, Default, Clone)]
pub struct WorkCounts {
    pub workshops: StateCounts,
    pub understandings: StateCounts,
    pub actions: StateCounts,
}

impl WorkCounts {
    /// Actions are counted only where they meet `actions_seen`: a reader's figures
    /// must not reveal an action they may not see.
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        of: WorkOf,
        parents: &[Uuid],
        actions_seen: Condition,
    ) -> AppResult<Self> {
        use super::entities::{action, understanding, workshop};
        let (w, u, a) = match of {
            WorkOf::Project => (
                workshop::Column::ProjectId,
                understanding::Column::ProjectId,
                action::Column::ProjectId,
            ),
            WorkOf::Phase => (
                workshop::Column::PhaseId,
                understanding::Column::PhaseId,
                action::Column::PhaseId,
            ),
        };
        Ok(Self {
            workshops: StateCounts::load::<workshop::Entity, _>(
                db,
                w,
                workshop::Column::State,
                parents,
            )
            .await?,
            understandings: StateCounts::load::<understanding::Entity, _>(
                db,
                u,
                understanding::Column::State,
                parents,
            )
            .await?,
            actions: StateCounts::load_where::<action::Entity, _>(
                db,
                a,
                action::Column::State,
                parents,
                actions_seen,
            )
            .await?,
        })
    }
}
