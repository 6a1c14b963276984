//! GET/POST /api/v1/users, and POST /api/v1/users/{id}/{disable,enable}
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::{RawUserDoc, RoleName};
use super::pagination::{PageBody, PageParams, PageQuery};
use crate::auth::{CurrentUser, accounts};
use crate::domain::commands;
use crate::domain::role::Role;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::accounts as store_accounts;
use crate::store::entities::user;
use crate::store::users;

pub use crate::domain::commands::LOCALES;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(disable))
        .routes(routes!(enable))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserBody {
    id: Uuid,
    email: String,
    display_name: String,
    #[schema(value_type = RoleName)]
    role: String,
    government_id: Option<Uuid>,
    locale: String,
    time_zone: String,
    #[schema(value_type = super::openapi::schemas::NotificationPreferenceName)]
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

#[utoipa::path(get, path = "/users", tag = "users", summary = "List the accounts",
    params(PageParams),
    responses((status = 200, body = PageBody<UserBody>, description = "A page of accounts"),
        (status = 403, description = "Only admins may list accounts")))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<PageBody<UserBody>> {
    user.require(Role::may_list_users)?;
    let page = users::list(&state.db, page).await?;
    Ok(page.map(UserBody::from).into())
}

#[utoipa::path(post, path = "/users", tag = "users", summary = "Add an account",
    description = "Without a password, the new user is emailed a single-use link to set one.",
    request_body = RawUserDoc,
    responses((status = 201, body = UserBody, description = "Added"),
        (status = 403, description = "Only admins may add accounts"),
        (status = 409, description = "The email is taken")))]
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
#[utoipa::path(post, path = "/users/{id}/disable", tag = "users", summary = "Disable an account",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses((status = 200, body = UserBody, description = "Disabled; every way back in it held has ended"),
        (status = 403, description = "Only admins may disable accounts"),
        (status = 422, description = "An admin cannot disable themselves")))]
async fn disable(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<UserBody>> {
    let row = store_accounts::set_disabled(&state.db, &actor.actor(), id, true).await?;
    Ok(Json(row.into()))
}

#[utoipa::path(post, path = "/users/{id}/enable", tag = "users", summary = "Enable an account",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses((status = 200, body = UserBody, description = "Enabled"),
        (status = 403, description = "Only admins may enable accounts")))]
async fn enable(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<UserBody>> {
    let row = store_accounts::set_disabled(&state.db, &actor.actor(), id, false).await?;
    Ok(Json(row.into()))
}
