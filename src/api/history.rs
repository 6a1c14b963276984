//! `GET /api/v1/{kind}/{id}/history`, `GET /api/v1/audit/verify` and
//! `POST /api/v1/audit/checkpoint`.
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::PageRequest;
use crate::store::history::{self, VerifyReport};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify))
        .routes(routes!(checkpoint))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HistoryItem {
    #[serde(serialize_with = "super::timestamps::time")]
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    transition: String,
    from: Option<String>,
    to: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HistoryBody {
    items: Vec<HistoryItem>,
    next_cursor: Option<Uuid>,
}

/// A page of the history of one entity the caller has already been allowed to see.
pub async fn of(
    state: &AppState,
    entity_kind: &str,
    entity_id: Uuid,
    page: PageRequest,
) -> AppResult<Json<HistoryBody>> {
    let page = history::page_for_entity(&state.db, entity_kind, entity_id, page)
        .await?
        .ok_or_else(|| {
            AppError::invalid("cursor", "must be a cursor returned by a previous page")
        })?;
    let items = page
        .items
        .into_iter()
        .map(|e| HistoryItem {
            at: e.at,
            actor_id: e.actor_id,
            transition: e.transition,
            from: e.from_state,
            to: e.to_state,
            reason: e.reason,
        })
        .collect();
    Ok(Json(HistoryBody {
        items,
        next_cursor: page.next_cursor,
    }))
}

#[utoipa::path(get, path = "/audit/verify", tag = "audit",
    summary = "Verify the whole history's hash chains",
    responses((status = 200, body = super::openapi::schemas::VerifyReportDoc, description = "The report; `ok` false names the first problem"),
        (status = 403, description = "Only admins may audit")))]
async fn verify(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<VerifyReport>> {
    user.require(Role::may_audit)?;
    Ok(Json(history::verify(&state.db).await?))
}

#[utoipa::path(post, path = "/audit/checkpoint", tag = "audit",
    summary = "Verify, and if intact seal the heads into a new checkpoint",
    responses((status = 200, body = super::openapi::schemas::VerifyReportDoc, description = "The report, naming the new checkpoint"),
        (status = 403, description = "Only admins may audit")))]
/// Verifies and, if intact, seals the heads into a new checkpoint; the report names it.
async fn checkpoint(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<VerifyReport>> {
    user.require(Role::may_audit)?;
    Ok(Json(history::checkpoint(&state.db).await?))
}
