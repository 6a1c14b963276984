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
use crate::domain::commands;
use crate::domain::transition::Availability;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::actions::{self, ActionListItem, ActionView};
use crate::store::entities::{action, action_government, action_progress};

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

/// What a single read and a list item of an action both carry.
#[derive(Serialize)]
struct ActionFields {
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
    allowed_transitions: Vec<Availability>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl ActionFields {
    fn new(
        row: action::Model,
        government_ids: Vec<Uuid>,
        agreements: Vec<action_government::Model>,
        overdue: bool,
        allowed_transitions: Vec<Availability>,
    ) -> Self {
        Self {
            government_ids,
            id: row.id,
            project_id: row.project_id,
            phase_id: row.phase_id,
            title: row.title,
            description: row.description,
            scope: row.scope,
            agreements: agreements.into_iter().map(AgreementBody::from).collect(),
            due_date: row.due_date,
            overdue,
            owner_id: row.owner_id,
            state: row.state,
            version: row.version,
            completion_note: row.completion_note,
            reason: row.reason,
            allowed_transitions,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A single read: every progress note, and a reason for each refused transition.
#[derive(Serialize)]
pub struct ActionBody {
    #[serde(flatten)]
    fields: ActionFields,
    progress: Vec<ProgressBody>,
}

impl From<ActionView> for ActionBody {
    fn from(v: ActionView) -> Self {
        let government_ids = v.government_ids();
        Self {
            fields: ActionFields::new(
                v.row,
                government_ids,
                v.agreements,
                v.overdue,
                v.allowed_transitions,
            ),
            progress: v.progress.into_iter().map(ProgressBody::from).collect(),
        }
    }
}

/// A list item: the progress counted with only its newest note, and only the
/// transitions allowed now (see README, "where this project differs").
#[derive(Serialize)]
pub struct ActionListBody {
    #[serde(flatten)]
    fields: ActionFields,
    progress_count: i64,
    last_progress: Option<ProgressBody>,
}

impl From<ActionListItem> for ActionListBody {
    fn from(v: ActionListItem) -> Self {
        let government_ids = v.government_ids();
        Self {
            fields: ActionFields::new(
                v.row,
                government_ids,
                v.agreements,
                v.overdue,
                v.allowed_transitions,
            ),
            progress_count: v.progress_count,
            last_progress: v.last_progress.map(ProgressBody::from),
        }
    }
}

#[derive(Deserialize)]
struct Agreement {
    agreed: bool,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<ActionListBody>>> {
    let page = actions::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(Json(page.map(ActionListBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(phase_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<commands::RawAction>,
) -> AppResult<(StatusCode, Json<ActionBody>)> {
    let parse = || commands::NewAction::parse(body).map(|new| (&new).into());
    let view = actions::create(&state.db, &user.actor(), phase_id, parse).await?;
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
    ApiJson(body): ApiJson<commands::RawProgressNote>,
) -> AppResult<(StatusCode, Json<ActionBody>)> {
    let note = commands::ProgressNote::parse(body)
        .map_err(AppError::Validation)?
        .into_string();
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

// The store still takes its own input struct; this keeps the conversion in one place
// (the demo seeder uses it too) until it takes the domain's commands.
