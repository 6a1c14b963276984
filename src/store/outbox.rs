//! The transactional outbox: one row per message and recipient, written in the same
//! transaction as the change it announces, so a rolled-back change sends nothing.
pub mod context;
pub mod delivery;
pub mod preferences;

use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::{
    action, action_government, outbox, project_government, user, workshop_government,
};
use super::history::{self, NewEvent};
use super::{Page, PageRequest};
use crate::domain::role::Role;
use crate::domain::transition::{Audience, Notice};
use crate::error::AppResult;

/// The states of a row: waiting (or being retried, or held for a digest), delivered,
/// given up, and not sent because its recipient turned such messages off.
pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const DEAD: &str = "dead";
pub const SKIPPED: &str = "skipped";
pub const STATUSES: [&str; 4] = [PENDING, SENT, DEAD, SKIPPED];

/// What a notice is about, enough to find its audience and render it later.
#[derive(Debug, Clone, Copy)]
pub struct NoticeTarget {
    pub project_id: Uuid,
    pub entity_kind: &'static str,
    pub entity_id: Uuid,
}

/// A new row waiting for delivery now; `dedupe_key` makes a second insert a no-op.
pub fn pending_row(
    dedupe_key: String,
    template: &str,
    recipient_user_id: Uuid,
    payload: &serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> outbox::ActiveModel {
    outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        dedupe_key: Set(dedupe_key),
        template: Set(template.to_owned()),
        recipient_user_id: Set(recipient_user_id),
        payload: Set(payload.to_string()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        digest: Set(false),
    }
}

pub async fn enqueue(
    txn: &DatabaseTransaction,
    notices: &[Notice],
    target: &NoticeTarget,
    event_id: Uuid,
) -> AppResult<()> {
    let now = super::now();
    for notice in notices {
        let recipients = audience(txn, notice.audience, target).await?;
        let rows = recipients.into_iter().map(|user_id| {
            let payload = json!({
                "project_id": target.project_id,
                "entity_kind": target.entity_kind,
                "entity_id": target.entity_id,
                "event_id": event_id,
            });
            // One message per event and recipient, whatever retries or nodes do.
            let key = format!("{}:{event_id}:{user_id}", notice.template);
            pending_row(key, notice.template, user_id, &payload, now)
        });
        outbox::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
            .exec(txn)
            .await?;
    }
    Ok(())
}

async fn focal_points_of(
    txn: &DatabaseTransaction,
    governments: Vec<Uuid>,
) -> AppResult<Vec<Uuid>> {
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Role.eq(Role::FocalPoint.as_str()))
        .filter(user::Column::GovernmentId.is_in(governments))
        .filter(user::Column::Disabled.eq(false))
        .into_tuple()
        .all(txn)
        .await?)
}

async fn project_governments(txn: &DatabaseTransaction, project_id: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(project_government::Entity::find()
        .select_only()
        .column(project_government::Column::GovernmentId)
        .filter(project_government::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(txn)
        .await?)
}

async fn audience(
    txn: &DatabaseTransaction,
    audience: Audience,
    target: &NoticeTarget,
) -> AppResult<Vec<Uuid>> {
    let mut recipients = match audience {
        Audience::Dialogue => {
            let mut users =
                focal_points_of(txn, project_governments(txn, target.project_id).await?).await?;
            let staff: Vec<Uuid> = user::Entity::find()
                .select_only()
                .column(user::Column::Id)
                .filter(
                    user::Column::Role.is_in([Role::Coordinator.as_str(), Role::Manager.as_str()]),
                )
                .filter(user::Column::Disabled.eq(false))
                .into_tuple()
                .all(txn)
                .await?;
            users.extend(staff);
            users
        }
        Audience::FocalPoints => {
            focal_points_of(txn, project_governments(txn, target.project_id).await?).await?
        }
        Audience::Invited => {
            let invited: Vec<Uuid> = workshop_government::Entity::find()
                .select_only()
                .column(workshop_government::Column::GovernmentId)
                .filter(workshop_government::Column::WorkshopId.eq(target.entity_id))
                .into_tuple()
                .all(txn)
                .await?;
            focal_points_of(txn, invited).await?
        }
        Audience::Attending => {
            let attending: Vec<Uuid> = workshop_government::Entity::find()
                .select_only()
                .column(workshop_government::Column::GovernmentId)
                .filter(workshop_government::Column::WorkshopId.eq(target.entity_id))
                .filter(workshop_government::Column::Attendance.eq("attended"))
                .into_tuple()
                .all(txn)
                .await?;
            focal_points_of(txn, attending).await?
        }
        Audience::ActionOwner => action::Entity::find_by_id(target.entity_id)
            .one(txn)
            .await?
            .and_then(|a| a.owner_id)
            .into_iter()
            .collect(),
        Audience::ActionParties => {
            let involved: Vec<Uuid> = action_government::Entity::find()
                .select_only()
                .column(action_government::Column::GovernmentId)
                .filter(action_government::Column::ActionId.eq(target.entity_id))
                .into_tuple()
                .all(txn)
                .await?;
            let mut users = focal_points_of(txn, involved).await?;
            let owner = action::Entity::find_by_id(target.entity_id)
                .one(txn)
                .await?
                .and_then(|a| a.owner_id);
            users.extend(owner);
            users
        }
    };
    recipients.sort();
    recipients.dedup();
    Ok(recipients)
}

/// Rows in creation order, optionally of one status.
pub async fn list(
    db: &Db,
    status: Option<&str>,
    page: PageRequest,
) -> Result<Page<outbox::Model>, DbErr> {
    let mut query = outbox::Entity::find();
    if let Some(status) = status {
        query = query.filter(outbox::Column::Status.eq(status));
    }
    super::fetch_page(db, query, outbox::Column::Id, page, |row| row.id).await
}

/// Gives a dead message a fresh set of attempts, due now. Recorded in the history,
/// since it makes Concord send something again on an operator's word.
pub async fn retry_dead(db: &Db, actor_id: Uuid, id: Uuid) -> AppResult<outbox::Model> {
    let txn = super::begin_write(db).await?;
    let row = super::workflow::lock::<outbox::Entity>(&txn, id).await?;
    crate::domain::operations::may_retry(&row.status)?;
    let attempts_before = row.attempts;
    let mut active = row.into_active_model();
    active.status = Set(PENDING.to_owned());
    active.attempts = Set(0);
    active.next_attempt_at = Set(super::now());
    // last_error stays until the next attempt replaces it: it says why it died.
    let row = active.update(&txn).await?;
    history::append(
        &txn,
        NewEvent {
            entity_kind: "outbox",
            entity_id: row.id,
            transition: "retry".into(),
            from_state: Some(DEAD.into()),
            to_state: Some(PENDING.into()),
            actor_id: Some(actor_id),
            reason: None,
            data: json!({"template": row.template, "attempts_before": attempts_before}),
            project_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Marks as skipped the messages still pending about one dialogue that were queued
/// since `since`: the demo's seeded history, which nobody should be mailed about.
/// Returns how many rows it marked.
pub async fn skip_queued_about(
    db: &Db,
    project_id: Uuid,
    since: chrono::DateTime<chrono::Utc>,
    why: &str,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Expr;
    // The payload is JSON written by `queue` above, its keys in serde_json's order.
    let about = format!("%\"project_id\":\"{project_id}\"%");
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SKIPPED))
        .col_expr(outbox::Column::LastError, Expr::value(Some(why.to_owned())))
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::CreatedAt.gte(since))
        .filter(outbox::Column::Payload.like(about))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
