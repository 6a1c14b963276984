//! Accounts as both doors create and change them: an administrator adding (or
//! inviting) someone, and a person changing their own password. Here because both
//! need the password policy and hashing (`credentials::password`) beside the domain's
//! parse, and the database beside both.
use uuid::Uuid;

use crate::credentials::password::check_password_policy;
use crate::domain::commands::{self, PasswordChange, RawPasswordChange};
use crate::domain::problem::Problem;
use crate::domain::role::Role;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::user;
use crate::store::throttles::{self, Reservation};
use crate::store::{accounts, governments, users};

use super::CurrentUser;

/// As `POST /api/v1/users`: with a password the account is ready; without one its
/// owner is emailed a single-use link to choose it (an invitation).
pub async fn add_user(
    state: &AppState,
    actor: &CurrentUser,
    mut raw: commands::RawUser,
) -> AppResult<user::Model> {
    actor.require(Role::may_manage_users)?;
    let password = raw.password.take();
    // Whether the government exists, and its zone, need the database; the password
    // policy is credentials'. Both are checked beside the parse so one reply names
    // every field.
    let government = match raw.government_id {
        Some(id) => governments::find(&state.db, id).await?,
        None => None,
    };
    let mut errors = FieldErrors::default();
    if let Some(password) = &password {
        check_password_policy(&mut errors, "password", password);
    }
    let parsed = commands::NewUser::parse(raw, government.as_ref().map(|g| g.time_zone.as_str()));
    let parsed = errors.and_parsed(parsed).map_err(AppError::Validation)?;
    let password_hash = match password {
        Some(password) => Some(state.passwords.hash(password).await?),
        None => None,
    };
    let new = users::NewUser::from_parsed(&parsed, password_hash);
    if new.password_hash.is_some() {
        users::create(&state.db, Some(actor.id), new).await
    } else {
        let public_url = &state.settings.server.public_url;
        users::create_invited(&state.db, Some(actor.id), new, public_url).await
    }
}

/// The field a wrong current password is named by, in every door's answers.
pub const CURRENT_PASSWORD: &str = "current_password";

/// A person changes their own password: the boxes agree and the new one meets the
/// policy (one reply names every field), then the current one is checked against the
/// stored hash (a wrong one is a 422 on `current_password`). Every refresh token and
/// every page session of the account ends, except `keep`, the session it was done
/// from.
pub async fn change_password(
    state: &AppState,
    user_id: Uuid,
    raw: RawPasswordChange,
    keep: Option<&str>,
) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    check_password_policy(&mut errors, "new_password", &raw.new_password);
    let parsed = errors
        .and_parsed(PasswordChange::parse(raw))
        .map_err(AppError::Validation)?;
    let (current, new) = parsed.into_parts();
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Guessing the current password here counts against the same lockout as
    // guessing it at sign-in, so a borrowed session is no way around it.
    let (key, limit) = throttles::sign_in(&state.settings.auth, &user.email);
    if let Reservation::Refused { retry_after_secs } =
        throttles::reserve(&state.db, &key, &limit).await?
    {
        return Err(AppError::TooManyRequests {
            code: "auth.locked",
            retry_after_secs,
        });
    }
    if !state.passwords.verify(current, user.password_hash).await {
        let mut errors = FieldErrors::default();
        errors.problem(CURRENT_PASSWORD, Problem::NotCurrentPassword);
        return Err(AppError::Validation(errors));
    }
    throttles::release(&state.db, &key).await?;
    let hash = state.passwords.hash(new).await?;
    accounts::change_password(&state.db, user_id, hash, keep).await
}
