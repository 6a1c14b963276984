//! Creating a dialogue and its phases.
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::{distinct_ids, finish, limit_text};
use crate::domain::problem::Problem;
use crate::domain::text::bounded;
use crate::domain::validation::FieldErrors;

/// A new dialogue as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawProject {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub budget_usd: Option<i64>,
    pub government_ids: Vec<Uuid>,
}

/// A new dialogue: code and title trimmed and within bounds, a budget that is not
/// negative, governments without repeats (sorted). Whether they exist is the
/// database's to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProject {
    code: String,
    title: String,
    summary: String,
    budget_usd: Option<i64>,
    government_ids: Vec<Uuid>,
}

impl NewProject {
    pub fn parse(raw: RawProject) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("code", &raw.code, 50);
        errors.require_text("title", &raw.title, 300);
        limit_text(&mut errors, "summary", &raw.summary, 10_000);
        if raw.budget_usd.is_some_and(|b| b < 0) {
            errors.problem("budget_usd", Problem::Negative);
        }
        let government_ids = distinct_ids(&mut errors, "government_ids", &raw.government_ids);
        finish(
            errors,
            Self {
                code: raw.code.trim().to_owned(),
                title: raw.title.trim().to_owned(),
                summary: raw.summary,
                budget_usd: raw.budget_usd,
                government_ids,
            },
        )
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn summary(&self) -> &str {
        &self.summary
    }

    pub fn budget_usd(&self) -> Option<i64> {
        self.budget_usd
    }

    pub fn government_ids(&self) -> &[Uuid] {
        &self.government_ids
    }
}

/// A new phase as a client sends it; the dates are already within 1900–2200.
#[derive(Debug, Clone, Deserialize)]
pub struct RawPhase {
    pub name: String,
    pub ordinal: i32,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub planned_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub planned_end: Option<NaiveDate>,
}

/// A new phase: a name, an ordinal from 1, and a plan that does not end before it
/// starts. Whether the ordinal is free is the database's to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPhase {
    name: String,
    ordinal: i32,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
}

impl NewPhase {
    pub fn parse(raw: RawPhase) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.require_text("name", &raw.name, 200);
        if raw.ordinal < 1 {
            errors.problem("ordinal", Problem::OrdinalBelowOne);
        }
        if let (Some(start), Some(end)) = (raw.planned_start, raw.planned_end)
            && end < start
        {
            errors.problem("planned_end", Problem::EndsBeforePlannedStart);
        }
        finish(
            errors,
            Self {
                name: raw.name.trim().to_owned(),
                ordinal: raw.ordinal,
                planned_start: raw.planned_start,
                planned_end: raw.planned_end,
            },
        )
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn ordinal(&self) -> i32 {
        self.ordinal
    }

    pub fn planned_start(&self) -> Option<NaiveDate> {
        self.planned_start
    }

    pub fn planned_end(&self) -> Option<NaiveDate> {
        self.planned_end
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, fields};
    use super::*;

    fn project() -> RawProject {
        RawProject {
            code: " Q33-805 ".into(),
            title: "Trilateral consultation".into(),
            summary: String::new(),
            budget_usd: Some(135_000),
            government_ids: vec![Uuid::from_u128(2), Uuid::from_u128(1)],
        }
    }

    #[test]
    fn a_valid_project_is_trimmed_and_its_governments_sorted() -> Result<(), FieldErrors> {
        let parsed = NewProject::parse(project())?;
        assert_eq!(parsed.code(), "Q33-805");
        assert_eq!(
            parsed.government_ids(),
            [Uuid::from_u128(1), Uuid::from_u128(2)]
        );
        assert_eq!(parsed.budget_usd(), Some(135_000));
        Ok(())
    }

    #[test]
    fn each_refusal_names_its_project_field() {
        let cases: [Case<RawProject>; 6] = [
            (|r| r.code = "  ".into(), "code"),
            (|r| r.code = "x".repeat(51), "code"),
            (|r| r.title = String::new(), "title"),
            (|r| r.summary = "x".repeat(10_001), "summary"),
            (|r| r.budget_usd = Some(-1), "budget_usd"),
            (
                |r| r.government_ids.push(Uuid::from_u128(1)),
                "government_ids",
            ),
        ];
        for (spoil, field) in cases {
            let mut raw = project();
            spoil(&mut raw);
            assert_eq!(fields(NewProject::parse(raw)), [field]);
        }
    }

    fn phase() -> RawPhase {
        RawPhase {
            name: " Initial phase ".into(),
            ordinal: 1,
            planned_start: NaiveDate::from_ymd_opt(2024, 1, 1),
            planned_end: NaiveDate::from_ymd_opt(2024, 1, 1),
        }
    }

    #[test]
    fn a_valid_phase_is_accepted() -> Result<(), FieldErrors> {
        let parsed = NewPhase::parse(phase())?;
        assert_eq!((parsed.name(), parsed.ordinal()), ("Initial phase", 1));
        Ok(())
    }

    #[test]
    fn each_refusal_names_its_phase_field() {
        let cases: [Case<RawPhase>; 4] = [
            (|r| r.name = " ".into(), "name"),
            (|r| r.name = "x".repeat(201), "name"),
            (|r| r.ordinal = 0, "ordinal"),
            (
                |r| r.planned_end = NaiveDate::from_ymd_opt(2023, 12, 31),
                "planned_end",
            ),
        ];
        for (spoil, field) in cases {
            let mut raw = phase();
            spoil(&mut raw);
            assert_eq!(fields(NewPhase::parse(raw)), [field]);
        }
    }
}
