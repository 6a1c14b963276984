//! `GET|PATCH /api/v1/me` (name, language, time zone), `POST /api/v1/me/password`, and
//! `GET|PUT /api/v1/me/notifications`: how the signed-in user wants to hear about the
//! dialogue. Everyone sets their own, and only their own.
use axum::Json;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::extract::ApiJson;
use super::openapi::schemas::{
    NotificationPreferenceName, RawPasswordChangeDoc, RawProfileDoc, TokenPairDoc,
};
use super::users::UserBody;
use crate::auth::session::Session;
use crate::auth::{CurrentUser, accounts as auth_accounts, login};
use crate::domain::commands::{ProfileChange, RawPasswordChange, RawProfile};
use crate::domain::preference::NotificationPreference;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{accounts, users};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me, update))
        .routes(routes!(change_password))
        .routes(routes!(notifications, set_notifications))
}

#[utoipa::path(patch, path = "/me", tag = "me", summary = "Change one's name, language or time zone",
    request_body = RawProfileDoc,
    responses((status = 200, body = UserBody, description = "The account after the change")))]
async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<RawProfile>,
) -> AppResult<Json<UserBody>> {
    let change = ProfileChange::parse(body).map_err(AppError::Validation)?;
    let row = accounts::update_profile(&state.db, user.id, &change).await?;
    Ok(Json(UserBody::from(row)))
}

#[utoipa::path(post, path = "/me/password", tag = "me", summary = "Change one's password",
    request_body = RawPasswordChangeDoc,
    responses((status = 200, body = TokenPairDoc, description = "Signed in with a bearer token: a new pair (every other way in ends)"),
        (status = 204, description = "Signed in by the pages' session: it stays, every other way in ends"),
        (status = 429, description = "Too many wrong current passwords")))]
/// Every other way in ends: all refresh tokens and page sessions. A caller with a
/// bearer token gets a new pair (its old refresh token is gone); a page's script,
/// signed in by the cookie, keeps its session and gets 204.
async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Option<Extension<Session>>,
    ApiJson(body): ApiJson<RawPasswordChange>,
) -> AppResult<Response> {
    let keep = session.as_ref().map(|Extension(s)| s.token.as_str());
    auth_accounts::change_password(&state, user.id, body, keep).await?;
    if session.is_some() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    // The change ended every access token of the account, the caller's too: the new
    // pair is issued in the account's new token generation.
    let changed = CurrentUser::reload(&state, user.id).await?;
    let pair = login::issue_pair(&state, &changed.row, Uuid::now_v7()).await?;
    Ok(Json(pair).into_response())
}

#[utoipa::path(get, path = "/me", tag = "me", summary = "The signed-in account",
    responses((status = 200, body = UserBody, description = "The account")))]
async fn me(user: CurrentUser) -> Json<UserBody> {
    Json(UserBody::from(user.row))
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
struct Notifications {
    #[schema(value_type = NotificationPreferenceName)]
    preference: NotificationPreference,
}

#[utoipa::path(get, path = "/me/notifications", tag = "me", summary = "How one hears about the dialogue",
    responses((status = 200, body = Notifications, description = "The preference")))]
async fn notifications(user: CurrentUser) -> Json<Notifications> {
    Json(Notifications {
        preference: users::notification_preference(&user.row),
    })
}

#[utoipa::path(put, path = "/me/notifications", tag = "me", summary = "Set how one hears about the dialogue",
    request_body = Notifications,
    responses((status = 200, body = Notifications, description = "The preference now")))]
async fn set_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<Notifications>,
) -> AppResult<Json<Notifications>> {
    let preference =
        users::set_notification_preference(&state.db, user.id, body.preference).await?;
    Ok(Json(Notifications { preference }))
}
