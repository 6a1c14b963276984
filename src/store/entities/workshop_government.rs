use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_governments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workshop_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub government_id: Uuid,
    /// invited | confirmed | declined | attended | absent
    pub attendance: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
