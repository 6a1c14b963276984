//! Creating a follow-up action, and reporting progress on it.
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::{finish, limit_text};
use crate::domain::action::Scope;
use crate::domain::problem::Problem;
use crate::domain::text::bounded;
use crate::domain::validation::FieldErrors;

const TITLE_MAX: usize = 300;
const DESCRIPTION_MAX: usize = 10_000;
const NOTE_MAX: usize = 5_000;

/// A new action as a client sends it; the due date is already within 1900–2200.
#[derive(Debug, Clone, Deserialize)]
pub struct RawAction {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub scope: Scope,
    /// May stay empty for a collective action: it then involves every government.
    #[serde(default)]
    pub government_ids: Vec<Uuid>,
    #[serde(deserialize_with = "bounded::date")]
    pub due_date: NaiveDate,
    pub owner_id: Option<Uuid>,
}

/// A new action: a trimmed title, a description within bounds, and governments that
/// fit the scope as far as can be told without the dialogue — no repeats, and two for
/// a bilateral action. Whether they take part in the dialogue, and whether the owner
/// exists, is the store's to say. The governments are kept as sent (the store
/// compares them with the dialogue's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    title: String,
    description: String,
    scope: Scope,
    government_ids: Vec<Uuid>,
    due_date: NaiveDate,
    owner_id: Option<Uuid>,
}

impl NewAction {
    pub fn parse(raw: RawAction) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("title", &raw.title, TITLE_MAX);
        limit_text(
            &mut errors,
            "description",
            &raw.description,
            DESCRIPTION_MAX,
        );
        let distinct = super::distinct(&raw.government_ids);
        if distinct.len() != raw.government_ids.len() {
            errors.problem("government_ids", Problem::RepeatedGovernment);
        } else if raw.scope == Scope::Bilateral && distinct.len() != 2 {
            errors.problem("government_ids", Problem::BilateralNeedsTwo);
        }
        finish(
            errors,
            Self {
                title: raw.title.trim().to_owned(),
                description: raw.description,
                scope: raw.scope,
                government_ids: raw.government_ids,
                due_date: raw.due_date,
                owner_id: raw.owner_id,
            },
        )
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn government_ids(&self) -> &[Uuid] {
        &self.government_ids
    }

    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    pub fn owner_id(&self) -> Option<Uuid> {
        self.owner_id
    }
}

/// The filters of an action list, as a query string or the board's GET form sends
/// them: every value a string, an empty one meaning "any".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawActionFilter {
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub government: Option<String>,
    #[serde(default)]
    pub overdue: Option<String>,
}

/// Which actions a list keeps: of one phase, of one scope, involving one government,
/// only the overdue ones (see `ActionState::is_overdue`). Each absent means "any".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub phase_id: Option<Uuid>,
    pub scope: Option<Scope>,
    pub government_id: Option<Uuid>,
    pub overdue: bool,
}

impl ActionFilter {
    pub fn parse(raw: RawActionFilter) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let mut id = |field: &str, value: Option<String>| {
            value.and_then(|v| match Uuid::parse_str(&v) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.unreadable(field, "must be an id".into());
                    None
                }
            })
        };
        let phase_id = id("phase", given(&raw.phase));
        let government_id = id("government", given(&raw.government));
        let scope = given(&raw.scope).and_then(|v| match v.parse::<Scope>() {
            Ok(scope) => Some(scope),
            Err(_) => {
                errors.unreadable("scope", "must be collective or bilateral".into());
                None
            }
        });
        let overdue = match given(&raw.overdue).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                errors.unreadable("overdue", "must be true or false".into());
                false
            }
        };
        finish(
            errors,
            Self {
                phase_id,
                scope,
                government_id,
                overdue,
            },
        )
    }
}

/// A progress note as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawProgressNote {
    pub note: String,
}

/// A progress note: trimmed, not empty, within bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressNote(String);

impl ProgressNote {
    pub fn parse(raw: RawProgressNote) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("note", &raw.note, NOTE_MAX);
        finish(errors, Self(raw.note.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, fields};
    use super::*;

    fn action() -> RawAction {
        RawAction {
            title: " Joint registration pilot ".into(),
            description: String::new(),
            scope: Scope::Bilateral,
            government_ids: vec![Uuid::from_u128(1), Uuid::from_u128(3)],
            due_date: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default(),
            owner_id: None,
        }
    }

    #[test]
    fn valid_actions_are_accepted() -> Result<(), FieldErrors> {
        let parsed = NewAction::parse(action())?;
        assert_eq!(parsed.title(), "Joint registration pilot");
        assert_eq!(parsed.government_ids().len(), 2);
        // A collective action may list no government: it then involves them all.
        let mut collective = action();
        collective.scope = Scope::Collective;
        collective.government_ids.clear();
        assert!(NewAction::parse(collective).is_ok());
        Ok(())
    }

    #[test]
    fn each_refusal_names_its_action_field() {
        let cases: [Case<RawAction>; 5] = [
            (|r| r.title = " ".into(), "title"),
            (|r| r.title = "x".repeat(301), "title"),
            (|r| r.description = "x".repeat(10_001), "description"),
            (
                |r| r.government_ids.push(Uuid::from_u128(1)),
                "government_ids",
            ),
            (|r| r.government_ids.truncate(1), "government_ids"),
        ];
        for (spoil, field) in cases {
            let mut raw = action();
            spoil(&mut raw);
            assert_eq!(fields(NewAction::parse(raw)), [field]);
        }
    }

    #[test]
    fn list_filters_are_optional_and_named_when_wrong() -> Result<(), FieldErrors> {
        let blank = RawActionFilter {
            phase: Some(String::new()),
            scope: Some(" ".into()),
            ..RawActionFilter::default()
        };
        assert_eq!(ActionFilter::parse(blank)?, ActionFilter::default());
        let id = Uuid::from_u128(7);
        let full = ActionFilter::parse(RawActionFilter {
            phase: Some(id.to_string()),
            scope: Some("bilateral".into()),
            government: Some(id.to_string()),
            overdue: Some("true".into()),
        })?;
        assert_eq!(
            full,
            ActionFilter {
                phase_id: Some(id),
                scope: Some(Scope::Bilateral),
                government_id: Some(id),
                overdue: true,
            }
        );
        let wrong = ActionFilter::parse(RawActionFilter {
            phase: Some("x".into()),
            scope: Some("trilateral".into()),
            government: Some("y".into()),
            overdue: Some("yes".into()),
        });
        assert_eq!(fields(wrong), ["government", "overdue", "phase", "scope"]);
        Ok(())
    }

    #[test]
    fn progress_notes_are_trimmed_and_bounded() -> Result<(), FieldErrors> {
        let note = |n: &str| RawProgressNote { note: n.into() };
        let parsed = ProgressNote::parse(note(" Met in March. "))?;
        assert_eq!(parsed.as_str(), "Met in March.");
        assert_eq!(fields(ProgressNote::parse(note("  "))), ["note"]);
        assert_eq!(
            fields(ProgressNote::parse(note(&"x".repeat(5_001)))),
            ["note"]
        );
        Ok(())
    }
}
