//! Follow-up actions: `/projects/{id}/actions`, `/phases/{id}/actions`, `/actions/{id}`,
//! each government's agreement, progress notes, transitions and history.
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::openapi::schemas::{AvailabilityDoc, RawActionDoc, RawProgressNoteDoc, ScopeName};
use super::pagination::{PageBody, PageParams, PageQuery};
use super::resource::{self, IntoBody};
use crate::auth::CurrentUser;
use crate::auth::reader::Reader;
use crate::domain::action::ActionMachine;
use crate::domain::commands;
use crate::domain::transition::Availability;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::actions::{self, ActionView, Progress};
use crate::store::create::create_child;
use crate::store::entities::{action_government, action_progress};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .merge(resource::routes::<ActionMachine>("/actions"))
        .routes(routes!(agree))
        .routes(routes!(report_progress))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AgreementBody {
    government_id: Uuid,
    agreed: bool,
    #[serde(serialize_with = "super::timestamps::optional_time")]
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

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgressBody {
    note: String,
    author_id: Uuid,
    #[serde(serialize_with = "super::timestamps::time")]
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

/// A single read carries every progress note; a list item counts them and carries
/// only the newest (see README, "where this project differs").
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
enum ProgressFields {
    All {
        progress: Vec<ProgressBody>,
    },
    Summary {
        progress_count: i64,
        last_progress: Option<ProgressBody>,
    },
}

impl From<Progress> for ProgressFields {
    fn from(progress: Progress) -> Self {
        match progress {
            Progress::All(notes) => Self::All {
                progress: notes.into_iter().map(ProgressBody::from).collect(),
            },
            Progress::Summary { count, last } => Self::Summary {
                progress_count: count,
                last_progress: last.map(ProgressBody::from),
            },
        }
    }
}

/// A follow-up action.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ActionBody {
    id: Uuid,
    project_id: Uuid,
    phase_id: Uuid,
    title: String,
    description: String,
    #[schema(value_type = ScopeName)]
    scope: String,
    government_ids: Vec<Uuid>,
    agreements: Vec<AgreementBody>,
    #[serde(serialize_with = "super::timestamps::date")]
    due_date: NaiveDate,
    overdue: bool,
    owner_id: Option<Uuid>,
    state: String,
    version: i32,
    completion_note: Option<String>,
    reason: Option<String>,
    #[serde(flatten)]
    progress: ProgressFields,
    #[schema(value_type = Vec<AvailabilityDoc>)]
    allowed_transitions: Vec<Availability>,
    #[serde(serialize_with = "super::timestamps::time")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "super::timestamps::time")]
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
            progress: v.progress.into(),
            allowed_transitions: v.allowed_transitions,
            created_at: v.row.created_at,
            updated_at: v.row.updated_at,
        }
    }
}

impl IntoBody for ActionView {
    type Body = ActionBody;
    fn into_body(self, _: Option<&str>) -> ActionBody {
        self.into()
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
struct Agreement {
    agreed: bool,
}

/// The filters of an action list as the document describes them (each optional;
/// an empty value means "any").
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // described, never built: `commands::RawActionFilter` parses
pub(super) struct ActionFilterParams {
    /// Only this phase's actions (a phase id).
    phase: Option<Uuid>,
    /// collective or bilateral.
    #[param(value_type = Option<ScopeName>)]
    scope: Option<String>,
    /// Only the actions involving this government (an id).
    government: Option<Uuid>,
    /// Only the overdue ones.
    overdue: Option<bool>,
}

#[utoipa::path(get, path = "/projects/{id}/actions", tag = "actions", summary = "List a dialogue's actions",
    description = "A focal point sees only the bilateral actions that involve their government. A list item counts the progress notes and carries only the newest.",
    params(("id" = Uuid, Path, description = "The dialogue's id"), ActionFilterParams, PageParams),
    responses((status = 200, body = PageBody<ActionBody>, description = "A page of actions")))]
/// `?phase=&scope=&government=&overdue=` beside `?limit=&cursor=`; each one optional.
async fn list(
    State(state): State<AppState>,
    reader: Reader,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
    raw: Result<Query<commands::RawActionFilter>, QueryRejection>,
) -> AppResult<PageBody<ActionBody>> {
    let Query(raw) =
        raw.map_err(|e| AppError::BadRequest(format!("The query string is malformed: {e}")))?;
    let filter = commands::ActionFilter::parse(raw).map_err(AppError::Validation)?;
    if let Reader::Claimed { actor, generation } = &reader
        && let Some(page) =
            actions::list_as_claimed(&state.db, actor, *generation, project_id, &filter, page)
                .await?
    {
        return Ok(page.map(ActionBody::from).into());
    }
    let user = reader.account(&state).await?;
    let page = actions::list(&state.db, &user.actor(), project_id, &filter, page).await?;
    Ok(page.map(ActionBody::from).into())
}

#[utoipa::path(post, path = "/phases/{id}/actions", tag = "actions", summary = "Propose a follow-up action in a phase",
    params(("id" = Uuid, Path, description = "The phase's id")),
    request_body = RawActionDoc,
    responses((status = 201, body = ActionBody, description = "Proposed"),
        (status = 403, description = "Only coordinators and admins create actions")))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(phase_id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<commands::RawAction>,
) -> AppResult<(StatusCode, Json<ActionBody>)> {
    let parse = || commands::NewAction::parse(body).map(|new| actions::NewAction::from(&new));
    let view = create_child(&state.db, &user.actor(), phase_id, parse).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

#[utoipa::path(put, path = "/actions/{id}/agreement/{government_id}", tag = "actions", summary = "Set a government's agreement to an action",
    params(("id" = Uuid, Path, description = "The action's id"), ("government_id" = Uuid, Path, description = "The government's id")),
    request_body = Agreement,
    responses((status = 200, body = ActionBody, description = "The action after the change"),
        (status = 403, description = "Only that government's focal point")))]
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

#[utoipa::path(post, path = "/actions/{id}/progress", tag = "actions", summary = "Report progress on an action",
    params(("id" = Uuid, Path, description = "The action's id")),
    request_body = RawProgressNoteDoc,
    responses((status = 201, body = ActionBody, description = "The action with the new note"),
        (status = 403, description = "Not a focal point of an involved government, nor a coordinator")))]
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

// The store still takes its own input struct; this keeps the conversion in one place
// (the demo seeder uses it too) until it takes the domain's commands.
