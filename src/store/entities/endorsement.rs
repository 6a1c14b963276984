use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "endorsements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub understanding_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub government_id: Uuid,
    /// pending | endorsed | reservation | objection
    pub position: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// The understanding revision this position applies to.
    pub revision: i32,
    pub actor_id: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
