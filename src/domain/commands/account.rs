//! A person's own settings: their name, language and time zone, and a new password.
use serde::Deserialize;

use super::{LOCALES, finish};
use crate::domain::problem::Problem;
use crate::domain::validation::FieldErrors;

/// What a person changes about themselves; a field left out stays as it is.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawProfile {
    pub display_name: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
}

/// A valid change of one's own profile: a name of at most 200 characters, one of
/// Concord's languages, an IANA time zone (as chrono-tz knows them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    display_name: Option<String>,
    locale: Option<String>,
    time_zone: Option<String>,
}

impl ProfileChange {
    pub fn parse(raw: RawProfile) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if let Some(name) = &raw.display_name {
            errors.require_text("display_name", name, 200);
        }
        if let Some(locale) = &raw.locale
            && !LOCALES.contains(&locale.as_str())
        {
            errors.problem("locale", Problem::NotALanguage);
        }
        let time_zone = raw.time_zone.map(|tz| tz.trim().to_owned());
        if let Some(tz) = &time_zone {
            errors.require_time_zone("time_zone", tz);
        }
        finish(
            errors,
            Self {
                display_name: raw.display_name.map(|n| n.trim().to_owned()),
                locale: raw.locale,
                time_zone,
            },
        )
    }

    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    pub fn locale(&self) -> Option<&str> {
        self.locale.as_deref()
    }

    pub fn time_zone(&self) -> Option<&str> {
        self.time_zone.as_deref()
    }
}

/// A change of one's own password as a client sends it. `new_password_again` is the
/// pages' second box; an API client may leave it out.
#[derive(Debug, Clone, Deserialize)]
pub struct RawPasswordChange {
    pub current_password: String,
    pub new_password: String,
    pub new_password_again: Option<String>,
}

/// A password change whose boxes agree. The new password's length policy and its hash
/// are `credentials::password`'s, checked beside this parse by the one function both
/// doors call (`auth::accounts::change_password`); whether the current password is
/// right needs the stored hash.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

// Never print a password, even in a test's failure message.
impl std::fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChange { .. }")
    }
}

impl PasswordChange {
    pub fn parse(raw: RawPasswordChange) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if raw.current_password.is_empty() {
            errors.problem("current_password", Problem::Empty);
        }
        if let Some(again) = &raw.new_password_again
            && *again != raw.new_password
        {
            errors.problem("new_password_again", Problem::PasswordsDiffer);
        }
        if !raw.current_password.is_empty() && raw.current_password == raw.new_password {
            errors.problem("new_password", Problem::PasswordUnchanged);
        }
        finish(
            errors,
            Self {
                current_password: raw.current_password,
                new_password: raw.new_password,
            },
        )
    }

    /// The two passwords, for verifying the first and hashing the second.
    pub fn into_parts(self) -> (String, String) {
        (self.current_password, self.new_password)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, fields};
    use super::*;

    fn profile() -> RawProfile {
        RawProfile {
            display_name: Some(" Farid ".into()),
            locale: Some("fa".into()),
            time_zone: Some(" Asia/Kabul ".into()),
        }
    }

    #[test]
    fn a_profile_change_keeps_what_was_left_out() -> Result<(), FieldErrors> {
        let parsed = ProfileChange::parse(profile())?;
        assert_eq!(parsed.display_name(), Some("Farid"));
        assert_eq!(parsed.time_zone(), Some("Asia/Kabul"));
        assert_eq!(parsed.locale(), Some("fa"));
        let nothing = ProfileChange::parse(RawProfile::default())?;
        assert_eq!(nothing, ProfileChange::default());
        Ok(())
    }

    #[test]
    fn each_profile_refusal_names_its_field() {
        let cases: [Case<RawProfile>; 5] = [
            (|r| r.display_name = Some("  ".into()), "display_name"),
            (|r| r.display_name = Some("a\nb".into()), "display_name"),
            (|r| r.locale = Some("de".into()), "locale"),
            (|r| r.time_zone = Some("Mars/Olympus".into()), "time_zone"),
            (|r| r.time_zone = Some(String::new()), "time_zone"),
        ];
        for (spoil, field) in cases {
            let mut raw = profile();
            spoil(&mut raw);
            assert_eq!(fields(ProfileChange::parse(raw)), [field]);
        }
    }

    fn change() -> RawPasswordChange {
        RawPasswordChange {
            current_password: "the old long one".into(),
            new_password: "a brand new phrase".into(),
            new_password_again: Some("a brand new phrase".into()),
        }
    }

    #[test]
    fn a_password_change_needs_the_current_one_and_agreeing_boxes() {
        assert!(PasswordChange::parse(change()).is_ok());
        let mut api = change();
        api.new_password_again = None;
        assert!(PasswordChange::parse(api).is_ok(), "the API sends it once");
        let cases: [Case<RawPasswordChange>; 3] = [
            (|r| r.current_password = String::new(), "current_password"),
            (
                |r| r.new_password_again = Some("typo".into()),
                "new_password_again",
            ),
            (
                |r| {
                    r.new_password = r.current_password.clone();
                    r.new_password_again = None;
                },
                "new_password",
            ),
        ];
        for (spoil, field) in cases {
            let mut raw = change();
            spoil(&mut raw);
            assert_eq!(fields(PasswordChange::parse(raw)), [field]);
        }
    }
}
