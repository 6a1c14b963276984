//! Fixed-window counters kept in the database, so every node of an instance sees the
//! same count. An attempt is *reserved* before the work it guards is done: counting
//! and deciding happen in one upsert, so no number of parallel requests can get more
//! than `max_hits` through in one window, on SQLite or PostgreSQL.
use std::net::{IpAddr, Ipv6Addr};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use super::entities::throttle::{self, Column};
use crate::config::AuthSettings;

/// How many attempts a window allows, and how long it is.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_hits: i32,
    pub window: TimeDelta,
    /// After the attempt that fills the window, refuse for at least this long (the
    /// sign-in lockout); zero keeps the window's own end.
    pub hold: TimeDelta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    Granted,
    Refused { retry_after_secs: u64 },
}

/// The sign-in lockout of one email address: its key and limit.
pub fn sign_in(auth: &AuthSettings, normalized_email: &str) -> (String, Limit) {
    let limit = Limit {
        max_hits: auth.lockout_threshold,
        window: TimeDelta::seconds(auth.lockout_window_secs),
        hold: TimeDelta::seconds(auth.lockout_duration_secs),
    };
    (sign_in_key(normalized_email), limit)
}

pub fn sign_in_key(normalized_email: &str) -> String {
    email_key("sign-in", normalized_email)
}

/// The password-reset throttles, the client's first: a client over its cap must not
/// use up the quota of the address it names.
pub fn password_reset(
    auth: &AuthSettings,
    normalized_email: &str,
    client: IpAddr,
) -> [(String, Limit); 2] {
    let limit = |max_hits| Limit {
        max_hits,
        window: TimeDelta::seconds(auth.reset_window_secs),
        hold: TimeDelta::zero(),
    };
    [
        (
            client_key("reset-client", client),
            limit(auth.reset_limit_per_client),
        ),
        (
            email_key("reset", normalized_email),
            limit(auth.reset_limit_per_email),
        ),
    ]
}

/// Hashed so the table holds no addresses; the same whether or not an account has it.
fn email_key(purpose: &str, normalized_email: &str) -> String {
    let digest = Sha256::digest(normalized_email.as_bytes());
    format!("{purpose}:{}", hex::encode(digest))
}

/// An IPv6 client is counted by its /64: one host usually holds the whole prefix and
/// could otherwise take a fresh address for every request.
fn client_key(purpose: &str, client: IpAddr) -> String {
    match client.to_canonical() {
        IpAddr::V4(v4) => format!("{purpose}:{v4}"),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !(u128::from(u64::MAX));
            format!("{purpose}:{}/64", Ipv6Addr::from(prefix))
        }
    }
}

/// Takes one attempt under `key`, or says how long until one is free.
pub async fn reserve<C: ConnectionTrait>(
    db: &C,
    key: &str,
    limit: &Limit,
) -> Result<Reservation, DbErr> {
    let now = super::now();
    let window_end = now + limit.window;
    let hold_end = now + limit.hold;
    let first_end = if limit.max_hits <= 1 {
        std::cmp::max(window_end, hold_end)
    } else {
        window_end
    };
    let hits = || Expr::col((throttle::Entity, Column::Hits));
    let ends = || Expr::col((throttle::Entity, Column::ExpiresAt));
    // A row past its end is a fresh window; it is reset here rather than deleted, so
    // the key's own row is pruned on every write.
    let expired = || ends().lte(now);
    let fills_window = hits().add(1).gte(limit.max_hits).and(ends().lt(hold_end));
    let mut upsert = Query::insert();
    upsert
        .into_table(throttle::Entity)
        .columns([Column::Key, Column::Hits, Column::ExpiresAt])
        .values([key.into(), 1.into(), first_end.into()])
        .map_err(|e| DbErr::Custom(format!("throttle upsert: {e}")))?
        .on_conflict(
            OnConflict::column(Column::Key)
                .values([
                    (
                        Column::Hits,
                        Expr::case(expired(), 1).finally(hits().add(1)).into(),
                    ),
                    (
                        Column::ExpiresAt,
                        Expr::case(expired(), first_end)
                            .case(fills_window, hold_end)
                            .finally(ends())
                            .into(),
                    ),
                ])
                // The decision: with a full window the row is left alone and nothing
                // is returned. PostgreSQL evaluates this on the row locked for the
                // update, SQLite under its single writer, so concurrent callers queue.
                .action_and_where(expired().or(hits().lt(limit.max_hits)))
                .to_owned(),
        )
        .returning_col(Column::Hits);
    let reserved = db.query_one(&upsert).await?;
    if let Some(row) = reserved {
        let hits: i32 = row.try_get("", "hits")?;
        if hits == 1 {
            // A new window means a new (or revived) row: pruning as often as rows
            // appear keeps the table at the size of the keys active in one window.
            prune(db, now).await?;
        }
        return Ok(Reservation::Granted);
    }
    let ends_at = throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map_or(window_end, |row| row.expires_at);
    Ok(Reservation::Refused {
        retry_after_secs: seconds_until(ends_at, now),
    })
}

/// Forgets the count under `key` (a sign-in that succeeded, a password that was set).
pub async fn release<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), DbErr> {
    throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await
        .map(|_| ())
}

/// Deletes a bounded batch of rows whose window has ended; they count as absent
/// anyway. Rows another transaction holds are skipped (PostgreSQL; SQLite has one
/// writer and ignores the clause), so pruning never waits or deadlocks, and the outer
/// condition is checked again on the row actually deleted, so a revived row is kept.
async fn prune<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<(), DbErr> {
    let batch = Query::select()
        .column(Column::Key)
        .from(throttle::Entity)
        .and_where(Expr::col(Column::ExpiresAt).lt(now))
        .limit(100)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    throttle::Entity::delete_many()
        .filter(Column::ExpiresAt.lt(now))
        .filter(Column::Key.in_subquery(batch))
        .exec(db)
        .await
        .map(|_| ())
}

fn seconds_until(end: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    // Rounded up so a client that waits exactly this long finds the window free.
    let millis = std::cmp::max((end - now).num_milliseconds(), 1);
    millis.unsigned_abs().div_ceil(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_counted_by_ipv4_address_and_ipv6_prefix() {
        let key = |ip: &str| client_key("c", ip.parse().unwrap_or(IpAddr::from([0, 0, 0, 0])));
        assert_eq!(key("192.0.2.7"), "c:192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "c:192.0.2.7");
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "c:2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff::1"), key("2001:db8:1:2::9"));
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }

    #[test]
    fn emails_are_hashed_per_purpose() {
        let a = email_key("sign-in", "a@example.org");
        assert!(a.starts_with("sign-in:") && !a.contains("example"));
        assert_ne!(a, email_key("reset", "a@example.org"));
    }
}
