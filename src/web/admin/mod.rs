//! `/admin/…`: the operators' pages — accounts (`users`), governments, and the mail
//! outbox. Administrators only: every handler asks the domain's role rule first, so
//! anyone else gets the 403 page before anything is read. Each write is the API's own
//! store call.
mod governments;
mod outbox;
mod users;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::flash::{Flash, see};
use crate::auth::session::Session;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/users") }))
        .route("/admin/users", get(users::list).post(users::invite))
        .route("/admin/users/{id}/disable", post(users::disable))
        .route("/admin/users/{id}/enable", post(users::enable))
        .route(
            "/admin/governments",
            get(governments::list).post(governments::add),
        )
        .route("/admin/outbox", get(outbox::list))
        .route("/admin/outbox/{id}/retry", post(outbox::retry))
}

/// One entry of the administration's own navigation.
pub struct Section {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// The three pages, the one shown marked `aria-current="page"`.
pub fn sections(p: &super::page::Page, here: &str) -> Vec<Section> {
    [
        ("/admin/users", "admin-users-title"),
        ("/admin/governments", "admin-governments-title"),
        ("/admin/outbox", "admin-outbox-title"),
    ]
    .into_iter()
    .map(|(href, key)| Section {
        href,
        label: p.t(key),
        current: href == here,
    })
    .collect()
}

/// Back to `path` with `flash` (POST/redirect/GET); without a session (a bearer
/// token on a page) there is nowhere to keep the message, so just back.
pub fn back(state: &AppState, session: Option<&Session>, path: &str, flash: Flash) -> Response {
    match session {
        Some(session) => see(state, session, path, flash),
        None => Redirect::to(path).into_response(),
    }
}
