//! Commands: what a client asks to create or change, parsed once from a plain "raw"
//! input (the JSON body today, a web form next, the demo seeder's constants) into a
//! type that can only hold valid data. Each `parse` owns the per-field rules that need
//! no database and answers `FieldErrors` naming the fields, with the messages the API
//! has always given. Each text field also meets the character rules of `domain::text`
//! here, so a command is valid whichever door built it (the JSON door checks every
//! string of a body once more, fields it has no command for included); dates are
//! bounded as they deserialise. Checks that need the database (a government exists,
//! a code is unique) stay with the store or the handler.
mod account;
mod actions;
mod people;
mod projects;
mod understandings;
mod workshops;

pub use account::{PasswordChange, ProfileChange, RawPasswordChange, RawProfile};
pub use actions::{
    ActionFilter, NewAction, ProgressNote, RawAction, RawActionFilter, RawProgressNote,
};
pub use people::{LOCALES, NewGovernment, NewUser, RawGovernment, RawUser};
pub use projects::{NewPhase, NewProject, RawPhase, RawProject};
pub use understandings::{
    EditText, NewUnderstanding, RawEditText, RawPosition, RawUnderstanding, SetPosition,
};
pub use workshops::{
    NewOutcome, NewWorkshop, RawAttendance, RawOutcome, RawWorkshop, SetAttendance,
};

use uuid::Uuid;

use super::validation::FieldErrors;
use crate::domain::problem::Problem;

/// `ids` without repeats, sorted; the door also needs this to look the rest up.
pub fn distinct(ids: &[Uuid]) -> Vec<Uuid> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    ids
}

/// `ids` without repeats, or an error on `field`: a repeated government is a client
/// mistake worth naming, not something to tidy silently.
fn distinct_ids(errors: &mut FieldErrors, field: &str, ids: &[Uuid]) -> Vec<Uuid> {
    let unique = distinct(ids);
    if unique.len() != ids.len() {
        errors.problem(field, Problem::RepeatedGovernment);
    }
    unique
}

/// A text that may be empty but not longer than `max_chars`.
fn limit_text(errors: &mut FieldErrors, field: &str, value: &str, max_chars: usize) {
    if errors.check_characters(field, value) {
        return;
    }
    if value.chars().count() > max_chars {
        errors.problem(field, Problem::TooLong { max: max_chars });
    }
}

/// The value when no error was found, else the errors.
fn finish<T>(errors: FieldErrors, value: T) -> Result<T, FieldErrors> {
    errors.into_result().map(|()| value)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::FieldErrors;

    /// One way to spoil a valid raw input, and the field its refusal must name.
    pub type Case<R> = (fn(&mut R), &'static str);

    /// The fields a refused parse names.
    pub fn fields<T: std::fmt::Debug>(parsed: Result<T, FieldErrors>) -> Vec<String> {
        match parsed {
            Ok(value) => panic!("accepted: {value:?}"),
            Err(errors) => errors.fields().map(str::to_owned).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_refuses_control_characters_whichever_door_built_it() {
        let raw = RawProject {
            code: "Q\u{0}".into(),
            title: "Eve\nX".into(),
            summary: "two\nlines\r\n".into(),
            budget_usd: None,
            government_ids: Vec::new(),
        };
        let refused = NewProject::parse(raw).err().unwrap_or_default();
        assert_eq!(
            refused.fields().collect::<Vec<_>>(),
            ["code", "summary", "title"]
        );
    }
}
