//! GET/POST /api/v1/governments
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::extract::ApiJson;
use super::pagination::{PageBody, PageQuery};
use crate::auth::CurrentUser;
use crate::domain::role::Role;
use crate::domain::validation::{FieldErrors, is_country_code};
use crate::error::{AppError, AppResult, unique_field};
use crate::state::AppState;
use crate::store::entities::government;
use crate::store::governments::{self, NewGovernment};

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

#[derive(Deserialize)]
struct CreateGovernment {
    code: String,
    name: String,
    time_zone: String,
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
    ApiJson(body): ApiJson<CreateGovernment>,
) -> AppResult<(StatusCode, Json<GovernmentBody>)> {
    user.require(Role::may_manage_governments)?;
    let mut errors = FieldErrors::default();
    let code = body.code.trim().to_owned();
    if !is_country_code(&code) {
        errors.add(
            "code",
            "must be an ISO 3166-1 alpha-2 code in capitals, such as AF",
        );
    }
    errors.require_text("name", &body.name, 200);
    errors.require_time_zone("time_zone", &body.time_zone);
    errors.into_result().map_err(AppError::Validation)?;
    let new = NewGovernment {
        code,
        name: body.name.trim().to_owned(),
        time_zone: body.time_zone,
    };
    let row = governments::create(&state.db, Some(user.id), new)
        .await
        .map_err(unique_field(
            "code",
            "a government with this code already exists",
        ))?;
    Ok((StatusCode::CREATED, Json(row.into())))
}
