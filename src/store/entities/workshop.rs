use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshops")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub phase_id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    /// technical | political | joint
    pub kind: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The venue's IANA time zone.
    pub time_zone: String,
    pub venue: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub agenda: Option<String>,
    /// draft | scheduled | held | concluded | cancelled
    pub state: String,
    pub version: i32,
    /// Calendar sequence, + 1 on each reschedule.
    pub sequence: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_reason: Option<String>,
    /// Why a coordinator concluded without every outcome submitted.
    #[sea_orm(column_type = "Text", nullable)]
    pub override_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
