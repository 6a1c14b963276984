//! The web door's face. `AppError` is one type, rendered as problem+json; every
//! response it makes carries an [`ErrorFace`] extension saying what it was. This
//! layer wraps every page route and turns such a response into an HTML page in the
//! reader's language (404, 403, 429 with the wait, 500 with the request id, 503), or
//! for 401 into a redirect to the sign-in page that comes back here afterwards.
//!
//! Why a layer that looks at the response, rather than a `WebError` the handlers
//! return: an error often comes from before the handler runs (the `CurrentUser`
//! extractor's 401, the session layer's CSRF 403, a form that does not parse, the
//! fallback's 404), where no page handler could wrap it; and a page handler added
//! later cannot forget to. The door is chosen by the router the request was routed
//! to, not guessed from headers, so an API client never gets HTML and a browser on a
//! page never gets JSON.
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::page::{Page, render};
use crate::auth::session::{is_unsafe, same_origin};
use crate::error::{AppError, ErrorFace};
use crate::state::AppState;

/// The anonymous visitor's language choice.
pub const LANG_COOKIE: &str = "concord_lang";

pub async fn door(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let lang = super::lang::choose(request.headers(), None);
    let here = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    // Every form of the pages posts to its own origin: a post from elsewhere (even
    // one signing someone in to an account of the attacker's) is refused here; with
    // a session, the session layer also wants the form token.
    let mut response = if is_unsafe(request.method())
        && !same_origin(request.headers(), &state.settings.server.public_url)
    {
        AppError::CrossSite.into_response()
    } else {
        next.run(request).await
    };
    let Some(face) = response.extensions_mut().remove::<ErrorFace>() else {
        // Pages are personal: no shared cache may keep one (assets set their own).
        if !response.headers().contains_key(header::CACHE_CONTROL) {
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
        }
        return response;
    };
    if face.status == StatusCode::UNAUTHORIZED {
        let next = form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/sign-in?next={next}")).into_response();
    }
    let page = Page::new(lang, None, here);
    error_page(page, &face, &request_id)
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    p: Page,
    message: String,
}

fn error_page(p: Page, face: &ErrorFace, request_id: &str) -> Response {
    let message = match face.status.as_u16() {
        403 if face.code == "auth.cross_site" => p.t("error-403-cross-site"),
        429 => p.t1("error-429", "seconds", face.retry_after_secs.unwrap_or(1)),
        500 => p.t1("error-500", "id", request_id.to_owned()),
        code @ (400 | 403 | 404 | 405 | 408 | 413 | 422 | 503) => p.t(&format!("error-{code}")),
        code if code >= 500 => p.t1("error-500", "id", request_id.to_owned()),
        _ => p.t("error-400"),
    };
    let page = ErrorPage { p, message };
    let mut response = match render(&page, &page.p.tr) {
        Ok(response) => response,
        // The error page itself failing: say it plainly rather than fail again.
        Err(_) => "Concord: an error page could not be drawn.".into_response(),
    };
    *response.status_mut() = face.status;
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Some(wait) = face.retry_after_secs {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    response
}

/// A cookie of the pages: HttpOnly, SameSite=Lax, for the whole site, and `Secure`
/// when Concord is reached over https.
pub fn cookie(
    state: &AppState,
    name: &'static str,
    value: String,
    max_age_secs: i64,
) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.server.public_url.starts_with("https://"))
        .max_age(time::Duration::seconds(max_age_secs))
        .build()
}

/// The same cookie, expired: the browser forgets it.
pub fn forget(state: &AppState, name: &'static str) -> Cookie<'static> {
    cookie(state, name, String::new(), 0)
}
