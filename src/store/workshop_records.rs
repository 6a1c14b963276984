//! What governments record about a workshop: attendance and outcome records. These
//! are not transitions of the workshop (its version does not move), but each is in
//! the history.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

use super::entities::workshop_outcome;
use super::runner;
use super::workflow::record_fact;
use super::workshops::{WorkshopView, attendance_of};
use crate::domain::transition::Actor;
use crate::domain::workshop::{Attendance, WorkshopMachine, check_attendance, check_outcome};
use crate::error::AppResult;
use crate::store::outbox::NoticeTarget;

pub async fn set_attendance(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    government_id: Uuid,
    status: Attendance,
) -> AppResult<WorkshopView> {
    let txn = super::begin_write(db).await?;
    // Locking the workshop orders attendance writes against transitions such as `hold`.
    let (row, mut related) = runner::open::<WorkshopMachine>(&txn, actor, id).await?;
    let invited = related.attendance_mut(id, government_id);
    let started = super::now() >= row.starts_at;
    check_attendance(
        runner::state_of::<WorkshopMachine>(&row)?,
        actor,
        government_id,
        invited.is_some(),
        status,
        started,
    )?;
    if let Some(invited) = invited {
        let mut active = invited.clone().into_active_model();
        active.attendance = Set(status.as_str().to_owned());
        active.updated_at = Set(super::now());
        *invited = active.update(&txn).await?;
    }
    let data = json!({"government_id": government_id, "status": status.as_str()});
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "workshop",
            entity_id: id,
            project_id: row.project_id,
        },
        "attendance",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    let view = runner::view_of::<WorkshopMachine>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}

pub struct NewOutcome {
    pub government_id: Uuid,
    pub text: String,
    pub submit: bool,
}

/// Creates or updates the government's outcome record; `submit` makes it final.
pub async fn log_outcome(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    new: NewOutcome,
) -> AppResult<WorkshopView> {
    let txn = super::begin_write(db).await?;
    let (row, mut related) = runner::open::<WorkshopMachine>(&txn, actor, id).await?;
    let attended = related
        .attendance_mut(id, new.government_id)
        .is_some_and(|a| attendance_of(a) == Attendance::Attended);
    let existing = related.outcome_mut(id, new.government_id);
    let submitted = existing.as_ref().is_some_and(|o| o.submitted);
    check_outcome(
        runner::state_of::<WorkshopMachine>(&row)?,
        actor,
        new.government_id,
        attended,
        submitted,
    )?;
    let now = super::now();
    match existing {
        Some(existing) => {
            let mut active = existing.clone().into_active_model();
            active.text = Set(new.text.clone());
            active.submitted = Set(new.submit);
            active.author_id = Set(actor.id);
            active.updated_at = Set(now);
            *existing = active.update(&txn).await?;
        }
        None => {
            let inserted = workshop_outcome::Entity::insert(workshop_outcome::ActiveModel {
                id: Set(Uuid::now_v7()),
                workshop_id: Set(id),
                government_id: Set(new.government_id),
                text: Set(new.text.clone()),
                submitted: Set(new.submit),
                author_id: Set(actor.id),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec_with_returning(&txn)
            .await?;
            related.push_outcome(inserted);
        }
    }
    let data = json!({"government_id": new.government_id, "submitted": new.submit});
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "workshop",
            entity_id: id,
            project_id: row.project_id,
        },
        "outcome",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    let view = runner::view_of::<WorkshopMachine>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}

impl From<&crate::domain::commands::NewOutcome> for NewOutcome {
    fn from(new: &crate::domain::commands::NewOutcome) -> Self {
        Self {
            government_id: new.government_id(),
            text: new.text().to_owned(),
            submit: new.submit(),
        }
    }
}
