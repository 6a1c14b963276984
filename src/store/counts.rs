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
