//! What governments record about a workshop: attendance and outcome records. These
//! are not transitions of the workshop (its version does not move), but each is in
//! the history.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::{workshop, workshop_government, workshop_outcome};
use super::workflow::{lock, record_fact};
use super::workshops::{self, WorkshopView, attendance_of, parse_state};
use crate::domain::transition::Actor;
use crate::domain::workshop::{Attendance, check_attendance, check_outcome};
use crate::error::{AppError, AppResult};

pub async fn set_attendance(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    government_id: Uuid,
    status: Attendance,
) -> AppResult<WorkshopView> {
    let txn = super::begin_write(db).await?;
    // Locking the workshop orders attendance writes against transitions such as `hold`.
    let row = lock::<workshop::Entity>(&txn, id).await?;
    super::projects::find_visible(&txn, actor, row.project_id).await?;
    let invited = workshop_government::Entity::find_by_id((id, government_id))
        .one(&txn)
        .await?;
    let started = super::now() >= row.starts_at;
    check_attendance(
        parse_state(&row)?,
        actor,
        government_id,
        invited.is_some(),
        status,
        started,
    )?;
    if let Some(invited) = invited {
        let mut active = invited.into_active_model();
        active.attendance = Set(status.as_str().to_owned());
        active.updated_at = Set(super::now());
        active.update(&txn).await?;
    }
    let data = json!({"government_id": government_id, "status": status.as_str()});
    record_fact(
        &txn,
        "workshop",
        id,
        "attendance",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await?;
    workshops::get(db, actor, id).await
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
    let row = lock::<workshop::Entity>(&txn, id).await?;
    super::projects::find_visible(&txn, actor, row.project_id).await?;
    let attended = workshop_government::Entity::find_by_id((id, new.government_id))
        .one(&txn)
        .await?
        .is_some_and(|a| attendance_of(&a) == Attendance::Attended);
    let existing = workshop_outcome::Entity::find()
        .filter(workshop_outcome::Column::WorkshopId.eq(id))
        .filter(workshop_outcome::Column::GovernmentId.eq(new.government_id))
        .one(&txn)
        .await?;
    let submitted = existing.as_ref().is_some_and(|o| o.submitted);
    check_outcome(
        parse_state(&row)?,
        actor,
        new.government_id,
        attended,
        submitted,
    )?;
    let now = super::now();
    match existing {
        Some(existing) => {
            let mut active = existing.into_active_model();
            active.text = Set(new.text.clone());
            active.submitted = Set(new.submit);
            active.author_id = Set(actor.id);
            active.updated_at = Set(now);
            active.update(&txn).await?;
        }
        None => {
            workshop_outcome::Entity::insert(workshop_outcome::ActiveModel {
                id: Set(Uuid::now_v7()),
                workshop_id: Set(id),
                government_id: Set(new.government_id),
                text: Set(new.text.clone()),
                submitted: Set(new.submit),
                author_id: Set(actor.id),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec_without_returning(&txn)
            .await?;
        }
    }
    let data = json!({"government_id": new.government_id, "submitted": new.submit});
    record_fact(
        &txn,
        "workshop",
        id,
        "outcome",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await.map_err(AppError::from)?;
    workshops::get(db, actor, id).await
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
