//! `POST /{resource}/{id}/transitions` for every machine's page, written once and
//! calling exactly what the API's handler calls (`M::parse_request`, then
//! `store::runner::transition`).
//!
//! - Done: 303 to the entity's page, with "Done. It is now …" as the flash.
//! - Refused (422, the domain's rule) or a field refused: 303 to the entity's page
//!   with the domain's reason sentence as the flash error; the page then shows the
//!   state as it is, with the buttons and their reasons.
//! - Stale version (409): the conflict page, status 409, with the entity as it is
//!   now, its transitions for the current version, and what the person typed kept
//!   in the field of the button they pressed.
use askama::Template;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use super::flash::Flash;
use super::page::{Page, render};
use super::transitions::{InputField, TransitionButtons};
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::transition::{Availability, TransitionInput};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::runner::{self, Stored};

/// What the generic handler needs of a machine's view to redirect and draw the
/// conflict page.
pub trait PageResource: Stored {
    /// The pages' path prefix, e.g. `/phases`; the entity's page is `{BASE}/{id}`.
    const BASE: &'static str;
    fn title(view: &Self::View) -> String;
    fn state(view: &Self::View) -> &str;
    fn version(view: &Self::View) -> i32;
    fn availability(view: &Self::View) -> &[Availability];
}

/// The transition route of machine `M`'s pages.
pub fn routes<M: PageResource>() -> Router<AppState> {
    Router::new().route(
        &format!("{}/{{id}}/transitions", M::BASE),
        post(transition::<M>),
    )
}

#[derive(Deserialize)]
pub struct TransitionForm {
    transition: String,
    version: String,
    reason: Option<String>,
    note: Option<String>,
    override_reason: Option<String>,
}

impl TransitionForm {
    /// An empty box is no text at all (the domain says when one is required).
    fn input(&self) -> TransitionInput {
        let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        TransitionInput {
            reason: given(&self.reason),
            note: given(&self.note),
            override_reason: given(&self.override_reason),
            ..TransitionInput::default()
        }
    }

    /// What the person typed in the box of the button they pressed.
    fn typed(&self) -> &str {
        [&self.reason, &self.note, &self.override_reason]
            .into_iter()
            .find_map(|v| v.as_deref().filter(|s| !s.is_empty()))
            .unwrap_or_default()
    }
}

/// The state's name in the reader's words.
pub fn state_words(p: &Page, machine: &str, state: &str) -> String {
    p.t(&format!("state-{machine}-{state}"))
}

async fn transition<M: PageResource>(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Path(id): Path<Uuid>,
    Form(form): Form<TransitionForm>,
) -> Result<Response, AppError> {
    let machine = M::MACHINE.as_str();
    let page_path = format!("{}/{id}", M::BASE);
    let version: i32 = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("version", "must be a whole number"))?;
    let request = M::parse_request(&form.transition).map_err(AppError::Validation)?;
    let actor = user.actor();
    let input = form.input();
    let outcome = runner::transition::<M>(&state.db, &actor, id, request, version, &input);
    let flash = match outcome.await {
        Ok(view) => {
            let now = state_words(&p, machine, M::state(&view));
            Flash::notice(p.t1("flash-transition-done", "state", now))
        }
        Err(AppError::Refused {
            detail, refusal, ..
        }) => Flash::error(super::reasons::of_refused(&p, detail, refusal.as_deref())),
        Err(AppError::Validation(errors)) => Flash::error(
            super::forms::FormErrors::said(&p, &errors)
                .lines()
                .into_iter()
                .map(|line| format!("{}: {}", line.field, line.message))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Err(AppError::Conflict { .. }) => {
            let current = runner::read::<M, _>(&state.db, &actor, id).await?;
            return conflict::<M>(p, &page_path, &current, &form);
        }
        Err(other) => return Err(other),
    };
    let jar = match session {
        Some(Extension(session)) => jar.add(flash.cookie(&state, &session)),
        None => jar,
    };
    Ok((jar, Redirect::to(&page_path)).into_response())
}

#[derive(Template)]
#[template(path = "web/conflict.html")]
struct ConflictPage {
    p: Page,
    title: String,
    state_now: String,
    tried: String,
    back: String,
    transitions: TransitionButtons,
}

fn conflict<M: PageResource>(
    p: Page,
    page_path: &str,
    current: &M::View,
    form: &TransitionForm,
) -> Result<Response, AppError> {
    let machine = M::MACHINE.as_str();
    let state_now = p.t1(
        "conflict-state",
        "state",
        state_words(&p, machine, M::state(current)),
    );
    let tried = p.t1(
        "conflict-tried",
        "transition",
        p.t(&format!("transition-{machine}-{}", form.transition)),
    );
    let mut transitions = TransitionButtons::new(
        &p,
        machine,
        page_path,
        M::version(current),
        M::availability(current),
    );
    // The typed text goes back in the box of the button pressed, if it has one.
    if InputField::of(machine, &form.transition).is_some() {
        transitions = transitions.keep(&form.transition, form.typed());
    }
    let page = ConflictPage {
        title: M::title(current),
        state_now,
        tried,
        back: page_path.to_owned(),
        transitions,
        p,
    };
    let mut response = render(&page, &page.p.tr)?;
    *response.status_mut() = StatusCode::CONFLICT;
    Ok(response)
}
