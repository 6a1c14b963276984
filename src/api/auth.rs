//! POST /api/v1/auth/{login,refresh,logout}
use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::openapi::schemas::TokenPairDoc;
use crate::auth::login::{self, TokenPair};
use crate::auth::reset;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::tokens;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(request_reset))
        .routes(routes!(confirm_reset))
        // Answers here carry tokens (or refuse to): no cache or proxy may keep one.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct Credentials {
    email: String,
    password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
struct RefreshBody {
    refresh_token: String,
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", security(()),
    summary = "Sign in: an access token and a refresh token",
    request_body = Credentials,
    responses((status = 200, body = TokenPairDoc, description = "Signed in"),
        (status = 401, description = "Wrong email or password, or a disabled account"),
        (status = 429, description = "Too many failed attempts for this account or address")))]
async fn sign_in(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Credentials>,
) -> AppResult<Json<TokenPair>> {
    login::login(&state, &body.email, body.password)
        .await
        .map(Json)
}

#[utoipa::path(post, path = "/auth/refresh", tag = "auth", security(()),
    summary = "Trade a refresh token for a new pair (the old one is spent)",
    request_body = RefreshBody,
    responses((status = 200, body = TokenPairDoc, description = "A new pair"),
        (status = 401, description = "The refresh token is unknown, spent, revoked or expired")))]
async fn refresh(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> AppResult<Json<TokenPair>> {
    login::refresh(&state, &body.refresh_token).await.map(Json)
}

#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(()),
    summary = "Sign out: revoke the refresh token and its family",
    request_body = RefreshBody,
    responses((status = 204, description = "Signed out (also for an unknown token)")))]
async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshBody>,
) -> AppResult<StatusCode> {
    tokens::revoke_family_of(&state.db, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
struct ResetRequest {
    email: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
struct ResetConfirm {
    token: String,
    new_password: String,
}

/// Always 202, whether or not the account exists and whether or not a throttle held
/// the email back: no account enumeration, and nothing to learn from retrying. The
/// client is the TCP peer; a proxy in front makes every client share its cap.
#[utoipa::path(post, path = "/auth/password-reset", tag = "auth", security(()),
    summary = "Email a password-reset link",
    request_body = ResetRequest,
    responses((status = 202, description = "Accepted, whether or not the account exists")))]
async fn request_reset(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<ResetRequest>,
) -> AppResult<StatusCode> {
    reset::request(&state, &body.email, peer.ip()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Spends a reset or invitation token and sets the password.
#[utoipa::path(post, path = "/auth/password-reset/confirm", tag = "auth", security(()),
    summary = "Spend a reset or invitation token and set the password",
    request_body = ResetConfirm,
    responses((status = 204, description = "The password is set"),
        (status = 422, description = "The token is unknown, spent or expired, or the password too weak")))]
async fn confirm_reset(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ResetConfirm>,
) -> AppResult<StatusCode> {
    reset::confirm(&state, &body.token, body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
