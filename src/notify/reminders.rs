//! Reminders, found by scanning the data: each has a dedupe key, so two nodes or a
//! restart never queue the same reminder twice (the outbox's unique key says no).
use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use crate::store::Db;
use crate::store::reminders::{self as store, Reminder};

const WORKSHOP_REMINDER_AHEAD: TimeDelta = TimeDelta::hours(48);
const OUTCOMES_REMINDER_AFTER: TimeDelta = TimeDelta::days(3);
const ACTION_DUE_SOON_DAYS: i64 = 7;

/// Queues every reminder due at `now`; returns how many new rows were written.
pub async fn queue_due(db: &Db, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let focal_points = store::focal_points_by_government(db).await?;
    let mut reminders = workshop_reminders(db, now, &focal_points).await?;
    reminders.extend(outcome_reminders(db, now, &focal_points).await?);
    reminders.extend(action_reminders(db, now, &focal_points).await?);
    Ok(store::queue(db, reminders, now).await?)
}

/// The focal points of `government`, none if it has none.
fn focal_points_of<'a>(
    focal_points: &'a HashMap<Uuid, Vec<Uuid>>,
    government: &Uuid,
) -> impl Iterator<Item = &'a Uuid> {
    focal_points.get(government).into_iter().flatten()
}

/// 48 hours before a scheduled workshop, to each invited government that has not
/// declined. The key carries the sequence: a rescheduled workshop is reminded again.
async fn workshop_reminders(
    db: &Db,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let soon = store::scheduled_workshops_starting(db, now, now + WORKSHOP_REMINDER_AHEAD).await?;
    let mut reminders = Vec::new();
    for (w, governments) in &soon {
        for government in governments {
            for user_id in focal_points_of(focal_points, government) {
                reminders.push(Reminder {
                    key: format!("workshop_reminder:{}:{}:{user_id}", w.id, w.sequence),
                    template: "workshop_reminder",
                    user_id: *user_id,
                    project_id: w.project_id,
                    entity_kind: "workshop",
                    entity_id: w.id,
                });
            }
        }
    }
    Ok(reminders)
}

/// Three days after a workshop was held, to each attending government whose outcome
/// record is still not submitted.
async fn outcome_reminders(
    db: &Db,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let held = store::held_workshops_missing_outcomes(db, now - OUTCOMES_REMINDER_AFTER).await?;
    let mut reminders = Vec::new();
    for (w, missing) in &held {
        for government in missing {
            for user_id in focal_points_of(focal_points, government) {
                reminders.push(Reminder {
                    key: format!("outcomes_reminder:{}:{user_id}", w.id),
                    template: "outcomes_reminder",
                    user_id: *user_id,
                    project_id: w.project_id,
                    entity_kind: "workshop",
                    entity_id: w.id,
                });
            }
        }
    }
    Ok(reminders)
}

/// Due within seven days (once per due date), and overdue (at most once a day), to
/// the owner and the focal points of the governments involved.
async fn action_reminders(
    db: &Db,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let today = now.date_naive();
    let horizon = today + TimeDelta::days(ACTION_DUE_SOON_DAYS);
    let open = store::open_actions_due_by(db, horizon).await?;
    let mut reminders = Vec::new();
    for (a, governments) in &open {
        let (template, key) = if a.due_date < today {
            ("action_overdue", format!("action_overdue:{}:{today}", a.id))
        } else {
            (
                "action_due_soon",
                format!("action_due_soon:{}:{}", a.id, a.due_date),
            )
        };
        let mut people: Vec<Uuid> = governments
            .iter()
            .flat_map(|g| focal_points_of(focal_points, g).copied())
            .collect();
        people.extend(a.owner_id);
        people.sort();
        people.dedup();
        for user_id in people {
            reminders.push(Reminder {
                key: format!("{key}:{user_id}"),
                template,
                user_id,
                project_id: a.project_id,
                entity_kind: "action",
                entity_id: a.id,
            });
        }
    }
    Ok(reminders)
}

/// How often the scheduler looks for reminders that came due.
const SCAN_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Scans for due reminders once a minute until `shutdown`. Every node may run this:
/// the dedupe keys make a second node's scan a no-op.
pub async fn run(db: Db, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        match queue_due(&db, crate::store::now()).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders queued"),
            Err(err) => tracing::error!(error = ?err, "reminder scan failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(SCAN_EVERY) => {}
            () = &mut shutdown => break,
        }
    }
}
