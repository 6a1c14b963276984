//! GET/POST /api/v1/governments
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use uuid::Uuid;

use super::extract::ApiJson;
use super::pagination::{PageBody, PageQuery};
use crate::auth::CurrentUser;
use crate::domain::commands;
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::government;
use crate::store::governments;

pub fn router() -> Router<AppState> {
    Router::new().route("/governments", get(list).post(create))
}

#[derive(Serialize)]
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

async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<GovernmentBody>>> {
    let page = governments::list(&state.db, page).await?;
    Ok(Json(page.map(GovernmentBody::from).into()))
}

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
