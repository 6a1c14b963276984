//! `/admin/users`: the accounts, a page at a time, each with its disable or enable
//! button (disabled, with the domain's reason, on one's own row), and the form that
//! invites someone (`auth::accounts::add_user`, as `POST /api/v1/users` without a
//! password: the invitation mail carries the link to choose one).
use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::super::flash::Flash;
use super::super::forms::{FormErrors, Kept, Shape};
use super::super::page::{Page, render_with_status};
use super::super::reasons;
use super::{Section, back, sections};
use crate::auth::session::Session;
use crate::auth::{CurrentUser, accounts};
use crate::domain::commands::RawUser;
use crate::domain::operations;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::present::i18n::Lang;
use crate::state::AppState;
use crate::store::entities::{government, user};
use crate::store::{PageRequest, accounts as store_accounts, governments, users};

const PATH: &str = "/admin/users";
const PAGE_SIZE: u64 = 50;

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<Uuid>,
}

struct Row {
    id: Uuid,
    name: String,
    email: String,
    role: String,
    government: Option<String>,
    status: String,
    disabled: bool,
    /// The button: "disable" or "enable", and why not when it may not be pressed.
    action: &'static str,
    action_label: String,
    refused: Option<String>,
}

struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "web/admin_users.html")]
struct UsersPage {
    p: Page,
    sections: Vec<Section>,
    rows: Vec<Row>,
    next: Option<Uuid>,
    roles: Vec<Choice>,
    governments: Vec<government::Model>,
    locales: Vec<Choice>,
    kept: Kept,
    errors: FormErrors,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    user.require(Role::may_manage_users)?;
    let kept = Kept::default();
    users_page(&state, &user, p, query.cursor, kept, FormErrors::none()).await
}

async fn users_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    cursor: Option<Uuid>,
    kept: Kept,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let request = PageRequest {
        after: cursor,
        limit: PAGE_SIZE,
    };
    let page = users::list(&state.db, request).await?;
    let governments = governments::all(&state.db).await?;
    let codes: HashMap<Uuid, &str> = governments
        .iter()
        .map(|g| (g.id, g.code.as_str()))
        .collect();
    let actor = user.actor();
    let rows = page
        .items
        .into_iter()
        .map(|u| row(&p, &actor, &codes, u))
        .collect();
    let roles = Role::ALL
        .into_iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: p.t(&format!("role-{}", r.as_str())),
        })
        .collect();
    let locales = Lang::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.tag().to_owned(),
            label: l.native_name().to_owned(),
        })
        .collect();
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = UsersPage {
        sections: sections(&p, PATH),
        rows,
        next: page.next_cursor,
        roles,
        governments,
        locales,
        kept,
        errors,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

fn row(
    p: &Page,
    actor: &crate::domain::transition::Actor,
    codes: &HashMap<Uuid, &str>,
    u: user::Model,
) -> Row {
    let (status, action, decided) = if u.disabled {
        ("disabled", "enable", operations::may_enable(actor))
    } else if u.password_hash.is_none() {
        ("invited", "disable", operations::may_disable(actor, u.id))
    } else {
        ("active", "disable", operations::may_disable(actor, u.id))
    };
    Row {
        id: u.id,
        role: p.t(&format!("role-{}", u.role)),
        government: u
            .government_id
            .and_then(|id| codes.get(&id).map(|c| (*c).to_owned())),
        status: p.t(&format!("account-status-{status}")),
        disabled: u.disabled,
        action,
        action_label: p.t(&format!("admin-user-{action}")),
        refused: decided.err().map(|r| reasons::of_operation(p, r)),
        name: u.display_name,
        email: u.email,
    }
}

const INVITE_FORM: [(&str, Shape); 5] = [
    ("display_name", Shape::Text),
    ("email", Shape::Text),
    ("role", Shape::Text),
    ("government_id", Shape::Optional),
    ("locale", Shape::Text),
];

/// As `POST /api/v1/users` without a password: the account waits for its owner to
/// choose one from the invitation mail.
pub async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Role::may_manage_users)?;
    let kept = Kept::new(pairs);
    let added = match kept.parse::<RawUser>(&INVITE_FORM) {
        Ok(raw) => accounts::add_user(&state, &user, raw).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match added {
        Ok(row) => {
            let flash = Flash::notice(p.t1("admin-user-invited", "email", row.email));
            let session = session.map(|Extension(s)| s);
            Ok(back(&state, session.as_ref(), PATH, flash))
        }
        Err(AppError::Validation(errors)) => {
            let errors = FormErrors::said(&p, &errors);
            users_page(&state, &user, p, None, kept, errors).await
        }
        Err(other) => Err(other),
    }
}

pub async fn disable(
    state: State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    set_disabled(state, user, p, session, id, true).await
}

pub async fn enable(
    state: State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    set_disabled(state, user, p, session, id, false).await
}

/// As `POST /api/v1/users/{id}/disable|enable`; a refusal (one's own account) comes
/// back as the flash, with the domain's reason.
async fn set_disabled(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    id: Uuid,
    disabled: bool,
) -> Result<Response, AppError> {
    let session = session.map(|Extension(s)| s);
    let flash = match store_accounts::set_disabled(&state.db, &user.actor(), id, disabled).await {
        Ok(row) => {
            let key = if disabled {
                "admin-user-disabled"
            } else {
                "admin-user-enabled"
            };
            Flash::notice(p.t1(key, "name", row.display_name))
        }
        Err(AppError::Refused { detail, .. }) => Flash::error(detail),
        Err(other) => return Err(other),
    };
    Ok(back(&state, session.as_ref(), PATH, flash))
}
