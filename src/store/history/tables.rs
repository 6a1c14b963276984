//! The two tables beside `events` that make per-entity chains tamper-evident as a
//! whole: each entity's head, and the checkpoints that chain the heads. Kept here, not
//! in `store/entities/`, because nothing but the history reads or writes them.

/// The newest hash of one entity's chain and how many events it holds, updated in the
/// transaction that appends. Truncating an entity's events without also rewriting this
/// row is visible; rewriting it is what the checkpoints catch.
pub mod head {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "history_heads")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub entity_kind: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub entity_id: Uuid,
        pub head_hash: String,
        pub event_count: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One sealed view of the heads: `hash = sha256(prev_hash ‖ at ‖ heads)`, where
/// `heads` is the canonical JSON of the heads that changed since the previous
/// checkpoint, so a checkpoint's size follows activity, not the number of entities.
pub mod checkpoint {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "history_checkpoints")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        #[sea_orm(unique)]
        pub prev_hash: String,
        pub hash: String,
        /// JSON text, hashed exactly as stored.
        pub heads: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
