//! The body every `POST …/{id}/transitions` takes, and the read of `allowed_transitions`.
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::text::bounded;
use crate::domain::transition::TransitionInput;
use crate::error::AppError;

#[derive(Debug, Deserialize)]
pub struct TransitionRequest {
    pub transition: String,
    pub version: i32,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
    #[serde(default, deserialize_with = "bounded::optional_time")]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "bounded::optional_time")]
    pub ends_at: Option<DateTime<Utc>>,
}

impl TransitionRequest {
    /// The transition by name, or a 422 on `transition` listing the valid names.
    pub fn name<T>(&self) -> Result<T, AppError>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        self.transition
            .parse()
            .map_err(|e: T::Err| AppError::invalid("transition", e.to_string()))
    }

    pub fn input(&self) -> TransitionInput {
        TransitionInput {
            reason: self.reason.clone(),
            note: self.note.clone(),
            override_reason: self.override_reason.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}
