//! The pages the emails link to: `/set-password` (an invitation) and `/reset-password`
//! (a reset), and `/forgot-password` that sends the second. They call what
//! `POST /api/v1/auth/password-reset{,/confirm}` call (`auth::reset`).
use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::page::{Page, render};
use crate::auth::reset::{self, NEW_PASSWORD};
use crate::credentials::password::MIN_PASSWORD_CHARS;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "web/password.html")]
struct PasswordPage {
    p: Page,
    title: String,
    action: &'static str,
    token: String,
    hint: String,
    field_error: Option<String>,
    link_invalid: bool,
}

fn password_page(p: Page, title_key: &str, action: &'static str, token: String) -> PasswordPage {
    PasswordPage {
        title: p.t(title_key),
        hint: p.t1("password-hint", "min", MIN_PASSWORD_CHARS),
        p,
        action,
        token,
        field_error: None,
        link_invalid: false,
    }
}

pub async fn set_form(p: Page, Query(q): Query<TokenQuery>) -> Result<Response, AppError> {
    let page = password_page(p, "set-password-title", "/set-password", q.token);
    render(&page, &page.p.tr)
}

pub async fn reset_form(p: Page, Query(q): Query<TokenQuery>) -> Result<Response, AppError> {
    let page = password_page(p, "reset-password-title", "/reset-password", q.token);
    render(&page, &page.p.tr)
}

#[derive(Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    token: String,
    new_password: String,
}

pub async fn set(
    state: State<AppState>,
    p: Page,
    form: Form<NewPassword>,
) -> Result<Response, AppError> {
    confirm(state, p, form, "set-password-title", "/set-password").await
}

pub async fn reset(
    state: State<AppState>,
    p: Page,
    form: Form<NewPassword>,
) -> Result<Response, AppError> {
    confirm(state, p, form, "reset-password-title", "/reset-password").await
}

async fn confirm(
    State(state): State<AppState>,
    p: Page,
    Form(form): Form<NewPassword>,
    title_key: &str,
    action: &'static str,
) -> Result<Response, AppError> {
    let page = match reset::confirm(&state, &form.token, form.new_password).await {
        Ok(()) => return Ok(Redirect::to("/sign-in?notice=password-set").into_response()),
        Err(AppError::Validation(errors)) if errors.fields().any(|f| f == NEW_PASSWORD) => {
            let mut page = password_page(p, title_key, action, form.token);
            page.field_error = Some(page.p.t("password-too-short"));
            page
        }
        Err(AppError::Refused { .. }) => {
            let mut page = password_page(p, title_key, action, form.token);
            page.link_invalid = true;
            page
        }
        Err(other) => return Err(other),
    };
    let mut response = render(&page, &page.p.tr)?;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

#[derive(Template)]
#[template(path = "web/forgot.html")]
struct ForgotPage {
    p: Page,
    sent: bool,
}

pub async fn forgot_form(p: Page) -> Result<Response, AppError> {
    let page = ForgotPage { p, sent: false };
    render(&page, &page.p.tr)
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

/// The same page whatever happened, as the API's 202: it tells nothing of accounts.
pub async fn forgot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    p: Page,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    reset::request(&state, &form.email, peer.ip()).await?;
    let page = ForgotPage { p, sent: true };
    render(&page, &page.p.tr)
}
