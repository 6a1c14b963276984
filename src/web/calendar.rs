//! `/account/calendar`: makes (or replaces) the signed-in person's calendar
//! subscription link and shows it on the account page in the answer itself, since
//! only its hash is kept (a redirect would have to carry the secret in a cookie);
//! `/account/calendar/stop` ends it. The same store calls as `POST|DELETE
//! /api/v1/me/calendar`.
use axum::extract::{Extension, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;

use super::admin::back;
use super::flash::Flash;
use super::page::Page;
use super::settings;
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::calendar_feeds::{self, FeedLinks};

pub async fn reset(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
) -> Result<Response, AppError> {
    let token = calendar_feeds::issue(&state.db, user.id).await?;
    let links = FeedLinks::new(&state.settings.server.public_url, &token);
    let mut response = settings::with_new_feed(&user, p, links)?;
    // The page holds a secret: no cache (nor the back button's) keeps it.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn stop(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
) -> Result<Response, AppError> {
    calendar_feeds::revoke(&state.db, user.id).await?;
    let session = session.map(|Extension(s)| s);
    let flash = Flash::notice(p.t("account-calendar-stopped"));
    Ok(back(&state, session.as_ref(), settings::PATH, flash))
}
