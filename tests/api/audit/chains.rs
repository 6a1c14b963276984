//! Reading and rearranging per-entity chains directly in the database, as an attacker
//! with database access would.
use std::collections::BTreeMap;

use concord::store::entities::event;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::helpers::TestApp;

/// Every entity's events, oldest first, keyed by entity.
pub async fn all_chains(db: &impl ConnectionTrait) -> BTreeMap<(String, Uuid), Vec<event::Model>> {
    let mut chains: BTreeMap<(String, Uuid), Vec<event::Model>> = BTreeMap::new();
    let rows = event::Entity::find()
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await
        .expect("events");
    for row in rows {
        chains
            .entry((row.entity_kind.clone(), row.entity_id))
            .or_default()
            .push(row);
    }
    chains
}

/// The longest chain that has at least `len` events: the dialogue's, in practice.
pub async fn a_chain_of_at_least(app: &TestApp, len: usize) -> Vec<event::Model> {
    all_chains(&app.state.db)
        .await
        .into_values()
        .filter(|chain| chain.len() >= len)
        .max_by_key(Vec::len)
        .expect("an entity with enough history")
}

/// Swaps the positions (`seq`) of two events, through a free temporary value because
/// `seq` is the primary key.
pub async fn swap_positions(db: &impl ConnectionTrait, a: &event::Model, b: &event::Model) {
    for (id, seq) in [(a.id, -1), (b.id, a.seq), (a.id, b.seq)] {
        event::Entity::update_many()
            .col_expr(event::Column::Seq, Expr::value(seq))
            .filter(event::Column::Id.eq(id))
            .exec(db)
            .await
            .expect("moved");
    }
}
