//! Recipients' preferences, applied by the worker when a row comes due rather than
//! when it is queued: a preference changed in between is the one that counts.
//! Security messages (invitation, password reset) are never held back.
use crate::store::Db;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, SelectStatement};
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use super::super::entities::{outbox, user};
use super::{PENDING, SKIPPED};
use crate::domain::preference::{self, NotificationPreference, SECURITY_TEMPLATES};

/// What one application changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Rows not sent because their recipient turned such messages off.
    pub skipped: u64,
    /// Rows now held for their recipient's next digest.
    pub held: u64,
}

/// The ids of the users whose preference is one of `preferences`.
pub(super) fn users_preferring(preferences: &[NotificationPreference]) -> SelectStatement {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::NotificationPreference.is_in(preferences.iter().map(|p| p.as_str())))
        .into_query()
}

/// Rows whose recipient must opt in before they are sent one by one: those of people
/// who prefer `off` or the digest, security messages excepted. The normal claim
/// leaves them alone, so a row queued after this pass applied the preferences waits
/// for the next one instead of slipping through.
pub(super) fn sendable_one_by_one() -> Condition {
    use NotificationPreference::{DailyDigest, Off};
    Condition::any()
        .add(outbox::Column::Template.is_in(SECURITY_TEMPLATES))
        .add(outbox::Column::RecipientUserId.not_in_subquery(users_preferring(&[Off, DailyDigest])))
}

/// Due pending rows a preference may hold back.
fn due_and_optional(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(outbox::Column::Status.eq(PENDING))
        .add(outbox::Column::NextAttemptAt.lte(now))
        .add(outbox::Column::Template.is_not_in(SECURITY_TEMPLATES))
}

/// Rows of people who turned messages off, held for a digest or not: a digest that
/// comes due after its recipient chose `off` is not sent either.
fn to_skip(now: DateTime<Utc>) -> Condition {
    due_and_optional(now).add(
        outbox::Column::RecipientUserId
            .in_subquery(users_preferring(&[NotificationPreference::Off])),
    )
}

/// Rows of people who want a digest, not yet held for one.
fn to_hold(now: DateTime<Utc>) -> Condition {
    due_and_optional(now)
        .add(outbox::Column::Digest.eq(false))
        .add(
            outbox::Column::RecipientUserId
                .in_subquery(users_preferring(&[NotificationPreference::DailyDigest])),
        )
}

/// Skips the due rows of people who prefer `off` and holds those of people who
/// prefer a digest until their next 07:00, in one short write transaction whose
/// statements number one per distinct digest time (one per time zone), not per row.
pub async fn apply(db: &Db, now: DateTime<Utc>) -> Result<Applied, DbErr> {
    // A plain read first: an idle worker polling every second must not take SQLite's
    // write lock each time.
    let any: Option<Uuid> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(Condition::any().add(to_skip(now)).add(to_hold(now)))
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    if any.is_none() {
        return Ok(Applied::default());
    }
    let txn = super::super::begin_write(db).await?;
    // The conditions are checked again by each UPDATE, so a row another node claimed
    // meanwhile (its next attempt moved past now) is left to that node.
    let skipped = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SKIPPED))
        .filter(to_skip(now))
        .exec(&txn)
        .await?
        .rows_affected;
    let waiting: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::TimeZone)
        .filter(
            user::Column::Id.in_subquery(
                outbox::Entity::find()
                    .select_only()
                    .column(outbox::Column::RecipientUserId)
                    .filter(to_hold(now))
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(&txn)
        .await?;
    let mut by_time: BTreeMap<DateTime<Utc>, Vec<Uuid>> = BTreeMap::new();
    for (user_id, zone) in waiting {
        // A zone name chrono-tz does not know (an old import) reads as UTC, as it
        // does when the messages are rendered.
        let zone: Tz = zone.parse().unwrap_or(chrono_tz::UTC);
        by_time
            .entry(preference::next_digest_at(now, zone))
            .or_default()
            .push(user_id);
    }
    let mut held = 0;
    for (at, recipients) in by_time {
        held += outbox::Entity::update_many()
            .col_expr(outbox::Column::Digest, Expr::value(true))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
            .filter(to_hold(now))
            .filter(outbox::Column::RecipientUserId.is_in(recipients))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    txn.commit().await?;
    Ok(Applied { skipped, held })
}
