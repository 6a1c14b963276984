//! Workshops: `/projects/{id}/workshops`, `/phases/{id}/workshops`, `/workshops/{id}…`.
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::pagination::{PageBody, PageQuery};
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

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/workshops", get(list))
        .route("/phases/{id}/workshops", post(create))
        .merge(resource::routes::<WorkshopMachine>("/workshops"))
        .route(
            "/workshops/{id}/attendance/{government_id}",
            put(set_attendance),
        )
        .route("/workshops/{id}/outcomes", post(log_outcome))
        .route("/workshops/{id}/invite.ics", get(invite))
}

#[derive(Serialize)]
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

#[derive(Serialize)]
struct AttendanceBody {
    government_id: Uuid,
    status: String,
}

#[derive(Serialize)]
struct OutcomeBody {
    government_id: Uuid,
    text: String,
    submitted: bool,
    author_id: Uuid,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct WorkshopBody {
    id: Uuid,
    project_id: Uuid,
    phase_id: Uuid,
    title: String,
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
    fn into_body(self, user: &CurrentUser) -> WorkshopBody {
        WorkshopBody::new(self, &user.row.time_zone)
    }
}

fn body(view: WorkshopView, user: &CurrentUser) -> Json<WorkshopBody> {
    Json(view.into_body(user))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<WorkshopBody>>> {
    let page = workshops::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(Json(
        page.map(|v| WorkshopBody::new(v, &user.row.time_zone))
            .into(),
    ))
}

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
