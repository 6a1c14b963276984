//! Changes to an existing account, each in one transaction with its history event:
//! an administrator disabling or enabling it, and its owner changing their profile
//! or their password. Both doors (API, pages) call these. And one that is not a
//! change: a sign-in upgrading its password's hash to today's cost.
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::Db;
use super::entities::user;
use super::history::{self, NewEvent};
use crate::domain::commands::ProfileChange;
use crate::domain::operations;
use crate::domain::transition::Actor;
use crate::error::AppResult;

fn account_state(disabled: bool) -> &'static str {
    if disabled { "disabled" } else { "active" }
}

/// Disables (or enables) `target` on `actor`'s word. Disabling ends at once every page
/// session and refresh token of the account; its access tokens stop working because
/// `CurrentUser` reads the flag on every request. Asking for what is already so
/// changes and records nothing.
pub async fn set_disabled(
    db: &Db,
    actor: &Actor,
    target: Uuid,
    disabled: bool,
) -> AppResult<user::Model> {
    if disabled {
        operations::may_disable(actor, target)?;
    } else {
        operations::may_enable(actor)?;
    }
    let txn = super::begin_write(db).await?;
    let row = super::workflow::lock::<user::Entity>(&txn, target).await?;
    if row.disabled == disabled {
        return Ok(row);
    }
    let now = super::now();
    let mut active = row.into_active_model();
    active.disabled = Set(disabled);
    active.updated_at = Set(now);
    let row = active.update(&txn).await?;
    if disabled {
        super::sessions::revoke_all_for_user(&txn, target).await?;
        super::tokens::revoke_all_for_user(&txn, target).await?;
    }
    history::append(
        &txn,
        NewEvent {
            project_id: None,
            entity_kind: "user",
            entity_id: target,
            transition: if disabled { "disable" } else { "enable" }.into(),
            from_state: Some(account_state(!disabled).into()),
            to_state: Some(account_state(disabled).into()),
            actor_id: Some(actor.id),
            reason: None,
            data: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// A person's own name, language and time zone; what the change leaves out stays.
/// Recorded in the history when anything changed.
pub async fn update_profile(
    db: &Db,
    user_id: Uuid,
    change: &ProfileChange,
) -> AppResult<user::Model> {
    let txn = super::begin_write(db).await?;
    let row = super::workflow::lock::<user::Entity>(&txn, user_id).await?;
    let mut changed = serde_json::Map::new();
    let mut active = row.clone().into_active_model();
    if let Some(name) = change.display_name()
        && name != row.display_name
    {
        active.display_name = Set(name.to_owned());
        changed.insert("display_name".into(), json!(name));
    }
    if let Some(locale) = change.locale()
        && locale != row.locale
    {
        active.locale = Set(locale.to_owned());
        changed.insert("locale".into(), json!(locale));
    }
    if let Some(zone) = change.time_zone()
        && zone != row.time_zone
    {
        active.time_zone = Set(zone.to_owned());
        changed.insert("time_zone".into(), json!(zone));
    }
    if changed.is_empty() {
        return Ok(row);
    }
    active.updated_at = Set(super::now());
    let row = active.update(&txn).await?;
    history::append(
        &txn,
        NewEvent {
            project_id: None,
            entity_kind: "user",
            entity_id: user_id,
            transition: "profile".into(),
            from_state: None,
            to_state: None,
            actor_id: Some(user_id),
            reason: None,
            data: serde_json::Value::Object(changed),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Sets a person's new password hash (the caller checked the current one) and ends
/// every refresh token and every page session of the account but `keep`, the session
/// the change was made from, if any.
pub async fn change_password(
    db: &Db,
    user_id: Uuid,
    password_hash: String,
    keep: Option<&str>,
) -> AppResult<()> {
    let txn = super::begin_write(db).await?;
    let row = super::workflow::lock::<user::Entity>(&txn, user_id).await?;
    let mut active = row.into_active_model();
    active.password_hash = Set(Some(password_hash));
    active.updated_at = Set(super::now());
    active.update(&txn).await?;
    super::tokens::revoke_all_for_user(&txn, user_id).await?;
    match keep {
        Some(token) => super::sessions::revoke_others(&txn, user_id, token).await?,
        None => super::sessions::revoke_all_for_user(&txn, user_id).await?,
    }
    history::append(
        &txn,
        NewEvent {
            project_id: None,
            entity_kind: "user",
            entity_id: user_id,
            transition: "change_password".into(),
            from_state: None,
            to_state: None,
            actor_id: Some(user_id),
            reason: None,
            data: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces a password hash made under an older argon2 cost with `new_hash`, the
/// same password under today's, right after a sign-in proved it. Only while the
/// stored hash is still `old_hash`: a password changed meanwhile is left alone. Not a
/// change of the password, so nothing is revoked or recorded.
pub async fn upgrade_password_hash(
    db: &Db,
    user_id: Uuid,
    old_hash: &str,
    new_hash: String,
) -> Result<(), sea_orm::DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(new_hash))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::PasswordHash.eq(old_hash))
        .exec(db)
        .await?;
    Ok(())
}
