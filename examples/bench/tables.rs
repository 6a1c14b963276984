//! The tables the bare server and the fill touch, declared here rather than imported
//! from Concord: the bare server must not run any of Concord's code, and the fill
//! writes rows as the migrations define them (the columns are checked by Concord
//! itself reading them, and by `concord audit verify` after the fill).
//!
//! `bench_events` is the bare server's own history table: a copy of `events` with the
//! same columns and index, so that its transitions write a history row of the same
//! shape without breaking Concord's hash chains (which `audit verify` would report).

pub mod action {
    use sea_orm::entity::prelude::*;
    use serde::Serialize;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
    #[sea_orm(table_name = "actions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub phase_id: Uuid,
        pub project_id: Uuid,
        pub title: String,
        #[sea_orm(column_type = "Text")]
        pub description: String,
        pub scope: String,
        pub due_date: Date,
        pub owner_id: Option<Uuid>,
        pub state: String,
        pub version: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub completion_note: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod action_government {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_governments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub government_id: Uuid,
        pub agreed: bool,
        pub agreed_by: Option<Uuid>,
        pub agreed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Concord's `events`, read by the bare server's history and written by the fill.
pub mod event {
    use sea_orm::entity::prelude::*;
    use serde::Serialize;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
    #[sea_orm(table_name = "events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        #[sea_orm(unique)]
        pub id: Uuid,
        pub entity_kind: String,
        pub entity_id: Uuid,
        /// The dialogue the event is filed under (outside the hash; `audit verify`
        /// calls an event filed elsewhere than its entity's dialogue misfiled).
        pub project_id: Option<Uuid>,
        pub transition: String,
        pub from_state: Option<String>,
        pub to_state: Option<String>,
        pub actor_id: Option<Uuid>,
        pub reason: Option<String>,
        pub data: String,
        pub at: DateTimeUtc,
        pub prev_hash: String,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The bare server's history rows: the columns of `events`, in a table of its own.
pub mod bench_event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "bench_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        #[sea_orm(unique)]
        pub id: Uuid,
        pub entity_kind: String,
        pub entity_id: Uuid,
        pub transition: String,
        pub from_state: Option<String>,
        pub to_state: Option<String>,
        pub actor_id: Option<Uuid>,
        pub reason: Option<String>,
        pub data: String,
        pub at: DateTimeUtc,
        pub prev_hash: String,
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod history_head {
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
