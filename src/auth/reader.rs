//! Who is asking, for the hottest read (the action list), without first reading the
//! account. `CurrentUser` reads the account's row on every request so that a changed
//! role or a disabled flag takes effect at once; on a list that is a statement of its
//! own beside the page (issue 8 counts them). A token issued since the role and
//! government were added to it says what they were at sign-in; the list then builds
//! its query for that actor and adds, to the page's own statement, the condition that
//! the account still has that role and government and is not disabled
//! (`store::users::still_is`). So the page is answered only for an actor that the
//! database confirms in the same statement: nothing is taken on the token's word.
//! An empty page cannot tell "nothing to show" from "changed account", so it is asked
//! again the usual way (`CurrentUser::load`, then the plain list), as is a session.
//! A transition does the same with the lock of its row (`runner::transition_by`):
//! nothing locked is asked again the usual way.
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;

use super::current_user::{CurrentUser, bearer_token};
use crate::domain::role::Role;
use crate::domain::transition::Actor;
use crate::error::AppError;
use crate::state::AppState;

pub enum Reader {
    /// What a verified token says about its account, and the token's generation;
    /// to be confirmed by the query.
    Claimed { actor: Actor, generation: i32 },
    /// The account as read now (a session, or an older token); boxed, as it is ten
    /// times the size of the other.
    Current(Box<CurrentUser>),
}

impl<S> FromRequestParts<S> for Reader
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let user = match bearer_token(parts) {
            Some(token) => {
                let claims = app.jwt.verify(token)?;
                match claims.role.as_deref().and_then(|r| r.parse::<Role>().ok()) {
                    Some(role) => {
                        return Ok(Self::Claimed {
                            actor: Actor {
                                id: claims.sub,
                                role,
                                government_id: claims.gov,
                            },
                            generation: claims.generation,
                        });
                    }
                    // A token from before the claims: the account as it is now.
                    None => CurrentUser::load(&app, claims.sub, claims.generation).await?,
                }
            }
            None => CurrentUser::from_request_parts(parts, state).await?,
        };
        Ok(Self::Current(Box::new(user)))
    }
}

impl Reader {
    /// The account as it is now: read for claims, as it was for a session.
    pub async fn account(self, state: &AppState) -> Result<CurrentUser, AppError> {
        match self {
            Self::Claimed { actor, generation } => {
                CurrentUser::load(state, actor.id, generation).await
            }
            Self::Current(user) => Ok(*user),
        }
    }
}
