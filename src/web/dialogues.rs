//! `/dialogues` (what the reader may see), `/dialogues/new` (organisers), and
//! `/dialogues/{id}`: the dialogue, its phases as a stepper and a timeline, the
//! work per phase, its transitions, and the "add a phase" form. Every read and write
//! is the API's own: `projects::list`, `projects::create`, `runner::read`,
//! `create_child`, with the domain's command parsers.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use super::dates;
use super::flash::Flash;
use super::forms::{FormErrors, Kept, Shape};
use super::page::{Page, render, render_with_status};
use super::resource::{PageResource, state_words};
use super::timeline::Timeline;
use super::transitions::TransitionButtons;
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::commands::{self, RawPhase, RawProject};
use crate::domain::project::ProjectMachine;
use crate::domain::role::Organiser;
use crate::domain::transition::Availability;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::create::create_child;
use crate::store::entities::{government, phase};
use crate::store::phases::{self, PhaseWork};
use crate::store::projects::{self, ProjectView};
use crate::store::runner;
use crate::store::{PageRequest, governments};

impl PageResource for ProjectMachine {
    const BASE: &'static str = "/dialogues";
    fn title(view: &ProjectView) -> String {
        format!("{} — {}", view.row.code, view.row.title)
    }
    fn state(view: &ProjectView) -> &str {
        &view.row.state
    }
    fn version(view: &ProjectView) -> i32 {
        view.row.version
    }
    fn availability(view: &ProjectView) -> &[Availability] {
        &view.allowed_transitions
    }
}

// ---- the list ----

#[derive(Deserialize)]
pub struct ListQuery {
    cursor: Option<Uuid>,
}

struct ListItem {
    id: Uuid,
    code: String,
    title: String,
    state: String,
    progress: String,
}

#[derive(Template)]
#[template(path = "web/dialogues.html")]
struct ListPage {
    p: Page,
    items: Vec<ListItem>,
    next: Option<Uuid>,
    may_create: bool,
}

const PAGE_SIZE: u64 = 50;

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let request = PageRequest {
        after: query.cursor,
        limit: PAGE_SIZE,
    };
    let page = projects::list(&state.db, &actor, request).await?;
    let items = page
        .items
        .into_iter()
        .map(|v| ListItem {
            id: v.row.id,
            progress: p.t1("dialogue-phases-done", "done", v.progress.phases_completed)
                + &format!(" / {}", v.progress.phases_total),
            state: state_words(&p, "project", &v.row.state),
            code: v.row.code,
            title: v.row.title,
        })
        .collect();
    let page = ListPage {
        may_create: Organiser::check(actor).is_ok(),
        items,
        next: page.next_cursor,
        p,
    };
    render(&page, &page.p.tr)
}

// ---- a new dialogue ----

#[derive(Template)]
#[template(path = "web/dialogue_new.html")]
struct NewPage {
    p: Page,
    governments: Vec<government::Model>,
    kept: Kept,
    errors: FormErrors,
}

const PROJECT_FORM: [(&str, Shape); 5] = [
    ("code", Shape::Text),
    ("title", Shape::Text),
    ("summary", Shape::Text),
    ("budget_usd", Shape::Integer),
    ("government_ids", Shape::List),
];

pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
) -> Result<Response, AppError> {
    Organiser::check(user.actor())?;
    new_page(
        &state,
        p,
        Kept::default(),
        FormErrors::none(),
        StatusCode::OK,
    )
    .await
}

async fn new_page(
    state: &AppState,
    p: Page,
    kept: Kept,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = NewPage {
        governments: governments::all(&state.db).await?,
        p,
        kept,
        errors,
    };
    render_with_status(status, &page, &page.p.tr)
}

/// As `POST /api/v1/projects`: who may create first, then the parse (with the
/// governments' existence beside it), then the store.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let by = Organiser::check(user.actor())?;
    let kept = Kept::new(pairs);
    let parsed = match kept.parse::<RawProject>(&PROJECT_FORM) {
        Ok(raw) => {
            let mut errors = FieldErrors::default();
            governments::require_existing(
                &state.db,
                &raw.government_ids,
                &mut errors,
                "government_ids",
            )
            .await?;
            errors.and_parsed(commands::NewProject::parse(raw))
        }
        Err(errors) => Err(errors),
    };
    let created = match parsed {
        Ok(new) => projects::create(&state.db, &by, (&new).into()).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match created {
        Ok(view) => {
            let flash = Flash::notice(p.t("flash-dialogue-created"));
            let jar = with_flash(jar, &state, session, flash);
            Ok((jar, Redirect::to(&format!("/dialogues/{}", view.row.id))).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let shown = FormErrors::said(&p, &errors);
            new_page(&state, p, kept, shown, status).await
        }
        Err(other) => Err(other),
    }
}

pub fn with_flash(
    jar: CookieJar,
    state: &AppState,
    session: Option<Extension<Session>>,
    flash: Flash,
) -> CookieJar {
    match session {
        Some(Extension(session)) => jar.add(flash.cookie(state, &session)),
        None => jar,
    }
}

// ---- one dialogue ----

struct Step {
    id: Uuid,
    name: String,
    ordinal: i32,
    state: String,
    dates: String,
    current: bool,
    workshops: usize,
    understandings: usize,
    actions: usize,
}

#[derive(Template)]
#[template(path = "web/dialogue.html")]
struct DialoguePage {
    p: Page,
    id: Uuid,
    code: String,
    title: String,
    summary: String,
    budget: Option<String>,
    state: String,
    governments: Vec<government::Model>,
    steps: Vec<Step>,
    timeline: Timeline,
    transitions: TransitionButtons,
    may_add_phase: bool,
    next_ordinal: i32,
    kept: Kept,
    errors: FormErrors,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    dialogue_page(&state, &user, p, id, Kept::default(), FormErrors::none()).await
}

/// The phase a stepper marks as where the dialogue is: the active one, else the
/// first not yet closed.
fn current_phase(phases: &[phase::Model]) -> Option<Uuid> {
    phases
        .iter()
        .find(|ph| ph.state == "active")
        .or_else(|| phases.iter().find(|ph| ph.state == "planned"))
        .map(|ph| ph.id)
}

async fn dialogue_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    id: Uuid,
    kept: Kept,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let view = runner::read::<ProjectMachine, _>(&state.db, &actor, id).await?;
    let governments = governments::by_ids(&state.db, &view.government_ids).await?;
    let phase_ids: Vec<Uuid> = view.phases.iter().map(|ph| ph.id).collect();
    let work = phases::work_of(&state.db, &actor, &phase_ids).await?;
    let current = current_phase(&view.phases);
    let steps = view
        .phases
        .iter()
        .map(|ph| step(&p, ph, &work, current))
        .collect();
    let timeline = Timeline::draw(&p, &view.phases, &work.workshops);
    let transitions = TransitionButtons::new(
        &p,
        "project",
        &format!("/dialogues/{id}"),
        view.row.version,
        &view.allowed_transitions,
    );
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = DialoguePage {
        id,
        state: state_words(&p, "project", &view.row.state),
        budget: view.row.budget_usd.map(|b| {
            p.t1(
                "dialogue-budget-usd",
                "amount",
                p.lang.amount(&b.to_string()),
            )
        }),
        code: view.row.code,
        title: view.row.title,
        summary: view.row.summary,
        governments,
        steps,
        timeline,
        transitions,
        may_add_phase: Organiser::check(actor).is_ok(),
        next_ordinal: view.phases.iter().map(|ph| ph.ordinal).max().unwrap_or(0) + 1,
        kept,
        errors,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

fn step(p: &Page, ph: &phase::Model, work: &PhaseWork, current: Option<Uuid>) -> Step {
    Step {
        id: ph.id,
        name: ph.name.clone(),
        ordinal: ph.ordinal,
        state: state_words(p, "phase", &ph.state),
        dates: dates::span(p, ph.planned_start, ph.planned_end),
        current: current == Some(ph.id),
        workshops: work
            .workshops
            .iter()
            .filter(|w| w.phase_id == ph.id)
            .count(),
        understandings: work
            .understandings
            .iter()
            .filter(|u| u.phase_id == ph.id)
            .count(),
        actions: work.actions.iter().filter(|a| a.phase_id == ph.id).count(),
    }
}

// ---- adding a phase ----

const PHASE_FORM: [(&str, Shape); 4] = [
    ("name", Shape::Text),
    ("ordinal", Shape::Integer),
    ("planned_start", Shape::Optional),
    ("planned_end", Shape::Optional),
];

/// As `POST /api/v1/projects/{id}/phases`: the store's create skeleton asks sight,
/// then role, then this form's parse.
pub async fn add_phase(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    jar: CookieJar,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kept = Kept::new(pairs);
    let parse = || {
        kept.parse::<RawPhase>(&PHASE_FORM)
            .and_then(commands::NewPhase::parse)
            .map(|new| phases::NewPhase::from(&new))
    };
    match create_child(&state.db, &user.actor(), id, parse).await {
        Ok(view) => {
            let flash = Flash::notice(p.t1("flash-phase-added", "name", view.row.name.clone()));
            let jar = with_flash(jar, &state, session, flash);
            Ok((jar, Redirect::to(&format!("/dialogues/{id}"))).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let shown = FormErrors::said(&p, &errors);
            dialogue_page(&state, &user, p, id, kept, shown).await
        }
        Err(AppError::Refused {
            detail, refusal, ..
        }) => {
            let message = super::reasons::of_refused(&p, detail, refusal.as_deref());
            let jar = with_flash(jar, &state, session, Flash::error(message));
            Ok((jar, Redirect::to(&format!("/dialogues/{id}"))).into_response())
        }
        Err(other) => Err(other),
    }
}
