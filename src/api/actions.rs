//! Follow-up actions: `/projects/{id}/actions`, `/phases/{id}/actions`, `/actions/{id}`,
//! each government's agreement, progress notes, transitions and history.
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::history::{self, HistoryBody};
use super::pagination::{PageBody, PageQuery};
use super::transitions::TransitionRequest;
use crate::auth::CurrentUser;
use crate::domain::action::Scope;
use crate::domain::text::bounded;
use crate::domain::transition::Availability;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::actions::{self, ActionView, NewAction};
use crate::store::entities::{action_government, action_progress};

const TITLE_MAX: usize = 300;
const DESCRIPTION_MAX: usize = 10_000;
const NOTE_MAX: usize = 5_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/actions", get(list))
        .route("/phases/{id}/actions", post(create))
        .route("/actions/{id}", get(read))
        .route("/actions/{id}/agreement/{government_id}", put(agree))
        .route("/actions/{id}/progress", post(report_progress))
        .route("/actions/{id}/transitions", post(transition))
        .route("/actions/{id}/history", get(action_history))
}

#[derive(Serialize)]
pub struct AgreementBody {
    government_id: Uuid,
    agreed: bool,
    agreed_at: Option<DateTime<Utc>>,
}

impl From<action_government::Model> for AgreementBody {
    fn from(a: action_government::Model) -> Self {
        Self {
            government_id: a.government_id,
            agreed: a.agreed,
            agreed_at: a.agreed_at,
        }
    }
}

#[derive(Serialize)]
pub struct ProgressBody {
    note: String,
    author_id: Uuid,
    at: DateTime<Utc>,
}

impl From<action_progress::Model> for ProgressBody {
    fn from(p: action_progress::Model) -> Self {
        Self {
            note: p.note,
            author_id: p.author_id,
            at: p.created_at,
        }
    }
}

#[derive(Serialize)]
pub struct ActionBody {
    id: Uuid,
    project_id: Uuid,
    phase_id: Uuid,
    title: String,
    description: String,
    scope: String,
    government_ids: Vec<Uuid>,
    agreements: Vec<AgreementBody>,
    due_date: NaiveDate,
    overdue: bool,
    owner_id: Option<Uuid>,
    state: String,
    version: i32,
    completion_note: Option<String>,
    reason: Option<String>,
    progress: Vec<ProgressBody>,
    allowed_transitions: Vec<Availability>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<ActionView> for ActionBody {
    fn from(v: ActionView) -> Self {
        Self {
            government_ids: v.government_ids(),
            id: v.row.id,
            project_id: v.row.project_id,
            phase_id: v.row.phase_id,
            title: v.row.title,
            description: v.row.description,
            scope: v.row.scope,
            agreements: v.agreements.into_iter().map(AgreementBody::from).collect(),
            due_date: v.row.due_date,
            overdue: v.overdue,
            owner_id: v.row.owner_id,
            state: v.row.state,
            version: v.row.version,
            completion_note: v.row.completion_note,
            reason: v.row.reason,
            progress: v.progress.into_iter().map(ProgressBody::from).collect(),
            allowed_transitions: v.allowed_transitions,
            created_at: v.row.created_at,
            updated_at: v.row.updated_at,
        }
    }
}

#[derive(Deserialize)]
struct CreateAction {
    title: String,
    #[serde(default)]
    description: String,
    scope: Scope,
    /// May stay empty for a collective action: it then involves every government.
    #[serde(default)]
    government_ids: Vec<Uuid>,
    #[serde(deserialize_with = "bounded::date")]
    due_date: NaiveDate,
    owner_id: Option<Uuid>,
}

#[derive(Deserialize)]
struct Agreement {
    agreed: bool,
}

#[derive(Deserialize)]
struct ProgressNote {
    note: String,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<ActionBody>>> {
    let page = actions::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(Json(page.map(ActionBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(phase_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CreateAction>,
) -> AppResult<(StatusCode, Json<ActionBody>)> {
    let actor = user.actor();
    // Before validation, so that a user who may not create learns nothing more.
    if !actor.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    errors.require_text("title", &body.title, TITLE_MAX);
    if body.description.chars().count() > DESCRIPTION_MAX {
        errors.add(
            "description",
            format!("must be at most {DESCRIPTION_MAX} characters"),
        );
    }
    errors.into_result().map_err(AppError::Validation)?;
    let new = NewAction {
        title: body.title.trim().to_owned(),
        description: body.description,
        scope: body.scope,
        government_ids: body.government_ids,
        due_date: body.due_date,
        owner_id: body.owner_id,
    };
    let view = actions::create(&state.db, &actor, phase_id, new).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<ActionBody>> {
    Ok(Json(
        actions::get(&state.db, &user.actor(), id).await?.into(),
    ))
}

async fn agree(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, government_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Agreement>,
) -> AppResult<Json<ActionBody>> {
    let view =
        actions::set_agreement(&state.db, &user.actor(), id, government_id, body.agreed).await?;
    Ok(Json(view.into()))
}

async fn report_progress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ProgressNote>,
) -> AppResult<(StatusCode, Json<ActionBody>)> {
    let mut errors = FieldErrors::default();
    errors.require_text("note", &body.note, NOTE_MAX);
    errors.into_result().map_err(AppError::Validation)?;
    let note = body.note.trim().to_owned();
    let view = actions::add_progress(&state.db, &user.actor(), id, note).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn transition(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<ActionBody>> {
    let view = actions::transition(
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

async fn action_history(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    actions::find_visible(&state.db, &user.actor(), id).await?;
    history::of(&state, "action", id, page).await
}
