//! The body every `POST …/{id}/transitions` takes.
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::text::bounded;
use crate::domain::transition::TransitionInput;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TransitionRequest {
    pub transition: String,
    /// The version read; another is a 409.
    pub version: i32,
    /// Required to cancel, withdraw, drop or block.
    pub reason: Option<String>,
    /// Required to complete an action.
    pub note: Option<String>,
    /// A coordinator concluding a workshop without every outcome says why.
    pub override_reason: Option<String>,
    #[serde(default, deserialize_with = "bounded::optional_time")]
    /// New times, to reschedule a workshop.
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
