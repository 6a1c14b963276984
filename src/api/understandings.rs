//! Common understandings: `/projects/{id}/understandings`, `/phases/{id}/understandings`,
//! `/understandings/{id}` with its endorsements, transitions and history.
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::{
    AvailabilityDoc, PositionName, RawEditTextDoc, RawPositionDoc, RawUnderstandingDoc,
};
use super::pagination::{PageBody, PageParams, PageQuery};
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

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .merge(resource::routes::<UnderstandingMachine>("/understandings"))
        .routes(routes!(edit))
        .routes(routes!(set_position))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EndorsementBody {
    government_id: Uuid,
    #[schema(value_type = PositionName)]
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

/// A common understanding.
#[derive(Serialize, utoipa::ToSchema)]
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
    #[schema(value_type = Vec<AvailabilityDoc>)]
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
    fn into_body(self, _: Option<&str>) -> UnderstandingBody {
        self.into()
    }
}

#[utoipa::path(get, path = "/projects/{id}/understandings", tag = "understandings", summary = "List a dialogue's common understandings",
    params(("id" = Uuid, Path, description = "The dialogue's id"), PageParams),
    responses((status = 200, body = PageBody<UnderstandingBody>, description = "A page of common understandings")))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<PageBody<UnderstandingBody>> {
    let page = understandings::list(&state.db, &user.actor(), project_id, page).await?;
    Ok(page.map(UnderstandingBody::from).into())
}

#[utoipa::path(post, path = "/phases/{id}/understandings", tag = "understandings", summary = "Draft a common understanding in a phase",
    params(("id" = Uuid, Path, description = "The phase's id")),
    request_body = RawUnderstandingDoc,
    responses((status = 201, body = UnderstandingBody, description = "Drafted"),
        (status = 403, description = "Only coordinators and admins draft common understandings")))]
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

#[utoipa::path(patch, path = "/understandings/{id}", tag = "understandings", summary = "Edit a draft's text",
    params(("id" = Uuid, Path, description = "The understanding's id")),
    request_body = RawEditTextDoc,
    responses((status = 200, body = UnderstandingBody, description = "The understanding after the edit"),
        (status = 403, description = "Only coordinators and admins edit"),
        (status = 409, description = "`version` is not the current one")))]
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

#[utoipa::path(put, path = "/understandings/{id}/endorsements/{government_id}", tag = "understandings", summary = "Set a government's position on the current revision",
    description = "Adopted automatically when the last government endorses.",
    params(("id" = Uuid, Path, description = "The understanding's id"), ("government_id" = Uuid, Path, description = "The government's id")),
    request_body = RawPositionDoc,
    responses((status = 200, body = UnderstandingBody, description = "The understanding after the change"),
        (status = 403, description = "Only that government's focal point")))]
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
