use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub government_id: Option<Uuid>,
    pub locale: String,
    pub time_zone: String,
    /// None until an invited user sets a password.
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// immediate | daily_digest | off (`domain::preference::NotificationPreference`).
    pub notification_preference: String,
    pub failed_login_count: i32,
    pub failed_login_window_start: Option<DateTimeUtc>,
    pub locked_until: Option<DateTimeUtc>,
    /// Access tokens issued in an older generation no longer count (the
    /// `token_generation` migration says why).
    pub token_generation: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
