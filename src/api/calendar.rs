//! Personal calendar feeds. `GET /calendar/{token}.ics` (at the root: calendar
//! programs cannot sign in, so the token alone lets them in) serves the workshops its
//! owner may see; `POST /api/v1/me/calendar` makes or replaces the signed-in person's
//! link and `DELETE /api/v1/me/calendar` ends it. The token is a secret: it is never
//! stored (only its hash), and the request log shows the path without it
//! (`telemetry::loggable_uri`).
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentArgs;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiPath;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::present::i18n::{Lang, Tr};
use crate::present::ics;
use crate::state::AppState;
use crate::store;
use crate::store::calendar_feeds::{self, FeedLinks};

/// The feed itself, outside `/api/v1`.
pub fn feed_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(feed))
}

/// Under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(issue, revoke))
}

/// The new link, shown this once: only its hash is kept.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CalendarLinksBody {
    /// The https address, to paste into a calendar program.
    url: String,
    /// The same address as `webcal://`, which opens the reader's calendar program.
    webcal_url: String,
}

impl From<FeedLinks> for CalendarLinksBody {
    fn from(links: FeedLinks) -> Self {
        Self {
            url: links.url,
            webcal_url: links.webcal_url,
        }
    }
}

#[utoipa::path(post, path = "/me/calendar", tag = "me", summary = "Make or replace my calendar feed's link",
    description = "The old link, if any, stops working at once. The answer is the only time the link is shown.",
    responses((status = 200, body = CalendarLinksBody, description = "The new link")))]
/// Makes the link, or replaces it: the old one stops working at once. The answer is
/// the only time the link is shown.
async fn issue(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let token = calendar_feeds::issue(&state.db, user.id).await?;
    let links = FeedLinks::new(&state.settings.server.public_url, &token);
    Ok((
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(CalendarLinksBody::from(links)),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/me/calendar", tag = "me", summary = "End my calendar feed's link",
    responses((status = 204, description = "Ended; the link answers 404 from now on")))]
async fn revoke(State(state): State<AppState>, user: CurrentUser) -> AppResult<StatusCode> {
    calendar_feeds::revoke(&state.db, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/calendar/{file}", tag = "calendar", security(()),
    summary = "A personal calendar feed",
    description = "The workshops the link's owner may see, from the last 12 months on, as one iCalendar (METHOD:PUBLISH); cancelled ones stay with STATUS:CANCELLED. The link itself is the credential: no token is needed.",
    params(("file" = String, Path, description = "`{token}.ics`, as made by `POST /api/v1/me/calendar`"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag last received")),
    responses((status = 200, body = String, content_type = "text/calendar", description = "The feed"),
        (status = 304, description = "Unchanged since the ETag sent")))]
/// The feed: 404 for anything but a live token of an enabled account, 304 when the
/// calendar already has this version.
async fn feed(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    // Tokens are 64 hex digits: anything else is unknown without asking the database.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let owner = calendar_feeds::owner(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = calendar_feeds::actor_of(&owner)?;
    let rows = calendar_feeds::workshops(&state.db, &actor, store::now()).await?;
    let lang = Lang::from_tag(&owner.locale).unwrap_or(Lang::En);
    let name = Tr::new(lang).format("calendar-feed-name", &FluentArgs::new());
    let organizer = ics::organizer_address(&state.settings.mail_from());
    let body = ics::feed(&name, &organizer, &rows);
    let etag = etag_of(&body);
    let cache = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, "private".to_owned()),
    ];
    if matches_etag(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((
        cache,
        [(
            header::CONTENT_TYPE,
            "text/calendar; charset=utf-8".to_owned(),
        )],
        body,
    )
        .into_response())
}

/// A validator of the feed's text: the feed stamps each event with its workshop's
/// last change, so the same workshops give the same ETag. Weak, since the bytes on
/// the wire differ when the response is compressed.
fn etag_of(body: &str) -> String {
    let digest = hex::encode(Sha256::digest(body.as_bytes()));
    format!("W/\"{}\"", &digest[..32])
}

/// Whether `If-None-Match` names `etag` (or is `*`), by the weak comparison RFC
/// 9110 asks of it (with or without `W/`).
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.strip_prefix("W/").unwrap_or(tag).to_owned();
    let wanted = opaque(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || opaque(tag) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let etag = etag_of("body");
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(header::IF_NONE_MATCH, value);
            }
            matches_etag(&headers, &etag)
        };
        let strong = etag.trim_start_matches("W/");
        assert!(with(&etag));
        assert!(with(strong));
        assert!(with(&format!("\"other\", {strong}")));
        assert!(with("*"));
        assert!(!with("\"other\""));
        assert!(!matches_etag(&HeaderMap::new(), &etag));
    }
}
