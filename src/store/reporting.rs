//! A dialogue's IATI reporting fields, and the dialogue as an IATI activity: reading
//! and saving the fields (recorded in the dialogue's history, with its version), and
//! loading what an activity shows.
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::{government, project, project_reporting, understanding};
use super::outbox::NoticeTarget;
use super::workflow::{check_version, lock, record_fact};
use super::{Db, projects};
use crate::domain::iati::activity::{Activity, DialogueFacts};
use crate::domain::iati::codelists::COUNTRY;
use crate::domain::iati::reporting::{RawReporting, Reporting};
use crate::domain::refusal::Machine;
use crate::domain::role::Organiser;
use crate::domain::transition::Actor;
use crate::domain::understanding::UnderstandingState;
use crate::error::{AppError, AppResult};

/// A dialogue with its reporting fields, when it has them.
#[derive(Debug, Clone)]
pub struct ReportingView {
    pub project: project::Model,
    pub reporting: Option<project_reporting::Model>,
}

/// The reporting fields of a dialogue `actor` may see (404 otherwise).
pub async fn find(db: &Db, actor: &Actor, project_id: Uuid) -> AppResult<ReportingView> {
    let project = projects::find_visible(db, actor, project_id).await?;
    let reporting = project_reporting::Entity::find_by_id(project_id)
        .one(db)
        .await?;
    Ok(ReportingView { project, reporting })
}

/// Replaces the reporting fields. Answers in the order every edit does: 404 when the
/// dialogue is out of sight, 403 when the role may not organise, 422 for the fields,
/// 409 when `version` is not the dialogue's. The dialogue's version goes up by one and
/// its history records the new fields.
pub async fn save(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    raw: &RawReporting,
) -> AppResult<ReportingView> {
    let txn = super::begin_write(db).await?;
    let row = lock::<project::Entity>(&txn, project_id).await?;
    if !projects::may_see(&txn, actor, project_id).await? {
        return Err(AppError::NotFound);
    }
    Organiser::check(*actor)?;
    let parsed = Reporting::parse(raw).map_err(AppError::Validation)?;
    check_version(row.version, raw.version)?;
    let now = super::now();
    let existing = project_reporting::Entity::find_by_id(project_id)
        .one(&txn)
        .await?;
    let fields = active_fields(project_id, &parsed, now);
    let reporting = match existing {
        Some(_) => fields.update(&txn).await?,
        None => fields.insert(&txn).await?,
    };
    let mut active = row.clone().into_active_model();
    active.version = Set(row.version + 1);
    active.updated_at = Set(now);
    let project = active.update(&txn).await?;
    let data = json!({
        "version": project.version,
        "reporting_org_name": parsed.reporting_org_name,
        "reporting_org_ref": parsed.reporting_org_ref,
        "reporting_org_type": parsed.reporting_org_type,
        "funder_name": parsed.funder_name,
        "funder_ref": parsed.funder_ref,
        "currency": parsed.currency,
        "budget_amount": parsed.budget_amount,
        "sector_code": parsed.sector_code,
        "planned_start": parsed.planned_start,
        "planned_end": parsed.planned_end,
        "actual_start": parsed.actual_start,
        "actual_end": parsed.actual_end,
    });
    let about = NoticeTarget {
        entity_kind: Machine::Project.as_str(),
        entity_id: project_id,
        project_id,
    };
    record_fact(&txn, &about, "reporting", Some(&row.state), actor, data).await?;
    txn.commit().await?;
    Ok(ReportingView {
        project,
        reporting: Some(reporting),
    })
}

fn active_fields(
    project_id: Uuid,
    r: &Reporting,
    now: chrono::DateTime<chrono::Utc>,
) -> project_reporting::ActiveModel {
    project_reporting::ActiveModel {
        project_id: Set(project_id),
        reporting_org_name: Set(r.reporting_org_name.clone()),
        reporting_org_ref: Set(r.reporting_org_ref.clone()),
        reporting_org_type: Set(r.reporting_org_type.clone()),
        funder_name: Set(r.funder_name.clone()),
        funder_ref: Set(r.funder_ref.clone()),
        currency: Set(r.currency.clone()),
        budget_amount: Set(r.budget_amount.clone()),
        sector_code: Set(r.sector_code.clone()),
        planned_start: Set(r.planned_start),
        planned_end: Set(r.planned_end),
        actual_start: Set(r.actual_start),
        actual_end: Set(r.actual_end),
        updated_at: Set(now),
    }
}

/// The stored fields as the domain's value. They were parsed when saved; a row that
/// no longer parses (a code list changed) is reported as damaged, not exported wrong.
fn stored(row: &project_reporting::Model) -> AppResult<Reporting> {
    let raw = RawReporting {
        version: 0,
        reporting_org_name: Some(row.reporting_org_name.clone()),
        reporting_org_ref: Some(row.reporting_org_ref.clone()),
        reporting_org_type: Some(row.reporting_org_type.clone()),
        funder_name: row.funder_name.clone(),
        funder_ref: row.funder_ref.clone(),
        currency: row.currency.clone(),
        budget_amount: row.budget_amount.clone(),
        sector_code: row.sector_code.clone(),
        planned_start: Some(row.planned_start),
        planned_end: row.planned_end,
        actual_start: row.actual_start,
        actual_end: row.actual_end,
    };
    Reporting::parse(&raw).map_err(|errors| {
        AppError::Internal(anyhow::anyhow!(
            "stored IATI reporting of dialogue {} no longer valid: {}",
            row.project_id,
            serde_json::to_string(&errors).unwrap_or_default()
        ))
    })
}

fn not_configured() -> AppError {
    AppError::refused(
        "iati.not_configured",
        "This dialogue has no IATI reporting fields yet: set at least the reporting organisation and the planned start.",
    )
}

/// The dialogue `actor` may see, as an IATI activity (422 `iati.not_configured`
/// when it has no reporting fields). Every role that sees the dialogue may export it:
/// IATI is a publication format, and the file holds nothing its reader cannot see
/// (no actions; only adopted texts, which every participant of the dialogue sees).
pub async fn activity(db: &Db, actor: &Actor, project_id: Uuid) -> AppResult<Activity> {
    let view = find(db, actor, project_id).await?;
    let reporting = view.reporting.ok_or_else(not_configured)?;
    activity_of(db, view.project, &reporting).await
}

/// For the command line (an operator, who sees everything): the dialogue with this
/// code, or every dialogue with reporting fields, oldest first; and the codes of those
/// left out for having none.
pub async fn activities_for_export(
    db: &Db,
    code: Option<&str>,
) -> AppResult<(Vec<Activity>, Vec<String>)> {
    let mut query = project::Entity::find().order_by_asc(project::Column::Id);
    if let Some(code) = code {
        query = query.filter(project::Column::Code.eq(code));
    }
    let rows = query.all(db).await?;
    if code.is_some() && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut fields: std::collections::HashMap<Uuid, project_reporting::Model> =
        project_reporting::Entity::find()
            .filter(project_reporting::Column::ProjectId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.project_id, r))
            .collect();
    let (mut activities, mut skipped) = (Vec::new(), Vec::new());
    for row in rows {
        match fields.remove(&row.id) {
            Some(reporting) => activities.push(activity_of(db, row, &reporting).await?),
            None => skipped.push(row.code),
        }
    }
    Ok((activities, skipped))
}

async fn activity_of<C: ConnectionTrait>(
    db: &C,
    project: project::Model,
    reporting: &project_reporting::Model,
) -> AppResult<Activity> {
    let government_ids = projects::government_ids(db, project.id).await?;
    let governments = government::Entity::find()
        .filter(government::Column::Id.is_in(government_ids))
        .order_by_asc(government::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.code, g.name))
        .collect();
    let adopted = understanding::Entity::find()
        .filter(understanding::Column::ProjectId.eq(project.id))
        .filter(understanding::Column::State.eq(UnderstandingState::Adopted.as_str()))
        .order_by_asc(understanding::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.title, u.text))
        .collect();
    let state = projects::parse_state(&project)?;
    let facts = DialogueFacts {
        updated_at: project.updated_at.max(reporting.updated_at),
        code: project.code,
        title: project.title,
        summary: project.summary,
        state,
        reporting: stored(reporting)?,
        governments,
        adopted,
    };
    Ok(Activity::of(facts, |code| COUNTRY.contains(code)))
}
