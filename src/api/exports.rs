//! A dialogue's CSV exports: `/projects/{id}/actions.csv`, `/understandings.csv`,
//! `/workshops.csv`, with the machine names as headers (README, "CSV exports").
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::actions::ActionFilterParams;
use super::extract::ApiPath;
use crate::auth::CurrentUser;
use crate::domain::commands;
use crate::error::{AppError, AppResult};
use crate::export::csv::{self, MachineLabels};
use crate::state::AppState;
use crate::store::exports;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(actions))
        .routes(routes!(understandings))
        .routes(routes!(workshops))
}

/// A CSV file to save, named after the dialogue's code: `<code>-<kind>.csv`. Both
/// doors answer with it.
pub fn attachment(code: &str, kind: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", csv::file_name(code, kind));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    // `file_name` keeps to ASCII letters, digits and `._-`: always a valid header.
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // What one reader may see: no shared cache keeps it.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

#[utoipa::path(get, path = "/projects/{id}/actions.csv", tag = "exports", summary = "A dialogue's actions as CSV",
    description = "UTF-8 with a byte-order mark, RFC 4180. One row per action the reader may see, with one agreement column per government and the newest progress note.",
    params(("id" = Uuid, Path, description = "The dialogue's id"), ActionFilterParams),
    responses((status = 200, body = String, content_type = "text/csv", description = "The CSV file")))]
/// `?phase=&scope=&government=&overdue=` as on the actions list; each optional.
async fn actions(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    raw: Result<Query<commands::RawActionFilter>, QueryRejection>,
) -> AppResult<Response> {
    let Query(raw) =
        raw.map_err(|e| AppError::BadRequest(format!("The query string is malformed: {e}")))?;
    let filter = commands::ActionFilter::parse(raw).map_err(AppError::Validation)?;
    let export = exports::actions(&state.db, &user.actor(), project_id, &filter).await?;
    let body = csv::actions(&export, &MachineLabels)?;
    Ok(attachment(&export.frame.dialogue.code, "actions", body))
}

#[utoipa::path(get, path = "/projects/{id}/understandings.csv", tag = "exports", summary = "A dialogue's common understandings as CSV",
    description = "UTF-8 with a byte-order mark, RFC 4180. One row per text, with each government's position on its current revision.",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    responses((status = 200, body = String, content_type = "text/csv", description = "The CSV file")))]
async fn understandings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let export = exports::understandings(&state.db, &user.actor(), project_id).await?;
    let body = csv::understandings(&export, &MachineLabels)?;
    Ok(attachment(
        &export.frame.dialogue.code,
        "understandings",
        body,
    ))
}

#[utoipa::path(get, path = "/projects/{id}/workshops.csv", tag = "exports", summary = "A dialogue's workshops as CSV",
    description = "UTF-8 with a byte-order mark, RFC 4180. One row per workshop, times in the venue's zone with their offset, with each government's attendance and outcome.",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    responses((status = 200, body = String, content_type = "text/csv", description = "The CSV file")))]
async fn workshops(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
) -> AppResult<Response> {
    let export = exports::workshops(&state.db, &user.actor(), project_id).await?;
    let body = csv::workshops(&export, &MachineLabels)?;
    Ok(attachment(&export.frame.dialogue.code, "workshops", body))
}
