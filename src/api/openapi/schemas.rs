//! Schemas of the bodies whose Rust types live outside `src/api`: the domain's input
//! types (`domain::commands::Raw*`), which must not know about utoipa, and a few
//! bodies the store and auth build. Each is described here once, under the name of
//! the type it describes (`#[schema(as = …)]`); the domain's names (states, kinds,
//! positions, roles) come from the domain's own `ALL` lists, so a new name is in the
//! document the moment it exists. The test at the bottom feeds each request schema's
//! example to the real type, so a field the real type requires and this one forgot
//! (or the reverse) fails the build's tests.
use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

use crate::domain::action::Scope;
use crate::domain::preference::NotificationPreference;
use crate::domain::role::Role;
use crate::domain::understanding::Position;
use crate::domain::workshop::{Attendance, WorkshopKind};

/// A string schema listing `names`.
pub fn names_schema(names: impl IntoIterator<Item = &'static str>, description: &str) -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names))
        .description(Some(description))
        .into()
}

/// A component schema for a closed set of names the domain owns.
macro_rules! names {
    ($marker:ident, $name:literal, $names:expr, $description:literal) => {
        #[doc = $description]
        pub struct $marker;
        impl PartialSchema for $marker {
            fn schema() -> RefOr<Schema> {
                names_schema($names, $description).into()
            }
        }
        impl ToSchema for $marker {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

names!(
    ScopeName,
    "Scope",
    Scope::ALL.iter().map(|s| s.as_str()),
    "collective: every government of the dialogue; bilateral: exactly two."
);
names!(
    WorkshopKindName,
    "WorkshopKind",
    WorkshopKind::ALL.iter().map(|s| s.as_str()),
    "The kind of workshop."
);
names!(
    AttendanceName,
    "Attendance",
    Attendance::ALL.iter().map(|s| s.as_str()),
    "RSVPs before the workshop (confirmed, declined), the record after it (attended, absent)."
);
names!(
    PositionName,
    "Position",
    Position::ALL.iter().map(|s| s.as_str()),
    "A government's position on the current revision of a common understanding."
);
names!(
    RoleName,
    "Role",
    Role::ALL.iter().map(|r| r.as_str()),
    "What a user may do; a focal_point is bound to one government."
);
names!(
    NotificationPreferenceName,
    "NotificationPreference",
    NotificationPreference::ALL.iter().map(|s| s.as_str()),
    "How the user hears about the dialogue: each email at once, one daily digest, or none (security emails always go)."
);

// ----- request bodies (domain::commands) -----

#[derive(ToSchema)]
#[schema(as = RawGovernment)]
#[allow(dead_code)] // described, never built
pub struct RawGovernmentDoc {
    #[schema(example = "AFG")]
    code: String,
    #[schema(example = "Afghanistan")]
    name: String,
    /// An IANA time zone name.
    #[schema(example = "Asia/Kabul")]
    time_zone: String,
}

#[derive(ToSchema)]
#[schema(as = RawUser)]
#[allow(dead_code)]
pub struct RawUserDoc {
    #[schema(example = "someone@example.org")]
    email: String,
    display_name: String,
    role: RoleName,
    /// Required exactly when the role is focal_point.
    government_id: Option<Uuid>,
    /// en, fr or fa.
    locale: Option<String>,
    time_zone: Option<String>,
    /// Without it, the new user is emailed a single-use link to set one.
    password: Option<String>,
}

/// A dialogue's IATI reporting fields (`domain::iati::reporting::RawReporting`).
/// Organisation name, reference and type and the planned start are required by the
/// rules (422 naming the field), not by the shape.
#[derive(ToSchema)]
#[schema(as = RawReporting)]
#[allow(dead_code)]
pub struct RawReportingDoc {
    /// The dialogue's version, as last read.
    version: i32,
    #[schema(example = "International Organization for Migration (IOM)")]
    reporting_org_name: Option<String>,
    /// An IATI organisation identifier.
    #[schema(example = "XM-DAC-47066")]
    reporting_org_ref: Option<String>,
    /// From IATI's OrganisationType code list.
    #[schema(example = "40")]
    reporting_org_type: Option<String>,
    funder_name: Option<String>,
    funder_ref: Option<String>,
    /// ISO 4217, from IATI's Currency code list; needed with a budget.
    #[schema(example = "USD")]
    currency: Option<String>,
    /// A decimal as a string, so the amount stays exact.
    #[schema(example = "135000")]
    budget_amount: Option<String>,
    /// A five-digit OECD DAC sector code.
    #[schema(example = "15190")]
    sector_code: Option<String>,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    actual_start: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
}

#[derive(ToSchema)]
#[schema(as = RawProject)]
#[allow(dead_code)]
pub struct RawProjectDoc {
    #[schema(example = "Q33-805")]
    code: String,
    title: String,
    #[schema(required = false)]
    summary: String,
    budget_usd: Option<i64>,
    /// At least two existing governments.
    government_ids: Vec<Uuid>,
}

#[derive(ToSchema)]
#[schema(as = RawPhase)]
#[allow(dead_code)]
pub struct RawPhaseDoc {
    name: String,
    ordinal: i32,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
}

#[derive(ToSchema)]
#[schema(as = RawAction)]
#[allow(dead_code)]
pub struct RawActionDoc {
    title: String,
    #[schema(required = false)]
    description: String,
    scope: ScopeName,
    /// Exactly two for a bilateral action; ignored for a collective one.
    #[schema(required = false)]
    government_ids: Vec<Uuid>,
    due_date: NaiveDate,
    owner_id: Option<Uuid>,
}

#[derive(ToSchema)]
#[schema(as = RawProgressNote)]
#[allow(dead_code)]
pub struct RawProgressNoteDoc {
    note: String,
}

#[derive(ToSchema)]
#[schema(as = RawUnderstanding)]
#[allow(dead_code)]
pub struct RawUnderstandingDoc {
    title: String,
    text: String,
}

#[derive(ToSchema)]
#[schema(as = RawEditText)]
#[allow(dead_code)]
pub struct RawEditTextDoc {
    text: String,
    /// The version read; another is a 409.
    version: i32,
}

#[derive(ToSchema)]
#[schema(as = RawPosition)]
#[allow(dead_code)]
pub struct RawPositionDoc {
    position: PositionName,
    note: Option<String>,
    /// The revision the position is about; an older one is refused.
    revision: i32,
}

#[derive(ToSchema)]
#[schema(as = RawWorkshop)]
#[allow(dead_code)]
pub struct RawWorkshopDoc {
    title: String,
    kind: WorkshopKindName,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    /// The venue's IANA time zone.
    time_zone: String,
    venue: String,
    agenda: Option<String>,
    government_ids: Vec<Uuid>,
}

#[derive(ToSchema)]
#[schema(as = RawAttendance)]
#[allow(dead_code)]
pub struct RawAttendanceDoc {
    status: AttendanceName,
}

#[derive(ToSchema)]
#[schema(as = RawOutcome)]
#[allow(dead_code)]
pub struct RawOutcomeDoc {
    /// A focal point's own government when absent.
    government_id: Option<Uuid>,
    text: String,
    /// Submit the record (it can no longer be edited) rather than keep a draft.
    #[schema(required = false)]
    submit: bool,
}

#[derive(ToSchema)]
#[schema(as = RawProfile)]
#[allow(dead_code)]
pub struct RawProfileDoc {
    display_name: Option<String>,
    locale: Option<String>,
    time_zone: Option<String>,
}

#[derive(ToSchema)]
#[schema(as = RawPasswordChange)]
#[allow(dead_code)]
pub struct RawPasswordChangeDoc {
    current_password: String,
    new_password: String,
    new_password_again: Option<String>,
}

// ----- response bodies built outside src/api -----

#[derive(ToSchema)]
#[schema(as = TokenPair)]
#[allow(dead_code)]
pub struct TokenPairDoc {
    /// A JWT to send as `Authorization: Bearer …`.
    access_token: String,
    refresh_token: String,
    #[schema(example = "Bearer")]
    token_type: String,
    /// Seconds until the access token expires.
    expires_in: i64,
}

/// One entry of `allowed_transitions`: may the reader take it now, and if not, why.
#[derive(ToSchema)]
#[schema(as = Availability)]
#[allow(dead_code)]
pub struct AvailabilityDoc {
    transition: String,
    allowed: bool,
    /// The refusal's code, when not allowed.
    #[schema(required = false)]
    reason_code: String,
    #[schema(required = false)]
    reason: String,
}

#[derive(ToSchema)]
#[schema(as = ProjectProgress)]
#[allow(dead_code)]
pub struct ProjectProgressDoc {
    phases_total: usize,
    phases_completed: usize,
    workshops_total: usize,
    workshops_concluded: usize,
    understandings_total: usize,
    understandings_adopted: usize,
    actions_total: usize,
    actions_completed: usize,
}

#[derive(ToSchema)]
#[schema(as = EntityRef)]
#[allow(dead_code)]
pub struct EntityRefDoc {
    kind: String,
    id: Uuid,
}

#[derive(ToSchema)]
#[schema(as = CheckpointRef)]
#[allow(dead_code)]
pub struct CheckpointRefDoc {
    seq: i64,
    hash: String,
}

#[derive(ToSchema)]
#[schema(as = VerifyReport)]
#[allow(dead_code)]
pub struct VerifyReportDoc {
    ok: bool,
    events_checked: u64,
    #[schema(required = false)]
    first_bad_event: Uuid,
    #[schema(required = false)]
    bad_entity: EntityRefDoc,
    /// What was wrong, e.g. event.altered, entity.head_mismatch.
    #[schema(required = false)]
    problem: String,
    /// The newest checkpoint checked against (or written).
    #[schema(required = false)]
    checkpoint: CheckpointRefDoc,
}

// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::{Map, Value, json};

    use super::*;
    use crate::domain::commands;

    /// The schema of `T` as JSON, with the schemas it refers to.
    fn described<T: ToSchema>() -> (Value, Map<String, Value>) {
        let mut deps = Vec::new();
        T::schemas(&mut deps);
        let deps = deps
            .into_iter()
            .map(|(name, schema)| (name, serde_json::to_value(schema).expect("json")))
            .collect();
        (serde_json::to_value(T::schema()).expect("json"), deps)
    }

    /// A value `schema` accepts, of the kinds the bodies use.
    fn sample(schema: &Value, deps: &Map<String, Value>) -> Value {
        if let Some(name) = schema["$ref"].as_str() {
            let name = name.rsplit('/').next().unwrap_or(name);
            return sample(&deps[name], deps);
        }
        if let Some(first) = schema["enum"].as_array().and_then(|v| v.first()) {
            return first.clone();
        }
        if let Some(first) = schema["oneOf"]
            .as_array()
            .and_then(|v| v.iter().find(|s| s["type"] != "null").or_else(|| v.first()))
        {
            return sample(first, deps);
        }
        let kind = match &schema["type"] {
            Value::Array(kinds) => kinds
                .iter()
                .find(|k| *k != "null")
                .cloned()
                .unwrap_or(Value::Null),
            kind => kind.clone(),
        };
        match (kind.as_str(), schema["format"].as_str()) {
            (Some("string"), Some("uuid")) => json!("0195a1c2-0000-7000-8000-000000000001"),
            (Some("string"), Some("date")) => json!("2031-01-02"),
            (Some("string"), Some("date-time")) => json!("2031-01-02T10:00:00Z"),
            (Some("string"), _) => json!("text"),
            (Some("integer"), _) => json!(1),
            (Some("boolean"), _) => json!(true),
            (Some("array"), _) => json!([sample(&schema["items"], deps)]),
            (Some("object"), _) => Value::Object(
                schema["properties"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, property)| (name.clone(), sample(property, deps)))
                    .collect(),
            ),
            other => panic!("no sample for {other:?} in {schema}"),
        }
    }

    /// The described body, complete, is read by the real type; without a field the
    /// description requires it is refused; without any other it is still read.
    fn request_matches<Doc: ToSchema, Real: DeserializeOwned>() {
        let (schema, deps) = described::<Doc>();
        let name = Doc::name();
        let full = sample(&schema, &deps);
        let read = |body: &Value| serde_json::from_value::<Real>(body.clone()).map(|_| ());
        if let Err(e) = read(&full) {
            panic!("{name}: the described body {full} is refused: {e}");
        }
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for field in full.as_object().expect("an object").keys() {
            let mut without = full.clone();
            without.as_object_mut().expect("an object").remove(field);
            let outcome = read(&without);
            if required.contains(&field.as_str()) {
                assert!(
                    outcome.is_err(),
                    "{name}: `{field}` is described as required but is not"
                );
            } else {
                assert!(
                    outcome.is_ok(),
                    "{name}: `{field}` is described as optional but is required"
                );
            }
        }
    }

    #[test]
    fn each_request_description_matches_the_type_that_reads_it() {
        request_matches::<RawGovernmentDoc, commands::RawGovernment>();
        request_matches::<RawUserDoc, commands::RawUser>();
        request_matches::<RawProjectDoc, commands::RawProject>();
        request_matches::<RawPhaseDoc, commands::RawPhase>();
        request_matches::<RawActionDoc, commands::RawAction>();
        request_matches::<RawProgressNoteDoc, commands::RawProgressNote>();
        request_matches::<RawUnderstandingDoc, commands::RawUnderstanding>();
        request_matches::<RawEditTextDoc, commands::RawEditText>();
        request_matches::<RawPositionDoc, commands::RawPosition>();
        request_matches::<RawWorkshopDoc, commands::RawWorkshop>();
        request_matches::<RawAttendanceDoc, commands::RawAttendance>();
        request_matches::<RawOutcomeDoc, commands::RawOutcome>();
        request_matches::<RawProfileDoc, commands::RawProfile>();
        request_matches::<RawPasswordChangeDoc, commands::RawPasswordChange>();
        request_matches::<RawReportingDoc, crate::domain::iati::reporting::RawReporting>();
    }

    /// Every field the real body writes is described, and every described required
    /// field is written.
    fn response_matches<Doc: ToSchema>(real: impl Serialize) {
        let (schema, _) = described::<Doc>();
        let name = Doc::name();
        let written = serde_json::to_value(real).expect("json");
        let written = written.as_object().expect("an object");
        let properties = schema["properties"].as_object().expect("properties");
        for field in written.keys() {
            assert!(
                properties.contains_key(field),
                "{name}: `{field}` is not described"
            );
        }
        for field in schema["required"].as_array().into_iter().flatten() {
            let field = field.as_str().unwrap_or_default();
            assert!(
                written.contains_key(field),
                "{name}: `{field}` is described as always there"
            );
        }
    }

    #[test]
    fn each_borrowed_response_description_matches_what_is_written() {
        use crate::store::history::{CheckpointRef, EntityRef, Problem, VerifyReport};
        response_matches::<TokenPairDoc>(crate::auth::login::TokenPair {
            access_token: "a".into(),
            refresh_token: "r".into(),
            token_type: "Bearer",
            expires_in: 900,
        });
        response_matches::<ProjectProgressDoc>(crate::store::projects::Progress::default());
        response_matches::<VerifyReportDoc>(VerifyReport {
            ok: false,
            events_checked: 3,
            first_bad_event: Some(Uuid::nil()),
            bad_entity: Some(EntityRef {
                kind: "project".into(),
                id: Uuid::nil(),
            }),
            problem: Some(Problem::EventAltered),
            checkpoint: Some(CheckpointRef {
                seq: 1,
                hash: "h".into(),
            }),
        });
        response_matches::<AvailabilityDoc>(crate::domain::transition::Availability {
            transition: "activate",
            allowed: false,
            reason_code: Some("project.too_few_governments".into()),
            reason: Some("why".into()),
            refusal: None,
        });
    }
}
