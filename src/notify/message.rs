//! An outbox row becomes an email for its recipient at delivery time, so it is
//! rendered in the recipient's current language and time zone, from the entity as it
//! is then.
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};

use super::about::{self, About};
use super::templates::{self, Mail, Parts};
use crate::config::Settings;
use crate::present::i18n::{Lang, Tr};
use crate::present::ics::{self, IcsMethod, WorkshopEvent};
use crate::present::when;
use crate::store::Db;
use crate::store::entities::{event, outbox, user};
use crate::store::outbox::context;

pub use super::about::Payload;

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

/// Renders `row` for its recipient; `Ok(None)` when there is no one to send to any
/// more (the account was removed or disabled).
pub async fn render(
    db: &Db,
    settings: &Settings,
    row: &outbox::Model,
) -> anyhow::Result<Option<Email>> {
    let Some(recipient) = context::recipient(db, row.recipient_user_id).await? else {
        return Ok(None);
    };
    if recipient.disabled {
        return Ok(None);
    }
    let payload: Payload = serde_json::from_str(&row.payload)
        .with_context(|| format!("outbox row {} has an unreadable payload", row.id))?;
    let (about, event) = about::load(db, &row.template, &payload).await?;
    let facts = Facts {
        template: &row.template,
        recipient: &recipient,
        about: &about,
        event: event.as_ref(),
        payload: &payload,
        now: crate::store::now(),
    };
    compose(&facts, settings).map(Some)
}

/// Everything a message is made from, loaded.
pub struct Facts<'a> {
    pub template: &'a str,
    pub recipient: &'a user::Model,
    pub about: &'a About,
    pub event: Option<&'a event::Model>,
    pub payload: &'a Payload,
    /// For "due in N days", counted from the recipient's today.
    pub now: DateTime<Utc>,
}

/// Writes the message (no I/O). It is in the recipient's language when that language
/// has every line of it, otherwise wholly in English: a message is never a patchwork.
pub fn compose(facts: &Facts<'_>, settings: &Settings) -> anyhow::Result<Email> {
    if let Some(kind) = about::needed_kind(facts.template)
        && facts.about.kind() != kind
    {
        bail!(
            "template {} needs a {kind}, the payload names a {}",
            facts.template,
            facts.about.kind()
        );
    }
    let lang = Lang::of(&facts.recipient.locale);
    let (mut parts, fell_back) = write(facts, settings, lang)?;
    if fell_back {
        (parts, _) = write(facts, settings, Lang::En)?;
    }
    Ok(Email {
        to_email: facts.recipient.email.clone(),
        to_name: facts.recipient.display_name.clone(),
        subject: parts.subject,
        text: parts.text,
        html: parts.html,
        calendar: calendar(facts, settings),
    })
}

/// The set in one language, and whether any line had to come from English.
fn write(facts: &Facts<'_>, settings: &Settings, lang: Lang) -> anyhow::Result<(Parts, bool)> {
    let mut tr = Tr::new(lang);
    let link = fill(&mut tr, facts, settings)?;
    let mut mail = Mail::new(tr);
    mail.link = link;
    mail.items = facts.payload.items.clone();
    let parts = templates::render(facts.template, &mut mail)
        .with_context(|| format!("there is no email template `{}`", facts.template))?
        .with_context(|| format!("email template `{}` does not render", facts.template))?;
    let errors = mail.tr.errors();
    if !errors.is_empty() {
        bail!("email template `{}`: {}", facts.template, errors.join("; "));
    }
    Ok((parts, mail.tr.fell_back()))
}

/// Sets the message's arguments in the reader's language and zone; returns the link.
fn fill(tr: &mut Tr, facts: &Facts<'_>, settings: &Settings) -> anyhow::Result<String> {
    let reader = when::zone(&facts.recipient.time_zone);
    tr.set("name", facts.recipient.display_name.clone());
    tr.set("email", facts.recipient.email.clone());
    if let Some(project) = facts.about.project() {
        tr.set("project", project.title.clone());
        tr.set("code", project.code.clone());
    }
    if facts.template == "digest" {
        tr.set("count", facts.payload.items.len());
    }
    // Links open the resource's page (a signed-out reader is sent to sign in and back).
    let base = settings.server.public_url.trim_end_matches('/');
    let link = match facts.about {
        About::Nobody => match (facts.template, &facts.payload.link) {
            (_, Some(link)) => link.clone(),
            ("account_invitation" | "password_reset", None) => {
                bail!("a {} needs a link in its payload", facts.template)
            }
            (_, None) => base.to_owned(),
        },
        About::Project(project) => {
            let event = facts.event.filter(|e| e.entity_id == project.id);
            tr.set("change", about::project_change(project, event));
            let reason = event
                .and_then(|e| e.reason.clone())
                .or_else(|| project.cancel_reason.clone());
            if let Some(reason) = non_blank(reason) {
                tr.set("reason", reason);
            }
            format!("{base}/dialogues/{}", project.id)
        }
        About::Phase(phase, _) => {
            tr.set("phase", phase.name.clone());
            format!("{base}/phases/{}", phase.id)
        }
        About::Workshop(workshop, _) => {
            let venue = when::zone(&workshop.time_zone);
            let (starts_at, ends_at) = (workshop.starts_at, workshop.ends_at);
            tr.set("workshop", workshop.title.clone());
            tr.set("kind", workshop.kind.clone());
            tr.set("venue", workshop.venue.clone());
            if let Some(agenda) = non_blank(workshop.agenda.clone()) {
                tr.set("agenda", agenda);
            }
            let start_date = starts_at.with_timezone(&reader).date_naive();
            tr.set("date", when::date(tr, start_date));
            tr.set(
                "when",
                when::span_with_venue(tr, starts_at, ends_at, reader, venue),
            );
            tr.set("when_local", when::span(tr, starts_at, ends_at, reader));
            if let Some(previous) = about::previous_start(facts.event) {
                tr.set("previous", when::moment(tr, previous, reader));
            }
            if let Some(reason) = non_blank(workshop.cancel_reason.clone()) {
                tr.set("reason", reason);
            }
            format!("{base}/workshops/{}", workshop.id)
        }
        About::Understanding(understanding, _) => {
            tr.set("understanding", understanding.title.clone());
            tr.set("revision", understanding.revision);
            format!("{base}/understandings/{}", understanding.id)
        }
        About::Action(action, _) => {
            tr.set("action", action.title.clone());
            tr.set("due", when::date(tr, action.due_date));
            let days = about::days_until(action.due_date, facts.now, &facts.recipient.time_zone);
            tr.set("days", days);
            format!("{base}/actions/{}", action.id)
        }
    };
    Ok(link)
}

fn non_blank(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// The invitation, update or cancellation for the recipient's calendar.
fn calendar(facts: &Facts<'_>, settings: &Settings) -> Option<CalendarPart> {
    let About::Workshop(workshop, _) = facts.about else {
        return None;
    };
    let method = match facts.template {
        // Rendered late, after a cancellation, an invitation must not put the
        // cancelled workshop back into anyone's calendar.
        "workshop_scheduled" | "workshop_rescheduled" if workshop.state != "cancelled" => {
            IcsMethod::Request
        }
        "workshop_cancelled" => IcsMethod::Cancel,
        _ => return None,
    };
    let organizer = ics::organizer_address(&settings.mail.from);
    let event = WorkshopEvent::of(workshop, &organizer, Some(&facts.recipient.email));
    Some(CalendarPart {
        method,
        content: ics::render(&event, method),
    })
}

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;
