//! The body every `POST …/{id}/transitions` takes.
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::text::bounded;
use crate::domain::transition::TransitionInput;

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
