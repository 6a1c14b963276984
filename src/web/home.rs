//! `/`: the greeting, the ways to sign out, and what needs the reader's attention,
//! per role: a focal point's government's answers, a coordinator's next steps, and
//! for managers (admins and observers too) each running dialogue's phases with the
//! active phase's completion checklist. What is listed is the domain's rule
//! (`domain::attention`), loaded by `store::attention` in a fixed number of
//! statements; this module only words it and says where to act.
use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use uuid::Uuid;

use super::dates;
use super::page::{Page, render};
use super::phases::{ChecklistLine, checklist};
use super::resource::state_words;
use crate::auth::CurrentUser;
use crate::domain::attention::{WorkshopStep, home_lists};
use crate::domain::phase::PhaseState;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::attention::{
    self, ActionItem, CoordinatorAttention, DialogueOverview, FocalPointAttention, LIMIT, Listed,
};
use crate::store::entities::government;

/// One thing to do: what, why it is listed, and where to do it.
pub struct Item {
    pub href: String,
    pub title: String,
    pub why: String,
}

/// One list of the page, with its heading even when empty (then a friendly line).
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub items: Vec<Item>,
    pub more: bool,
}

pub struct PhaseLine {
    pub href: String,
    pub name: String,
    pub state: String,
    pub active: bool,
    pub progress: String,
    /// The active phase's completion checklist; empty for the others.
    pub checklist: Vec<ChecklistLine>,
}

pub struct DialogueBlock {
    pub href: String,
    pub name: String,
    pub state: String,
    pub phases: Vec<PhaseLine>,
}

#[derive(Template)]
#[template(path = "web/home.html")]
struct Home {
    p: Page,
    greeting: String,
    role: String,
    sections: Vec<Section>,
    /// The overview of the running dialogues (managers, admins, observers).
    dialogues: Option<Vec<DialogueBlock>>,
    dialogues_more: bool,
    more_line: String,
}

/// Anyone signed in; without a session the door sends the browser to sign in.
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let now = Utc::now();
    let mut sections = Vec::new();
    let mut dialogues = None;
    let mut dialogues_more = false;
    let lists = home_lists(actor.role, actor.government_id.is_some());
    if lists.own_government {
        let found = attention::for_focal_point(&state.db, &actor, now).await?;
        sections = focal_point_sections(&p, found);
    }
    if lists.organiser {
        let found = attention::for_coordinator(&state.db, &actor, now).await?;
        sections = coordinator_sections(&p, found);
    }
    if lists.overview {
        let overview = attention::overview(&state.db, &actor).await?;
        dialogues_more = overview.more;
        dialogues = Some(
            overview
                .items
                .iter()
                .map(|d| dialogue_block(&p, d))
                .collect(),
        );
    }
    let greeting = p.t1("home-greeting", "name", user.row.display_name.clone());
    let role = p.t1("home-role", "role", p.role_name());
    let more_line = p.t1("attention-more", "count", LIMIT);
    let page = Home {
        p,
        greeting,
        role,
        sections,
        dialogues,
        dialogues_more,
        more_line,
    };
    render(&page, &page.p.tr)
}

fn section<T>(
    p: &Page,
    id: &'static str,
    listed: Listed<T>,
    item: impl FnMut(T) -> Item,
) -> Section {
    Section {
        id,
        heading: p.t(&format!("attention-{id}")),
        more: listed.more,
        items: listed.items.into_iter().map(item).collect(),
    }
}

fn action_item(p: &Page, a: ActionItem, why_key: &str) -> Item {
    let day = dates::day(p, a.due_date);
    let state = state_words(p, "action", &a.state);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("day", day);
    args.set("state", state);
    Item {
        href: format!("/actions/{}", a.id),
        why: p.tr.format(why_key, &args),
        title: a.title,
    }
}

fn focal_point_sections(p: &Page, lists: FocalPointAttention) -> Vec<Section> {
    let FocalPointAttention {
        attendance,
        outcomes,
        positions,
        agreements,
        overdue,
    } = lists;
    vec![
        section(p, "attendance", attendance, |w| Item {
            href: format!("/workshops/{}#attendance-heading", w.id),
            why: p.t1(
                "attention-attendance-why",
                "day",
                dates::day(p, w.starts_at.date_naive()),
            ),
            title: w.title,
        }),
        section(p, "outcomes", outcomes, |w| Item {
            href: format!("/workshops/{}#outcomes-heading", w.id),
            why: p.t("attention-outcomes-why"),
            title: w.title,
        }),
        section(p, "positions", positions, |u| Item {
            href: format!("/understandings/{}#position-heading", u.id),
            why: p.t1("attention-positions-why", "revision", u.revision),
            title: u.title,
        }),
        section(p, "agreements", agreements, |a| {
            action_item(p, a, "attention-agreements-why")
        }),
        section(p, "overdue", overdue, |a| {
            action_item(p, a, "attention-overdue-why")
        }),
    ]
}

/// "Afghanistan, Pakistan": the governments a step waits for.
fn government_names(governments: &HashMap<Uuid, government::Model>, ids: &[Uuid]) -> String {
    ids.iter()
        .map(|id| super::names::name_of(governments, *id).name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn coordinator_sections(p: &Page, lists: CoordinatorAttention) -> Vec<Section> {
    let CoordinatorAttention {
        workshops,
        texts,
        blocked,
        overdue,
        governments,
    } = lists;
    let mut sections: Vec<Section> = workshops
        .into_iter()
        .map(|(step, listed)| {
            let id = match step {
                WorkshopStep::Schedule => "to-schedule",
                WorkshopStep::Hold => "to-hold",
                WorkshopStep::Conclude => "to-conclude",
            };
            section(p, id, listed, |item| {
                let day = dates::day(p, item.workshop.starts_at.date_naive());
                let missing = government_names(&governments, &item.missing);
                let why = match (step, missing.is_empty()) {
                    (WorkshopStep::Schedule, _) => p.t("attention-to-schedule-why"),
                    (WorkshopStep::Hold, true) => p.t1("attention-to-hold-ready", "day", day),
                    (WorkshopStep::Hold, false) => {
                        let mut args = fluent_bundle::FluentArgs::new();
                        args.set("day", day);
                        args.set("governments", missing);
                        p.tr.format("attention-to-hold-why", &args)
                    }
                    (WorkshopStep::Conclude, true) => p.t("attention-to-conclude-ready"),
                    (WorkshopStep::Conclude, false) => {
                        p.t1("attention-to-conclude-why", "governments", missing)
                    }
                };
                Item {
                    href: format!("/workshops/{}#transitions-heading", item.workshop.id),
                    title: item.workshop.title,
                    why,
                }
            })
        })
        .collect();
    sections.push(section(p, "texts", texts, |t| {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("revision", t.text.revision);
        args.set("governments", government_names(&governments, &t.missing));
        Item {
            href: format!("/understandings/{}#consensus-heading", t.text.id),
            why: p.tr.format("attention-texts-why", &args),
            title: t.text.title,
        }
    }));
    sections.push(section(p, "blocked", blocked, |a| {
        action_item(p, a, "attention-blocked-why")
    }));
    sections.push(section(p, "overdue-all", overdue, |a| {
        action_item(p, a, "attention-overdue-why")
    }));
    sections
}

fn dialogue_block(p: &Page, d: &DialogueOverview) -> DialogueBlock {
    let phases = d
        .phases
        .iter()
        .map(|view| {
            let active = view.row.state == PhaseState::Active.as_str();
            let f = &view.facts;
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("workshops", f.open_workshops);
            args.set("texts", f.open_understandings);
            args.set("adopted", f.adopted_understandings);
            args.set("actions", f.open_actions);
            PhaseLine {
                href: format!("/phases/{}", view.row.id),
                name: view.row.name.clone(),
                state: state_words(p, "phase", &view.row.state),
                active,
                progress: p.tr.format("attention-phase-progress", &args),
                checklist: if active {
                    checklist(p, view)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    DialogueBlock {
        href: format!("/dialogues/{}", d.project.id),
        name: format!("{} — {}", d.project.code, d.project.title),
        state: state_words(p, "project", &d.project.state),
        phases,
    }
}
