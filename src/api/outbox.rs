//! `GET /api/v1/outbox?status=` and `POST /api/v1/outbox/{id}/retry`: what the mail
//! worker has done, and a second chance for a dead message. Operators only.
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::ApiPath;
use super::pagination::{PageBody, PageParams, PageQuery};
use crate::auth::CurrentUser;
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::outbox as row;
use crate::store::outbox;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(retry))
}

/// Not the payload: the message is rendered at delivery time, and what it is about
/// is readable through the resource's own endpoint.
#[derive(Serialize, utoipa::ToSchema)]
pub struct OutboxItem {
    id: Uuid,
    template: String,
    recipient_user_id: Uuid,
    status: String,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    /// Held for the recipient's daily digest.
    digest: bool,
}

impl From<row::Model> for OutboxItem {
    fn from(row: row::Model) -> Self {
        Self {
            id: row.id,
            template: row.template,
            recipient_user_id: row.recipient_user_id,
            status: row.status,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_error: row.last_error,
            created_at: row.created_at,
            sent_at: row.sent_at,
            digest: row.digest,
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StatusQuery {
    /// pending, sent or dead; empty or absent for all.
    #[param(value_type = Option<String>, pattern = "^(|pending|sent|dead)$")]
    status: Option<String>,
}

#[utoipa::path(get, path = "/outbox", tag = "outbox", summary = "What the mail worker has done",
    params(StatusQuery, PageParams),
    responses((status = 200, body = PageBody<OutboxItem>, description = "A page of messages"),
        (status = 403, description = "Only admins operate the outbox")))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> AppResult<PageBody<OutboxItem>> {
    user.require(Role::may_operate_outbox)?;
    let Query(query) =
        query.map_err(|e| AppError::BadRequest(format!("The query string is malformed: {e}")))?;
    let status = query.status.filter(|s| !s.is_empty());
    if let Some(status) = &status
        && !outbox::STATUSES.contains(&status.as_str())
    {
        return Err(AppError::invalid(
            "status",
            format!("must be one of {}", outbox::STATUSES.join(", ")),
        ));
    }
    let page = outbox::list(&state.db, status.as_deref(), page).await?;
    Ok(page.map(OutboxItem::from).into())
}

#[utoipa::path(post, path = "/outbox/{id}/retry", tag = "outbox", summary = "A second chance for a dead message",
    params(("id" = Uuid, Path, description = "The message's id")),
    responses((status = 200, body = OutboxItem, description = "Pending again"),
        (status = 403, description = "Only admins operate the outbox"),
        (status = 422, description = "The message is not dead")))]
async fn retry(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<OutboxItem>> {
    user.require(Role::may_operate_outbox)?;
    let row = outbox::retry_dead(&state.db, user.id, id).await?;
    Ok(Json(row.into()))
}
