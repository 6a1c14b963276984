//! GET/POST /api/v1/governments
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::ApiJson;
use super::openapi::schemas::RawGovernmentDoc;
use super::pagination::{PageBody, PageParams, PageQuery};
use crate::auth::CurrentUser;
use crate::domain::commands;
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::government;
use crate::store::governments;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GovernmentBody {
    id: Uuid,
    code: String,
    name: String,
    time_zone: String,
}

impl From<government::Model> for GovernmentBody {
    fn from(row: government::Model) -> Self {
        Self {
            id: row.id,
            code: row.code,
            name: row.name,
            time_zone: row.time_zone,
        }
    }
}

#[utoipa::path(get, path = "/governments", tag = "governments", summary = "List the governments",
    params(PageParams),
    responses((status = 200, body = PageBody<GovernmentBody>, description = "A page of governments")))]
async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<PageBody<GovernmentBody>> {
    let page = governments::list(&state.db, page).await?;
    Ok(page.map(GovernmentBody::from).into())
}

#[utoipa::path(post, path = "/governments", tag = "governments", summary = "Add a government",
    request_body = RawGovernmentDoc,
    responses((status = 201, body = GovernmentBody, description = "Added"),
        (status = 403, description = "Only admins may manage governments"),
        (status = 409, description = "The code is taken")))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<commands::RawGovernment>,
) -> AppResult<(StatusCode, Json<GovernmentBody>)> {
    user.require(Role::may_manage_governments)?;
    let new = commands::NewGovernment::parse(body).map_err(AppError::Validation)?;
    let row = governments::create(&state.db, Some(user.id), (&new).into()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

// The store still takes its own input struct; this keeps the conversion in one place
// (the demo seeder uses it too) until it takes the domain's commands.
