//! The reads and the write behind the reminder scan. `notify::reminders` decides which
//! reminder is due and for whom; these functions only fetch the candidates and queue
//! what it decided. Each is a fixed number of statements, whatever the data holds.
use crate::store::Db;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TryInsertResult};
use serde_json::json;
use uuid::Uuid;

use super::entities::{
    action, action_government, outbox, user, workshop, workshop_government, workshop_outcome,
};
use super::group_by_parent;
use super::outbox::pending_row;
use crate::domain::action::ActionState;
use crate::domain::role::Role;
use crate::domain::workshop::{Attendance, WorkshopState};

/// A row and the governments it concerns, in the order the query returned them.
pub type WithGovernments<M> = (M, Vec<Uuid>);

/// The enabled focal points, by the government they act for: one query.
pub async fn focal_points_by_government(db: &Db) -> Result<HashMap<Uuid, Vec<Uuid>>, DbErr> {
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

/// Scheduled workshops starting after `after` and no later than `until`, each with the
/// invited governments that have not declined: two queries.
pub async fn scheduled_workshops_starting(
    db: &Db,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<WithGovernments<workshop::Model>>, DbErr> {
    let soon = workshop::Entity::find()
        .filter(workshop::Column::State.eq(WorkshopState::Scheduled.as_str()))
        .filter(workshop::Column::StartsAt.gt(after))
        .filter(workshop::Column::StartsAt.lte(until))
        .all(db)
        .await?;
    let invited = workshop_government::Entity::find()
        .filter(workshop_government::Column::WorkshopId.is_in(soon.iter().map(|w| w.id)))
        .filter(workshop_government::Column::Attendance.ne(Attendance::Declined.as_str()))
        .all(db)
        .await?;
    let mut invited = group_by_parent(invited, |i| i.workshop_id);
    Ok(soon
        .into_iter()
        .map(|w| {
            let governments = governments(invited.remove(&w.id), |i| i.government_id);
            (w, governments)
        })
        .collect())
}

/// Workshops still held that were marked held no later than `held_by`, each with the
/// attending governments whose outcome record is not submitted: three queries. While
/// a workshop is held nothing else writes its row, so `updated_at` is when it was
/// marked held.
pub async fn held_workshops_missing_outcomes(
    db: &Db,
    held_by: DateTime<Utc>,
) -> Result<Vec<WithGovernments<workshop::Model>>, DbErr> {
    let held = workshop::Entity::find()
        .filter(workshop::Column::State.eq(WorkshopState::Held.as_str()))
        .filter(workshop::Column::UpdatedAt.lte(held_by))
        .all(db)
        .await?;
    let ids: Vec<Uuid> = held.iter().map(|w| w.id).collect();
    let attending = workshop_government::Entity::find()
        .filter(workshop_government::Column::WorkshopId.is_in(ids.clone()))
        .filter(workshop_government::Column::Attendance.eq(Attendance::Attended.as_str()))
        .all(db)
        .await?;
    let submitted = workshop_outcome::Entity::find()
        .filter(workshop_outcome::Column::WorkshopId.is_in(ids))
        .filter(workshop_outcome::Column::Submitted.eq(true))
        .all(db)
        .await?;
    let mut attending = group_by_parent(attending, |a| a.workshop_id);
    Ok(held
        .into_iter()
        .map(|w| {
            let missing = attending
                .remove(&w.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|a| {
                    !submitted
                        .iter()
                        .any(|o| o.workshop_id == w.id && o.government_id == a.government_id)
                })
                .map(|a| a.government_id)
                .collect();
            (w, missing)
        })
        .collect())
}

/// Actions neither completed nor dropped that are due on or before `due_by`, each
/// with the governments involved: two queries.
pub async fn open_actions_due_by(
    db: &Db,
    due_by: NaiveDate,
) -> Result<Vec<WithGovernments<action::Model>>, DbErr> {
    let open = action::Entity::find()
        .filter(action::Column::State.is_not_in(ActionState::names_where(ActionState::is_terminal)))
        .filter(action::Column::DueDate.lte(due_by))
        .all(db)
        .await?;
    let involved = action_government::Entity::find()
        .filter(action_government::Column::ActionId.is_in(open.iter().map(|a| a.id)))
        .all(db)
        .await?;
    let mut involved = group_by_parent(involved, |g| g.action_id);
    Ok(open
        .into_iter()
        .map(|a| {
            let governments = governments(involved.remove(&a.id), |g| g.government_id);
            (a, governments)
        })
        .collect())
}

fn governments<T>(rows: Option<Vec<T>>, government: impl Fn(&T) -> Uuid) -> Vec<Uuid> {
    rows.unwrap_or_default().iter().map(government).collect()
}

/// One reminder for one person, as the scan decided it.
#[derive(Debug, Clone)]
pub struct Reminder {
    /// Names the reminder: a second insert of the same key is a no-op.
    pub key: String,
    pub template: &'static str,
    pub user_id: Uuid,
    pub project_id: Uuid,
    pub entity_kind: &'static str,
    pub entity_id: Uuid,
}

/// Queues `reminders` in one statement; returns how many were new.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    reminders: Vec<Reminder>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
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
        TryInsertResult::Inserted(n) => n,
        _ => 0,
    })
}
