//! How database errors become the service's one error: outages are a 503, a unique
//! violation a conflict, or (where one field is unique) a 422 naming that field; the
//! rest is internal. Here because the store is the only room that knows `DbErr`.
use crate::domain::problem::Problem;
use sea_orm::{DbErr, SqlErr};

use crate::error::AppError;

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        if super::outage::is_outage(&err) {
            // Logged here because the client only learns "try again later".
            tracing::warn!(error = %err, "storage unavailable");
            return Self::StorageUnavailable;
        }
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Conflict {
                code: "conflict.duplicate",
                detail: "Something with the same unique value already exists.".into(),
            },
            _ => Self::Internal(anyhow::Error::new(err).context("database")),
        }
    }
}

/// For an insert whose unique constraint guards one field: a duplicate becomes a 422
/// naming the field, decided by the constraint at insert time, so two requests racing
/// with the same value get one 201 and one 422 (a check before the insert would let
/// both through to a bare conflict).
pub(super) fn unique_field(
    field: &'static str,
    message: &'static str,
) -> impl FnOnce(DbErr) -> AppError {
    move |err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            let mut errors = crate::domain::validation::FieldErrors::default();
            errors.push(field, message.to_owned(), Some(Problem::Taken));
            AppError::Validation(errors)
        }
        _ => AppError::from(err),
    }
}
