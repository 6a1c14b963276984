//! Signing in and out, and choosing a language. Sign-in goes through the same checks
//! as the API's (`auth::login::authenticate`: lockout, password, disabled account);
//! only what is handed out differs: a session cookie instead of tokens.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use super::door::{LANG_COOKIE, cookie, forget};
use super::page::{Page, local_path, render, render_with_status};
use crate::auth::CurrentUser;
use crate::auth::login;
use crate::auth::session::{SESSION_COOKIE, Session};
use crate::error::AppError;
use crate::present::i18n::Lang;
use crate::state::AppState;
use crate::store::{sessions, users};

/// A year: the language choice outlives any session.
const LANG_COOKIE_SECS: i64 = 365 * 24 * 3600;

/// Messages a redirect may ask the sign-in page to show; anything else is ignored.
pub(super) const NOTICES: [&str; 3] = ["signed-out", "signed-out-everywhere", "password-set"];

#[derive(Deserialize, Default)]
pub struct SignInQuery {
    next: Option<String>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "web/sign_in.html")]
struct SignInPage {
    p: Page,
    email: String,
    next: String,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn sign_in_form(p: Page, Query(query): Query<SignInQuery>) -> Result<Response, AppError> {
    let next = local_path(query.next.as_deref());
    if p.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let notice = query
        .notice
        .filter(|n| NOTICES.contains(&n.as_str()))
        .map(|n| p.t(&format!("notice-{n}")));
    let page = SignInPage {
        p,
        email: String::new(),
        next,
        notice,
        error: None,
    };
    render(&page, &page.p.tr)
}

#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    State(state): State<AppState>,
    p: Page,
    jar: CookieJar,
    Form(form): Form<Credentials>,
) -> Result<Response, AppError> {
    let next = local_path(form.next.as_deref());
    let (status, error, retry_after) =
        match login::authenticate(&state, &form.email, form.password).await {
            Ok(user) => {
                let lifetimes = crate::store::sessions::Lifetimes::from(&state.settings.web);
                let opened = sessions::open(&state.db, user.id, lifetimes).await?;
                // A session the browser held before is ended, not carried over.
                if let Some(old) = jar.get(SESSION_COOKIE) {
                    sessions::revoke(&state.db, old.value()).await?;
                }
                let absolute = state.settings.web.session_absolute_secs;
                let jar = jar
                    .add(cookie(&state, SESSION_COOKIE, opened.token, absolute))
                    .add(cookie(&state, LANG_COOKIE, user.locale, LANG_COOKIE_SECS));
                return Ok((jar, Redirect::to(&next)).into_response());
            }
            Err(AppError::Unauthorized { code, .. }) => {
                let key = match code {
                    "auth.account_disabled" => "sign-in-disabled",
                    _ => "sign-in-wrong",
                };
                (StatusCode::UNAUTHORIZED, p.t(key), None)
            }
            Err(AppError::TooManyRequests {
                retry_after_secs, ..
            }) => {
                let minutes = retry_after_secs.div_ceil(60);
                let message = p.t1("sign-in-locked", "minutes", minutes);
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    message,
                    Some(retry_after_secs),
                )
            }
            Err(other) => return Err(other),
        };
    let page = SignInPage {
        p,
        email: form.email,
        next,
        notice: None,
        error: Some(error),
    };
    let mut response = render_with_status(status, &page, &page.p.tr)?;
    if let Some(wait) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    }
    Ok(response)
}

pub async fn sign_out(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    if let Some(Extension(session)) = session {
        sessions::revoke(&state.db, &session.token).await?;
    }
    let jar = jar.add(forget(&state, SESSION_COOKIE));
    Ok((jar, Redirect::to("/sign-in?notice=signed-out")).into_response())
}

/// Every session and refresh token of the person, this browser's included.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> Result<Response, AppError> {
    sessions::sign_out_everywhere(&state.db, user.id).await?;
    let jar = jar.add(forget(&state, SESSION_COOKIE));
    Ok((jar, Redirect::to("/sign-in?notice=signed-out-everywhere")).into_response())
}

#[derive(Deserialize)]
pub struct LanguageChoice {
    lang: String,
    next: Option<String>,
}

/// The switcher: a signed-in person's setting changes; anyone's browser remembers.
pub async fn choose_language(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Form(form): Form<LanguageChoice>,
) -> Result<Response, AppError> {
    let lang = Lang::from_tag(&form.lang)
        .ok_or_else(|| AppError::invalid("lang", "must be one of en, fr, fa"))?;
    if let Some(Extension(session)) = session {
        users::set_locale(&state.db, session.user.id, lang.tag()).await?;
    }
    let jar = jar.add(cookie(
        &state,
        LANG_COOKIE,
        lang.tag().to_owned(),
        LANG_COOKIE_SECS,
    ));
    Ok((jar, Redirect::to(&local_path(form.next.as_deref()))).into_response())
}
