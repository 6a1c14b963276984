//! GET/POST /api/v1/users
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use uuid::Uuid;

use super::extract::ApiJson;
use super::pagination::{PageBody, PageQuery};
use crate::auth::CurrentUser;
use crate::credentials::password::check_password_policy;
use crate::domain::commands;
use crate::domain::role::Role;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::entities::user;
use crate::store::{governments, users};

pub use crate::domain::commands::LOCALES;

pub fn router() -> Router<AppState> {
    Router::new().route("/users", get(list).post(create))
}

#[derive(Serialize)]
pub struct UserBody {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    government_id: Option<Uuid>,
    locale: String,
    time_zone: String,
    notification_preference: String,
    disabled: bool,
}

impl From<user::Model> for UserBody {
    fn from(row: user::Model) -> Self {
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            government_id: row.government_id,
            locale: row.locale,
            time_zone: row.time_zone,
            notification_preference: row.notification_preference,
            disabled: row.disabled,
        }
    }
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    PageQuery(page): PageQuery,
) -> AppResult<Json<PageBody<UserBody>>> {
    user.require(Role::may_list_users)?;
    let page = users::list(&state.db, page).await?;
    Ok(Json(page.map(UserBody::from).into()))
}

async fn create(
    State(state): State<AppState>,
    actor: CurrentUser,
    ApiJson(mut body): ApiJson<commands::RawUser>,
) -> AppResult<(StatusCode, Json<UserBody>)> {
    actor.require(Role::may_manage_users)?;
    let password = body.password.take();
    // Whether the government exists, and its zone, need the database; the password
    // policy is auth's. Both are checked beside the parse so one reply names every
    // field.
    let government = match body.government_id {
        Some(id) => governments::find(&state.db, id).await?,
        None => None,
    };
    let mut errors = FieldErrors::default();
    if let Some(password) = &password {
        check_password_policy(&mut errors, "password", password);
    }
    let parsed = commands::NewUser::parse(body, government.as_ref().map(|g| g.time_zone.as_str()));
    let parsed = errors.and_parsed(parsed).map_err(AppError::Validation)?;
    let password_hash = match password {
        Some(password) => Some(state.passwords.hash(password).await?),
        None => None,
    };
    let new = users::NewUser::from_parsed(&parsed, password_hash);
    let row = if new.password_hash.is_some() {
        users::create(&state.db, Some(actor.id), new).await?
    } else {
        users::create_invited(
            &state.db,
            Some(actor.id),
            new,
            &state.settings.server.public_url,
        )
        .await?
    };
    Ok((StatusCode::CREATED, Json(row.into())))
}
