//! The CSV downloads offered on a dialogue's page and its action board
//! (`/dialogues/{id}/actions.csv`, `/understandings.csv`, `/workshops.csv`): the API's
//! exports, read through the same store calls, with the headers and the stored codes
//! (states, scopes, positions, …) in the reader's language.
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use fluent_bundle::FluentArgs;
use uuid::Uuid;

use super::forms::Kept;
use super::page::Page;
use crate::api::exports::attachment;
use crate::api::extract::ApiPath;
use crate::auth::CurrentUser;
use crate::domain::commands::{ActionFilter, RawActionFilter};
use crate::error::AppError;
use crate::export::csv::{self, Labels};
use crate::present::i18n::Tr;
use crate::state::AppState;
use crate::store::exports;

/// The pages' words, without the bidi isolation marks HTML needs: in a cell they
/// would be invisible characters a spreadsheet keeps.
struct Words(Tr);

impl Words {
    fn of(p: &Page) -> Self {
        Self(Tr::new(p.lang))
    }

    /// A key missing even in English is a bug: logged, as `page::render` does.
    fn check(&self) {
        let errors = self.0.errors();
        if !errors.is_empty() {
            tracing::error!(errors = ?errors, "a CSV export used words that are missing");
        }
    }
}

impl Labels for Words {
    fn column(&self, name: &str) -> String {
        self.0.get(&format!("csv-column-{name}"))
    }

    fn government_column(&self, code: &str, holds: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("government", code.to_owned());
        self.0.format(&format!("csv-government-{holds}"), &args)
    }

    fn word(&self, family: &str, code: &str) -> String {
        self.0.get(&format!("{family}-{code}"))
    }
}

/// The board's filters (`?phase=&scope=&government=&overdue=`) apply, so the board's
/// link downloads what the board shows, every page of it.
pub async fn actions(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(project_id): ApiPath<Uuid>,
    Form(raw): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kept = Kept::new(raw);
    let filter = ActionFilter::parse(RawActionFilter {
        phase: Some(kept.value("phase").to_owned()),
        scope: Some(kept.value("scope").to_owned()),
        government: Some(kept.value("government").to_owned()),
        overdue: Some(kept.value("overdue").to_owned()),
    })
    .map_err(AppError::Validation)?;
    let export = exports::actions(&state.db, &user.actor(), project_id, &filter).await?;
    let words = Words::of(&p);
    let body = csv::actions(&export, &words)?;
    words.check();
    Ok(attachment(&export.frame.dialogue.code, "actions", body))
}

pub async fn understandings(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(project_id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let export = exports::understandings(&state.db, &user.actor(), project_id).await?;
    let words = Words::of(&p);
    let body = csv::understandings(&export, &words)?;
    words.check();
    Ok(attachment(
        &export.frame.dialogue.code,
        "understandings",
        body,
    ))
}

pub async fn workshops(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(project_id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let export = exports::workshops(&state.db, &user.actor(), project_id).await?;
    let words = Words::of(&p);
    let body = csv::workshops(&export, &words)?;
    words.check();
    Ok(attachment(&export.frame.dialogue.code, "workshops", body))
}
