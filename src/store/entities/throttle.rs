use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttles")]
pub struct Model {
    /// What is counted, e.g. `login:<sha256 of the email>`; see `store::throttles`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Attempts reserved in the current window.
    pub hits: i32,
    /// When the window (or the lock that followed a full window) ends; a row past
    /// it counts as absent.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
