//! Workshops: `/projects/{id}/workshops`, `/phases/{id}/workshops`, `/workshops/{id}…`.
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::{
    AttendanceName, AvailabilityDoc, RawAttendanceDoc, RawOutcomeDoc, RawWorkshopDoc,
    WorkshopKindName,
};
use super::pagination::{PageBody, PageParams, PageQuery};
use super::resource::{self, IntoBody};
use crate::auth::CurrentUser;
use crate::domain::commands;
use crate::domain::transition::Availability;
use crate::domain::workshop::WorkshopMachine;
use crate::error::{AppError, AppResult};
use crate::notify::ics;
use crate::state::AppState;
use crate::store::create::create_child;
use crate::store::workshop_records;
use crate::store::workshops::{self, WorkshopView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .merge(resource::routes::<WorkshopMachine>("/workshops"))
        .routes(routes!(set_attendance))
        .routes(routes!(log_outcome))
        .routes(routes!(invite))
}

/// The same instants as wall-clock times (RFC 3339 with offset) in `time_zone`.
#[derive(Serialize, utoipa::ToSchema)]
struct LocalTimes {
    time_zone: String,
    starts_at: String,
    ends_at: String,
}

/// The same instants as wall-clock times in `zone` (falls back to UTC for an unknown
/// zone, which validation keeps out anyway).
fn local(zone: &str, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> LocalTimes {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    LocalTimes {
        time_zone: tz.name().to_owned(),
        starts_at: starts_at.with_timezone(&tz).to_rfc3339(),
        ends_at: ends_at.with_timezone(&tz).to_rfc3339(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
struct AttendanceBody {
    government_id: Uuid,
    #[schema(value_type = AttendanceName)]
    status: String,
}

#[derive(Serialize, utoipa::ToSchema)]
struct OutcomeBody {
    government_id: Uuid,
    text: String,
    submitted: bool,
    author_id: Uuid,
    updated_at: DateTime<Utc>,
}

/// A workshop, its times in the venue's zone and in the reader's.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkshopBody {
    id: Uuid,
    project_id: Uuid,
    phase_id: Uuid,
    title: String,
    #[schema(value_type = WorkshopKindName)]
    kind: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    time_zone: String,
    venue_local: LocalTimes,
    reader_local: LocalTimes,
    venue: String,
    agenda: Option<String>,
    state: String,
    version: i32,
    sequence: i32,
    cancel_reason: Option<String>,
    override_reason: Option<String>,
    attendance: Vec<AttendanceBody>,
    outcomes: Vec<OutcomeBody>,
    #[schema(value_type = Vec<AvailabilityDoc>)]
    allowed_transitions: Vec<Availability>,
}

impl WorkshopBody {
    fn new(v: WorkshopView, reader_zone: &str) -> Self {
        let row = v.row;
        Self {
            venue_local: local(&row.time_zone, row.starts_at, row.ends_at),
            reader_local: local(reader_zone, row.starts_at, row.ends_at),
            id: row.id,
            project_id: row.project_id,
            phase_id: row.phase_id,
            title: row.title,
            kind: row.kind,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            time_zone: row.time_zone,
            venue: row.venue,
            agenda: row.agenda,
            state: row.state,
            version: row.version,
            sequence: row.sequence,
            cancel_reason: row.cancel_reason,
            override_reason: row.override_reason,
            attendance: v
                .attendance
                .into_iter()
                .map(|a| AttendanceBody {
                    government_id: a.government_id,
                    status: a.attendance,
                })
                .collect(),
            outcomes: v
                .outcomes
                .into_iter()
                .map(|o| OutcomeBody {
                    government_id: o.government_id,
                    text: o.text,
                    submitted: o.submitted,
                    author_id: o.author_id,
                    updated_at: o.updated_at,
                })
                .collect(),
            allowed_transitions: v.allowed_transitions,
        }
    }
}

impl IntoBody for WorkshopView {
    type Body = WorkshopBody;
    /// Times are shown in the reader's own zone beside the venue's.
    const ZONED: bool = true;
    fn into_body(self, time_zone: Option<&str>) -> WorkshopBody {
        WorkshopBody::new(self, time_zone.unwrap_or("UTC"))
    }
}

fn body(view: WorkshopView, user: &CurrentUser) -> Json<WorkshopBody> {
    Json(view.into_body(Some(&user.row.time_zone)))
}

#[utoipa::path(get, path = "/projects/{id}/workshops", tag = "workshops", summary = "List a dialogue's workshops",
    params(("id" = Uuid, Path, description = "The dialogue's id"), PageParams),
    responses((status = 200, body = PageBody<WorkshopBody>, description = "A page of workshops")))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<PageBody<WorkshopBody>> {
    let page = workshops::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(page
        .map(|v| WorkshopBody::new(v, &user.row.time_zone))
        .into())
}

#[utoipa::path(post, path = "/phases/{id}/workshops", tag = "workshops", summary = "Plan a workshop in a phase",
    params(("id" = Uuid, Path, description = "The phase's id")),
    request_body = RawWorkshopDoc,
    responses((status = 201, body = WorkshopBody, description = "Planned, as a draft"),
        (status = 403, description = "Only coordinators and admins plan workshops")))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(phase_id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<commands::RawWorkshop>,
) -> AppResult<(StatusCode, Json<WorkshopBody>)> {
    let parse = || commands::NewWorkshop::parse(req).map(|new| workshops::NewWorkshop::from(&new));
    let view = create_child(&state.db, &user.actor(), phase_id, parse).await?;
    Ok((StatusCode::CREATED, body(view, &user)))
}

#[utoipa::path(put, path = "/workshops/{id}/attendance/{government_id}", tag = "workshops", summary = "Set a government's attendance",
    params(("id" = Uuid, Path, description = "The workshop's id"), ("government_id" = Uuid, Path, description = "The government's id")),
    request_body = RawAttendanceDoc,
    responses((status = 200, body = WorkshopBody, description = "The workshop after the change"),
        (status = 403, description = "Only that government's focal point, or a coordinator")))]
async fn set_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, government_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(req): ApiJson<commands::RawAttendance>,
) -> AppResult<Json<WorkshopBody>> {
    let status = commands::SetAttendance::parse(req)
        .map_err(AppError::Validation)?
        .status();
    let view =
        workshop_records::set_attendance(&state.db, &user.actor(), id, government_id, status)
            .await?;
    Ok(body(view, &user))
}

#[utoipa::path(post, path = "/workshops/{id}/outcomes", tag = "workshops", summary = "Log (or submit) a government's outcome record",
    params(("id" = Uuid, Path, description = "The workshop's id")),
    request_body = RawOutcomeDoc,
    responses((status = 201, body = WorkshopBody, description = "The workshop with the record"),
        (status = 403, description = "Only that government's focal point")))]
async fn log_outcome(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<commands::RawOutcome>,
) -> AppResult<(StatusCode, Json<WorkshopBody>)> {
    let new = commands::NewOutcome::parse(req, user.government_id).map_err(AppError::Validation)?;
    let view = workshop_records::log_outcome(&state.db, &user.actor(), id, (&new).into()).await?;
    Ok((StatusCode::CREATED, body(view, &user)))
}

#[utoipa::path(get, path = "/workshops/{id}/invite.ics", tag = "workshops", summary = "The workshop as a calendar file",
    params(("id" = Uuid, Path, description = "The workshop's id")),
    responses((status = 200, body = String, content_type = "text/calendar", description = "An iCalendar file (METHOD:PUBLISH, or CANCEL for a cancelled workshop)")))]
/// The workshop as a calendar file to import; cancelled workshops come as cancellations.
async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<impl IntoResponse> {
    let row = workshops::find_visible(&state.db, &user.actor(), id).await?;
    let organizer = ics::organizer_address(&state.settings.mail_from());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"workshop-{id}.ics\""),
            ),
        ],
        ics::download(&row, &organizer, &user.row.email),
    ))
}

// The store still takes its own input structs; these keep the conversion in one
// place (the demo seeder uses them too) until it takes the domain's commands.
