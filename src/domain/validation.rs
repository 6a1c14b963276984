//! Field-level validation shared by every input: the messages name the field.
use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::problem::Problem;
use super::text::{TextKind, text_problem_of};

/// Errors by field name, rendered as `errors: {field: [messages]}` on a 422.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<Said>>);

/// One complaint about a field: the API's English sentence and, when the rule has a
/// code, the problem a page says in its reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    pub problem: Option<Problem>,
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, said) in &self.0 {
            let texts: Vec<&str> = said.iter().map(|s| s.text.as_str()).collect();
            map.serialize_entry(field, &texts)?;
        }
        map.end()
    }
}

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.push(field, message.into(), None);
    }

    /// A complaint with a code (see `Problem`), said in each reader's words.
    pub fn problem(&mut self, field: &str, problem: Problem) {
        self.push(field, problem.message(), Some(problem));
    }

    /// A value that is not of the kind the field takes: the API keeps the parser's own
    /// sentence (`detail`), a page says that the value is not in the expected form.
    pub fn unreadable(&mut self, field: &str, detail: String) {
        self.push(field, detail, Some(Problem::Unreadable));
    }

    /// A complaint whose English sentence is the caller's own (the API keeps it) and
    /// whose problem a page says in its reader's words.
    pub fn push(&mut self, field: &str, text: String, problem: Option<Problem>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(Said { text, problem });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Each field with its messages, for a form that shows them beside the fields.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.0
            .iter()
            .map(|(f, said)| (f.as_str(), said.iter().map(|s| s.text.as_str()).collect()))
    }

    /// Each field with what was said about it, codes included.
    pub fn said(&self) -> impl Iterator<Item = (&str, &[Said])> {
        self.0.iter().map(|(f, said)| (f.as_str(), said.as_slice()))
    }

    /// `Ok(())` when nothing was added, else the errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// `parsed`, unless it or these errors (checks made beside the parse, such as
    /// against the database) found a problem: then all of them, so that one reply
    /// names every field. The parse's messages come first.
    pub fn and_parsed<T>(self, parsed: Result<T, FieldErrors>) -> Result<T, FieldErrors> {
        match parsed {
            Ok(value) if self.is_empty() => Ok(value),
            Ok(_) => Err(self),
            Err(mut all) => {
                for (field, messages) in self.0 {
                    all.0.entry(field).or_default().extend(messages);
                }
                Err(all)
            }
        }
    }

    /// Adds the character rule's complaint (`domain::text`) for `field`; true if any.
    /// A parse applies it itself, so a command is valid whichever door built it.
    pub fn check_characters(&mut self, field: &str, value: &str) -> bool {
        match text_problem_of(value, TextKind::of_field(field)) {
            Some(problem) => {
                self.problem(field, problem);
                true
            }
            None => false,
        }
    }

    pub fn require_text(&mut self, field: &str, value: &str, max_chars: usize) {
        if self.check_characters(field, value) {
            return;
        }
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.problem(field, Problem::Empty);
        } else if trimmed.chars().count() > max_chars {
            self.problem(field, Problem::TooLong { max: max_chars });
        }
    }

    pub fn require_email(&mut self, field: &str, value: &str) {
        if !is_plausible_email(value) {
            self.problem(field, Problem::NotAnEmail);
        }
    }

    pub fn require_time_zone(&mut self, field: &str, value: &str) {
        if value.parse::<chrono_tz::Tz>().is_err() {
            self.problem(field, Problem::NotATimeZone);
        }
    }
}

/// Deliberately loose: one `@`, something on each side, a dot in the domain. The
/// invitation email is the real proof that an address works.
pub fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
        && value.len() <= 254
}

/// Emails compare case-insensitively; store them in one form.
pub fn normalize_email(value: &str) -> String {
    value.trim().to_lowercase()
}

/// ISO 3166-1 alpha-2: two ASCII capital letters.
pub fn is_country_code(value: &str) -> bool {
    value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_plausible_email("fp.af@demo.test"));
        for bad in [
            "",
            "no-at",
            "@demo.test",
            "a@b",
            "a@@b.c",
            "a b@c.d",
            "a@.c",
            "a@c.",
        ] {
            assert!(!is_plausible_email(bad), "{bad} accepted");
        }
    }

    #[test]
    fn time_zones_and_codes() {
        let mut errors = FieldErrors::default();
        errors.require_time_zone("time_zone", "Asia/Kabul");
        assert!(errors.is_empty());
        errors.require_time_zone("time_zone", "Mars/Olympus");
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["time_zone"]);
        assert!(is_country_code("AF"));
        assert!(!is_country_code("af") && !is_country_code("AFG"));
    }

    #[test]
    fn text_limits() {
        let mut errors = FieldErrors::default();
        errors.require_text("name", "   ", 10);
        errors.require_text("title", &"x".repeat(11), 10);
        errors.require_text("ok", "fine", 10);
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["name", "title"]);
    }
}
