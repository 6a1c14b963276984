//! POST /api/v1/auth/{login,refresh,logout}
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use super::extract::ApiJson;
use crate::app::AppState;
use crate::auth::login::{self, TokenPair};
use crate::error::AppResult;
use crate::store::tokens;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(sign_in))
        .route("/auth/refresh", post(refresh))
        .route("/auth/logout", post(logout))
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

#[derive(Deserialize)]
struct RefreshBody {
    refresh_token: String,
}

async fn sign_in(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Credentials>,
) -> AppResult<Json<TokenPair>> {
    login::login(&state, &body.email, body.password)
        .await
        .map(Json)
}

async fn refresh(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> AppResult<Json<TokenPair>> {
    login::refresh(&state, &body.refresh_token).await.map(Json)
}

async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> AppResult<StatusCode> {
    tokens::revoke_family_of(&state.db, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}
