//! `/admin/governments`: the governments a dialogue can invite, and the form that adds
//! one (`NewGovernment::parse`, then `store::governments::create`, as
//! `POST /api/v1/governments`).
use askama::Template;
use axum::Form;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::super::flash::Flash;
use super::super::forms::{FormErrors, Kept, Shape};
use super::super::page::{Page, render_with_status};
use super::{Section, back, sections};
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::commands::{NewGovernment, RawGovernment};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::entities::government;
use crate::store::{PageRequest, governments};

const PATH: &str = "/admin/governments";
const PAGE_SIZE: u64 = 50;

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "web/admin_governments.html")]
struct GovernmentsPage {
    p: Page,
    sections: Vec<Section>,
    rows: Vec<government::Model>,
    next: Option<Uuid>,
    kept: Kept,
    errors: FormErrors,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    user.require(Role::may_manage_governments)?;
    governments_page(&state, p, query.cursor, Kept::default(), FormErrors::none()).await
}

async fn governments_page(
    state: &AppState,
    p: Page,
    cursor: Option<Uuid>,
    kept: Kept,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let request = PageRequest {
        after: cursor,
        limit: PAGE_SIZE,
    };
    let page = governments::list(&state.db, request).await?;
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = GovernmentsPage {
        sections: sections(&p, PATH),
        rows: page.items,
        next: page.next_cursor,
        kept,
        errors,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

const GOVERNMENT_FORM: [(&str, Shape); 3] = [
    ("code", Shape::Text),
    ("name", Shape::Text),
    ("time_zone", Shape::Text),
];

pub async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Role::may_manage_governments)?;
    let kept = Kept::new(pairs);
    let created = match kept
        .parse::<RawGovernment>(&GOVERNMENT_FORM)
        .and_then(NewGovernment::parse)
    {
        Ok(new) => governments::create(&state.db, Some(user.id), (&new).into()).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match created {
        Ok(row) => {
            let flash = Flash::notice(p.t1("admin-government-added", "name", row.name));
            let session = session.map(|Extension(s)| s);
            Ok(back(&state, session.as_ref(), PATH, flash))
        }
        Err(AppError::Validation(errors)) => {
            let shown = FormErrors::said(&p, &errors);
            governments_page(&state, p, None, kept, shown).await
        }
        Err(other) => Err(other),
    }
}
