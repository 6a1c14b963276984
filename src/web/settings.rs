//! `/account`: anyone signed in sets their own name, language, time zone and email
//! preference, changes their password, and signs out everywhere. Each form posts to
//! the store function the API calls (`PATCH /api/v1/me`, `PUT /api/v1/me/notifications`,
//! `POST /api/v1/me/password`), through the domain's parsers.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use fluent_bundle::FluentArgs;
use serde::Deserialize;

use super::admin::back;
use super::door::{LANG_COOKIE, cookie};
use super::flash::Flash;
use super::forms::{FormErrors, Kept, Shape};
use super::page::{Page, render_with_status};
use crate::auth::session::Session;
use crate::auth::{CurrentUser, accounts as auth_accounts};
use crate::credentials::password::MIN_PASSWORD_CHARS;
use crate::domain::commands::{ProfileChange, RawPasswordChange, RawProfile};
use crate::domain::preference::NotificationPreference;
use crate::error::AppError;
use crate::present::i18n::{Lang, Tr};
use crate::present::{calendar, when};
use crate::state::AppState;
use crate::store::calendar_feeds::{self, FeedLinks};
use crate::store::{accounts, users};

pub(super) const PATH: &str = "/account";
/// A year, as the switcher keeps it.
const LANG_COOKIE_SECS: i64 = 365 * 24 * 3600;

struct Choice {
    value: &'static str,
    label: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "web/account.html")]
struct AccountPage {
    p: Page,
    email: String,
    role: String,
    kept: Kept,
    locales: Vec<Choice>,
    preferences: Vec<Choice>,
    password_hint: String,
    errors: FormErrors,
    calendar: CalendarSection,
}

/// The calendar section: the link only right after it was made (only its hash is
/// kept), otherwise whether there is one and since when.
pub(super) struct CalendarSection {
    fresh: Option<FeedLinks>,
    since: Option<String>,
}

impl CalendarSection {
    fn active(&self) -> bool {
        self.fresh.is_some() || self.since.is_some()
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
) -> Result<Response, AppError> {
    let kept = profile_as_typed(&user);
    account_page(&state, &user, p, kept, FormErrors::none()).await
}

/// The profile form filled with what is stored.
fn profile_as_typed(user: &CurrentUser) -> Kept {
    Kept::new(vec![
        ("display_name".into(), user.row.display_name.clone()),
        ("locale".into(), user.row.locale.clone()),
        ("time_zone".into(), user.row.time_zone.clone()),
    ])
}

async fn account_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    kept: Kept,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let since = calendar_feeds::created_at(&state.db, user.id)
        .await?
        .map(|at| {
            p.t1(
                "account-calendar-active",
                "when",
                calendar::moment(&p.tr, at, when::zone(&user.row.time_zone)),
            )
        });
    let calendar = CalendarSection { fresh: None, since };
    drawn(user, p, kept, errors, calendar)
}

/// The account page showing a subscription link just made (`/account/calendar`).
pub(super) fn with_new_feed(
    user: &CurrentUser,
    p: Page,
    links: FeedLinks,
) -> Result<Response, AppError> {
    let kept = profile_as_typed(user);
    let calendar = CalendarSection {
        fresh: Some(links),
        since: None,
    };
    drawn(user, p, kept, FormErrors::none(), calendar)
}

fn drawn(
    user: &CurrentUser,
    p: Page,
    kept: Kept,
    errors: FormErrors,
    calendar: CalendarSection,
) -> Result<Response, AppError> {
    let locales = Lang::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.tag(),
            label: l.native_name().to_owned(),
            chosen: kept.has("locale", l.tag()),
        })
        .collect();
    let current = users::notification_preference(&user.row);
    let preferences = NotificationPreference::ALL
        .iter()
        .map(|&pref| Choice {
            value: pref.as_str(),
            label: p.t(&format!("account-preference-{}", pref.as_str())),
            chosen: pref == current,
        })
        .collect();
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = AccountPage {
        email: user.row.email.clone(),
        role: p.role_name(),
        kept,
        locales,
        preferences,
        password_hint: p.t1("password-hint", "min", MIN_PASSWORD_CHARS),
        errors,
        calendar,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

const PROFILE_FORM: [(&str, Shape); 3] = [
    ("display_name", Shape::Text),
    ("locale", Shape::Text),
    ("time_zone", Shape::Text),
];

/// As `PATCH /api/v1/me`. The message says "saved" in the language just chosen, and
/// the browser's remembered choice follows the setting.
pub async fn save_profile(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kept = Kept::new(pairs);
    let saved = match kept
        .parse::<RawProfile>(&PROFILE_FORM)
        .and_then(ProfileChange::parse)
    {
        Ok(change) => accounts::update_profile(&state.db, user.id, &change).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match saved {
        Ok(row) => {
            let lang = Lang::from_tag(&row.locale).unwrap_or(p.lang);
            let text = Tr::new(lang).format("account-saved", &FluentArgs::new());
            let session = session.map(|Extension(s)| s);
            let response = back(&state, session.as_ref(), PATH, Flash::notice(text));
            let jar = jar.add(cookie(
                &state,
                LANG_COOKIE,
                row.locale.clone(),
                LANG_COOKIE_SECS,
            ));
            Ok((jar, response).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let shown = FormErrors::said(&p, &errors);
            account_page(&state, &user, p, kept, shown).await
        }
        Err(other) => Err(other),
    }
}

/// The preference form's one field, parsed as the API parses its body.
#[derive(Deserialize)]
struct RawPreference {
    preference: NotificationPreference,
}

/// As `PUT /api/v1/me/notifications`.
pub async fn save_notifications(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kept = Kept::new(pairs);
    match kept.parse::<RawPreference>(&[("preference", Shape::Text)]) {
        Ok(raw) => {
            users::set_notification_preference(&state.db, user.id, raw.preference).await?;
            let session = session.map(|Extension(s)| s);
            let flash = Flash::notice(p.t("account-preference-saved"));
            Ok(back(&state, session.as_ref(), PATH, flash))
        }
        Err(errors) => {
            let shown = FormErrors::said(&p, &errors);
            account_page(&state, &user, p, profile_as_typed(&user), shown).await
        }
    }
}

const PASSWORD_FORM: [(&str, Shape); 3] = [
    ("current_password", Shape::Text),
    ("new_password", Shape::Text),
    ("new_password_again", Shape::Text),
];

/// As `POST /api/v1/me/password`, keeping this browser's session and ending every
/// other. What was typed is never sent back.
pub async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let session = session.map(|Extension(s)| s);
    let kept = Kept::new(pairs);
    let changed = match kept.parse::<RawPasswordChange>(&PASSWORD_FORM) {
        Ok(raw) => {
            let keep = session.as_ref().map(|s| s.token.as_str());
            auth_accounts::change_password(&state, user.id, raw, keep).await
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match changed {
        Ok(()) => {
            let flash = Flash::notice(p.t("account-password-changed"));
            Ok(back(&state, session.as_ref(), PATH, flash))
        }
        Err(AppError::Validation(errors)) => {
            let shown = FormErrors::said(&p, &errors);
            account_page(&state, &user, p, profile_as_typed(&user), shown).await
        }
        Err(other) => Err(other),
    }
}
