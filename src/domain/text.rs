//! What text and dates Concord accepts, whatever door they come through.
//!
//! Control characters are refused because they break what the text is later put into
//! (a line feed in a name breaks an email header; NUL is refused by PostgreSQL and so
//! would be a 500 there and silently stored on SQLite). Multi-line fields keep line
//! feeds and tabs; a carriage return is refused everywhere, so line ends have one form.
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use super::problem::Problem;

/// Whether a field is one line (names, titles, codes, emails) or free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    SingleLine,
    MultiLine,
}

/// Longest text of either kind accepted at all; fields may set a smaller limit.
pub const SINGLE_LINE_MAX_CHARS: usize = 1_000;
pub const MULTI_LINE_MAX_CHARS: usize = 20_000;

/// The request fields that hold free text. Every other string is one line.
const MULTI_LINE_FIELDS: &[&str] = &[
    "summary",
    "description",
    "agenda",
    "text",
    "note",
    "comment",
    "reason",
    "override_reason",
];

impl TextKind {
    pub fn of_field(name: &str) -> Self {
        if MULTI_LINE_FIELDS.contains(&name) {
            Self::MultiLine
        } else {
            Self::SingleLine
        }
    }

    fn max_chars(self) -> usize {
        match self {
            Self::SingleLine => SINGLE_LINE_MAX_CHARS,
            Self::MultiLine => MULTI_LINE_MAX_CHARS,
        }
    }
}

/// Why `value` is not acceptable as text of `kind`, or `None` when it is.
pub fn text_problem(value: &str, kind: TextKind) -> Option<String> {
    text_problem_of(value, kind).map(Problem::message)
}

/// The same, as a problem a page can say in its reader's language.
pub fn text_problem_of(value: &str, kind: TextKind) -> Option<Problem> {
    let multi_line = kind == TextKind::MultiLine;
    let allowed = |c: char| multi_line && (c == '\n' || c == '\t');
    if let Some(found) = value.chars().find(|&c| c.is_control() && !allowed(c)) {
        return Some(Problem::ControlCharacter { multi_line, found });
    }
    let max = kind.max_chars();
    (value.chars().count() > max).then_some(Problem::TooLong { max })
}

/// Years outside this range are typing mistakes, and some (year 0) do not survive a
/// round trip through every database and calendar program.
pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2200;

fn year_problem(year: i32) -> Option<String> {
    (!(EARLIEST_YEAR..=LATEST_YEAR).contains(&year))
        .then(|| format!("must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}"))
}

/// Serde helpers for request fields that hold a date or a time: the range check runs
/// while the body is parsed, so the 422 names the field like any other type error.
pub mod bounded {
    use super::*;
    use serde::de::Error;

    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let date = NaiveDate::deserialize(d)?;
        match year_problem(date.year()) {
            Some(problem) => Err(D::Error::custom(problem)),
            None => Ok(date),
        }
    }

    pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let Some(date) = Option::<NaiveDate>::deserialize(d)? else {
            return Ok(None);
        };
        match year_problem(date.year()) {
            Some(problem) => Err(D::Error::custom(problem)),
            None => Ok(Some(date)),
        }
    }

    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let time = DateTime::<Utc>::deserialize(d)?;
        match year_problem(time.year()) {
            Some(problem) => Err(D::Error::custom(problem)),
            None => Ok(time),
        }
    }

    pub fn optional_time<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let Some(time) = Option::<DateTime<Utc>>::deserialize(d)? else {
            return Ok(None);
        };
        match year_problem(time.year()) {
            Some(problem) => Err(D::Error::custom(problem)),
            None => Ok(Some(time)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn single_line_fields_refuse_every_control_character() {
        for bad in [
            "Eve\nX",
            "Eve\r\nX",
            "a\u{0}b",
            "tab\there",
            "c1\u{85}",
            "del\u{7f}",
        ] {
            assert!(text_problem(bad, TextKind::SingleLine).is_some(), "{bad:?}");
        }
        assert_eq!(text_problem("Kabul — کابل", TextKind::SingleLine), None);
    }

    #[test]
    fn multi_line_fields_keep_line_feeds_and_tabs_only() {
        assert_eq!(text_problem("one\n\ttwo", TextKind::MultiLine), None);
        for bad in ["one\r\ntwo", "nul\u{0}", "bell\u{7}", "c1\u{9b}"] {
            assert!(text_problem(bad, TextKind::MultiLine).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn over_long_text_is_refused() {
        let long = "x".repeat(SINGLE_LINE_MAX_CHARS + 1);
        assert!(text_problem(&long, TextKind::SingleLine).is_some());
        assert_eq!(text_problem(&long, TextKind::MultiLine), None);
    }

    #[test]
    fn field_kinds() {
        assert_eq!(TextKind::of_field("summary"), TextKind::MultiLine);
        assert_eq!(TextKind::of_field("display_name"), TextKind::SingleLine);
    }

    #[derive(Debug, Deserialize)]
    struct Dated {
        #[serde(deserialize_with = "bounded::date")]
        due: NaiveDate,
        #[serde(default, deserialize_with = "bounded::optional_time")]
        at: Option<DateTime<Utc>>,
    }

    #[test]
    fn dates_outside_the_sane_range_are_refused() {
        let parse = |json: &str| serde_json::from_str::<Dated>(json);
        assert!(parse(r#"{"due":"0000-01-01"}"#).is_err());
        assert!(parse(r#"{"due":"2201-01-01"}"#).is_err());
        assert!(parse(r#"{"due":"2026-12-01","at":"1899-12-31T23:59:59Z"}"#).is_err());
        let ok = parse(r#"{"due":"2026-12-01","at":null}"#).ok();
        assert_eq!(ok.map(|d| (d.due.year(), d.at)), Some((2026, None)));
        let edges = parse(r#"{"due":"1900-01-01","at":"2200-12-31T00:00:00Z"}"#).ok();
        assert_eq!(
            edges.map(|d| (d.due.year(), d.at.map(|t| t.year()))),
            Some((1900, Some(2200)))
        );
    }

    proptest! {
        /// Whatever a string holds, an accepted single line has no control character,
        /// and an accepted multi-line text has none but LF and TAB.
        #[test]
        fn accepted_text_is_clean(value in "\\PC{0,8}[\\x00-\\x1f\\x7f-\\x9f]?\\PC{0,8}") {
            if text_problem(&value, TextKind::SingleLine).is_none() {
                prop_assert!(!value.chars().any(char::is_control));
            }
            if text_problem(&value, TextKind::MultiLine).is_none() {
                prop_assert!(value.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
            }
        }
    }
}
