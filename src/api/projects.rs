//! Dialogues and their phases: `/projects`, `/projects/{id}/phases`, `/phases/{id}`.
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::history::{self, HistoryBody};
use super::pagination::{PageBody, PageQuery};
use super::transitions::TransitionRequest;
use crate::auth::CurrentUser;
use crate::domain::text::bounded;
use crate::domain::transition::Availability;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::phase;
use crate::store::governments;
use crate::store::phases::{self, NewPhase, PhaseView};
use crate::store::projects::{self, NewProject, Progress, ProjectView};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list).post(create))
        .route("/projects/{id}", get(read))
        .route("/projects/{id}/transitions", post(transition))
        .route("/projects/{id}/history", get(project_history))
        .route("/projects/{id}/phases", post(create_phase))
        .route("/phases/{id}", get(read_phase))
        .route("/phases/{id}/transitions", post(transition_phase))
        .route("/phases/{id}/history", get(phase_history))
}

#[derive(Serialize)]
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

#[derive(Serialize)]
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
    progress: Progress,
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

#[derive(Serialize)]
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

#[derive(Deserialize)]
struct CreateProject {
    code: String,
    title: String,
    #[serde(default)]
    summary: String,
    budget_usd: Option<i64>,
    government_ids: Vec<Uuid>,
}

#[derive(Deserialize)]
struct CreatePhase {
    name: String,
    ordinal: i32,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    planned_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "bounded::optional_date")]
    planned_end: Option<NaiveDate>,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<ProjectBody>>> {
    let page = projects::list(&state.db, &user.actor(), page).await?;
    Ok(Json(page.map(ProjectBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<CreateProject>,
) -> AppResult<(StatusCode, Json<ProjectBody>)> {
    let actor = user.actor();
    if !actor.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    errors.require_text("code", &body.code, 50);
    errors.require_text("title", &body.title, 300);
    if body.summary.chars().count() > 10_000 {
        errors.add("summary", "must be at most 10000 characters");
    }
    if body.budget_usd.is_some_and(|b| b < 0) {
        errors.add("budget_usd", "must not be negative");
    }
    let mut government_ids = body.government_ids.clone();
    government_ids.sort();
    government_ids.dedup();
    if government_ids.len() != body.government_ids.len() {
        errors.add("government_ids", "must not repeat a government");
    }
    let known = governments::count_existing(&state.db, &government_ids).await?;
    if known != government_ids.len() {
        errors.add("government_ids", "names a government that does not exist");
    }
    errors.into_result().map_err(AppError::Validation)?;
    let new = NewProject {
        code: body.code.trim().to_owned(),
        title: body.title.trim().to_owned(),
        summary: body.summary,
        budget_usd: body.budget_usd,
        government_ids,
    };
    let view = projects::create(&state.db, &actor, new).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<ProjectBody>> {
    Ok(Json(
        projects::get(&state.db, &user.actor(), id).await?.into(),
    ))
}

async fn transition(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<ProjectBody>> {
    let view = projects::transition(
        &state.db,
        &user.actor(),
        id,
        body.name()?,
        body.version,
        &body.input(),
    )
    .await?;
    Ok(Json(view.into()))
}

async fn project_history(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    projects::find_visible(&state.db, &user.actor(), id).await?;
    history::of(&state, "project", id, page).await
}

async fn create_phase(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CreatePhase>,
) -> AppResult<(StatusCode, Json<PhaseBody>)> {
    let mut errors = FieldErrors::default();
    errors.require_text("name", &body.name, 200);
    if body.ordinal < 1 {
        errors.add("ordinal", "must be 1 or more");
    }
    if let (Some(start), Some(end)) = (body.planned_start, body.planned_end)
        && end < start
    {
        errors.add("planned_end", "must not be before planned_start");
    }
    errors.into_result().map_err(AppError::Validation)?;
    let new = NewPhase {
        name: body.name.trim().to_owned(),
        ordinal: body.ordinal,
        planned_start: body.planned_start,
        planned_end: body.planned_end,
    };
    let view = phases::create(&state.db, &user.actor(), project_id, new).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn read_phase(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<PhaseBody>> {
    Ok(Json(
        phases::get(&state.db, &user.actor(), id).await?.into(),
    ))
}

async fn transition_phase(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<PhaseBody>> {
    let view = phases::transition(
        &state.db,
        &user.actor(),
        id,
        body.name()?,
        body.version,
        &body.input(),
    )
    .await?;
    Ok(Json(view.into()))
}

async fn phase_history(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    phases::find_visible(&state.db, &user.actor(), id).await?;
    history::of(&state, "phase", id, page).await
}
