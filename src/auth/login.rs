//! Sign-in, refresh and sign-out: the rules around the tokens.
use serde::Serialize;
use uuid::Uuid;

use crate::credentials::jwt::Subject;
use crate::domain::validation::normalize_email;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::user;
use crate::store::throttles::{self, Reservation};
use crate::store::{accounts, tokens, tokens::Rotation, users};

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

/// Signs in for the API: tokens. The attempt is reserved against the address's lockout *before* the
/// password is checked, so parallel guesses cannot outrun the count; only a success
/// gives the attempt back. A known and an unknown address take the same steps (the
/// unknown one is verified against a decoy hash), so neither the answer, the lockout
/// nor the time taken tells whether an account exists.
pub async fn login(state: &AppState, email: &str, password: String) -> AppResult<TokenPair> {
    let user = authenticate(state, email, password).await?;
    issue_pair(state, &user, Uuid::now_v7()).await
}

/// The checks of every sign-in, the API's and the pages': the lockout, the password,
/// a disabled account. What the caller hands out next (tokens, a session) is its own.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: String,
) -> AppResult<user::Model> {
    let email = normalize_email(email);
    let (key, limit) = throttles::sign_in(&state.settings.auth, &email);
    if let Reservation::Refused { retry_after_secs } =
        throttles::reserve(&state.db, &key, &limit).await?
    {
        return Err(AppError::TooManyRequests {
            code: "auth.locked",
            retry_after_secs,
        });
    }
    let user = users::find_by_email(&state.db, &email).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let matched = state.passwords.verify(password.clone(), hash).await;
    let user = match user {
        Some(user) if matched => user,
        _ => return Err(invalid_credentials()),
    };
    if user.disabled {
        return Err(AppError::unauthorized(
            "auth.account_disabled",
            "This account is disabled.",
        ));
    }
    throttles::release(&state.db, &key).await?;
    // Best effort: the sign-in is proven, and the next one tries again.
    if let Err(error) = upgrade_hash(state, &user, password).await {
        tracing::warn!(user_id = %user.id, error = %error, "password hash not upgraded");
    }
    Ok(user)
}

/// A hash made under an older argon2 cost is made again under today's while the
/// password is at hand, so that a lowered cost (e.g. less memory) reaches every
/// account as it signs in.
async fn upgrade_hash(
    state: &AppState,
    user: &user::Model,
    password: String,
) -> anyhow::Result<()> {
    let Some(old) = user.password_hash.as_deref() else {
        return Ok(());
    };
    if state.passwords.is_current(old) {
        return Ok(());
    }
    let new = state.passwords.hash(password).await?;
    accounts::upgrade_password_hash(&state.db, user.id, old, new).await?;
    Ok(())
}

pub async fn refresh(state: &AppState, presented: &str) -> AppResult<TokenPair> {
    let ttl = state.settings.auth.refresh_token_ttl_days;
    match tokens::rotate(&state.db, presented, ttl).await? {
        Rotation::Rotated { user_id, token } => {
            let Some(user) = users::find(&state.db, user_id)
                .await?
                .filter(|u| !u.disabled)
            else {
                return Err(AppError::unauthorized(
                    "auth.account_disabled",
                    "This account is disabled.",
                ));
            };
            Ok(TokenPair {
                access_token: state.jwt.issue(&subject(&user))?,
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

/// A new pair of tokens in a new family: a fresh sign-in, without the password.
pub async fn issue_pair(
    state: &AppState,
    user: &user::Model,
    family_id: Uuid,
) -> AppResult<TokenPair> {
    let ttl = state.settings.auth.refresh_token_ttl_days;
    let refresh_token = tokens::issue_refresh(&state.db, user.id, family_id, ttl).await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(&subject(user))?,
        refresh_token,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_secs,
    })
}

fn subject(user: &user::Model) -> Subject<'_> {
    Subject {
        id: user.id,
        role: &user.role,
        government_id: user.government_id,
        generation: user.token_generation,
    }
}
