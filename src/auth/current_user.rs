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

fn bearer_token(parts: &Parts) -> Option<&str> {
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
        let row = match bearer_token(parts) {
            Some(token) => {
                let claims = state.jwt.verify(token)?;
                crate::store::users::find(&state.db, claims.sub)
                    .await?
                    .filter(|row| !row.disabled)
                    .ok_or_else(|| {
                        AppError::unauthorized("auth.invalid_token", "This account cannot sign in.")
                    })?
            }
            // The session middleware already loaded the person with the session (and
            // refused a disabled one), in the same request.
            None => match parts.extensions.get::<Session>() {
                Some(session) => session.user.clone(),
                None => {
                    return Err(AppError::unauthorized(
                        "auth.missing_token",
                        "Sign in and send the access token.",
                    ));
                }
            },
        };
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
