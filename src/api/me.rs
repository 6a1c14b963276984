//! `GET /api/v1/me`, and `GET|PUT /api/v1/me/notifications`: how the signed-in user
//! wants to hear about the dialogue. Everyone sets their own, and only their own.
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::extract::ApiJson;
use super::users::UserBody;
use crate::auth::CurrentUser;
use crate::domain::preference::NotificationPreference;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::users;

pub fn router() -> Router<AppState> {
    Router::new().route("/me", get(me)).route(
        "/me/notifications",
        get(notifications).put(set_notifications),
    )
}

async fn me(user: CurrentUser) -> Json<UserBody> {
    Json(UserBody::from(user.row))
}

#[derive(Serialize, Deserialize)]
struct Notifications {
    preference: NotificationPreference,
}

async fn notifications(user: CurrentUser) -> Json<Notifications> {
    Json(Notifications {
        preference: users::notification_preference(&user.row),
    })
}

async fn set_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<Notifications>,
) -> AppResult<Json<Notifications>> {
    let preference =
        users::set_notification_preference(&state.db, user.id, body.preference).await?;
    Ok(Json(Notifications { preference }))
}
