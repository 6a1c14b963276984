//! Common understandings: `/projects/{id}/understandings`, `/phases/{id}/understandings`,
//! `/understandings/{id}` with its endorsements, transitions and history.
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::history::{self, HistoryBody};
use super::pagination::{PageBody, PageQuery};
use super::transitions::TransitionRequest;
use crate::auth::CurrentUser;
use crate::domain::transition::Availability;
use crate::domain::understanding::{Position, UnderstandingTransition};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::endorsement;
use crate::store::understandings::{self, NewUnderstanding, UnderstandingView};

const MAX_TITLE: usize = 300;
const MAX_TEXT: usize = 20_000;
const MAX_NOTE: usize = 5_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/understandings", get(list))
        .route("/phases/{id}/understandings", post(create))
        .route("/understandings/{id}", get(read).patch(edit))
        .route(
            "/understandings/{id}/endorsements/{government_id}",
            put(set_position),
        )
        .route("/understandings/{id}/transitions", post(transition))
        .route("/understandings/{id}/history", get(understanding_history))
}

#[derive(Serialize)]
pub struct EndorsementBody {
    government_id: Uuid,
    position: String,
    note: Option<String>,
    revision: i32,
}

impl From<endorsement::Model> for EndorsementBody {
    fn from(e: endorsement::Model) -> Self {
        Self {
            government_id: e.government_id,
            position: e.position,
            note: e.note,
            revision: e.revision,
        }
    }
}

#[derive(Serialize)]
pub struct UnderstandingBody {
    id: Uuid,
    project_id: Uuid,
    phase_id: Uuid,
    title: String,
    text: String,
    revision: i32,
    state: String,
    version: i32,
    withdraw_reason: Option<String>,
    endorsements: Vec<EndorsementBody>,
    allowed_transitions: Vec<Availability>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<UnderstandingView> for UnderstandingBody {
    fn from(v: UnderstandingView) -> Self {
        Self {
            id: v.row.id,
            project_id: v.row.project_id,
            phase_id: v.row.phase_id,
            title: v.row.title,
            text: v.row.text,
            revision: v.row.revision,
            state: v.row.state,
            version: v.row.version,
            withdraw_reason: v.row.withdraw_reason,
            endorsements: v.endorsements.into_iter().map(Into::into).collect(),
            allowed_transitions: v.allowed_transitions,
            created_at: v.row.created_at,
            updated_at: v.row.updated_at,
        }
    }
}

#[derive(Deserialize)]
struct CreateUnderstanding {
    title: String,
    text: String,
}

#[derive(Deserialize)]
struct EditText {
    text: String,
    version: i32,
}

#[derive(Deserialize)]
struct SetPosition {
    position: Position,
    note: Option<String>,
    revision: i32,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<UnderstandingBody>>> {
    let page = understandings::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(Json(page.map(UnderstandingBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(phase_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CreateUnderstanding>,
) -> AppResult<(StatusCode, Json<UnderstandingBody>)> {
    let mut errors = FieldErrors::default();
    errors.require_text("title", &body.title, MAX_TITLE);
    errors.require_text("text", &body.text, MAX_TEXT);
    errors.into_result().map_err(AppError::Validation)?;
    let new = NewUnderstanding {
        title: body.title.trim().to_owned(),
        text: body.text.trim().to_owned(),
    };
    let view = understandings::create(&state.db, &user.actor(), phase_id, new).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<UnderstandingBody>> {
    Ok(Json(
        understandings::get(&state.db, &user.actor(), id)
            .await?
            .into(),
    ))
}

async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<EditText>,
) -> AppResult<Json<UnderstandingBody>> {
    let mut errors = FieldErrors::default();
    errors.require_text("text", &body.text, MAX_TEXT);
    errors.into_result().map_err(AppError::Validation)?;
    let text = body.text.trim().to_owned();
    let view = understandings::edit_text(&state.db, &user.actor(), id, text, body.version).await?;
    Ok(Json(view.into()))
}

async fn set_position(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, government_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<SetPosition>,
) -> AppResult<Json<UnderstandingBody>> {
    let mut errors = FieldErrors::default();
    // The store refuses `pending` too; checked here as well so one reply names every field.
    if body.position == Position::Pending {
        errors.add(
            "position",
            "must be one of endorsed, reservation, objection",
        );
    }
    let note = body
        .note
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
        errors.add("note", format!("must be at most {MAX_NOTE} characters"));
    }
    errors.into_result().map_err(AppError::Validation)?;
    let view = understandings::set_position(
        &state.db,
        &user.actor(),
        id,
        government_id,
        body.position,
        note,
        body.revision,
    )
    .await?;
    Ok(Json(view.into()))
}

/// The transition a client asked for; `adopt` is not among them, as it only follows
/// the last endorsement.
fn requested(body: &TransitionRequest) -> AppResult<UnderstandingTransition> {
    body.transition
        .parse()
        .ok()
        .filter(|t| UnderstandingTransition::REQUESTABLE.contains(t))
        .ok_or_else(|| {
            AppError::invalid(
                "transition",
                format!(
                    "unknown understanding transition `{}`; expected one of propose, revise, withdraw (adoption follows the last endorsement)",
                    body.transition
                ),
            )
        })
}

async fn transition(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<UnderstandingBody>> {
    let view = understandings::transition(
        &state.db,
        &user.actor(),
        id,
        requested(&body)?,
        body.version,
        &body.input(),
    )
    .await?;
    Ok(Json(view.into()))
}

async fn understanding_history(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    understandings::find_visible(&state.db, &user.actor(), id).await?;
    history::of(&state, "understanding", id, page).await
}
