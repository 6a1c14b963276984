//! The outbox worker: runs beside the server, delivers what committed transitions
//! queued. At-least-once: a node that dies between sending and recording the send
//! sends again after the lease, with the same `Message-ID`, so the copy is
//! recognisable.
use std::future::Future;
use std::time::Duration;

use chrono::TimeDelta;
use rand::Rng;

use super::Postroom;
use super::transport::SendError;
use super::{digest, message};
use crate::config::MailSettings;
use crate::store::entities::outbox;
use crate::store::outbox::delivery::{self, AfterFailure};
use crate::store::outbox::preferences;

const MAX_BACKOFF: Duration = Duration::from_secs(6 * 60 * 60);
/// Retry delays get up to this fraction added at random, so messages that failed
/// together (a relay outage) do not all come back in the same second.
const MAX_JITTER: f64 = 0.2;
/// How long a pass in progress may go on after shutdown is asked: finishing the
/// message in flight beats sending it again when its lease lapses.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Delivers due messages every `mail.poll_interval_ms` until `shutdown` resolves.
pub async fn run(state: Postroom, shutdown: impl Future<Output = ()>) {
    let mail = &state.settings.mail;
    let poll = Duration::from_millis(mail.poll_interval_ms);
    let batch = usize::try_from(mail.batch_size).unwrap_or(usize::MAX);
    tracing::info!(transport = ?mail.transport, "outbox worker started");
    tokio::pin!(shutdown);
    loop {
        let pass = deliver_due(&state);
        tokio::pin!(pass);
        let handled = tokio::select! {
            result = &mut pass => result,
            () = &mut shutdown => {
                if tokio::time::timeout(SHUTDOWN_GRACE, pass).await.is_err() {
                    tracing::warn!("outbox worker stopped mid-pass; unsent rows retry after their lease");
                }
                break;
            }
        };
        let full_batch = match handled {
            Ok(count) => count >= batch,
            Err(err) => {
                tracing::error!(error = ?err, "outbox pass failed");
                false
            }
        };
        // A full batch means more may be waiting: go again without sleeping.
        if full_batch {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(poll) => {}
            () = &mut shutdown => break,
        }
    }
    tracing::info!("outbox worker stopped");
}

/// One pass: applies the recipients' preferences to the rows that came due, claims
/// the rows to send one by one, renders and sends each outside any transaction and
/// records the outcome, then does the same for the digests that came due. Returns
/// how many rows it handled (sent or failed).
pub async fn deliver_due(state: &Postroom) -> anyhow::Result<usize> {
    let mail = &state.settings.mail;
    let lease = TimeDelta::seconds(mail.lease_secs);
    let applied = preferences::apply(&state.db, crate::store::now()).await?;
    if applied.skipped + applied.held > 0 {
        metrics::counter!("mail_skipped_total").increment(applied.skipped);
        metrics::counter!("mail_held_for_digest_total").increment(applied.held);
        tracing::info!(
            skipped = applied.skipped,
            held = applied.held,
            "preferences applied"
        );
    }
    let rows = delivery::claim_due(&state.db, mail.batch_size, lease).await?;
    for row in &rows {
        let outcome = match isolated(deliver_one(state.clone(), row.clone())).await {
            Ok(outcome) => outcome,
            Err(panic) => Err(Failure::Unbuildable(panic)),
        };
        // A failure to record is logged, not fatal to the pass: the row's lease
        // lapses and it is tried again, which at-least-once allows.
        if let Err(err) = record(state, row, outcome).await {
            tracing::error!(error = ?err, outbox_id = %row.id, "cannot record a delivery");
        }
    }
    let digests = digest::deliver_due(state, lease).await?;
    Ok(rows.len() + digests)
}

pub(super) enum Failure {
    /// Nobody to send to: the account is gone or disabled. Retrying cannot help.
    NoRecipient,
    Render(anyhow::Error),
    Send(SendError),
    /// Building the message panicked: the same row would panic again, so it goes dead.
    Unbuildable(String),
}

/// Runs one message's work as a task of its own, so that a panic while rendering or
/// building it (a library's, or ours) fails that message and not the worker.
pub(super) async fn isolated<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> Result<T, String> {
    tokio::spawn(work).await.map_err(|err| {
        if !err.is_panic() {
            return "the delivery task was cancelled".to_owned();
        }
        let panic = err.into_panic();
        let text = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        format!("building the message panicked: {text}")
    })
}

async fn deliver_one(state: Postroom, row: outbox::Model) -> Result<(), Failure> {
    let email = message::render(&state.db, &state.settings, &row)
        .await
        .map_err(Failure::Render)?
        .ok_or(Failure::NoRecipient)?;
    state
        .mailer
        .send(&email, row.id)
        .await
        .map_err(Failure::Send)
}

async fn record(
    state: &Postroom,
    row: &outbox::Model,
    outcome: Result<(), Failure>,
) -> anyhow::Result<()> {
    match outcome {
        Ok(()) => {
            delivery::mark_sent(&state.db, &[row.id]).await?;
            metrics::counter!("mail_sent_total").increment(1);
            tracing::info!(outbox_id = %row.id, template = %row.template, "message sent");
            Ok(())
        }
        Err(failure) => record_failure(state, std::slice::from_ref(row), failure).await,
    }
}

/// Records a failed attempt at one message: a single row, or every row of a digest.
/// The rows share one outcome, and so one retry time: a digest retried is still one
/// digest, not its rows scattered by their jitter.
pub(super) async fn record_failure(
    state: &Postroom,
    rows: &[outbox::Model],
    failure: Failure,
) -> anyhow::Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let mail = &state.settings.mail;
    let (error, after) = match failure {
        Failure::NoRecipient => {
            metrics::counter!("mail_dead_total").increment(1);
            tracing::warn!(outbox_id = %first.id, rows = rows.len(), "message dropped: no recipient");
            ("no recipient".to_owned(), AfterFailure::Dead)
        }
        Failure::Render(err) => retry_or_give_up(mail, rows, format!("render: {err:#}")),
        Failure::Send(SendError::Unbuildable(reason)) | Failure::Unbuildable(reason) => {
            metrics::counter!("mail_dead_total").increment(1);
            tracing::error!(outbox_id = %first.id, rows = rows.len(), %reason, "message cannot be built");
            (reason, AfterFailure::Dead)
        }
        Failure::Send(err) => retry_or_give_up(mail, rows, err.to_string()),
    };
    for row in rows {
        delivery::mark_failed(&state.db, row, &error, after).await?;
    }
    Ok(())
}

fn retry_or_give_up(
    mail: &MailSettings,
    rows: &[outbox::Model],
    error: String,
) -> (String, AfterFailure) {
    let attempts = rows.iter().map(|r| r.attempts).max().unwrap_or(0);
    let first = rows.first().map(|r| r.id).unwrap_or_default();
    metrics::counter!("mail_failed_attempts_total").increment(1);
    let after = if attempts >= mail.max_attempts {
        tracing::error!(outbox_id = %first, rows = rows.len(), attempts, %error, "message dead");
        metrics::counter!("mail_dead_total").increment(1);
        AfterFailure::Dead
    } else {
        let jitter = rand::rng().random_range(0.0..=MAX_JITTER);
        let delay = backoff(mail.backoff_base_secs, attempts, jitter);
        tracing::warn!(outbox_id = %first, rows = rows.len(), attempts, retry_in = ?delay, %error, "message not sent");
        let delay = TimeDelta::from_std(delay).unwrap_or(TimeDelta::MAX);
        AfterFailure::RetryAt(crate::store::now() + delay)
    };
    (error, after)
}

/// `base * 2^(attempts-1)`, at most six hours, then `jitter` (a fraction) added.
pub fn backoff(base_secs: u64, attempts: i32, jitter: f64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(31);
    let delay = Duration::from_secs(base_secs)
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_BACKOFF);
    delay.mul_f64(1.0 + jitter.clamp(0.0, MAX_JITTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(30, 1, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(30, 2, 0.0), Duration::from_secs(60));
        assert_eq!(backoff(30, 4, 0.0), Duration::from_secs(240));
        assert_eq!(backoff(30, 40, 0.0), MAX_BACKOFF);
        assert_eq!(backoff(30, 0, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(0, 5, 0.2), Duration::ZERO);
    }

    #[test]
    fn jitter_adds_at_most_a_fifth() {
        assert_eq!(backoff(100, 1, 0.2), Duration::from_secs(120));
        assert_eq!(backoff(100, 1, 5.0), Duration::from_secs(120));
        assert!(backoff(30, 40, 0.2) <= MAX_BACKOFF.mul_f64(1.2));
    }
}
