use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub template: String,
    pub recipient_user_id: Uuid,
    /// JSON text.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    /// pending | sent | dead | skipped
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// Held for its recipient's daily digest: only the digest pass sends it.
    pub digest: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
