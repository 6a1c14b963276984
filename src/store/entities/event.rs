use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
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
    /// JSON text, hashed exactly as stored.
    pub data: String,
    pub at: DateTimeUtc,
    pub prev_hash: String,
    pub hash: String,
    /// The dialogue the entity belongs to (NULL outside any): an index for a
    /// dialogue's history, not hashed.
    pub project_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
