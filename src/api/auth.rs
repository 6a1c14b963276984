//! POST /api/v1/auth/{login,refresh,logout}
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use super::extract::ApiJson;
use crate::auth::login::{self, TokenPair};
use crate::auth::reset;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::tokens;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(sign_in))
        .route("/auth/refresh", post(refresh))
        .route("/auth/logout", post(logout))
        .route("/auth/password-reset", post(request_reset))
        .route("/auth/password-reset/confirm", post(confirm_reset))
        // Answers here carry tokens (or refuse to): no cache or proxy may keep one.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
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

#[derive(Deserialize)]
struct ResetRequest {
    email: String,
}

#[derive(Deserialize)]
struct ResetConfirm {
    token: String,
    new_password: String,
}

/// Always 202, whether or not the account exists and whether or not a throttle held
/// the email back: no account enumeration, and nothing to learn from retrying. The
/// client is the TCP peer; a proxy in front makes every client share its cap.
async fn request_reset(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<ResetRequest>,
) -> AppResult<StatusCode> {
    reset::request(&state, &body.email, peer.ip()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Spends a reset or invitation token and sets the password.
async fn confirm_reset(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ResetConfirm>,
) -> AppResult<StatusCode> {
    reset::confirm(&state, &body.token, body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
