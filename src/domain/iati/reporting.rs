//! What a dialogue reports to IATI beside its own fields: who reports it, who funds it,
//! its budget, sector and dates. Parsed once, here, into a value that can only hold
//! what an IATI 2.03 activity file accepts: codes from the vendored code lists, an
//! organisation identifier of the right shape, an exact decimal amount, ordered dates.
use chrono::NaiveDate;
use serde::Deserialize;

use super::codelists::{CURRENCY, ORGANISATION_TYPE};
use crate::domain::problem::Problem;
use crate::domain::text::bounded;
use crate::domain::validation::FieldErrors;

/// The reporting fields as a client sends them (`PUT /projects/{id}/reporting`, the
/// dialogue page's form). An empty string is the same as an absent value.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawReporting {
    pub version: i32,
    #[serde(default)]
    pub reporting_org_name: Option<String>,
    #[serde(default)]
    pub reporting_org_ref: Option<String>,
    #[serde(default)]
    pub reporting_org_type: Option<String>,
    #[serde(default)]
    pub funder_name: Option<String>,
    #[serde(default)]
    pub funder_ref: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    /// A decimal written as a string ("135000.00"): JSON numbers are floats to many
    /// clients, and an amount of money must stay exact.
    #[serde(default)]
    pub budget_amount: Option<String>,
    #[serde(default)]
    pub sector_code: Option<String>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub planned_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub planned_end: Option<NaiveDate>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub actual_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    pub actual_end: Option<NaiveDate>,
}

/// A dialogue's IATI reporting fields, valid. The reporting organisation and the
/// planned start are required: without them no valid activity can be written (the
/// schema requires `reporting-org/@ref` and at least one `activity-date`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reporting {
    pub reporting_org_name: String,
    pub reporting_org_ref: String,
    pub reporting_org_type: String,
    pub funder_name: Option<String>,
    pub funder_ref: Option<String>,
    pub currency: Option<String>,
    pub budget_amount: Option<String>,
    pub sector_code: Option<String>,
    pub planned_start: NaiveDate,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
}

const NAME_MAX: usize = 300;
const REF_MAX: usize = 100;

/// The value trimmed, `None` when blank.
fn present(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl Reporting {
    /// Parses the fields; the version is the door's to check against the dialogue.
    pub fn parse(raw: &RawReporting) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "reporting_org_name", &raw.reporting_org_name);
        let org_ref = present(&raw.reporting_org_ref);
        match &org_ref {
            None => errors.problem("reporting_org_ref", Problem::Empty),
            Some(r) => check_org_ref(&mut errors, "reporting_org_ref", r),
        }
        let org_type = present(&raw.reporting_org_type);
        match &org_type {
            None => errors.problem("reporting_org_type", Problem::Empty),
            Some(t) if !ORGANISATION_TYPE.contains(t) => {
                errors.problem("reporting_org_type", Problem::NotAnIatiOrgType)
            }
            Some(_) => {}
        }
        let funder_name = optional_text(&mut errors, "funder_name", &raw.funder_name);
        let funder_ref = present(&raw.funder_ref);
        if let Some(r) = &funder_ref {
            check_org_ref(&mut errors, "funder_ref", r);
            if funder_name.is_none() {
                // A reference alone names nobody a reader can recognise.
                errors.problem("funder_name", Problem::Empty);
            }
        }
        let currency = present(&raw.currency);
        if let Some(c) = &currency
            && !CURRENCY.contains(c)
        {
            errors.problem("currency", Problem::NotACurrency);
        }
        let budget_amount = present(&raw.budget_amount);
        if let Some(amount) = &budget_amount {
            if let Some(problem) = amount_problem(amount) {
                errors.problem("budget_amount", problem);
            }
            // A budget needs its currency and its period (the planned dates).
            if currency.is_none() {
                errors.problem("currency", Problem::Empty);
            }
            if raw.planned_end.is_none() {
                errors.problem("planned_end", Problem::Empty);
            }
        }
        let sector_code = present(&raw.sector_code);
        if let Some(s) = &sector_code
            && !(s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()))
        {
            errors.problem("sector_code", Problem::NotADacSector);
        }
        let planned_start = raw.planned_start;
        if planned_start.is_none() {
            errors.problem("planned_start", Problem::Empty);
        }
        if let (Some(start), Some(end)) = (raw.planned_start, raw.planned_end)
            && end < start
        {
            errors.problem("planned_end", Problem::EndsBeforePlannedStart);
        }
        match (raw.actual_start, raw.actual_end) {
            (Some(start), Some(end)) if end < start => {
                errors.problem("actual_end", Problem::EndsBeforeActualStart)
            }
            (None, Some(_)) => errors.problem("actual_start", Problem::Empty),
            _ => {}
        }
        match (name, org_ref, org_type, planned_start) {
            (Some(name), Some(org_ref), Some(org_type), Some(planned_start))
                if errors.is_empty() =>
            {
                Ok(Self {
                    reporting_org_name: name,
                    reporting_org_ref: org_ref,
                    reporting_org_type: org_type,
                    funder_name,
                    funder_ref,
                    currency,
                    budget_amount: budget_amount.map(|a| canonical_amount(&a)),
                    sector_code,
                    planned_start,
                    planned_end: raw.planned_end,
                    actual_start: raw.actual_start,
                    actual_end: raw.actual_end,
                })
            }
            _ => Err(errors),
        }
    }

    /// The activity's identifier: the reporting organisation's identifier, a hyphen,
    /// the dialogue's code (IATI's rule: an activity identifier starts with its
    /// reporter's). Derived, not stored, so the two can never disagree.
    pub fn activity_identifier(&self, dialogue_code: &str) -> String {
        format!("{}-{}", self.reporting_org_ref, dialogue_code)
    }
}

fn required_text(errors: &mut FieldErrors, field: &str, value: &Option<String>) -> Option<String> {
    let text = value.as_deref().unwrap_or("");
    let before = errors.clone();
    errors.require_text(field, text, NAME_MAX);
    (before == *errors).then(|| text.trim().to_owned())
}

fn optional_text(errors: &mut FieldErrors, field: &str, value: &Option<String>) -> Option<String> {
    let text = present(value)?;
    if errors.check_characters(field, &text) {
        return None;
    }
    if text.chars().count() > NAME_MAX {
        errors.problem(field, Problem::TooLong { max: NAME_MAX });
        return None;
    }
    Some(text)
}

/// An IATI organisation identifier: a registration agency's prefix (a two-letter
/// country or `XM`/`XI` code, a hyphen, the agency's letters) then a hyphen and the
/// organisation's number within it, e.g. `XM-DAC-47066` (IOM) or `GB-COH-123456`.
/// IATI forbids spaces and `/` in identifiers; letters, digits, `.`, `_` and `-` are
/// what registered identifiers use.
pub fn is_org_ref(value: &str) -> bool {
    let mut parts = value.splitn(3, '-');
    let (Some(country), Some(agency), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    value.len() <= REF_MAX
        && country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && !agency.is_empty()
        && agency
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn check_org_ref(errors: &mut FieldErrors, field: &str, value: &str) {
    if !is_org_ref(value) {
        errors.problem(field, Problem::NotAnIatiOrgRef);
    }
}

/// Why `amount` is not a non-negative decimal with at most 15 digits before the point
/// and 4 after, or `None`.
fn amount_problem(amount: &str) -> Option<Problem> {
    if amount.starts_with('-') {
        return Some(Problem::Negative);
    }
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let fits = !whole.is_empty()
        && whole.len() <= 15
        && digits(whole)
        && fraction.len() <= 4
        && digits(fraction)
        && !(amount.contains('.') && fraction.is_empty());
    (!fits).then_some(Problem::NotAnAmount)
}

/// The amount without leading zeros ("007.50" → "7.50"); the digits after the point
/// are kept as given, so the stored value is exactly what was typed.
fn canonical_amount(amount: &str) -> String {
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn raw() -> RawReporting {
        RawReporting {
            version: 1,
            reporting_org_name: Some(" International Organization for Migration ".into()),
            reporting_org_ref: Some("XM-DAC-47066".into()),
            reporting_org_type: Some("40".into()),
            funder_name: Some("IOM Development Fund".into()),
            funder_ref: None,
            currency: Some("USD".into()),
            budget_amount: Some("135000".into()),
            sector_code: Some("15190".into()),
            planned_start: day(2022, 5, 1),
            planned_end: day(2024, 4, 30),
            actual_start: day(2022, 6, 1),
            actual_end: None,
        }
    }

    fn fields(raw: RawReporting) -> Vec<String> {
        match Reporting::parse(&raw) {
            Ok(r) => panic!("accepted: {r:?}"),
            Err(e) => e.fields().map(str::to_owned).collect(),
        }
    }

    #[test]
    fn the_demo_fields_are_accepted_and_give_the_demo_identifier() -> Result<(), FieldErrors> {
        let parsed = Reporting::parse(&raw())?;
        assert_eq!(
            parsed.reporting_org_name,
            "International Organization for Migration"
        );
        assert_eq!(
            parsed.activity_identifier("Q33-805"),
            "XM-DAC-47066-Q33-805"
        );
        Ok(())
    }

    #[test]
    fn only_the_organisation_and_the_planned_start_are_required() -> Result<(), FieldErrors> {
        let minimal = RawReporting {
            version: 1,
            reporting_org_name: Some("Org".into()),
            reporting_org_ref: Some("XI-IATI-EXAMPLE".into()),
            reporting_org_type: Some("21".into()),
            planned_start: day(2025, 1, 1),
            funder_name: Some("  ".into()),
            ..RawReporting::default()
        };
        let parsed = Reporting::parse(&minimal)?;
        assert_eq!(parsed.funder_name, None);
        assert_eq!(fields(RawReporting::default()).len(), 4);
        Ok(())
    }

    /// One way to spoil valid fields, and the fields its refusal names.
    type Case = (fn(&mut RawReporting), &'static [&'static str]);

    #[test]
    fn each_refusal_names_its_field() {
        let cases: [Case; 12] = [
            (
                |r| r.reporting_org_ref = Some("XM DAC 47066".into()),
                &["reporting_org_ref"],
            ),
            (
                |r| r.reporting_org_ref = Some("47066".into()),
                &["reporting_org_ref"],
            ),
            (
                |r| r.reporting_org_type = Some("99".into()),
                &["reporting_org_type"],
            ),
            (|r| r.funder_ref = Some("a/b".into()), &["funder_ref"]),
            (|r| r.currency = Some("usd".into()), &["currency"]),
            (|r| r.currency = Some("EEK".into()), &["currency"]),
            (|r| r.budget_amount = Some("-5".into()), &["budget_amount"]),
            (|r| r.budget_amount = Some("1e5".into()), &["budget_amount"]),
            (|r| r.sector_code = Some("151".into()), &["sector_code"]),
            (|r| r.planned_end = day(2021, 1, 1), &["planned_end"]),
            (|r| r.actual_end = day(2022, 5, 31), &["actual_end"]),
            (
                |r| r.reporting_org_name = Some("a\u{7}b".into()),
                &["reporting_org_name"],
            ),
        ];
        for (spoil, expected) in cases {
            let mut r = raw();
            spoil(&mut r);
            assert_eq!(fields(r), expected.to_vec());
        }
    }

    #[test]
    fn a_budget_needs_its_currency_and_period() {
        let mut r = raw();
        r.currency = None;
        r.planned_end = None;
        assert_eq!(fields(r), ["currency", "planned_end"]);
    }

    #[test]
    fn amounts_are_kept_exact() {
        assert_eq!(canonical_amount("0135000.50"), "135000.50");
        assert_eq!(canonical_amount("000"), "0");
        assert_eq!(amount_problem("0.1234"), None);
        assert_eq!(amount_problem("1."), Some(Problem::NotAnAmount));
        assert_eq!(amount_problem("1.23456"), Some(Problem::NotAnAmount));
    }

    #[test]
    fn org_refs_have_the_registration_agency_shape() {
        for good in [
            "XM-DAC-47066",
            "GB-COH-123456",
            "XI-IATI-EXAMPLE",
            "NL-KVK-41197.5",
        ] {
            assert!(is_org_ref(good), "{good}");
        }
        for bad in ["", "XM-DAC", "xm-DAC-1", "XM--1", "XM-DAC-", "XM-DAC-4 7"] {
            assert!(!is_org_ref(bad), "{bad}");
        }
    }
}
