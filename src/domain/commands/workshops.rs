//! Creating a workshop, and the records its governments keep: attendance and outcomes.
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{distinct_ids, finish, limit_text};
use crate::domain::problem::Problem;
use crate::domain::text::bounded;
use crate::domain::validation::FieldErrors;
use crate::domain::workshop::{Attendance, WorkshopKind};

/// A new workshop as a client sends it; the times are already within 1900–2200.
#[derive(Debug, Clone, Deserialize)]
pub struct RawWorkshop {
    pub title: String,
    pub kind: WorkshopKind,
    #[serde(deserialize_with = "bounded::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(deserialize_with = "bounded::time")]
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub venue: String,
    pub agenda: Option<String>,
    pub government_ids: Vec<Uuid>,
}

/// A new workshop: title and venue trimmed, a venue time zone that exists, an end
/// after its start, invited governments without repeats (sorted). "Start in the
/// future" and "≥ 2 governments" are checked when it is scheduled, against the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkshop {
    title: String,
    kind: WorkshopKind,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    time_zone: String,
    venue: String,
    agenda: Option<String>,
    government_ids: Vec<Uuid>,
}

impl NewWorkshop {
    pub fn parse(raw: RawWorkshop) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("title", &raw.title, 300);
        errors.require_text("venue", &raw.venue, 300);
        errors.require_time_zone("time_zone", &raw.time_zone);
        if raw.ends_at <= raw.starts_at {
            errors.problem("ends_at", Problem::EndsBeforeStart);
        }
        if let Some(agenda) = &raw.agenda {
            limit_text(&mut errors, "agenda", agenda, 20_000);
        }
        let government_ids = distinct_ids(&mut errors, "government_ids", &raw.government_ids);
        finish(
            errors,
            Self {
                title: raw.title.trim().to_owned(),
                kind: raw.kind,
                starts_at: raw.starts_at,
                ends_at: raw.ends_at,
                time_zone: raw.time_zone,
                venue: raw.venue.trim().to_owned(),
                agenda: raw.agenda,
                government_ids,
            },
        )
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn kind(&self) -> WorkshopKind {
        self.kind
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }

    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    pub fn venue(&self) -> &str {
        &self.venue
    }

    pub fn agenda(&self) -> Option<&str> {
        self.agenda.as_deref()
    }

    pub fn government_ids(&self) -> &[Uuid] {
        &self.government_ids
    }
}

/// A government's attendance as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawAttendance {
    pub status: Attendance,
}

/// An attendance a person may set: `invited` is where every government starts, not
/// an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetAttendance(Attendance);

impl SetAttendance {
    pub fn parse(raw: RawAttendance) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if raw.status == Attendance::Invited {
            errors.problem("status", Problem::NotAnAttendance);
        }
        finish(errors, Self(raw.status))
    }

    pub fn status(self) -> Attendance {
        self.0
    }
}

/// A government's outcome record as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawOutcome {
    pub government_id: Option<Uuid>,
    pub text: String,
    #[serde(default)]
    pub submit: bool,
}

/// An outcome record: whose it is, and a text. The text is kept as written (not
/// trimmed), as the API always has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutcome {
    government_id: Uuid,
    text: String,
    submit: bool,
}

impl NewOutcome {
    /// `own_government` is the actor's: a focal point logs for their own government
    /// unless they name one. Whether they may is the store's to decide.
    pub fn parse(raw: RawOutcome, own_government: Option<Uuid>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("text", &raw.text, 20_000);
        let government_id = raw.government_id.or(own_government);
        if government_id.is_none() {
            errors.add("government_id", "name the government whose outcome this is");
        }
        match government_id {
            Some(government_id) => finish(
                errors,
                Self {
                    government_id,
                    text: raw.text,
                    submit: raw.submit,
                },
            ),
            None => Err(errors),
        }
    }

    pub fn government_id(&self) -> Uuid {
        self.government_id
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn submit(&self) -> bool {
        self.submit
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::super::test_support::{Case, fields};
    use super::*;

    fn workshop() -> RawWorkshop {
        let starts_at = DateTime::from_timestamp(1_900_000_000, 0).unwrap_or_default();
        RawWorkshop {
            title: " Joint technical workshop ".into(),
            kind: WorkshopKind::Technical,
            starts_at,
            ends_at: starts_at + TimeDelta::hours(7),
            time_zone: "Asia/Karachi".into(),
            venue: "Islamabad".into(),
            agenda: None,
            government_ids: vec![Uuid::from_u128(3), Uuid::from_u128(1)],
        }
    }

    #[test]
    fn a_valid_workshop_is_accepted() -> Result<(), FieldErrors> {
        let parsed = NewWorkshop::parse(workshop())?;
        assert_eq!(parsed.title(), "Joint technical workshop");
        assert_eq!(
            parsed.government_ids(),
            [Uuid::from_u128(1), Uuid::from_u128(3)]
        );
        Ok(())
    }

    #[test]
    fn each_refusal_names_its_workshop_field() {
        let cases: [Case<RawWorkshop>; 7] = [
            (|r| r.title = " ".into(), "title"),
            (|r| r.venue = "x".repeat(301), "venue"),
            (|r| r.time_zone = "Mars/Olympus".into(), "time_zone"),
            (|r| r.ends_at = r.starts_at, "ends_at"),
            (|r| r.ends_at = r.starts_at - TimeDelta::hours(1), "ends_at"),
            (|r| r.agenda = Some("x".repeat(20_001)), "agenda"),
            (
                |r| r.government_ids.push(Uuid::from_u128(1)),
                "government_ids",
            ),
        ];
        for (spoil, field) in cases {
            let mut raw = workshop();
            spoil(&mut raw);
            assert_eq!(fields(NewWorkshop::parse(raw)), [field]);
        }
    }

    #[test]
    fn invited_is_not_an_answer() {
        for status in [Attendance::Confirmed, Attendance::Absent] {
            let parsed = SetAttendance::parse(RawAttendance { status });
            assert_eq!(parsed.map(SetAttendance::status), Ok(status));
        }
        let raw = RawAttendance {
            status: Attendance::Invited,
        };
        assert_eq!(fields(SetAttendance::parse(raw)), ["status"]);
    }

    #[test]
    fn an_outcome_needs_a_text_and_a_government() -> Result<(), FieldErrors> {
        let own = Some(Uuid::from_u128(7));
        let raw = |government_id, text: &str| RawOutcome {
            government_id,
            text: text.into(),
            submit: true,
        };
        let parsed = NewOutcome::parse(raw(None, "Shared figures."), own)?;
        assert_eq!(parsed.government_id(), Uuid::from_u128(7));
        let named = NewOutcome::parse(raw(Some(Uuid::from_u128(8)), "x"), own)?;
        assert_eq!(named.government_id(), Uuid::from_u128(8));
        assert_eq!(fields(NewOutcome::parse(raw(None, " "), own)), ["text"]);
        assert_eq!(
            fields(NewOutcome::parse(raw(None, "x"), None)),
            ["government_id"]
        );
        Ok(())
    }
}
