//! What a message is about, loaded by its payload: the entity with its dialogue in
//! one query, and the history event in a second only for the messages that show it.
//! The store reads them; this module decides which a template needs.
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::present::when;
use crate::store::Db;
use crate::store::entities::{event, project};
use crate::store::outbox::context;
pub use crate::store::outbox::context::About;

/// The outbox row's payload. Workflow messages carry the entity and the event;
/// account messages `{"entity_kind": "user", "link": …}`; a digest `{"items": […]}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Payload {
    pub project_id: Option<Uuid>,
    pub entity_kind: Option<String>,
    pub entity_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    /// A single-use set-password link.
    pub link: Option<String>,
    /// A digest's lines, ready to read.
    #[serde(default)]
    pub items: Vec<String>,
}

/// The kind of entity a template needs, so a payload that does not fit fails
/// loudly instead of rendering a message with holes.
pub fn needed_kind(template: &str) -> Option<&'static str> {
    let kind = template.split('_').next()?;
    match kind {
        "workshop" | "outcomes" => Some("workshop"),
        "understanding" => Some("understanding"),
        "action" => Some("action"),
        "phase" => Some("phase"),
        "project" => Some("project"),
        _ => None,
    }
}

/// Messages that show what the history event recorded (a transition, a former time).
fn needs_event(template: &str) -> bool {
    matches!(template, "project_changed" | "workshop_rescheduled")
}

/// The data `template` needs: at most two queries.
pub async fn load(
    db: &Db,
    template: &str,
    payload: &Payload,
) -> anyhow::Result<(About, Option<event::Model>)> {
    let about = context::about(db, payload.entity_kind.as_deref(), payload.entity_id).await?;
    let event = match payload.event_id {
        Some(id) if needs_event(template) => context::event(db, id).await?,
        _ => None,
    };
    Ok((about, event))
}

/// What a project transition was, from its event (or, without one, its state).
pub fn project_change(project: &project::Model, event: Option<&event::Model>) -> String {
    if let Some(event) = event.filter(|e| e.entity_id == project.id) {
        return event.transition.clone();
    }
    match project.state.as_str() {
        "active" => "activate",
        "suspended" => "suspend",
        "completed" => "complete",
        "cancelled" => "cancel",
        _ => "other",
    }
    .to_owned()
}

/// The start a reschedule moved the workshop from, as the event recorded it.
pub fn previous_start(event: Option<&event::Model>) -> Option<DateTime<Utc>> {
    let data: serde_json::Value = serde_json::from_str(&event?.data).ok()?;
    let text = data.get("previous_starts_at")?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// Days from the reader's today to `due`, negative once it has passed.
pub fn days_until(due: chrono::NaiveDate, now: DateTime<Utc>, reader_zone: &str) -> i64 {
    let today = now.with_timezone(&when::zone(reader_zone)).date_naive();
    (due - today).num_days()
}
