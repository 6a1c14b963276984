//! Governments and user accounts, as an admin creates them.
use serde::Deserialize;
use uuid::Uuid;

use super::finish;
use crate::domain::iati::codelists::COUNTRY;
use crate::domain::problem::Problem;
use crate::domain::role::Role;
use crate::domain::validation::{FieldErrors, is_country_code, normalize_email};

/// The languages Concord speaks.
pub const LOCALES: [&str; 3] = ["en", "fr", "fa"];

/// A new government as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawGovernment {
    pub code: String,
    pub name: String,
    pub time_zone: String,
}

/// A new government: an ISO country code, a name, an IANA time zone. Whether the code
/// is taken is the database's to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGovernment {
    code: String,
    name: String,
    time_zone: String,
}

impl NewGovernment {
    pub fn parse(raw: RawGovernment) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = raw.code.trim().to_owned();
        // The code is also the IATI recipient country of the dialogues the government
        // takes part in: it must be in IATI's Country list (ISO 3166-1), not merely
        // look like it.
        if !is_country_code(&code) || !COUNTRY.contains(&code) {
            errors.problem("code", Problem::NotACountryCode);
        }
        errors.require_text("name", &raw.name, 200);
        errors.require_time_zone("time_zone", &raw.time_zone);
        finish(
            errors,
            Self {
                code,
                name: raw.name.trim().to_owned(),
                time_zone: raw.time_zone,
            },
        )
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }
}

/// A new account as a client sends it.
#[derive(Debug, Clone, Deserialize)]
pub struct RawUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub government_id: Option<Uuid>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
    /// Optional: without it the new user is emailed a single-use link to set one.
    /// Its policy and its hash are the door's (`credentials::password`); it is not parsed here.
    pub password: Option<String>,
}

/// A new account: an email in one form, a name, a known locale, a time zone, and a
/// government exactly when the role is bound to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    email: String,
    display_name: String,
    role: Role,
    government_id: Option<Uuid>,
    locale: String,
    time_zone: String,
}

impl NewUser {
    /// `government_time_zone` is the zone of the government `raw.government_id` names,
    /// when the database has it (`None` for no such government): the user's zone
    /// unless they give one.
    pub fn parse(raw: RawUser, government_time_zone: Option<&str>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = normalize_email(&raw.email);
        errors.require_email("email", &email);
        errors.require_text("display_name", &raw.display_name, 200);
        let locale = raw.locale.unwrap_or_else(|| "en".to_owned());
        if !LOCALES.contains(&locale.as_str()) {
            errors.problem("locale", Problem::NotALanguage);
        }
        let time_zone = match (raw.time_zone, government_time_zone) {
            (Some(tz), _) => tz,
            (None, Some(tz)) => tz.to_owned(),
            (None, None) => "UTC".to_owned(),
        };
        errors.require_time_zone("time_zone", &time_zone);
        match (
            raw.role.needs_government(),
            raw.government_id,
            government_time_zone,
        ) {
            (true, None, _) => errors.problem("government_id", Problem::FocalPointNeedsGovernment),
            (false, Some(_), _) => {
                errors.problem("government_id", Problem::OnlyFocalPointsHaveGovernment)
            }
            (true, Some(_), None) => errors.problem("government_id", Problem::NoSuchGovernment),
            _ => {}
        }
        finish(
            errors,
            Self {
                email,
                display_name: raw.display_name.trim().to_owned(),
                role: raw.role,
                government_id: raw.government_id,
                locale,
                time_zone,
            },
        )
    }

    pub fn email(&self) -> &str {
        &self.email
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn government_id(&self) -> Option<Uuid> {
        self.government_id
    }

    pub fn locale(&self) -> &str {
        &self.locale
    }

    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, fields};
    use super::*;

    fn government() -> RawGovernment {
        RawGovernment {
            code: " AF ".into(),
            name: "Afghanistan".into(),
            time_zone: "Asia/Kabul".into(),
        }
    }

    #[test]
    fn governments_parse_and_each_refusal_names_its_field() -> Result<(), FieldErrors> {
        assert_eq!(NewGovernment::parse(government())?.code(), "AF");
        let cases: [Case<RawGovernment>; 4] = [
            (|r| r.code = "af".into(), "code"),
            (|r| r.code = "AFG".into(), "code"),
            (|r| r.name = " ".into(), "name"),
            (|r| r.time_zone = "Asia/Nowhere".into(), "time_zone"),
        ];
        for (spoil, field) in cases {
            let mut raw = government();
            spoil(&mut raw);
            assert_eq!(fields(NewGovernment::parse(raw)), [field]);
        }
        Ok(())
    }

    fn user() -> RawUser {
        RawUser {
            email: " FP.AF@Demo.Test ".into(),
            display_name: " Focal Point ".into(),
            role: Role::FocalPoint,
            government_id: Some(Uuid::from_u128(1)),
            locale: None,
            time_zone: None,
            password: None,
        }
    }

    #[test]
    fn a_user_takes_their_governments_zone_unless_they_give_one() -> Result<(), FieldErrors> {
        let parsed = NewUser::parse(user(), Some("Asia/Kabul"))?;
        assert_eq!(parsed.email(), "fp.af@demo.test");
        assert_eq!(parsed.display_name(), "Focal Point");
        assert_eq!((parsed.locale(), parsed.time_zone()), ("en", "Asia/Kabul"));
        let mut own = user();
        own.time_zone = Some("Europe/Paris".into());
        let parsed = NewUser::parse(own, Some("Asia/Kabul"))?;
        assert_eq!(parsed.time_zone(), "Europe/Paris");
        let mut observer = user();
        observer.role = Role::Observer;
        observer.government_id = None;
        assert_eq!(NewUser::parse(observer, None)?.time_zone(), "UTC");
        Ok(())
    }

    #[test]
    fn each_refusal_names_its_user_field() {
        let cases: [Case<RawUser>; 6] = [
            (|r| r.email = "nope".into(), "email"),
            (|r| r.display_name = String::new(), "display_name"),
            (|r| r.locale = Some("de".into()), "locale"),
            (|r| r.time_zone = Some("Nowhere/City".into()), "time_zone"),
            (|r| r.government_id = None, "government_id"),
            (|r| r.role = Role::Coordinator, "government_id"),
        ];
        for (spoil, field) in cases {
            let mut raw = user();
            spoil(&mut raw);
            assert_eq!(fields(NewUser::parse(raw, Some("Asia/Kabul"))), [field]);
        }
        // The government named does not exist.
        assert_eq!(fields(NewUser::parse(user(), None)), ["government_id"]);
    }
}
