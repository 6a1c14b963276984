//! `/`: for now a greeting with the person's role and the ways to sign out; the
//! "needs my attention" lists come with the workflow pages.
use askama::Template;
use axum::response::Response;

use super::page::{Page, render};
use crate::auth::CurrentUser;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "web/home.html")]
struct Home {
    p: Page,
    greeting: String,
    role: String,
}

/// Anyone signed in; without a session the door sends the browser to sign in.
pub async fn show(user: CurrentUser, p: Page) -> Result<Response, AppError> {
    let greeting = p.t1("home-greeting", "name", user.row.display_name.clone());
    let role = p.t1("home-role", "role", p.role_name());
    let page = Home { p, greeting, role };
    render(&page, &page.p.tr)
}
