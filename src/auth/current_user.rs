//! The signed-in user, by bearer token (the API's clients) or session cookie (people in
//! browsers), loaded from the database on every request so that role, government and
//! a disabled flag take effect at once, whatever the token says.
use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use super::session::Session;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::entities::user;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub role: Role,
    pub government_id: Option<Uuid>,
    pub row: user::Model,
}

impl CurrentUser {
    /// The acting user as the domain sees it.
    pub fn actor(&self) -> crate::domain::transition::Actor {
        crate::domain::transition::Actor {
            id: self.id,
            role: self.role,
            government_id: self.government_id,
        }
    }

    /// 403 unless `allowed` says yes for this user's role.
    pub fn require(&self, allowed: impl Fn(Role) -> bool) -> Result<(), AppError> {
        if allowed(self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub(super) fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl<S> FromRequestParts<S> for CurrentUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        match bearer_token(parts) {
            Some(token) => {
                let claims = state.jwt.verify(token)?;
                Self::load(&state, claims.sub, claims.generation).await
            }
            // The session middleware already loaded the person with the session (and
            // refused a disabled one), in the same request.
            None => match parts.extensions.get::<Session>() {
                Some(session) => Self::of(session.user.clone()),
                None => Err(AppError::unauthorized(
                    "auth.missing_token",
                    "Sign in and send the access token.",
                )),
            },
        }
    }
}

impl CurrentUser {
    /// The account a verified token of `generation` names, as it is now; 401 if it
    /// is gone or disabled, or the token was ended (signed out everywhere, a new
    /// password) since it was issued.
    pub async fn load(state: &AppState, user_id: Uuid, generation: i32) -> Result<Self, AppError> {
        Self::read(state, user_id, |row| row.token_generation == generation).await
    }

    /// The account as it is now, whatever generation it is in; 401 if it is gone or
    /// disabled.
    pub async fn reload(state: &AppState, user_id: Uuid) -> Result<Self, AppError> {
        Self::read(state, user_id, |_| true).await
    }

    async fn read(
        state: &AppState,
        user_id: Uuid,
        honours: impl Fn(&user::Model) -> bool,
    ) -> Result<Self, AppError> {
        let row = crate::store::users::find(&state.db, user_id)
            .await?
            .filter(|row| !row.disabled && honours(row))
            .ok_or_else(|| {
                AppError::unauthorized("auth.invalid_token", "This account cannot sign in.")
            })?;
        Self::of(row)
    }

    fn of(row: user::Model) -> Result<Self, AppError> {
        let role = row
            .role
            .parse::<Role>()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("stored role: {e}")))?;
        Ok(Self {
            id: row.id,
            role,
            government_id: row.government_id,
            row,
        })
    }
}
