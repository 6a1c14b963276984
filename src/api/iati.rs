//! IATI reporting: a dialogue's reporting fields (`GET`/`PUT
//! /projects/{id}/reporting`) and its IATI 2.03 activity file
//! (`GET /projects/{id}/iati.xml`).
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::RawReportingDoc;
use crate::auth::CurrentUser;
use crate::domain::iati::reporting::RawReporting;
use crate::error::{AppError, AppResult};
use crate::present::iati;
use crate::state::AppState;
use crate::store::entities::project_reporting;
use crate::store::reporting::{self, ReportingView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show, save))
        .routes(routes!(export))
}

/// The fields as stored, and what the export derives from them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReportingFields {
    reporting_org_name: String,
    reporting_org_ref: String,
    reporting_org_type: String,
    funder_name: Option<String>,
    funder_ref: Option<String>,
    currency: Option<String>,
    budget_amount: Option<String>,
    sector_code: Option<String>,
    planned_start: NaiveDate,
    planned_end: Option<NaiveDate>,
    actual_start: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
    iati_identifier: String,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReportingBody {
    project_id: Uuid,
    /// The dialogue's version: send it back with the next `PUT`.
    version: i32,
    /// `null` until the fields are set.
    reporting: Option<ReportingFields>,
}

fn fields(code: &str, r: project_reporting::Model) -> ReportingFields {
    ReportingFields {
        iati_identifier: format!("{}-{code}", r.reporting_org_ref),
        reporting_org_name: r.reporting_org_name,
        reporting_org_ref: r.reporting_org_ref,
        reporting_org_type: r.reporting_org_type,
        funder_name: r.funder_name,
        funder_ref: r.funder_ref,
        currency: r.currency,
        budget_amount: r.budget_amount,
        sector_code: r.sector_code,
        planned_start: r.planned_start,
        planned_end: r.planned_end,
        actual_start: r.actual_start,
        actual_end: r.actual_end,
        updated_at: r.updated_at,
    }
}

impl From<ReportingView> for ReportingBody {
    fn from(v: ReportingView) -> Self {
        Self {
            project_id: v.project.id,
            version: v.project.version,
            reporting: v.reporting.map(|r| fields(&v.project.code, r)),
        }
    }
}

#[utoipa::path(get, path = "/projects/{id}/reporting", tag = "reporting", summary = "A dialogue's IATI reporting fields",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    responses((status = 200, body = ReportingBody, description = "The fields, or `reporting: null` until they are set")))]
async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<ReportingBody>> {
    let view = reporting::find(&state.db, &user.actor(), id).await?;
    Ok(Json(view.into()))
}

#[utoipa::path(put, path = "/projects/{id}/reporting", tag = "reporting", summary = "Set a dialogue's IATI reporting fields",
    description = "Replaces every field; raises the dialogue's version and is recorded in its history as `reporting`.",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    request_body = RawReportingDoc,
    responses((status = 200, body = ReportingBody, description = "Saved"),
        (status = 403, description = "Only coordinators and admins may set them"),
        (status = 409, description = "The dialogue changed since `version` was read")))]
async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<RawReporting>,
) -> AppResult<Json<ReportingBody>> {
    let view = reporting::save(&state.db, &user.actor(), id, &body).await?;
    Ok(Json(view.into()))
}

#[utoipa::path(get, path = "/projects/{id}/iati.xml", tag = "reporting", summary = "The dialogue as an IATI 2.03 activity file",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    responses((status = 200, body = String, content_type = "application/xml", description = "An `iati-activities` file with one activity, valid against the IATI 2.03 schema"),
        (status = 422, description = "The dialogue's reporting fields are not set (`iati.not_configured`)")))]
async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let activity = reporting::activity(&state.db, &user.actor(), id).await?;
    let xml = iati::write(std::slice::from_ref(&activity), crate::store::now())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the IATI file: {e}")))?;
    let file_name = format!("{}.xml", activity.identifier);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", safe_file_name(&file_name)),
            ),
        ],
        xml,
    )
        .into_response())
}

/// The identifier holds only what `is_org_ref` and a dialogue code allow, but a code
/// may hold a quote or a slash: keep the header's file name plain.
fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
