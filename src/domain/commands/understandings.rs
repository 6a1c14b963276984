//! Common understandings: creating one, revising its text, and a government's position.
use serde::Deserialize;

use super::finish;
use crate::domain::problem::Problem;
use crate::domain::understanding::Position;
use crate::domain::validation::FieldErrors;

const MAX_TITLE: usize = 300;
const MAX_TEXT: usize = 20_000;
const MAX_NOTE: usize = 5_000;

/// A new understanding as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawUnderstanding {
    pub title: String,
    pub text: String,
}

/// A new understanding: title and text trimmed, not empty, within bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnderstanding {
    title: String,
    text: String,
}

impl NewUnderstanding {
    pub fn parse(raw: RawUnderstanding) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("title", &raw.title, MAX_TITLE);
        errors.require_text("text", &raw.text, MAX_TEXT);
        finish(
            errors,
            Self {
                title: raw.title.trim().to_owned(),
                text: raw.text.trim().to_owned(),
            },
        )
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A revised text as a client sends it, with the version it was read at.
#[derive(Debug, Clone, Deserialize)]
pub struct RawEditText {
    pub text: String,
    pub version: i32,
}

/// A revised text: trimmed, not empty, within bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditText {
    text: String,
    version: i32,
}

impl EditText {
    pub fn parse(raw: RawEditText) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("text", &raw.text, MAX_TEXT);
        finish(
            errors,
            Self {
                text: raw.text.trim().to_owned(),
                version: raw.version,
            },
        )
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn version(&self) -> i32 {
        self.version
    }
}

/// A government's position as a client sends it, on the revision it read.
#[derive(Debug, Clone, Deserialize)]
pub struct RawPosition {
    pub position: Position,
    pub note: Option<String>,
    pub revision: i32,
}

/// A position a focal point may take — `pending` is where every government starts,
/// not an answer — with an optional note (trimmed; a blank note is no note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetPosition {
    position: Position,
    note: Option<String>,
    revision: i32,
}

impl SetPosition {
    pub fn parse(raw: RawPosition) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if raw.position == Position::Pending {
            errors.problem("position", Problem::NotAPosition);
        }
        let note = raw
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
            errors.problem("note", Problem::TooLong { max: MAX_NOTE });
        }
        finish(
            errors,
            Self {
                position: raw.position,
                note,
                revision: raw.revision,
            },
        )
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    pub fn revision(&self) -> i32 {
        self.revision
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::fields;
    use super::*;

    #[test]
    fn understandings_are_trimmed_and_each_refusal_names_its_field() -> Result<(), FieldErrors> {
        let raw = |title: &str, text: &str| RawUnderstanding {
            title: title.into(),
            text: text.into(),
        };
        let parsed = NewUnderstanding::parse(raw(" Return ", " Voluntary. "))?;
        assert_eq!((parsed.title(), parsed.text()), ("Return", "Voluntary."));
        assert_eq!(fields(NewUnderstanding::parse(raw(" ", "x"))), ["title"]);
        let long = "x".repeat(MAX_TITLE + 1);
        assert_eq!(fields(NewUnderstanding::parse(raw(&long, "x"))), ["title"]);
        assert_eq!(fields(NewUnderstanding::parse(raw("x", ""))), ["text"]);
        Ok(())
    }

    #[test]
    fn edited_texts_are_trimmed_and_bounded() -> Result<(), FieldErrors> {
        let raw = |text: &str| RawEditText {
            text: text.into(),
            version: 3,
        };
        let parsed = EditText::parse(raw(" New text "))?;
        assert_eq!((parsed.text(), parsed.version()), ("New text", 3));
        assert_eq!(fields(EditText::parse(raw("\n "))), ["text"]);
        let long = "x".repeat(MAX_TEXT + 1);
        assert_eq!(fields(EditText::parse(raw(&long))), ["text"]);
        Ok(())
    }

    #[test]
    fn positions_exclude_pending_and_bound_the_note() -> Result<(), FieldErrors> {
        let raw = |position, note: Option<&str>| RawPosition {
            position,
            note: note.map(str::to_owned),
            revision: 1,
        };
        let parsed = SetPosition::parse(raw(Position::Reservation, Some("  ")))?;
        assert_eq!(
            (parsed.position(), parsed.note()),
            (Position::Reservation, None)
        );
        let noted = SetPosition::parse(raw(Position::Endorsed, Some(" ok ")))?;
        assert_eq!(noted.note(), Some("ok"));
        assert_eq!(
            fields(SetPosition::parse(raw(Position::Pending, None))),
            ["position"]
        );
        let long = "x".repeat(MAX_NOTE + 1);
        assert_eq!(
            fields(SetPosition::parse(raw(Position::Objection, Some(&long)))),
            ["note"]
        );
        Ok(())
    }
}
