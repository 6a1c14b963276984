//! Opaque refresh tokens, stored only as hashes, rotated on every use.
use crate::store::Db;
use chrono::TimeDelta;
use rand::TryRngCore;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::entities::{refresh_token, user};

/// 256 random bits, hex-encoded.
pub fn new_opaque_token() -> Result<String, DbErr> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| DbErr::Custom(format!("no randomness for a token: {e}")))?;
    Ok(hex::encode(bytes))
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn issue_refresh<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    family_id: Uuid,
    ttl_days: i64,
) -> Result<String, DbErr> {
    let token = new_opaque_token()?;
    let now = super::now();
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + TimeDelta::days(ttl_days)),
        created_at: Set(now),
        spent_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Rotation {
    Rotated {
        user_id: Uuid,
        token: String,
    },
    Unknown,
    Expired,
    Revoked,
    /// A spent token came back: someone holds a copy, so the whole family is revoked.
    Reused,
}

pub async fn rotate(db: &Db, presented: &str, ttl_days: i64) -> Result<Rotation, DbErr> {
    let txn = super::begin_write(db).await?;
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(presented)))
        .one(&txn)
        .await?
    else {
        return Ok(Rotation::Unknown);
    };
    if row.revoked_at.is_some() {
        return Ok(Rotation::Revoked);
    }
    let now = super::now();
    // Spending is a conditional update so two concurrent refreshes cannot both win.
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::SpentAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::SpentAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        revoke_family_in(&txn, row.family_id).await?;
        txn.commit().await?;
        return Ok(Rotation::Reused);
    }
    if row.expires_at <= now {
        txn.commit().await?;
        return Ok(Rotation::Expired);
    }
    let token = issue_refresh(&txn, row.user_id, row.family_id, ttl_days).await?;
    txn.commit().await?;
    Ok(Rotation::Rotated {
        user_id: row.user_id,
        token,
    })
}

/// Logout: revoke every token of the presented token's family. Unknown tokens are
/// ignored, so logout never tells whether a token existed.
pub async fn revoke_family_of(db: &Db, presented: &str) -> Result<(), DbErr> {
    let txn = super::begin_write(db).await?;
    if let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(presented)))
        .one(&txn)
        .await?
    {
        revoke_family_in(&txn, row.family_id).await?;
    }
    txn.commit().await
}

/// Every refresh token of a person, and every access token already issued to them
/// (their token generation moves on): a new password, a disabled account, signing
/// out everywhere. In the caller's transaction.
pub async fn revoke_all_for_user<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(super::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenGeneration,
            Expr::col(user::Column::TokenGeneration).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}

async fn revoke_family_in<C: ConnectionTrait>(db: &C, family_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(super::now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}
