//! The worker's side of the outbox: claim due rows in one short transaction, then
//! record how each delivery went. Sending happens between the two, outside any
//! transaction, so a slow SMTP server never holds a database lock.
use crate::store::Db;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, ExprTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::super::entities::outbox;
use super::{DEAD, PENDING, SENT, preferences};
use crate::domain::preference::NotificationPreference;

/// Takes up to `batch` due pending rows for this worker: each gets one more attempt
/// counted and is hidden from other workers for `lease` (its `next_attempt_at` moves
/// past now). A worker that dies mid-send thus only delays its rows by the lease.
///
/// PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent nodes claim disjoint rows.
/// SQLite ignores the clause; its `BEGIN IMMEDIATE` already lets one writer in.
pub async fn claim_due(db: &Db, batch: u64, lease: TimeDelta) -> Result<Vec<outbox::Model>, DbErr> {
    let now = super::super::now();
    // A plain read first: an idle worker polling every second must not take SQLite's
    // write lock each time, or it would make request handlers queue behind it.
    let any_due: Option<Uuid> = due(now)
        .select_only()
        .column(outbox::Column::Id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    if any_due.is_none() {
        return Ok(Vec::new());
    }
    let txn = super::super::begin_write(db).await?;
    let rows = due(now)
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(batch)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    let rows = take_lease(&txn, rows, now + lease).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Takes the due digest rows of up to `batch` recipients, all of each recipient's, so
/// that one pass sends each of them one digest; leased as `claim_due` leases. Two
/// nodes racing for the same recipient may split their rows into two digests: rare,
/// and nothing is lost or sent twice.
pub async fn claim_digests(
    db: &Db,
    batch: u64,
    lease: TimeDelta,
) -> Result<Vec<outbox::Model>, DbErr> {
    let now = super::super::now();
    // The plain read that spares an idle worker the write lock also picks the
    // recipients; their rows are checked again, and locked, below.
    let recipients: Vec<Uuid> = digests_due(now)
        .select_only()
        .column(outbox::Column::RecipientUserId)
        .distinct()
        .limit(batch)
        .into_tuple()
        .all(db)
        .await?;
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let txn = super::super::begin_write(db).await?;
    let rows = digests_due(now)
        .filter(outbox::Column::RecipientUserId.is_in(recipients))
        .order_by_asc(outbox::Column::Id)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    let rows = take_lease(&txn, rows, now + lease).await?;
    txn.commit().await?;
    Ok(rows)
}

/// Counts one more attempt on each claimed row and hides it until `leased_until`.
async fn take_lease(
    txn: &DatabaseTransaction,
    mut rows: Vec<outbox::Model>,
    leased_until: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    if rows.is_empty() {
        return Ok(rows);
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(leased_until))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(txn)
        .await?;
    for row in &mut rows {
        row.attempts += 1;
        row.next_attempt_at = leased_until;
    }
    Ok(rows)
}

/// Rows sent one by one: not held for a digest, and not waiting for the preferences
/// to be applied (see `preferences::sendable_one_by_one`).
fn due(now: DateTime<Utc>) -> sea_orm::Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::Digest.eq(false))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(preferences::sendable_one_by_one())
}

/// Rows held for a digest whose time has come. Those of someone who has since turned
/// messages off are left to be skipped.
fn digests_due(now: DateTime<Utc>) -> sea_orm::Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::Digest.eq(true))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(
            outbox::Column::RecipientUserId.not_in_subquery(preferences::users_preferring(&[
                NotificationPreference::Off,
            ])),
        )
}

/// Marks rows sent: one for a single message, every row of a digest.
pub async fn mark_sent(db: &Db, ids: &[Uuid]) -> Result<(), DbErr> {
    // Not guarded by the attempt count: if the lease lapsed and another worker holds
    // the row now, the message still went out, and `sent` is the truth.
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SENT))
        .col_expr(
            outbox::Column::SentAt,
            Expr::value(Some(super::super::now())),
        )
        .col_expr(outbox::Column::LastError, Expr::value(None::<String>))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    // A delivered invitation or reset link has done its job: keep no usable token at
    // rest. (A dead row keeps it, so an operator's retry can still send it.)
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Payload, Expr::value(r#"{"link":null}"#))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Template.is_in(crate::domain::preference::SECURITY_TEMPLATES))
        .exec(db)
        .await?;
    Ok(())
}

/// What a failed attempt leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryAt(DateTime<Utc>),
    Dead,
}

/// Records a failed attempt of a row this worker claimed (`claimed.attempts` is the
/// count after the claim). Guarded by that count, so a worker whose lease lapsed
/// does not overwrite the state another worker has since given the row.
pub async fn mark_failed(
    db: &Db,
    claimed: &outbox::Model,
    error: &str,
    after: AfterFailure,
) -> Result<(), DbErr> {
    let update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.to_owned())),
        )
        .filter(outbox::Column::Id.eq(claimed.id))
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::Attempts.eq(claimed.attempts));
    let update = match after {
        AfterFailure::RetryAt(at) => {
            update.col_expr(outbox::Column::NextAttemptAt, Expr::value(at))
        }
        AfterFailure::Dead => update.col_expr(outbox::Column::Status, Expr::value(DEAD)),
    };
    update.exec(db).await?;
    Ok(())
}

/// When the longest-waiting due row came due, if any row is due: how far behind the
/// workers are. Rows leased to a worker are not due (their time moved on).
pub async fn oldest_due(db: &Db, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .select_only()
        .column(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(1)
        .into_tuple()
        .one(db)
        .await
}
