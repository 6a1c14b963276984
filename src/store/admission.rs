//! Who may create inside a dialogue, asked once, where the store creates.
use crate::domain::role::Organiser;
use crate::domain::transition::Actor;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};

/// What someone sent to create something inside a dialogue, asked in the order a
/// person can act on: may they see the dialogue (404, the caller has asked), may their
/// role ever create (403; the one place this is asked for phases, workshops, texts and
/// actions), then is what they sent valid (422). The input is parsed only after the
/// role is allowed, so a user who may never create learns nothing from validation
/// errors; each door (API, web, demo) passes its own parser.
pub(super) fn admit<T>(
    actor: &Actor,
    input: impl FnOnce() -> Result<T, FieldErrors>,
) -> AppResult<T> {
    Organiser::check(*actor)?;
    input().map_err(AppError::Validation)
}
