//! Password resets and invitations, the same for the API and the pages: asking for a
//! link, and spending one to set a password.
use std::net::IpAddr;

use crate::credentials::password::check_password_policy;
use crate::domain::validation::{FieldErrors, normalize_email};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{one_time_tokens, throttles};

/// The field a new password is named by in every door's answers.
pub const NEW_PASSWORD: &str = "new_password";

/// Queues a reset link unless a throttle holds it back or there is no such account;
/// the caller answers the same in every case. `client` is the TCP peer: a proxy in
/// front makes every client share its cap.
pub async fn request(state: &AppState, email: &str, client: IpAddr) -> AppResult<()> {
    let email = normalize_email(email);
    let throttles = throttles::password_reset(&state.settings.auth, &email, client);
    let public_url = &state.settings.server.public_url;
    one_time_tokens::request_reset(&state.db, &email, &throttles, public_url).await
}

/// Spends a reset or invitation token and sets the password (which also ends every
/// session and refresh token of the account).
pub async fn confirm(state: &AppState, token: &str, new_password: String) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    check_password_policy(&mut errors, NEW_PASSWORD, &new_password);
    errors.into_result().map_err(AppError::Validation)?;
    let hash = state.passwords.hash(new_password).await?;
    one_time_tokens::set_password(&state.db, token, hash).await
}
