//! Single-use tokens for account invitations (72 hours) and password resets (1 hour).
//! Only the token's hash is stored with the account; the link travels in the email.
use crate::store::Db;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::{one_time_token, outbox, user};
use super::history::{self, NewEvent};
use super::throttles::{Limit, Reservation};
use super::tokens::{hash_token, new_opaque_token};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }

    fn lifetime(self) -> TimeDelta {
        match self {
            Purpose::Invitation => TimeDelta::hours(72),
            Purpose::PasswordReset => TimeDelta::hours(1),
        }
    }

    fn template(self) -> &'static str {
        match self {
            Purpose::Invitation => "account_invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }

    fn page(self) -> &'static str {
        match self {
            Purpose::Invitation => "set-password",
            Purpose::PasswordReset => "reset-password",
        }
    }
}

/// Issues a token for `user_id` and queues the email carrying its link, in the
/// caller's transaction. Earlier unused tokens of the same purpose stop working.
pub async fn issue(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    purpose: Purpose,
    public_url: &str,
) -> AppResult<()> {
    let now = super::now();
    retire_unused(txn, user_id, purpose, now).await?;
    let token = new_opaque_token()?;
    let token_id = Uuid::now_v7();
    one_time_token::Entity::insert(one_time_token::ActiveModel {
        id: Set(token_id),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + purpose.lifetime()),
        created_at: Set(now),
        used_at: Set(None),
    })
    .exec_without_returning(txn)
    .await?;
    let link = format!(
        "{}/{}?token={token}",
        public_url.trim_end_matches('/'),
        purpose.page()
    );
    // The raw token is needed once, to render the email; it lives in the outbox row
    // only until delivery (see the closing note on scrubbing sent payloads).
    let payload = json!({"entity_kind": "user", "entity_id": user_id, "link": link});
    let key = format!("{}:{token_id}", purpose.template());
    outbox::Entity::insert(super::outbox::pending_row(
        key,
        purpose.template(),
        user_id,
        &payload,
        now,
    ))
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

async fn retire_unused(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::UserId.eq(user_id))
        .filter(one_time_token::Column::Purpose.eq(purpose.as_str()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(txn)
        .await
        .map(|_| ())
}

/// Asks for a reset. Nothing is sent beyond the client's and the address's throttles,
/// nor for an unknown or disabled account, and the caller answers the same either
/// way. Every case takes the same write transaction with the same lookups, so the
/// time taken does not tell whether an account exists either.
pub async fn request_reset(
    db: &Db,
    email: &str,
    throttles: &[(String, Limit)],
    public_url: &str,
) -> AppResult<()> {
    let txn = super::begin_write(db).await?;
    let mut granted = true;
    for (key, limit) in throttles {
        // Stops at the first refusal, so a refused client uses up no address's quota.
        if super::throttles::reserve(&txn, key, limit).await? != Reservation::Granted {
            granted = false;
            break;
        }
    }
    let account = super::users::find_by_email(&txn, email).await?;
    match account.filter(|row| granted && !row.disabled) {
        Some(row) => issue(&txn, row.id, Purpose::PasswordReset, public_url).await?,
        // The same first statement as `issue`, matching nothing.
        None => retire_unused(&txn, Uuid::nil(), Purpose::PasswordReset, super::now()).await?,
    }
    txn.commit().await?;
    Ok(())
}

fn invalid_token() -> AppError {
    AppError::refused(
        "auth.invalid_reset_token",
        "This link is not valid any more; ask for a new one.",
    )
}

/// Spends an invitation or reset token and sets the new password hash; every
/// refresh token and page session of the account is revoked, and a lock is lifted.
pub async fn set_password(db: &Db, token: &str, password_hash: String) -> AppResult<()> {
    let txn = super::begin_write(db).await?;
    let now = super::now();
    let row = one_time_token::Entity::find()
        .filter(one_time_token::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(invalid_token)?;
    // Spending is conditional so two concurrent uses cannot both succeed.
    let spent = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::Id.eq(row.id))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(invalid_token());
    }
    let account = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .ok_or_else(invalid_token)?;
    if account.disabled {
        return Err(invalid_token());
    }
    super::throttles::release(&txn, &super::throttles::sign_in_key(&account.email)).await?;
    let mut active = account.into_active_model();
    active.password_hash = Set(Some(password_hash));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    super::tokens::revoke_all_for_user(&txn, row.user_id).await?;
    // A new password ends every signed-in browser too, whoever held the old one.
    super::sessions::revoke_all_for_user(&txn, row.user_id).await?;
    history::append(
        &txn,
        NewEvent {
            entity_kind: "user",
            entity_id: row.user_id,
            transition: "set_password".into(),
            from_state: None,
            to_state: None,
            actor_id: Some(row.user_id),
            reason: Some(row.purpose.clone()),
            data: json!({}),
            project_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
