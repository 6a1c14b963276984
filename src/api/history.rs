//! `GET /api/v1/{kind}/{id}/history`, `GET /api/v1/audit/verify` and
//! `POST /api/v1/audit/checkpoint`.
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::PageRequest;
use crate::store::history::{self, VerifyReport};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit/verify", get(verify))
        .route("/audit/checkpoint", post(checkpoint))
}

#[derive(Serialize)]
pub struct HistoryItem {
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    transition: String,
    from: Option<String>,
    to: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize)]
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

async fn verify(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<VerifyReport>> {
    user.require(Role::may_audit)?;
    Ok(Json(history::verify(&state.db).await?))
}

/// Verifies and, if intact, seals the heads into a new checkpoint; the report names it.
async fn checkpoint(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<VerifyReport>> {
    user.require(Role::may_audit)?;
    Ok(Json(history::checkpoint(&state.db).await?))
}
