//! `/phases/{id}`: the phase's workshops, common understandings and actions, its
//! completion checklist (the domain's `completion_checklist`, the same list `check`
//! refuses `complete` from), and its transitions.
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

use super::dates;
use super::page::{Page, render};
use super::resource::{PageResource, state_words};
use super::transitions::TransitionButtons;
use crate::auth::CurrentUser;
use crate::domain::phase::{CompletionItem, PhaseMachine, completion_checklist};
use crate::domain::transition::Availability;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::phases::{self, PhaseView};
use crate::store::{projects, runner};

impl PageResource for PhaseMachine {
    const BASE: &'static str = "/phases";
    fn title(view: &PhaseView) -> String {
        view.row.name.clone()
    }
    fn state(view: &PhaseView) -> &str {
        &view.row.state
    }
    fn version(view: &PhaseView) -> i32 {
        view.row.version
    }
    fn availability(view: &PhaseView) -> &[Availability] {
        &view.allowed_transitions
    }
}

/// One item of the checklist as shown.
pub struct ChecklistLine {
    pub key: &'static str,
    pub label: String,
    pub met: bool,
    /// Why not, in the domain's words.
    pub reason: Option<String>,
    /// Where what blocks it is listed.
    pub link: Option<String>,
}

/// The checklist of a phase, for this page and for the home page.
pub fn checklist(p: &Page, view: &PhaseView) -> Vec<ChecklistLine> {
    let state = runner::state_of::<PhaseMachine>(&view.row).ok();
    let Some(state) = state else {
        return Vec::new();
    };
    let here = format!("/phases/{}", view.row.id);
    completion_checklist(state, &view.facts)
        .into_iter()
        .map(|checked| {
            let anchor = match checked.item {
                CompletionItem::Active => None,
                CompletionItem::WorkshopsClosed => Some("workshops"),
                CompletionItem::UnderstandingsSettled | CompletionItem::SomethingAdopted => {
                    Some("understandings")
                }
                CompletionItem::ActionsClosed => Some("actions"),
            };
            let key = checked.item.as_str();
            ChecklistLine {
                key,
                label: p.t(&format!("checklist-{key}")),
                met: checked.met.is_ok(),
                link: match (&checked.met, anchor) {
                    (Err(_), Some(anchor)) => Some(format!("{here}#{anchor}")),
                    _ => None,
                },
                reason: checked.met.err().map(|r| super::reasons::say(p, &r)),
            }
        })
        .collect()
}

pub struct WorkLine {
    pub href: String,
    pub title: String,
    pub state: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "web/phase.html")]
struct PhasePage {
    p: Page,
    /// Where the "new workshop" and "new common understanding" forms are.
    id: uuid::Uuid,
    /// Whether the reader may create in the phase (the domain's rule): the links show.
    may_organise: bool,
    name: String,
    state: String,
    dates: String,
    dialogue_href: String,
    dialogue: String,
    cancel_reason: Option<String>,
    checklist: Vec<ChecklistLine>,
    workshops: Vec<WorkLine>,
    understandings: Vec<WorkLine>,
    actions: Vec<WorkLine>,
    transitions: TransitionButtons,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let view = runner::read::<PhaseMachine, _>(&state.db, &actor, id).await?;
    let dialogue = projects::find_visible(&state.db, &actor, view.row.project_id).await?;
    let work = phases::work_of(&state.db, &actor, &[id]).await?;
    let line = |href: String, title: &str, machine: &str, st: &str, when: String| WorkLine {
        href,
        title: title.to_owned(),
        state: state_words(&p, machine, st),
        when,
    };
    let workshops = work
        .workshops
        .iter()
        .map(|w| {
            let when = dates::day(&p, w.starts_at.date_naive());
            line(
                format!("/workshops/{}", w.id),
                &w.title,
                "workshop",
                &w.state,
                when,
            )
        })
        .collect();
    let understandings = work
        .understandings
        .iter()
        .map(|u| {
            let href = format!("/understandings/{}", u.id);
            line(href, &u.title, "understanding", &u.state, String::new())
        })
        .collect();
    let actions = work
        .actions
        .iter()
        .map(|a| {
            let when = dates::day(&p, a.due_date);
            let href = format!("/actions/{}", a.id);
            line(href, &a.title, "action", &a.state, when)
        })
        .collect();
    let transitions = TransitionButtons::new(
        &p,
        "phase",
        &format!("/phases/{id}"),
        view.row.version,
        &view.allowed_transitions,
    );
    let page = PhasePage {
        id: view.row.id,
        may_organise: user.role.may_organise(),
        name: view.row.name.clone(),
        state: state_words(&p, "phase", &view.row.state),
        dates: dates::span(&p, view.row.planned_start, view.row.planned_end),
        dialogue_href: format!("/dialogues/{}", dialogue.id),
        dialogue: format!("{} — {}", dialogue.code, dialogue.title),
        cancel_reason: view.row.cancel_reason.clone(),
        checklist: checklist(&p, &view),
        workshops,
        understandings,
        actions,
        transitions,
        p,
    };
    render(&page, &page.p.tr)
}
