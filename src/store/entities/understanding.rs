use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "understandings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub phase_id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// + 1 on each revise; endorsements count only on the current revision.
    pub revision: i32,
    /// draft | proposed | adopted | withdrawn
    pub state: String,
    pub version: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub withdraw_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
