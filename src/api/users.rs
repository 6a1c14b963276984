//! GET/POST /api/v1/users, and POST /api/v1/users/{id}/{disable,enable}
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::pagination::{PageBody, PageQuery};
use crate::auth::{CurrentUser, accounts};
use crate::domain::commands;
use crate::domain::role::Role;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::accounts as store_accounts;
use crate::store::entities::user;
use crate::store::users;

pub use crate::domain::commands::LOCALES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}/disable", post(disable))
        .route("/users/{id}/enable", post(enable))
}

#[derive(Serialize)]
pub struct UserBody {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    government_id: Option<Uuid>,
    locale: String,
    time_zone: String,
    notification_preference: String,
    disabled: bool,
}

impl From<user::Model> for UserBody {
    fn from(row: user::Model) -> Self {
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            government_id: row.government_id,
            locale: row.locale,
            time_zone: row.time_zone,
            notification_preference: row.notification_preference,
            disabled: row.disabled,
        }
    }
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<UserBody>>> {
    user.require(Role::may_list_users)?;
    let page = users::list(&state.db, page).await?;
    Ok(Json(page.map(UserBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiJson(body): ApiJson<commands::RawUser>,
) -> AppResult<(StatusCode, Json<UserBody>)> {
    let row = accounts::add_user(&state, &actor, body).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// `POST /api/v1/users/{id}/disable`: the account can no longer sign in, and every
/// way back in it holds ends now. An admin cannot disable themselves (422).
async fn disable(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<UserBody>> {
    let row = store_accounts::set_disabled(&state.db, &actor.actor(), id, true).await?;
    Ok(Json(row.into()))
}

async fn enable(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<UserBody>> {
    let row = store_accounts::set_disabled(&state.db, &actor.actor(), id, false).await?;
    Ok(Json(row.into()))
}
