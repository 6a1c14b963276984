//! The daily digest: the rows held for one person are rendered each as it would have
//! been sent, and go out as one message listing them, at 07:00 in the reader's zone.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::Postroom;
use super::about::About;
use super::message::{self, Email, Facts, Payload};
use super::worker::{Failure, isolated, record_failure};
use crate::config::Settings;
use crate::store::entities::{outbox, user};
use crate::store::outbox::{context, delivery};

/// A line of the digest shows this much of a message's first paragraph.
const SUMMARY_CHARS: usize = 240;

/// Sends the digests that came due; returns how many rows they carried (sent or failed).
pub(super) async fn deliver_due(state: &Postroom, lease: TimeDelta) -> anyhow::Result<usize> {
    let mail = &state.settings.mail;
    let rows = delivery::claim_digests(&state.db, mail.batch_size, lease).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let handled = rows.len();
    let mut by_recipient: BTreeMap<Uuid, Vec<outbox::Model>> = BTreeMap::new();
    for row in rows {
        by_recipient
            .entry(row.recipient_user_id)
            .or_default()
            .push(row);
    }
    let recipients: HashMap<Uuid, user::Model> =
        context::recipients(&state.db, by_recipient.keys().copied()).await?;
    for (recipient_id, rows) in by_recipient {
        let recipient = recipients
            .get(&recipient_id)
            .filter(|u| !u.disabled)
            .cloned();
        // As with single messages, a failure to record leaves the rows to be retried
        // after their lease rather than stopping everyone else's digest; a panic
        // while building it makes its rows dead rather than ending the worker.
        let work = {
            let (state, rows) = (state.clone(), rows.clone());
            async move { deliver_one(&state, recipient.as_ref(), &rows).await }
        };
        let outcome = match isolated(work).await {
            Ok(outcome) => outcome,
            Err(panic) => record_failure(state, &rows, Failure::Unbuildable(panic)).await,
        };
        if let Err(err) = outcome {
            tracing::error!(error = ?err, %recipient_id, "cannot record a digest delivery");
        }
    }
    Ok(handled)
}

/// One person's digest. A row that does not render is left out and retried on its
/// own, so one broken message does not hold back the rest.
async fn deliver_one(
    state: &Postroom,
    recipient: Option<&user::Model>,
    rows: &[outbox::Model],
) -> anyhow::Result<()> {
    let Some(recipient) = recipient else {
        return record_failure(state, rows, Failure::NoRecipient).await;
    };
    let mut items = Vec::with_capacity(rows.len());
    let mut carried = Vec::with_capacity(rows.len());
    for row in rows {
        match message::render(&state.db, &state.settings, row).await {
            Ok(Some(email)) => {
                items.push(item(&email));
                carried.push(row.clone());
            }
            Ok(None) => {
                record_failure(state, std::slice::from_ref(row), Failure::NoRecipient).await?
            }
            Err(err) => {
                record_failure(state, std::slice::from_ref(row), Failure::Render(err)).await?
            }
        }
    }
    // Its id names the digest, so a digest sent again after a lapsed lease carries
    // the same Message-ID, as a single message does.
    let Some(first) = carried.first() else {
        return Ok(());
    };
    let email = match compose(recipient, items, &state.settings, crate::store::now()) {
        Ok(email) => email,
        Err(err) => return record_failure(state, &carried, Failure::Render(err)).await,
    };
    match state.mailer.send(&email, first.id).await {
        Ok(()) => {
            let ids: Vec<Uuid> = carried.iter().map(|r| r.id).collect();
            delivery::mark_sent(&state.db, &ids).await?;
            metrics::counter!("mail_sent_total").increment(1);
            tracing::info!(outbox_id = %first.id, rows = ids.len(), "digest sent");
            Ok(())
        }
        Err(err) => record_failure(state, &carried, Failure::Send(err)).await,
    }
}

/// The digest for `recipient`, from the `digest` template set, in their language.
pub fn compose(
    recipient: &user::Model,
    items: Vec<String>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> anyhow::Result<Email> {
    let payload = Payload {
        items,
        ..Payload::default()
    };
    let facts = Facts {
        template: "digest",
        recipient,
        about: &About::Nobody,
        event: None,
        payload: &payload,
        now,
    };
    message::compose(&facts, settings)
}

/// One line of the digest: the message's subject and what it says first. Every
/// message opens with the greeting, then a paragraph saying what happened.
pub fn item(email: &Email) -> String {
    let summary = email
        .text
        .split("\n\n")
        .nth(1)
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if summary.is_empty() {
        return email.subject.clone();
    }
    let mut shown: String = summary.chars().take(SUMMARY_CHARS).collect();
    if shown.len() < summary.len() {
        shown.push('…');
    }
    format!("{} — {shown}", email.subject)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str) -> Email {
        Email {
            to_email: "fp.af@demo.test".into(),
            to_name: "Focal Point AF".into(),
            subject: "Invitation: Joint workshop, Tue 12 Jan 2027".into(),
            text: text.into(),
            html: String::new(),
            calendar: None,
        }
    }

    #[test]
    fn an_item_is_the_subject_and_the_first_paragraph_after_the_greeting() {
        let text = "Hello Focal Point AF,\n\nYou are invited to the joint\nworkshop.\n\nWhen: …\n";
        assert_eq!(
            item(&email(text)),
            "Invitation: Joint workshop, Tue 12 Jan 2027 — You are invited to the joint workshop."
        );
        assert_eq!(
            item(&email("Hello,\n")),
            "Invitation: Joint workshop, Tue 12 Jan 2027"
        );
    }

    #[test]
    fn a_long_first_paragraph_is_cut() {
        let long = "ع".repeat(SUMMARY_CHARS + 10);
        let line = item(&email(&format!("Hello,\n\n{long}\n")));
        assert!(line.ends_with('…'), "{line}");
        assert_eq!(line.chars().filter(|c| *c == 'ع').count(), SUMMARY_CHARS);
    }
}
