//! The texts of a common understanding's revisions. The understanding row holds only
//! the current text; every earlier wording is in its chained history: the creation and
//! each edit record the text (and the revision it belongs to), a revise starts the next
//! revision from the text as it stood. This reads them back from there.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use uuid::Uuid;

use super::Db;
use super::entities::event;
use crate::error::AppResult;

/// A revision's final text, and when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionText {
    pub revision: i32,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// Every revision of the understanding `id` the history records, oldest first. The
/// caller has already been allowed to see the understanding.
pub async fn of_understanding(db: &Db, id: Uuid) -> AppResult<Vec<RevisionText>> {
    let events = event::Entity::find()
        .filter(event::Column::EntityKind.eq("understanding"))
        .filter(event::Column::EntityId.eq(id))
        .filter(event::Column::Transition.is_in(["create", "edit", "revise"]))
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await?;
    Ok(replay(
        events
            .iter()
            .map(|e| (e.transition.as_str(), e.data.as_str(), e.at)),
    ))
}

/// Rebuilds the revisions from `(transition, data, at)` events in order.
fn replay<'a>(
    events: impl Iterator<Item = (&'a str, &'a str, DateTime<Utc>)>,
) -> Vec<RevisionText> {
    let mut revisions: Vec<RevisionText> = Vec::new();
    for (transition, data, at) in events {
        let data: Value = serde_json::from_str(data).unwrap_or(Value::Null);
        let revision = data["revision"]
            .as_i64()
            .and_then(|r| i32::try_from(r).ok());
        let text = data["text"].as_str().map(str::to_owned);
        let last_text = revisions.last().map(|r| r.text.clone());
        let (revision, text) = match transition {
            "create" => (Some(1), text),
            "edit" => (revision, text),
            // A revise carries no text: the new revision starts from the last wording.
            _ => (revision, last_text),
        };
        let (Some(revision), Some(text)) = (revision, text) else {
            continue;
        };
        match revisions.last_mut() {
            Some(last) if last.revision == revision => {
                last.text = text;
                last.at = at;
            }
            _ => revisions.push(RevisionText { revision, text, at }),
        }
    }
    revisions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_replace_a_revision_and_a_revise_starts_the_next_from_it() {
        let at = DateTime::<Utc>::default();
        let events = [
            ("create", r#"{"text": "one", "title": "T"}"#),
            (
                "edit",
                r#"{"revision": 1, "text": "one more", "version": 2}"#,
            ),
            ("revise", r#"{"revision": 2, "version": 4}"#),
            ("edit", r#"{"revision": 2, "text": "two", "version": 5}"#),
            ("revise", r#"{"revision": 3, "version": 7}"#),
        ];
        let revisions = replay(events.iter().map(|(t, d)| (*t, *d, at)));
        let texts: Vec<_> = revisions
            .iter()
            .map(|r| (r.revision, r.text.as_str()))
            .collect();
        assert_eq!(texts, [(1, "one more"), (2, "two"), (3, "two")]);
    }
}
