//! What every state machine's resource serves, written once: `GET …/{id}`,
//! `POST …/{id}/transitions` and `GET …/{id}/history`. A resource registers them with
//! one line, `.merge(resource::routes::<ProjectMachine>("/projects"))`.
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::history::{self, HistoryBody};
use super::pagination::PageQuery;
use super::transitions::TransitionRequest;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::runner::{self, Stored};

/// How a machine's view is rendered as JSON for the user who asked.
pub trait IntoBody {
    type Body: Serialize;
    fn into_body(self, user: &CurrentUser) -> Self::Body;
}

/// The read, transition and history routes of the machine `M` under `base`.
pub fn routes<M>(base: &str) -> Router<AppState>
where
    M: Stored,
    M::View: IntoBody,
{
    Router::new()
        .route(&format!("{base}/{{id}}"), get(read::<M>))
        .route(&format!("{base}/{{id}}/transitions"), post(transition::<M>))
        .route(&format!("{base}/{{id}}/history"), get(history_of::<M>))
}

async fn read<M>(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<<M::View as IntoBody>::Body>>
where
    M: Stored,
    M::View: IntoBody,
{
    let view = runner::read::<M, _>(&state.db, &user.actor(), id).await?;
    Ok(Json(view.into_body(&user)))
}

async fn transition<M>(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<<M::View as IntoBody>::Body>>
where
    M: Stored,
    M::View: IntoBody,
{
    let request = M::parse_request(&body.transition).map_err(AppError::Validation)?;
    let input = body.input();
    let view = runner::transition::<M>(&state.db, &user.actor(), id, request, body.version, &input)
        .await?;
    Ok(Json(view.into_body(&user)))
}

async fn history_of<M: Stored>(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    runner::find_visible::<M, _>(&state.db, &user.actor(), id).await?;
    history::of(&state, M::MACHINE.as_str(), id, page).await
}
