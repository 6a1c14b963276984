//! Reminders, found by scanning the data: each has a dedupe key, so two nodes or a
//! restart never queue the same reminder twice (the outbox's unique key says no).
use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::domain::role::Role;
use crate::store::entities::{
    action, action_government, outbox, user, workshop, workshop_government, workshop_outcome,
};
use crate::store::outbox::pending_row;

const WORKSHOP_REMINDER_AHEAD: TimeDelta = TimeDelta::hours(48);
const OUTCOMES_REMINDER_AFTER: TimeDelta = TimeDelta::days(3);
const ACTION_DUE_SOON_DAYS: i64 = 7;

/// One reminder for one person.
struct Reminder {
    key: String,
    template: &'static str,
    user_id: Uuid,
    project_id: Uuid,
    entity_kind: &'static str,
    entity_id: Uuid,
}

/// Queues every reminder due at `now`; returns how many new rows were written.
pub async fn queue_due(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let focal_points = focal_points_by_government(db).await?;
    let mut reminders = workshop_reminders(db, now, &focal_points).await?;
    reminders.extend(outcome_reminders(db, now, &focal_points).await?);
    reminders.extend(action_reminders(db, now, &focal_points).await?);
    insert(db, reminders, now).await
}

async fn focal_points_by_government(
    db: &DatabaseConnection,
) -> anyhow::Result<HashMap<Uuid, Vec<Uuid>>> {
    let mut map: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for row in user::Entity::find()
        .filter(user::Column::Role.eq(Role::FocalPoint.as_str()))
        .filter(user::Column::Disabled.eq(false))
        .all(db)
        .await?
    {
        if let Some(government) = row.government_id {
            map.entry(government).or_default().push(row.id);
        }
    }
    Ok(map)
}

/// 48 hours before a scheduled workshop, to each invited government that has not
/// declined. The key carries the sequence: a rescheduled workshop is reminded again.
async fn workshop_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let soon = workshop::Entity::find()
        .filter(workshop::Column::State.eq("scheduled"))
        .filter(workshop::Column::StartsAt.gt(now))
        .filter(workshop::Column::StartsAt.lte(now + WORKSHOP_REMINDER_AHEAD))
        .all(db)
        .await?;
    let invited = workshop_government::Entity::find()
        .filter(workshop_government::Column::WorkshopId.is_in(soon.iter().map(|w| w.id)))
        .filter(workshop_government::Column::Attendance.ne("declined"))
        .all(db)
        .await?;
    let mut reminders = Vec::new();
    for w in &soon {
        for invite in invited.iter().filter(|i| i.workshop_id == w.id) {
            for user_id in focal_points
                .get(&invite.government_id)
                .into_iter()
                .flatten()
            {
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
/// record is still not submitted. While a workshop is held nothing else writes its
/// row, so `updated_at` is when it was marked held.
async fn outcome_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let held = workshop::Entity::find()
        .filter(workshop::Column::State.eq("held"))
        .filter(workshop::Column::UpdatedAt.lte(now - OUTCOMES_REMINDER_AFTER))
        .all(db)
        .await?;
    let ids: Vec<Uuid> = held.iter().map(|w| w.id).collect();
    let attending = workshop_government::Entity::find()
        .filter(workshop_government::Column::WorkshopId.is_in(ids.clone()))
        .filter(workshop_government::Column::Attendance.eq("attended"))
        .all(db)
        .await?;
    let submitted = workshop_outcome::Entity::find()
        .filter(workshop_outcome::Column::WorkshopId.is_in(ids))
        .filter(workshop_outcome::Column::Submitted.eq(true))
        .all(db)
        .await?;
    let mut reminders = Vec::new();
    for w in &held {
        for a in attending.iter().filter(|a| a.workshop_id == w.id) {
            if submitted
                .iter()
                .any(|o| o.workshop_id == w.id && o.government_id == a.government_id)
            {
                continue;
            }
            for user_id in focal_points.get(&a.government_id).into_iter().flatten() {
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
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    focal_points: &HashMap<Uuid, Vec<Uuid>>,
) -> anyhow::Result<Vec<Reminder>> {
    let today = now.date_naive();
    let horizon = today + TimeDelta::days(ACTION_DUE_SOON_DAYS);
    let open = action::Entity::find()
        .filter(action::Column::State.is_not_in(["completed", "dropped"]))
        .filter(action::Column::DueDate.lte(horizon))
        .all(db)
        .await?;
    let involved = action_government::Entity::find()
        .filter(action_government::Column::ActionId.is_in(open.iter().map(|a| a.id)))
        .all(db)
        .await?;
    let mut reminders = Vec::new();
    for a in &open {
        let (template, key) = if a.due_date < today {
            ("action_overdue", format!("action_overdue:{}:{today}", a.id))
        } else {
            (
                "action_due_soon",
                format!("action_due_soon:{}:{}", a.id, a.due_date),
            )
        };
        let mut people: Vec<Uuid> = involved
            .iter()
            .filter(|g| g.action_id == a.id)
            .flat_map(|g| {
                focal_points
                    .get(&g.government_id)
                    .into_iter()
                    .flatten()
                    .copied()
            })
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

async fn insert<C: ConnectionTrait>(
    db: &C,
    reminders: Vec<Reminder>,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    if reminders.is_empty() {
        return Ok(0);
    }
    let rows = reminders.into_iter().map(|r| {
        let payload = json!({"project_id": r.project_id, "entity_kind": r.entity_kind, "entity_id": r.entity_id});
        pending_row(r.key, r.template, r.user_id, &payload, now)
    });
    // A reminder already queued (by this node earlier, or by another) is skipped.
    let inserted = outbox::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
        .exec_without_returning(db)
        .await?;
    Ok(match inserted {
        sea_orm::TryInsertResult::Inserted(n) => n,
        _ => 0,
    })
}

/// How often the scheduler looks for reminders that came due.
const SCAN_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Scans for due reminders once a minute until `shutdown`. Every node may run this:
/// the dedupe keys make a second node's scan a no-op.
pub async fn run(db: DatabaseConnection, shutdown: impl std::future::Future<Output = ()>) {
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
