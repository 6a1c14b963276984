//! Field-level validation shared by every input: the messages name the field.
use std::collections::BTreeMap;

use serde::Serialize;

use super::text::{TextKind, text_problem};

/// Errors by field name, rendered as `errors: {field: [messages]}` on a 422.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Each field with its messages, for a form that shows them beside the fields.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_slice()))
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
        match text_problem(value, TextKind::of_field(field)) {
            Some(problem) => {
                self.add(field, problem);
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
            self.add(field, "must not be empty");
        } else if trimmed.chars().count() > max_chars {
            self.add(field, format!("must be at most {max_chars} characters"));
        }
    }

    pub fn require_email(&mut self, field: &str, value: &str) {
        if !is_plausible_email(value) {
            self.add(field, "must be an email address like name@example.org");
        }
    }

    pub fn require_time_zone(&mut self, field: &str, value: &str) {
        if value.parse::<chrono_tz::Tz>().is_err() {
            self.add(field, "must be an IANA time zone name such as Asia/Kabul");
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
