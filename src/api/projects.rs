//! Dialogues and their phases: `/projects`, `/projects/{id}/phases`, `/phases/{id}`.
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::{AvailabilityDoc, ProjectProgressDoc, RawPhaseDoc, RawProjectDoc};
use super::pagination::{PageBody, PageParams, PageQuery};
use super::resource::{self, IntoBody};
use crate::auth::CurrentUser;
use crate::domain::commands;
use crate::domain::phase::PhaseMachine;
use crate::domain::project::ProjectMachine;
use crate::domain::role::Organiser;
use crate::domain::transition::Availability;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::create::create_child;
use crate::store::entities::phase;
use crate::store::governments;
use crate::store::phases::{self, PhaseView};
use crate::store::projects::{self, Progress, ProjectView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .merge(resource::routes::<ProjectMachine>("/projects"))
        .routes(routes!(create_phase))
        .merge(resource::routes::<PhaseMachine>("/phases"))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PhaseSummary {
    id: Uuid,
    name: String,
    ordinal: i32,
    state: String,
    version: i32,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
}

impl From<phase::Model> for PhaseSummary {
    fn from(p: phase::Model) -> Self {
        Self {
            id: p.id,
            name: p.name,
            ordinal: p.ordinal,
            state: p.state,
            version: p.version,
            planned_start: p.planned_start,
            planned_end: p.planned_end,
        }
    }
}

/// A dialogue.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProjectBody {
    id: Uuid,
    code: String,
    title: String,
    summary: String,
    budget_usd: Option<i64>,
    state: String,
    version: i32,
    cancel_reason: Option<String>,
    government_ids: Vec<Uuid>,
    phases: Vec<PhaseSummary>,
    #[schema(value_type = ProjectProgressDoc)]
    progress: Progress,
    #[schema(value_type = Vec<AvailabilityDoc>)]
    allowed_transitions: Vec<Availability>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<ProjectView> for ProjectBody {
    fn from(v: ProjectView) -> Self {
        Self {
            id: v.row.id,
            code: v.row.code,
            title: v.row.title,
            summary: v.row.summary,
            budget_usd: v.row.budget_usd,
            state: v.row.state,
            version: v.row.version,
            cancel_reason: v.row.cancel_reason,
            government_ids: v.government_ids,
            phases: v.phases.into_iter().map(PhaseSummary::from).collect(),
            progress: v.progress,
            allowed_transitions: v.allowed_transitions,
            created_at: v.row.created_at,
            updated_at: v.row.updated_at,
        }
    }
}

impl IntoBody for ProjectView {
    type Body = ProjectBody;
    fn into_body(self, _: Option<&str>) -> ProjectBody {
        self.into()
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PhaseBody {
    id: Uuid,
    project_id: Uuid,
    name: String,
    ordinal: i32,
    state: String,
    version: i32,
    planned_start: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    cancel_reason: Option<String>,
    open_workshops: usize,
    open_understandings: usize,
    adopted_understandings: usize,
    open_actions: usize,
    #[schema(value_type = Vec<AvailabilityDoc>)]
    allowed_transitions: Vec<Availability>,
}

impl From<PhaseView> for PhaseBody {
    fn from(v: PhaseView) -> Self {
        Self {
            id: v.row.id,
            project_id: v.row.project_id,
            name: v.row.name,
            ordinal: v.row.ordinal,
            state: v.row.state,
            version: v.row.version,
            planned_start: v.row.planned_start,
            planned_end: v.row.planned_end,
            cancel_reason: v.row.cancel_reason,
            open_workshops: v.facts.open_workshops,
            open_understandings: v.facts.open_understandings,
            adopted_understandings: v.facts.adopted_understandings,
            open_actions: v.facts.open_actions,
            allowed_transitions: v.allowed_transitions,
        }
    }
}

impl IntoBody for PhaseView {
    type Body = PhaseBody;
    fn into_body(self, _: Option<&str>) -> PhaseBody {
        self.into()
    }
}

#[utoipa::path(get, path = "/projects", tag = "projects", summary = "List the dialogues the reader may see",
    params(PageParams),
    responses((status = 200, body = PageBody<ProjectBody>, description = "A page of dialogues")))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<PageBody<ProjectBody>> {
    let page = projects::list(&state.db, &user.actor(), page).await?;
    Ok(page.map(ProjectBody::from).into())
}

#[utoipa::path(post, path = "/projects", tag = "projects", summary = "Set up a dialogue",
    request_body = RawProjectDoc,
    responses((status = 201, body = ProjectBody, description = "Created, as a draft"),
        (status = 403, description = "Only coordinators and admins set up dialogues"),
        (status = 409, description = "The code is taken")))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<commands::RawProject>,
) -> AppResult<(StatusCode, Json<ProjectBody>)> {
    // Before validation, so that a user who may not create learns nothing more.
    let by = Organiser::check(user.actor())?;
    // Existence needs the database; checked beside the parse so one reply names
    // every field.
    let mut errors = FieldErrors::default();
    governments::require_existing(
        &state.db,
        &body.government_ids,
        &mut errors,
        "government_ids",
    )
    .await?;
    let new = errors
        .and_parsed(commands::NewProject::parse(body))
        .map_err(AppError::Validation)?;
    let view = projects::create(&state.db, &by, (&new).into()).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

#[utoipa::path(post, path = "/projects/{id}/phases", tag = "phases", summary = "Add a phase to a dialogue",
    params(("id" = Uuid, Path, description = "The dialogue's id")),
    request_body = RawPhaseDoc,
    responses((status = 201, body = PhaseBody, description = "Added, as planned"),
        (status = 403, description = "Only coordinators and admins add phases"),
        (status = 409, description = "The ordinal is taken")))]
async fn create_phase(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<commands::RawPhase>,
) -> AppResult<(StatusCode, Json<PhaseBody>)> {
    let parse = || commands::NewPhase::parse(body).map(|new| phases::NewPhase::from(&new));
    let view = create_child(&state.db, &user.actor(), project_id, parse).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

// The store still takes its own input structs; these keep the conversion in one
// place (the demo seeder uses them too) until it takes the domain's commands.
