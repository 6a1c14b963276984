//! GET/POST /api/v1/users
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::extract::ApiJson;
use super::pagination::{PageBody, PageQuery};
use crate::auth::CurrentUser;
use crate::auth::password::check_password_policy;
use crate::domain::role::Role;
use crate::domain::validation::{FieldErrors, normalize_email};
use crate::error::{AppError, AppResult, unique_field};
use crate::state::AppState;
use crate::store::entities::user;
use crate::store::{governments, users};

pub const LOCALES: [&str; 3] = ["en", "fr", "fa"];

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

#[derive(Deserialize)]
struct CreateUser {
    email: String,
    display_name: String,
    role: Role,
    government_id: Option<Uuid>,
    locale: Option<String>,
    time_zone: Option<String>,
    /// Optional: without it the new user is emailed a single-use link to set one.
    password: Option<String>,
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
    ApiJson(body): ApiJson<CreateUser>,
) -> AppResult<(StatusCode, Json<UserBody>)> {
    actor.require(Role::may_manage_users)?;
    let email = normalize_email(&body.email);
    let locale = body.locale.unwrap_or_else(|| "en".to_owned());
    let mut errors = FieldErrors::default();
    errors.require_email("email", &email);
    errors.require_text("display_name", &body.display_name, 200);
    if !LOCALES.contains(&locale.as_str()) {
        errors.add("locale", "must be one of en, fr, fa");
    }
    let government = match body.government_id {
        Some(id) => governments::find(&state.db, id).await?,
        None => None,
    };
    let time_zone = match (body.time_zone, &government) {
        (Some(tz), _) => tz,
        (None, Some(government)) => government.time_zone.clone(),
        (None, None) => "UTC".to_owned(),
    };
    errors.require_time_zone("time_zone", &time_zone);
    match (
        body.role.needs_government(),
        body.government_id,
        &government,
    ) {
        (true, None, _) => errors.add(
            "government_id",
            "a focal point must be bound to a government",
        ),
        (false, Some(_), _) => errors.add(
            "government_id",
            "only focal points are bound to a government",
        ),
        (true, Some(_), None) => errors.add("government_id", "no such government"),
        _ => {}
    }
    if let Some(password) = &body.password {
        check_password_policy(&mut errors, "password", password);
    }
    errors.into_result().map_err(AppError::Validation)?;
    let password_hash = match body.password {
        Some(password) => Some(state.passwords.hash(password).await?),
        None => None,
    };
    let new = users::NewUser {
        email,
        display_name: body.display_name.trim().to_owned(),
        role: body.role,
        government_id: body.government_id,
        locale,
        time_zone,
        password_hash,
    };
    let row = if new.password_hash.is_some() {
        users::create(&state.db, Some(actor.id), new)
            .await
            .map_err(unique_field("email", users::EMAIL_TAKEN))?
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
