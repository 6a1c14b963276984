//! Forms of the pages: what the person typed, kept to fill the form again, and the
//! errors of a refused form, each shown beside its field.
//!
//! A posted form is read as its raw pairs ([`Kept`]) and turned into the same raw
//! command the JSON door builds, through the JSON door's own parser
//! (`api::extract::parse_json`: the character rules, the date bounds, a field of the
//! wrong type named), and then the domain's command parser. So a form is refused for
//! exactly what the API would refuse, with the same field names, and no rule is
//! written here: [`Shape`] only says how a text box's string becomes a JSON value.
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::validation::FieldErrors;
use crate::error::AppError;

/// How a form field's text becomes JSON for the raw command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string, as typed (a missing field is an empty string).
    Text,
    /// A whole number; blank is absent (`null`). Text that is no number is passed on
    /// as a string, so the parser names the field.
    Integer,
    /// A date or time as the browser's picker sends it; blank is absent.
    Optional,
    /// Every value of a repeated field (checkboxes), as a list.
    List,
}

/// The fields of a posted form, in order, as typed.
#[derive(Debug, Clone, Default)]
pub struct Kept(Vec<(String, String)>);

impl Kept {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    /// The first value of `field`, or "" (for `value="…"`).
    pub fn value(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map_or("", |(_, value)| value.as_str())
    }

    /// Whether `field` was sent with `value` (a ticked checkbox, a chosen option).
    pub fn has(&self, field: &str, value: &str) -> bool {
        self.0.iter().any(|(n, v)| n == field && v == value)
    }

    /// The JSON object the fields of `shape` make.
    pub fn json(&self, shape: &[(&str, Shape)]) -> Value {
        let mut object = Map::new();
        for (field, kind) in shape {
            let text = self.value(field);
            let value = match kind {
                Shape::Text => Value::String(text.to_owned()),
                Shape::Integer | Shape::Optional if text.trim().is_empty() => Value::Null,
                Shape::Integer => text
                    .trim()
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(text.to_owned()), Value::from),
                Shape::Optional => Value::String(text.trim().to_owned()),
                Shape::List => Value::Array(
                    self.0
                        .iter()
                        .filter(|(name, _)| name == field)
                        .map(|(_, v)| Value::String(v.clone()))
                        .collect(),
                ),
            };
            object.insert((*field).to_owned(), value);
        }
        Value::Object(object)
    }

    /// The raw command `T` from these fields, parsed as the API parses its body;
    /// a field that does not fit is named in the errors.
    pub fn parse<T: DeserializeOwned>(&self, shape: &[(&str, Shape)]) -> Result<T, FieldErrors> {
        let bytes = serde_json::to_vec(&self.json(shape)).unwrap_or_default();
        match crate::api::extract::parse_json::<T>(&bytes) {
            Ok(raw) => Ok(raw),
            Err(AppError::Validation(errors)) => Err(errors),
            Err(other) => {
                let mut errors = FieldErrors::default();
                errors.add("body", other.to_string());
                Err(errors)
            }
        }
    }
}

/// The errors of a refused form, by field, for the template: each one beside its
/// field (`{field}-error`, pointed at by the field's `aria-describedby`), and all of
/// them in a summary at the top that links to the fields.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    by_field: BTreeMap<String, String>,
}

/// One line of the summary.
pub struct ErrorLine {
    pub field: String,
    pub message: String,
}

impl FormErrors {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn any(&self) -> bool {
        !self.by_field.is_empty()
    }

    /// The message(s) for `field`, joined into one sentence list.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.by_field.get(field).map(String::as_str)
    }

    /// The attributes a field with an error takes (empty when it has none): marks it
    /// invalid and points at the message beside it.
    pub fn aria(&self, field: &str) -> String {
        if self.by_field.contains_key(field) {
            format!(r#" aria-invalid="true" aria-describedby="{field}-error""#)
        } else {
            String::new()
        }
    }

    pub fn lines(&self) -> Vec<ErrorLine> {
        self.by_field
            .iter()
            .map(|(field, message)| ErrorLine {
                field: field.clone(),
                message: message.clone(),
            })
            .collect()
    }
}

impl FormErrors {
    /// The errors in the reader's words: a rule with a code (`Problem`) is said in
    /// the page's language, any other sentence as the store wrote it.
    pub fn said(p: &super::page::Page, errors: &FieldErrors) -> Self {
        let by_field = errors
            .said()
            .map(|(field, said)| {
                let sentences: Vec<String> = said
                    .iter()
                    .map(|s| match s.problem {
                        Some(problem) => super::reasons::field_problem(p, problem),
                        None => s.text.clone(),
                    })
                    .collect();
                (field.to_owned(), sentences.join("; "))
            })
            .collect();
        Self { by_field }
    }
}

/// What went wrong with the last form, shown at the top of the page it re-renders.
pub struct Trouble {
    pub message: String,
    pub conflict: bool,
}

impl Trouble {
    /// How a page answers a write the store did not take: the domain's reason (422),
    /// "changed since you opened it" (409), or fields to mend (422); any other error
    /// is the door's to show.
    pub fn of(
        p: &super::page::Page,
        err: crate::error::AppError,
    ) -> Result<(axum::http::StatusCode, Self), crate::error::AppError> {
        use crate::error::AppError;
        use axum::http::StatusCode;
        let (status, message, conflict) = match err {
            AppError::Refused {
                detail, refusal, ..
            } => {
                let message = super::reasons::of_refused(p, detail, refusal.as_deref());
                (StatusCode::UNPROCESSABLE_ENTITY, message, false)
            }
            AppError::Conflict { .. } => (StatusCode::CONFLICT, p.t("conflict-title"), true),
            AppError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                p.t("page-form-errors"),
                false,
            ),
            other => return Err(other),
        };
        Ok((status, Self { message, conflict }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::commands::RawPhase;

    fn kept(pairs: &[(&str, &str)]) -> Kept {
        Kept::new(
            pairs
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    const PHASE: [(&str, Shape); 4] = [
        ("name", Shape::Text),
        ("ordinal", Shape::Integer),
        ("planned_start", Shape::Optional),
        ("planned_end", Shape::Optional),
    ];

    #[test]
    fn a_form_becomes_the_apis_raw_command() -> Result<(), FieldErrors> {
        let form = kept(&[
            ("csrf", "t"),
            ("name", "Initial phase"),
            ("ordinal", " 2 "),
            ("planned_start", "2025-03-01"),
            ("planned_end", ""),
        ]);
        let raw: RawPhase = form.parse(&PHASE)?;
        assert_eq!((raw.name.as_str(), raw.ordinal), ("Initial phase", 2));
        assert_eq!(
            raw.planned_start.map(|d| d.to_string()).as_deref(),
            Some("2025-03-01")
        );
        assert_eq!(raw.planned_end, None);
        Ok(())
    }

    #[test]
    fn what_does_not_fit_is_named_by_field_and_kept() {
        let form = kept(&[("name", "P"), ("ordinal", "two"), ("planned_start", "")]);
        let errors = form.parse::<RawPhase>(&PHASE).err().unwrap_or_default();
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["ordinal"]);
        let french =
            super::super::page::Page::new(crate::present::i18n::Lang::Fr, None, "/".into());
        let shown = FormErrors::said(&french, &errors);
        assert!(shown.of("ordinal").is_some() && shown.of("name").is_none());
        // The parser's complaint is said in the reader's language on the page.
        assert_eq!(
            shown.of("ordinal"),
            Some("Cette valeur n’a pas la forme attendue.")
        );
        assert_eq!(
            shown.aria("ordinal"),
            r#" aria-invalid="true" aria-describedby="ordinal-error""#
        );
        assert_eq!(shown.aria("name"), "");
        assert_eq!(form.value("ordinal"), "two");
        let far = kept(&[
            ("name", "P"),
            ("ordinal", "1"),
            ("planned_start", "1200-01-01"),
        ]);
        let errors = far.parse::<RawPhase>(&PHASE).err().unwrap_or_default();
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["planned_start"]);
    }

    #[test]
    fn repeated_fields_are_lists() {
        let form = kept(&[("g", "a"), ("x", "1"), ("g", "b")]);
        assert_eq!(
            form.json(&[("g", Shape::List)])["g"],
            serde_json::json!(["a", "b"])
        );
        assert!(form.has("g", "b") && !form.has("g", "c"));
        assert_eq!(form.value("x"), "1");
        assert_eq!(form.value("y"), "");
    }
}
