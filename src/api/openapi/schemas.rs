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
