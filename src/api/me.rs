//! GET /api/v1/me
use axum::routing::get;
use axum::{Json, Router};

use super::users::UserBody;
use crate::app::AppState;
use crate::auth::CurrentUser;

pub fn router() -> Router<AppState> {
    Router::new().route("/me", get(me))
}

async fn me(user: CurrentUser) -> Json<UserBody> {
    Json(UserBody::from(user.row))
}
