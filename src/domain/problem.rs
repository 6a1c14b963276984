//! What is wrong with one field, as a code every door can say in its own words: the
//! API sends `message()` (English, as it always has), the pages say the Fluent message
//! `field-{key}` in the reader's language.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not of the kind the field takes (a word where a number goes, an unknown name).
    Unreadable,
    Empty,
    TooLong {
        max: usize,
    },
    /// A control character in a single line (or, in a text, other than LF and tab).
    ControlCharacter {
        multi_line: bool,
        found: char,
    },
    NotAnEmail,
    NotATimeZone,
    RepeatedGovernment,
    NoSuchGovernment,
    EndsBeforeStart,
    EndsBeforePlannedStart,
    Negative,
    OrdinalBelowOne,
    NotALanguage,
    NotAPosition,
    NotAnAttendance,
    NotACountryCode,
    BilateralNeedsTwo,
    CollectiveNeedsAll,
    NotInDialogue,
    DialogueWithoutGovernments,
    FocalPointNeedsGovernment,
    OnlyFocalPointsHaveGovernment,
    PasswordsDiffer,
    PasswordUnchanged,
    TooShort {
        min: usize,
    },
    NotCurrentPassword,
    /// Another record already holds this value (a code, an email).
    Taken,
    NotAnIatiOrgRef,
    NotAnIatiOrgType,
    NotACurrency,
    NotAnAmount,
    NotADacSector,
    EndsBeforeActualStart,
}

impl Problem {
    pub const ALL_KEYS: [&'static str; 33] = [
        "unreadable",
        "empty",
        "too_long",
        "control_character",
        "not_an_email",
        "not_a_time_zone",
        "repeated_government",
        "no_such_government",
        "ends_before_start",
        "ends_before_planned_start",
        "negative",
        "ordinal_below_one",
        "not_a_language",
        "not_a_position",
        "not_an_attendance",
        "not_a_country_code",
        "bilateral_needs_two",
        "collective_needs_all",
        "not_in_dialogue",
        "dialogue_without_governments",
        "focal_point_needs_government",
        "only_focal_points_have_government",
        "passwords_differ",
        "password_unchanged",
        "too_short",
        "not_current_password",
        "taken",
        "not_an_iati_org_ref",
        "not_an_iati_org_type",
        "not_a_currency",
        "not_an_amount",
        "not_a_dac_sector",
        "ends_before_actual_start",
    ];

    /// The name of the problem in the pages' words (`field-{key}`).
    pub fn key(self) -> &'static str {
        use Problem::*;
        match self {
            Unreadable => "unreadable",
            Empty => "empty",
            TooLong { .. } => "too_long",
            ControlCharacter { .. } => "control_character",
            NotAnEmail => "not_an_email",
            NotATimeZone => "not_a_time_zone",
            RepeatedGovernment => "repeated_government",
            NoSuchGovernment => "no_such_government",
            EndsBeforeStart => "ends_before_start",
            EndsBeforePlannedStart => "ends_before_planned_start",
            Negative => "negative",
            OrdinalBelowOne => "ordinal_below_one",
            NotALanguage => "not_a_language",
            NotAPosition => "not_a_position",
            NotAnAttendance => "not_an_attendance",
            NotACountryCode => "not_a_country_code",
            BilateralNeedsTwo => "bilateral_needs_two",
            CollectiveNeedsAll => "collective_needs_all",
            NotInDialogue => "not_in_dialogue",
            DialogueWithoutGovernments => "dialogue_without_governments",
            FocalPointNeedsGovernment => "focal_point_needs_government",
            OnlyFocalPointsHaveGovernment => "only_focal_points_have_government",
            PasswordsDiffer => "passwords_differ",
            PasswordUnchanged => "password_unchanged",
            TooShort { .. } => "too_short",
            NotCurrentPassword => "not_current_password",
            Taken => "taken",
            NotAnIatiOrgRef => "not_an_iati_org_ref",
            NotAnIatiOrgType => "not_an_iati_org_type",
            NotACurrency => "not_a_currency",
            NotAnAmount => "not_an_amount",
            NotADacSector => "not_a_dac_sector",
            EndsBeforeActualStart => "ends_before_actual_start",
        }
    }

    /// The sentence the API has always sent, in English.
    pub fn message(self) -> String {
        use Problem::*;
        match self {
            Unreadable => "is not in the expected form".into(),
            Empty => "must not be empty".into(),
            TooLong { max } => format!("must be at most {max} characters"),
            ControlCharacter { multi_line, found } => {
                let what = if multi_line {
                    "must not contain control characters other than line feeds and tabs"
                } else {
                    "must be a single line without control characters"
                };
                format!("{what} (found {})", code_point(found))
            }
            NotAnEmail => "must be an email address like name@example.org".into(),
            NotATimeZone => "must be an IANA time zone name such as Asia/Kabul".into(),
            RepeatedGovernment => "must not repeat a government".into(),
            NoSuchGovernment => "names a government that does not exist".into(),
            EndsBeforeStart => "must be after starts_at".into(),
            EndsBeforePlannedStart => "must not be before planned_start".into(),
            Negative => "must not be negative".into(),
            OrdinalBelowOne => "must be 1 or more".into(),
            NotALanguage => "must be one of en, fr, fa".into(),
            NotAPosition => "must be one of endorsed, reservation, objection".into(),
            NotAnAttendance => "must be one of confirmed, declined, attended, absent".into(),
            NotACountryCode => "must be an ISO 3166-1 alpha-2 code in capitals, such as AF".into(),
            BilateralNeedsTwo => "a bilateral action involves exactly two governments".into(),
            CollectiveNeedsAll => {
                "a collective action involves every government of the dialogue: list them all or none"
                    .into()
            }
            NotInDialogue => "names a government that does not take part in this dialogue".into(),
            DialogueWithoutGovernments => "the dialogue has no governments yet".into(),
            FocalPointNeedsGovernment => "a focal point must be bound to a government".into(),
            OnlyFocalPointsHaveGovernment => "only focal points are bound to a government".into(),
            PasswordsDiffer => "must be the same as the new password".into(),
            PasswordUnchanged => "must differ from the current password".into(),
            TooShort { min } => format!("must be at least {min} characters"),
            NotCurrentPassword => "is not your current password".into(),
            Taken => "is already taken".into(),
            NotAnIatiOrgRef => "must be an IATI organisation identifier such as XM-DAC-47066".into(),
            NotAnIatiOrgType => "must be a code of the IATI OrganisationType list, such as 40".into(),
            NotACurrency => "must be an ISO 4217 currency code of the IATI Currency list, such as USD".into(),
            NotAnAmount => "must be a decimal amount such as 135000.00 (at most 4 decimals)".into(),
            NotADacSector => "must be a 5-digit OECD DAC CRS purpose code such as 15190".into(),
            EndsBeforeActualStart => "must not be before actual_start".into(),
        }
    }

    /// The numbers or characters a sentence names.
    pub fn max(self) -> Option<usize> {
        match self {
            Problem::TooLong { max } => Some(max),
            _ => None,
        }
    }

    pub fn min(self) -> Option<usize> {
        match self {
            Problem::TooShort { min } => Some(min),
            _ => None,
        }
    }

    pub fn found(self) -> Option<String> {
        match self {
            Problem::ControlCharacter { found, .. } => Some(code_point(found)),
            _ => None,
        }
    }
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// One of each, for the tests that keep every problem said in every language.
#[cfg(test)]
pub fn samples() -> Vec<Problem> {
    use Problem::*;
    vec![
        Unreadable,
        Empty,
        TooLong { max: 200 },
        ControlCharacter {
            multi_line: false,
            found: '\u{7}',
        },
        NotAnEmail,
        NotATimeZone,
        RepeatedGovernment,
        NoSuchGovernment,
        EndsBeforeStart,
        EndsBeforePlannedStart,
        Negative,
        OrdinalBelowOne,
        NotALanguage,
        NotAPosition,
        NotAnAttendance,
        NotACountryCode,
        BilateralNeedsTwo,
        CollectiveNeedsAll,
        NotInDialogue,
        DialogueWithoutGovernments,
        FocalPointNeedsGovernment,
        OnlyFocalPointsHaveGovernment,
        PasswordsDiffer,
        PasswordUnchanged,
        TooShort { min: 12 },
        NotCurrentPassword,
        Taken,
        NotAnIatiOrgRef,
        NotAnIatiOrgType,
        NotACurrency,
        NotAnAmount,
        NotADacSector,
        EndsBeforeActualStart,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_own_key_and_the_apis_old_sentence() {
        let keys: Vec<_> = samples().into_iter().map(Problem::key).collect();
        assert_eq!(keys, Problem::ALL_KEYS);
        assert_eq!(
            Problem::ControlCharacter {
                multi_line: true,
                found: '\u{1b}'
            }
            .message(),
            "must not contain control characters other than line feeds and tabs (found U+001B)"
        );
        assert_eq!(
            Problem::TooLong { max: 5 }.message(),
            "must be at most 5 characters"
        );
    }
}
