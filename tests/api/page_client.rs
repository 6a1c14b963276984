//! A browser without a browser: signing in through the page's form, opening pages
//! with the session cookie, and posting forms with the page's token, over plain HTTP.
use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::helpers::{PASSWORD, TestApp};

pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// Signs in through the page's form as `email`; the session cookie's `name=value`.
pub async fn sign_in_with(app: &TestApp, email: &str, password: &str) -> String {
    let reply = no_redirects()
        .post(format!("{}/sign-in", app.base))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::SEE_OTHER, "sign-in as {email}");
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("concord_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// Signs in as a demo account (`admin`, `fp.af`, …).
pub async fn sign_in(app: &TestApp, who: &str) -> String {
    sign_in_with(app, &format!("{who}@demo.test"), PASSWORD).await
}

/// A page as the cookie's holder sees it (redirects not followed).
pub async fn page(app: &TestApp, cookie: &str, path: &str) -> (StatusCode, String) {
    let reply = no_redirects()
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sent");
    (reply.status(), reply.text().await.expect("body"))
}

/// The session's form token, as a page carries it.
pub fn form_token(html: &str) -> String {
    html.split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token")
        .to_owned()
}

/// What a posted form answered.
pub struct Posted {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    /// The flash cookie (`name=value`) the answer set for the next page, if any.
    pub flash: Option<String>,
}

impl Posted {
    /// The page the redirect leads to, with its flash, as the browser would see it.
    pub async fn follow(&self, app: &TestApp, cookie: &str) -> String {
        let path = self.location.as_deref().expect("a redirect");
        let cookies = match &self.flash {
            Some(flash) => format!("{cookie}; {flash}"),
            None => cookie.to_owned(),
        };
        page(app, &cookies, path).await.1
    }
}

/// Posts a form from one of Concord's pages (same origin, with the session's token).
pub async fn submit(app: &TestApp, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Posted {
    let (_, home) = page(app, cookie, "/").await;
    let token = form_token(&home);
    let mut form: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
    form.extend_from_slice(fields);
    let reply = no_redirects()
        .post(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .expect("sent");
    let location = reply
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let flash = reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("concord_flash="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    Posted {
        status: reply.status(),
        location,
        flash,
        body: reply.text().await.expect("body"),
    }
}

/// [`submit`], as (status, location, body).
pub async fn post_form(
    app: &TestApp,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let posted = submit(app, cookie, path, fields).await;
    (posted.status, posted.location, posted.body)
}
