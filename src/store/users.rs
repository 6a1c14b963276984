//! Accounts.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::user;
use super::history::{self, NewEvent};
use super::{Page, PageRequest};
use crate::domain::preference::NotificationPreference;
use crate::domain::role::Role;
use crate::domain::transition::Actor;
use crate::error::AppResult;

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub government_id: Option<Uuid>,
    pub locale: String,
    pub time_zone: String,
    pub password_hash: Option<String>,
}

pub async fn create(
    db: &Db,
    actor_id: Option<Uuid>,
    new: NewUser,
) -> crate::error::AppResult<user::Model> {
    let txn = super::begin_write(db).await?;
    let row = insert(&txn, actor_id, new)
        .await
        .map_err(super::errors::unique_field("email", EMAIL_TAKEN))?;
    txn.commit().await?;
    Ok(row)
}

/// Creates an account without a password and, in the same transaction, queues the
/// invitation whose single-use link lets its owner set one.
pub const EMAIL_TAKEN: &str = "an account with this email already exists";

pub async fn create_invited(
    db: &Db,
    actor_id: Option<Uuid>,
    new: NewUser,
    public_url: &str,
) -> crate::error::AppResult<user::Model> {
    let txn = super::begin_write(db).await?;
    let row = insert(&txn, actor_id, new)
        .await
        .map_err(super::errors::unique_field("email", EMAIL_TAKEN))?;
    super::one_time_tokens::issue(
        &txn,
        row.id,
        super::one_time_tokens::Purpose::Invitation,
        public_url,
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

async fn insert(
    txn: &DatabaseTransaction,
    actor_id: Option<Uuid>,
    new: NewUser,
) -> Result<user::Model, DbErr> {
    let now = super::now();
    let row = user::Entity::insert(user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(new.email),
        display_name: Set(new.display_name),
        role: Set(new.role.as_str().to_owned()),
        government_id: Set(new.government_id),
        locale: Set(new.locale),
        time_zone: Set(new.time_zone),
        password_hash: Set(new.password_hash),
        disabled: Set(false),
        notification_preference: Set(NotificationPreference::Immediate.as_str().to_owned()),
        failed_login_count: Set(0),
        failed_login_window_start: Set(None),
        locked_until: Set(None),
        token_generation: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(txn)
    .await?;
    history::append(
        txn,
        NewEvent {
            entity_kind: "user",
            entity_id: row.id,
            transition: "create".into(),
            from_state: None,
            to_state: Some("active".into()),
            actor_id,
            reason: None,
            data: json!({"email": row.email, "role": row.role, "government_id": row.government_id}),
            project_id: None,
        },
    )
    .await?;
    Ok(row)
}

/// `EXISTS` the account `actor` names, not disabled, with `actor`'s role and
/// government, whose tokens of `token_generation` still count: added to a statement
/// built for an actor taken from a token, so that it answers only if the database
/// agrees, in the same statement (`auth::reader`).
pub fn still_is(actor: &Actor, token_generation: i32) -> SimpleExpr {
    let government = match actor.government_id {
        Some(id) => user::Column::GovernmentId.eq(id),
        None => user::Column::GovernmentId.is_null(),
    };
    // Built as a bare `SELECT 1`: `Entity::find()` would first list every column of
    // `users` only for `select_only` to drop them, a twentieth of a list request's
    // instructions (callgrind, 2026-12-02). Same SQL either way.
    let account = Query::select()
        .expr(Expr::val(1))
        .from(user::Entity)
        .and_where(user::Column::Id.eq(actor.id))
        .and_where(user::Column::Disabled.eq(false))
        .and_where(user::Column::Role.eq(actor.role.as_str()))
        .and_where(government)
        .and_where(user::Column::TokenGeneration.eq(token_generation))
        .take();
    Expr::exists(account)
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

pub async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
}

/// The accounts of `ids` (a page's recipients, say), in one query.
pub async fn by_ids(db: &Db, ids: &[Uuid]) -> Result<Vec<user::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

pub async fn count(db: &Db) -> Result<u64, DbErr> {
    user::Entity::find().count(db).await
}

pub async fn list(db: &Db, request: PageRequest) -> Result<Page<user::Model>, DbErr> {
    super::fetch_page(db, user::Entity::find(), user::Column::Id, request, |u| {
        u.id
    })
    .await
}

/// What `user` has asked for; a stored name Concord does not know counts as
/// `immediate`, which is what the worker does with it too.
pub fn notification_preference(user: &user::Model) -> NotificationPreference {
    user.notification_preference
        .parse()
        .unwrap_or(NotificationPreference::Immediate)
}

/// Sets a person's own email preference. A change is recorded in the history; asking
/// for what is already set changes and records nothing. Messages already held for a
/// digest stay held: when they come due the worker applies the preference of then.
pub async fn set_notification_preference(
    db: &Db,
    user_id: Uuid,
    preference: NotificationPreference,
) -> AppResult<NotificationPreference> {
    let txn = super::begin_write(db).await?;
    let row = super::workflow::lock::<user::Entity>(&txn, user_id).await?;
    let previous = notification_preference(&row);
    if previous == preference {
        return Ok(preference);
    }
    let mut active = row.into_active_model();
    active.notification_preference = Set(preference.as_str().to_owned());
    active.updated_at = Set(super::now());
    active.update(&txn).await?;
    history::append(
        &txn,
        NewEvent {
            entity_kind: "user",
            entity_id: user_id,
            transition: "notification_preference".into(),
            from_state: None,
            to_state: None,
            actor_id: Some(user_id),
            reason: None,
            data: json!({"previous": previous, "preference": preference}),
            project_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(preference)
}

/// A person's language for pages and emails, from the language switcher.
pub async fn set_locale(db: &Db, user_id: Uuid, locale: &str) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::Locale,
            sea_orm::sea_query::Expr::value(locale),
        )
        .col_expr(
            user::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(super::now()),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}

impl NewUser {
    /// The store's input for a parsed account (API, demo seeder and CLI alike).
    pub fn from_parsed(
        parsed: &crate::domain::commands::NewUser,
        password_hash: Option<String>,
    ) -> Self {
        Self {
            email: parsed.email().to_owned(),
            display_name: parsed.display_name().to_owned(),
            role: parsed.role(),
            government_id: parsed.government_id(),
            locale: parsed.locale().to_owned(),
            time_zone: parsed.time_zone().to_owned(),
            password_hash,
        }
    }
}
