//! A dialogue as one IATI 2.03 activity: which code says what. Pure: the store loads
//! the facts, `present::iati` writes the XML in the schema's order.
//!
//! Roles (OrganisationRole): the funder is *Funding* (1); the reporting organisation
//! (the agency convening the dialogue, e.g. IOM) is *Accountable* (2) — it is
//! "responsible for oversight of the activity and its outcomes", not the one carrying
//! the measures out; each participating government is *Implementing* (4), "the
//! organisation that physically carries out the activity", as the governments agree
//! on and carry out the common understandings and actions. Governments are
//! OrganisationType *Government* (10).
use chrono::{DateTime, NaiveDate, Utc};

use super::reporting::Reporting;
use crate::domain::project::ProjectState;

pub const ROLE_FUNDING: &str = "1";
pub const ROLE_ACCOUNTABLE: &str = "2";
pub const ROLE_IMPLEMENTING: &str = "4";
pub const ORG_TYPE_GOVERNMENT: &str = "10";
pub const DATE_PLANNED_START: &str = "1";
pub const DATE_ACTUAL_START: &str = "2";
pub const DATE_PLANNED_END: &str = "3";
pub const DATE_ACTUAL_END: &str = "4";
pub const DESCRIPTION_GENERAL: &str = "1";
/// SectorVocabulary 1: OECD DAC CRS purpose codes (5 digit).
pub const SECTOR_VOCABULARY_DAC5: &str = "1";
/// BudgetType 1 (original) and BudgetStatus 1 (indicative): Concord records one
/// budget as planned, not a revision nor a signed commitment.
pub const BUDGET_ORIGINAL: &str = "1";
pub const BUDGET_INDICATIVE: &str = "1";
pub const RESULT_OUTCOME: &str = "2";
pub const MEASURE_QUALITATIVE: &str = "5";

/// ActivityStatus of a dialogue's state: a draft is in the pipeline (1), an active
/// dialogue in implementation (2), a completed one finalised (3), a cancelled one
/// cancelled (5), a suspended one suspended (6).
pub fn activity_status(state: ProjectState) -> &'static str {
    match state {
        ProjectState::Draft => "1",
        ProjectState::Active => "2",
        ProjectState::Completed => "3",
        ProjectState::Cancelled => "5",
        ProjectState::Suspended => "6",
    }
}

/// What the store knows of one dialogue that the activity shows.
pub struct DialogueFacts {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub state: ProjectState,
    /// The later of the dialogue's and its reporting fields' last change.
    pub updated_at: DateTime<Utc>,
    pub reporting: Reporting,
    /// Each participating government's ISO code and name.
    pub governments: Vec<(String, String)>,
    /// Each adopted common understanding's title and text.
    pub adopted: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub reference: Option<String>,
    pub kind: Option<String>,
    pub role: &'static str,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub amount: String,
    pub currency: String,
}

/// One qualitative indicator of the outcome result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub identifier: String,
    pub last_updated: DateTime<Utc>,
    pub default_currency: Option<String>,
    pub reporting_org: Organisation,
    pub title: String,
    pub description: String,
    pub participants: Vec<Organisation>,
    pub status: &'static str,
    pub dates: Vec<(&'static str, NaiveDate)>,
    /// Each recipient country with its share, in percent with two decimals.
    pub countries: Vec<(String, String)>,
    pub sector: Option<String>,
    pub budget: Option<Budget>,
    pub indicators: Vec<Indicator>,
}

impl Activity {
    /// `is_country` says whether a government's code is in the Country code list: a
    /// government whose code is not (an older row) is still a participant, but not a
    /// recipient country.
    pub fn of(facts: DialogueFacts, is_country: impl Fn(&str) -> bool) -> Self {
        let r = facts.reporting;
        let mut participants = Vec::new();
        if let Some(funder) = &r.funder_name {
            participants.push(Organisation {
                reference: r.funder_ref.clone(),
                kind: None,
                role: ROLE_FUNDING,
                name: funder.clone(),
            });
        }
        let reporting_org = Organisation {
            reference: Some(r.reporting_org_ref.clone()),
            kind: Some(r.reporting_org_type.clone()),
            role: ROLE_ACCOUNTABLE,
            name: r.reporting_org_name.clone(),
        };
        participants.push(reporting_org.clone());
        for (_, name) in &facts.governments {
            participants.push(Organisation {
                reference: None,
                kind: Some(ORG_TYPE_GOVERNMENT.to_owned()),
                role: ROLE_IMPLEMENTING,
                name: name.clone(),
            });
        }
        let dates = [
            (DATE_PLANNED_START, Some(r.planned_start)),
            (DATE_ACTUAL_START, r.actual_start),
            (DATE_PLANNED_END, r.planned_end),
            (DATE_ACTUAL_END, r.actual_end),
        ]
        .into_iter()
        .filter_map(|(kind, day)| day.map(|d| (kind, d)))
        .collect();
        let codes: Vec<String> = facts
            .governments
            .iter()
            .map(|(code, _)| code.clone())
            .filter(|code| is_country(code))
            .collect();
        let countries = codes.iter().cloned().zip(shares(codes.len())).collect();
        let budget = match (&r.budget_amount, &r.currency, r.planned_end) {
            (Some(amount), Some(currency), Some(end)) => Some(Budget {
                start: r.planned_start,
                end,
                amount: amount.clone(),
                currency: currency.clone(),
            }),
            _ => None,
        };
        let description = if facts.summary.trim().is_empty() {
            facts.title.clone()
        } else {
            facts.summary.clone()
        };
        Activity {
            identifier: r.activity_identifier(&facts.code),
            last_updated: facts.updated_at,
            default_currency: r.currency.clone(),
            reporting_org,
            title: facts.title,
            description,
            participants,
            status: activity_status(facts.state),
            dates,
            countries,
            sector: r.sector_code.clone(),
            budget,
            indicators: facts
                .adopted
                .into_iter()
                .map(|(title, description)| Indicator { title, description })
                .collect(),
        }
    }
}

/// `n` equal shares of 100 %, in hundredths, the first ones a hundredth larger so
/// they add up to exactly 100 (IATI's rule for several recipient countries).
fn shares(n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let hundredths = 10_000 / n;
    let extra = 10_000 % n;
    (0..n)
        .map(|i| {
            let h = hundredths + usize::from(i < extra);
            if h.is_multiple_of(100) {
                (h / 100).to_string()
            } else {
                format!("{}.{:02}", h / 100, h % 100)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_one_hundred() {
        assert_eq!(shares(1), ["100"]);
        assert_eq!(shares(3), ["33.34", "33.33", "33.33"]);
        assert_eq!(shares(4), ["25", "25", "25", "25"]);
        assert!(shares(0).is_empty());
    }

    #[test]
    fn every_state_has_its_status() {
        let statuses: Vec<_> = [
            ProjectState::Draft,
            ProjectState::Active,
            ProjectState::Suspended,
            ProjectState::Completed,
            ProjectState::Cancelled,
        ]
        .into_iter()
        .map(activity_status)
        .collect();
        assert_eq!(statuses, ["1", "2", "6", "3", "5"]);
        for s in statuses {
            assert!(super::super::codelists::ACTIVITY_STATUS.contains(s));
        }
    }
}
