//! What every page needs to be drawn: the reader's language, who is signed in (if
//! anyone), the session's form token, and where the page is (for the language
//! switcher and the way back after sign-in).
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use fluent_bundle::{FluentArgs, FluentValue};

use super::flash::Flash;
use crate::auth::session::Session;
use crate::error::AppError;
use crate::present::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::store::entities::user;

pub struct Page {
    pub tr: Tr,
    pub lang: Lang,
    pub user: Option<user::Model>,
    pub csrf: Option<String>,
    /// This page's path and query, where the switcher comes back to.
    pub here: String,
    /// The message the form posted before this page left for it (shown once).
    pub flash: Option<Flash>,
}

/// One language of the switcher.
pub struct LangChoice {
    pub tag: &'static str,
    pub name: &'static str,
    pub current: bool,
}

impl Page {
    pub fn new(lang: Lang, session: Option<&Session>, here: String) -> Self {
        let mut tr = Tr::new(lang);
        // HTML: names and titles inside a sentence are bidi-isolated.
        tr.isolating = true;
        Self {
            tr,
            lang,
            user: session.map(|s| s.user.clone()),
            csrf: session.map(|s| s.csrf_token.clone()),
            here,
            flash: None,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.format(key, &FluentArgs::new())
    }

    /// A number as this page's readers write it (Persian digits in Persian), for
    /// numbers a template shows outside a message.
    pub fn num(&self, n: impl std::fmt::Display) -> String {
        self.lang.digits(&n.to_string())
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into());
        self.tr.format(key, &args)
    }

    pub fn lang_tag(&self) -> &'static str {
        self.lang.tag()
    }

    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    pub fn stylesheet(&self) -> String {
        super::assets::stylesheet_href()
    }

    pub fn languages(&self) -> Vec<LangChoice> {
        Lang::ALL
            .into_iter()
            .map(|lang| LangChoice {
                tag: lang.tag(),
                name: lang.native_name(),
                current: lang == self.lang,
            })
            .collect()
    }

    /// The signed-in person's role, in the reader's words.
    pub fn role_name(&self) -> String {
        match &self.user {
            Some(user) => self.t(&format!("role-{}", user.role)),
            None => String::new(),
        }
    }

    /// Whether the header offers the administration pages.
    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .and_then(|u| u.role.parse::<crate::domain::role::Role>().ok())
            .is_some_and(|r| r.may_manage_users())
    }

    /// `aria-current="page"` for the header link to `path` when this page is under it.
    pub fn current(&self, path: &str) -> &'static str {
        let here = self.here.split('?').next().unwrap_or_default();
        if here == path || here.starts_with(&format!("{path}/")) {
            r#" aria-current="page""#
        } else {
            ""
        }
    }

    /// "Signed in as …" for the header.
    pub fn signed_in_as(&self) -> String {
        let Some(user) = &self.user else {
            return String::new();
        };
        let mut args = FluentArgs::new();
        args.set("name", user.display_name.clone());
        args.set("role", self.role_name());
        self.tr.format("web-signed-in-as", &args)
    }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        let session = parts.extensions.get::<Session>();
        let lang = super::lang::choose(&parts.headers, session.map(|s| s.user.locale.as_str()));
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let mut page = Self::new(lang, session, here);
        page.flash = Flash::read(&parts.headers, session);
        Ok(page)
    }
}

/// Renders a page; a template that looked up a key no language has is a bug, logged.
pub fn render(template: &impl Template, tr: &Tr) -> Result<Response, AppError> {
    let html = template
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("page template: {e}")))?;
    let errors = tr.errors();
    if !errors.is_empty() {
        tracing::error!(errors = ?errors, "a page used words that are missing");
    }
    Ok(Html(html).into_response())
}

/// A page answered with another status than 200: a form sent back with its errors
/// (422), a refusal (403, 409), a page that is not there (404).
pub fn render_with_status(
    status: StatusCode,
    template: &impl Template,
    tr: &Tr,
) -> Result<Response, AppError> {
    let mut response = render(template, tr)?;
    *response.status_mut() = status;
    Ok(response)
}

/// Only a path on this site may be a place to go back to: never another host
/// (`//evil.example`, `/\evil.example`), never a scheme.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control()) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/workshops/1?x=2")), "/workshops/1?x=2");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_path(None), "/");
    }
}
