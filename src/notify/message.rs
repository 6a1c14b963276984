//! An outbox row becomes an email for its recipient at delivery time, so it is
//! rendered in the recipient's current language and time zone.
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::Deserialize;
use uuid::Uuid;

use super::ics::IcsMethod;
use crate::config::Settings;
use crate::store::entities::{outbox, user};

/// A message ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A calendar part (`text/calendar; method=…`) for workshop messages.
    pub calendar: Option<CalendarPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarPart {
    pub method: IcsMethod,
    pub content: String,
}

/// What the outbox row says the message is about.
#[derive(Debug, Clone, Deserialize)]
pub struct Payload {
    pub project_id: Option<Uuid>,
    pub entity_kind: String,
    pub entity_id: Uuid,
    pub event_id: Option<Uuid>,
}

/// Renders `row` for its recipient; `Ok(None)` when there is no one to send to any
/// more (the account was removed or disabled).
pub async fn render(db: &DatabaseConnection, _settings: &Settings, row: &outbox::Model) -> anyhow::Result<Option<Email>> {
    let Some(recipient) = user::Entity::find_by_id(row.recipient_user_id).one(db).await? else {
        return Ok(None);
    };
    if recipient.disabled {
        return Ok(None);
    }
    let payload: Payload = serde_json::from_str(&row.payload)?;
    let subject = format!("Concord: {} ({})", row.template.replace('_', " "), payload.entity_kind);
    let text = format!(
        "Hello {},\n\nThere is news about {} {}: {}.\n",
        recipient.display_name,
        payload.entity_kind,
        payload.entity_id,
        row.template.replace('_', " ")
    );
    let html = format!("<p>Hello {},</p><p>{}</p>", recipient.display_name, text.lines().nth(2).unwrap_or_default());
    Ok(Some(Email {
        to_email: recipient.email,
        to_name: recipient.display_name,
        subject,
        text,
        html,
        calendar: None,
    }))
}
