//! Common understandings: `/projects/{id}/understandings`, `/phases/{id}/understandings`,
//! `/understandings/{id}` with its endorsements, transitions and history.
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch, post, put};
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
use crate::domain::understanding::UnderstandingMachine;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::create::create_child;
use crate::store::entities::endorsement;
use crate::store::understandings::{self, UnderstandingView};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects/{id}/understandings", get(list))
        .route("/phases/{id}/understandings", post(create))
        .merge(resource::routes::<UnderstandingMachine>("/understandings"))
        .route("/understandings/{id}", patch(edit))
        .route(
            "/understandings/{id}/endorsements/{government_id}",
            put(set_position),
        )
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

impl IntoBody for UnderstandingView {
    type Body = UnderstandingBody;
    fn into_body(self, _: &CurrentUser) -> UnderstandingBody {
        self.into()
    }
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
    ApiJson(body): ApiJson<commands::RawUnderstanding>,
) -> AppResult<(StatusCode, Json<UnderstandingBody>)> {
    let parse = || {
        commands::NewUnderstanding::parse(body)
            .map(|new| understandings::NewUnderstanding::from(&new))
    };
    let view = create_child(&state.db, &user.actor(), phase_id, parse).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<commands::RawEditText>,
) -> AppResult<Json<UnderstandingBody>> {
    let edit = commands::EditText::parse(body).map_err(AppError::Validation)?;
    let view = understandings::edit_text(
        &state.db,
        &user.actor(),
        id,
        edit.text().to_owned(),
        edit.version(),
    )
    .await?;
    Ok(Json(view.into()))
}

async fn set_position(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, government_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<commands::RawPosition>,
) -> AppResult<Json<UnderstandingBody>> {
    let set = commands::SetPosition::parse(body).map_err(AppError::Validation)?;
    let view =
        understandings::set_position(&state.db, &user.actor(), id, government_id, &set).await?;
    Ok(Json(view.into()))
}

// The store still takes its own input struct; this keeps the conversion in one place
// (the demo seeder uses it too) until it takes the domain's commands.
