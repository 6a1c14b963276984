//! Sign-in, refresh and sign-out: the rules around the tokens.
use serde::Serialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::domain::validation::normalize_email;
use crate::error::{AppError, AppResult};
use crate::store::{self, tokens, tokens::Rotation, users};

#[derive(Debug, Serialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
}

fn invalid_credentials() -> AppError {
    AppError::unauthorized(
        "auth.invalid_credentials",
        "The email or password is wrong.",
    )
}

pub async fn login(state: &AppState, email: &str, password: String) -> AppResult<TokenPair> {
    let user = users::find_by_email(&state.db, &normalize_email(email)).await?;
    let now = store::now();
    if let Some(until) = user.as_ref().and_then(|u| users::locked_until(u, now)) {
        let secs = (until - now).num_seconds().max(1);
        return Err(AppError::TooManyRequests {
            code: "auth.locked",
            retry_after_secs: secs.unsigned_abs(),
        });
    }
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let matched = state.passwords.verify(password, hash).await;
    let Some(user) = user else {
        return Err(invalid_credentials());
    };
    if !matched {
        users::record_login_failure(&state.db, user.id, &state.settings.auth).await?;
        return Err(invalid_credentials());
    }
    if user.disabled {
        return Err(AppError::unauthorized(
            "auth.account_disabled",
            "This account is disabled.",
        ));
    }
    let user_id = user.id;
    users::clear_login_failures(&state.db, user).await?;
    issue_pair(state, user_id, Uuid::now_v7()).await
}

pub async fn refresh(state: &AppState, presented: &str) -> AppResult<TokenPair> {
    let ttl = state.settings.auth.refresh_token_ttl_days;
    match tokens::rotate(&state.db, presented, ttl).await? {
        Rotation::Rotated { user_id, token } => {
            let active = users::find(&state.db, user_id)
                .await?
                .is_some_and(|u| !u.disabled);
            if !active {
                return Err(AppError::unauthorized(
                    "auth.account_disabled",
                    "This account is disabled.",
                ));
            }
            Ok(TokenPair {
                access_token: state.jwt.issue(user_id)?,
                refresh_token: token,
                token_type: "Bearer",
                expires_in: state.jwt.ttl_secs,
            })
        }
        Rotation::Reused => Err(AppError::unauthorized(
            "auth.refresh_reused",
            "This refresh token was already used; every session from that sign-in is now signed out.",
        )),
        Rotation::Unknown | Rotation::Expired | Rotation::Revoked => Err(AppError::unauthorized(
            "auth.invalid_refresh_token",
            "The refresh token is not valid; sign in again.",
        )),
    }
}

async fn issue_pair(state: &AppState, user_id: Uuid, family_id: Uuid) -> AppResult<TokenPair> {
    let ttl = state.settings.auth.refresh_token_ttl_days;
    let refresh_token = tokens::issue_refresh(&state.db, user_id, family_id, ttl).await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(user_id)?,
        refresh_token,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_secs,
    })
}
