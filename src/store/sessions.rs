//! Sessions of people using the pages. The cookie carries an opaque random id; the
//! table keeps only its SHA-256, the session's CSRF form token and its two ends: the
//! idle one (moved forward as the person uses Concord) and the absolute one (never).
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::Db;
use super::entities::{session, user};
use super::tokens::{hash_token, new_opaque_token};

/// How long a session lives: `idle` after its last use, `absolute` after sign-in.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: TimeDelta,
    pub absolute: TimeDelta,
}

impl From<&crate::config::WebSettings> for Lifetimes {
    fn from(web: &crate::config::WebSettings) -> Self {
        Self {
            idle: TimeDelta::seconds(web.session_idle_secs),
            absolute: TimeDelta::seconds(web.session_absolute_secs),
        }
    }
}

/// A session just opened: the id for the cookie (shown once, never stored) and its
/// form token.
pub struct Opened {
    pub token: String,
    pub csrf_token: String,
}

/// A live session and whose it is.
#[derive(Debug, Clone)]
pub struct Active {
    pub session: session::Model,
    pub user: user::Model,
}

/// The idle end is moved forward at most this often: a write on every page view
/// would make every read a write (and SQLite has one writer).
const TOUCH_EVERY: TimeDelta = TimeDelta::seconds(60);

pub async fn open(db: &Db, user_id: Uuid, lifetimes: Lifetimes) -> Result<Opened, DbErr> {
    let now = super::now();
    let token = new_opaque_token()?;
    let csrf_token = new_opaque_token()?;
    let txn = super::begin_write(db).await?;
    // Sessions of this person that ended are of no use to anyone: dropping them as a
    // new one opens keeps the table at the size of the sessions people hold.
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(
            session::Column::RevokedAt
                .is_not_null()
                .or(session::Column::ExpiresAt.lte(now))
                .or(session::Column::LastSeenAt.lte(now - lifetimes.idle)),
        )
        .exec(&txn)
        .await?;
    session::Entity::insert(session::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetimes.absolute),
        revoked_at: Set(None),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(Opened { token, csrf_token })
}

/// The live session the cookie names, with its user; None when it is unknown,
/// revoked, idle too long, past its absolute end, or its user is disabled (whose
/// sessions are then all revoked, so re-enabling the account does not revive them).
pub async fn find_active(
    db: &Db,
    token: &str,
    lifetimes: Lifetimes,
) -> Result<Option<Active>, DbErr> {
    let now = super::now();
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash_token(token)))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    if !is_live(&session, now, lifetimes.idle) {
        return Ok(None);
    }
    if user.disabled {
        revoke_all_for_user(db, user.id).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.id))
            .filter(session::Column::RevokedAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(Some(Active { session, user }))
}

fn is_live(session: &session::Model, now: DateTime<Utc>, idle: TimeDelta) -> bool {
    session.revoked_at.is_none() && session.expires_at > now && session.last_seen_at + idle > now
}

/// Sign-out: this session only. An unknown id is ignored, so sign-out tells nothing.
pub async fn revoke(db: &Db, token: &str) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(super::now()))
        .filter(session::Column::TokenHash.eq(hash_token(token)))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Every session of a person (a new password, a disabled account), in the caller's
/// transaction when it has one.
pub async fn revoke_all_for_user<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(super::now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Every session of a person but the one whose cookie is `keep` (a password changed
/// from this browser ends every other), in the caller's transaction.
pub async fn revoke_others<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    keep: &str,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(super::now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::TokenHash.ne(hash_token(keep)))
        .exec(db)
        .await
        .map(|_| ())
}

/// "Sign out everywhere": every page session, every refresh token and every access
/// token already handed out to the person, so no browser and no API client keeps a
/// way back in.
pub async fn sign_out_everywhere(db: &Db, user_id: Uuid) -> Result<(), DbErr> {
    let txn = super::begin_write(db).await?;
    revoke_all_for_user(&txn, user_id).await?;
    super::tokens::revoke_all_for_user(&txn, user_id).await?;
    txn.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    fn session(last_seen: i64, expires: i64, revoked: bool) -> session::Model {
        session::Model {
            id: Uuid::nil(),
            user_id: Uuid::nil(),
            token_hash: String::new(),
            csrf_token: String::new(),
            created_at: at(0),
            last_seen_at: at(last_seen),
            expires_at: at(expires),
            revoked_at: revoked.then(|| at(1)),
        }
    }

    #[test]
    fn a_session_ends_when_idle_at_its_absolute_end_or_revoked() {
        let idle = TimeDelta::seconds(100);
        assert!(is_live(&session(50, 1000, false), at(149), idle));
        assert!(!is_live(&session(50, 1000, false), at(150), idle), "idle");
        assert!(
            !is_live(&session(990, 1000, false), at(1000), idle),
            "absolute"
        );
        assert!(!is_live(&session(50, 1000, true), at(60), idle), "revoked");
    }
}
