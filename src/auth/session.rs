//! People in browsers: the session cookie, resolved once per request for both doors,
//! and the CSRF rule for every unsafe request it authenticates.
//!
//! A cookie goes with every request the browser makes, including those a page on
//! another site makes it send. So an unsafe request (anything but GET, HEAD, OPTIONS)
//! that the cookie would authenticate must show it comes from Concord's own pages
//! twice over: the browser says it is same-origin (`Sec-Fetch-Site`, or else `Origin`
//! against `server.public_url`), and it carries this session's form token (the `csrf`
//! field of a form, or the `X-CSRF-Token` header of a script's API call). A bearer
//! token is never sent by a browser on its own, so API calls with one are unaffected.
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;
use crate::store::entities::user;
use crate::store::sessions;

pub const SESSION_COOKIE: &str = "concord_session";
/// The form field, and the header, that carry the session's form token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The live session the request's cookie named (put there by [`resolve`]).
#[derive(Debug, Clone)]
pub struct Session {
    /// The cookie's value, kept so sign-out can revoke exactly this session.
    pub token: String,
    pub csrf_token: String,
    pub user: user::Model,
}

pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Middleware for both doors: finds the cookie's session and, for an unsafe request it
/// authenticates, applies the CSRF rule (403 `auth.cross_site`, nothing changed).
pub async fn resolve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // A bearer token speaks for itself; a cookie beside it is not looked at.
    if request.headers().contains_key(AUTHORIZATION) {
        return next.run(request).await;
    }
    let jar = CookieJar::from_headers(request.headers());
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return next.run(request).await;
    };
    let lifetimes = crate::store::sessions::Lifetimes::from(&state.settings.web);
    let active = match sessions::find_active(&state.db, &token, lifetimes).await {
        Ok(active) => active,
        Err(err) => return AppError::from(err).into_response(),
    };
    let Some(active) = active else {
        // Unknown or ended: the request goes on unauthenticated, and whatever needs a
        // person answers 401 (the pages send the browser to sign in).
        return next.run(request).await;
    };
    let session = Session {
        token,
        csrf_token: active.session.csrf_token,
        user: active.user,
    };
    let mut request = request;
    if is_unsafe(request.method()) {
        if !same_origin(request.headers(), &state.settings.server.public_url) {
            return AppError::CrossSite.into_response();
        }
        let (presented, rebuilt) =
            match presented_token(request, state.settings.server.body_limit_bytes).await {
                Ok(found) => found,
                Err(err) => return err.into_response(),
            };
        if !presented.is_some_and(|p| same_secret(&p, &session.csrf_token)) {
            return AppError::CrossSite.into_response();
        }
        request = rebuilt;
    }
    request.extensions_mut().insert(session);
    next.run(request).await
}

/// Whether the browser says the request comes from Concord's own origin.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    match header("sec-fetch-site") {
        // `none`: the person did it themselves (typed the address, a bookmark).
        Some(site) => site == "same-origin" || site == "none",
        // Older browsers send no fetch metadata, but every one sends Origin on a POST.
        None => header(ORIGIN.as_str())
            .is_some_and(|origin| origin.eq_ignore_ascii_case(&origin_of(public_url))),
    }
}

/// `scheme://host[:port]` of a URL, without a default port, as browsers write Origin.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = match (scheme, authority.rsplit_once(':')) {
        ("http", Some((host, "80"))) | ("https", Some((host, "443"))) => host,
        _ => authority,
    };
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    )
}

/// The form token from the header, or else from the `csrf` field of a posted form;
/// the form's body is read (within the body limit) and put back for the handler.
async fn presented_token(
    request: Request,
    limit: usize,
) -> Result<(Option<String>, Request), AppError> {
    if let Some(value) = request.headers().get(CSRF_HEADER) {
        let token = value.to_str().ok().map(str::to_owned);
        return Ok((token, request));
    }
    let is_form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned());
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn fetch_metadata_first_then_origin_against_the_public_url() {
        let public = "https://concord.example.org/";
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            public
        ));
        assert!(same_origin(&headers(&[("sec-fetch-site", "none")]), public));
        let cross = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://concord.example.org"),
        ];
        assert!(!same_origin(&headers(&cross), public), "metadata wins");
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            public
        ));
        assert!(same_origin(
            &headers(&[("origin", "https://Concord.example.org")]),
            public
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example")]),
            public
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), public));
        assert!(!same_origin(&headers(&[]), public), "no evidence is no");
    }

    #[test]
    fn origins_drop_paths_and_default_ports() {
        assert_eq!(origin_of("https://a.example:443/x?y"), "https://a.example");
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(origin_of("http://a.example:80"), "http://a.example");
    }

    #[test]
    fn secrets_compare_by_value() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", ""));
    }
}
