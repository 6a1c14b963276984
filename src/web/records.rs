//! The record pages: an entity's history (`/{dialogues|phases|workshops|understandings|
//! actions}/{id}/history`), a dialogue's whole history (`/dialogues/{id}/history/all`),
//! both newest first with an "older" link, and the printable Framework of common
//! understandings (`/dialogues/{id}/framework`). Who may read what is asked of the
//! same visibility rules as the API's history (`runner::find_visible`, and for a
//! dialogue's history the actions' own rule inside the store's query); verifying
//! the chains is `Role::may_audit`'s.
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;
use serde::Deserialize;
use uuid::Uuid;

use super::dates;
use super::names::{GovernmentName, name_of};
use super::page::{Page, render};
use super::resource::state_words;
use crate::api::extract::ApiPath;
use crate::auth::CurrentUser;
use crate::domain::action::ActionMachine;
use crate::domain::machine::StateMachine;
use crate::domain::named::Named;
use crate::domain::phase::PhaseMachine;
use crate::domain::project::ProjectMachine;
use crate::domain::understanding::UnderstandingMachine;
use crate::domain::workshop::WorkshopMachine;
use crate::error::AppError;
use crate::present::calendar;
use crate::present::when::zone;
use crate::state::AppState;
use crate::store::entities::event;
use crate::store::records::{self, EventPage, Older};
use crate::store::runner::{self, Stored};
use crate::store::{history, names, projects};

/// Events per page: a page stays light however long the history grows.
const PAGE_SIZE: u64 = 50;

/// What happened that is not one of a machine's requestable transitions: creations,
/// records of attendance, outcomes, positions, agreements, progress, text edits, the
/// adoption the last endorsement makes, and a dialogue's IATI reporting fields set.
/// Each has a `records-what-*` key.
pub const FACTS: [&str; 9] = [
    "create",
    "edit",
    "attendance",
    "outcome",
    "position",
    "agreement",
    "progress",
    "adopt",
    "reporting",
];

/// The entity kinds whose events a dialogue's history holds, each with a key
/// `records-kind-*`.
pub const KINDS: [&str; 5] = ["project", "phase", "workshop", "understanding", "action"];

/// A machine whose history has a page: where its own page is, and its name there.
pub trait Recorded: Stored {
    /// The pages' prefix, e.g. `/workshops`.
    const BASE: &'static str;
    fn title(row: &Self::Row) -> String;
}

impl Recorded for ProjectMachine {
    const BASE: &'static str = "/dialogues";
    fn title(row: &Self::Row) -> String {
        format!("{} — {}", row.code, row.title)
    }
}

impl Recorded for PhaseMachine {
    const BASE: &'static str = "/phases";
    fn title(row: &Self::Row) -> String {
        row.name.clone()
    }
}

impl Recorded for WorkshopMachine {
    const BASE: &'static str = "/workshops";
    fn title(row: &Self::Row) -> String {
        row.title.clone()
    }
}

impl Recorded for UnderstandingMachine {
    const BASE: &'static str = "/understandings";
    fn title(row: &Self::Row) -> String {
        row.title.clone()
    }
}

impl Recorded for ActionMachine {
    const BASE: &'static str = "/actions";
    fn title(row: &Self::Row) -> String {
        row.title.clone()
    }
}

#[derive(Deserialize)]
pub struct OlderQuery {
    before: Option<String>,
}

impl OlderQuery {
    /// The page asked for; a cursor that is not an event number is the reader's
    /// mistake (422 naming it), not a 500.
    fn page(&self) -> Result<Older, AppError> {
        let before =
            match self.before.as_deref() {
                None | Some("") => None,
                Some(text) => Some(text.parse::<i64>().map_err(|_| {
                    AppError::invalid("before", "must be the cursor of an older page")
                })?),
            };
        Ok(Older {
            before,
            limit: PAGE_SIZE,
        })
    }
}

/// One event as the history table shows it.
pub struct Line {
    pub when: String,
    pub who: String,
    /// What kind of thing it happened to, on a dialogue's whole history.
    pub kind: String,
    /// The thing it happened to, with its page when it has one.
    pub subject: String,
    pub subject_href: String,
    pub what: String,
    /// "draft → proposed", when the state changed.
    pub change: String,
    /// The reason or note given.
    pub note: String,
    pub event_id: Uuid,
}

/// The admin's badge: the whole audit, as `concord audit verify` reports it.
pub struct Badge {
    pub ok: bool,
    pub text: String,
}

#[derive(Template)]
#[template(path = "web/history.html")]
struct HistoryPage {
    p: Page,
    heading: String,
    back_href: String,
    back: String,
    /// Whether lines name what they are about (a dialogue's whole history).
    whole: bool,
    lines: Vec<Line>,
    older_href: Option<String>,
    newest_href: Option<String>,
    badge: Option<Badge>,
    /// Links between the dialogue's own and its whole history.
    other_href: Option<String>,
    other: String,
}

fn transition_words<M: StateMachine>(p: &Page, transition: &str) -> Option<String> {
    let kind = M::MACHINE.as_str();
    M::REQUESTABLE
        .iter()
        .any(|t| t.name() == transition)
        .then(|| p.t(&format!("transition-{kind}-{transition}")))
}

/// The transition in the reader's words: a machine's transition by its button's
/// words, a recorded fact by its own, anything else by its stored name.
fn what_words(p: &Page, kind: &str, transition: &str) -> String {
    if FACTS.contains(&transition) {
        return p.t(&format!("records-what-{transition}"));
    }
    let known = match kind {
        "project" => transition_words::<ProjectMachine>(p, transition),
        "phase" => transition_words::<PhaseMachine>(p, transition),
        "workshop" => transition_words::<WorkshopMachine>(p, transition),
        "understanding" => transition_words::<UnderstandingMachine>(p, transition),
        "action" => transition_words::<ActionMachine>(p, transition),
        _ => None,
    };
    known.unwrap_or_else(|| transition.to_owned())
}

/// The reason given, or the note a fact or a completion carries in its data.
fn note_of(e: &event::Model) -> String {
    if let Some(reason) = &e.reason {
        return reason.clone();
    }
    let data: serde_json::Value = serde_json::from_str(&e.data).unwrap_or_default();
    ["note", "override_reason", "reason"]
        .iter()
        .find_map(|field| data[field].as_str().map(str::to_owned))
        .unwrap_or_default()
}

struct Subjects {
    titles: HashMap<Uuid, String>,
}

fn lines(
    p: &Page,
    events: &[event::Model],
    people: &HashMap<Uuid, String>,
    subjects: Option<&Subjects>,
    reader: Tz,
) -> Vec<Line> {
    events
        .iter()
        .map(|e| {
            let kind = e.entity_kind.as_str();
            let change = match (&e.from_state, &e.to_state) {
                (Some(from), Some(to)) if from != to => {
                    let mut args = FluentArgs::new();
                    args.set("from", state_words(p, kind, from));
                    args.set("to", state_words(p, kind, to));
                    // The arrow points the way the language reads.
                    p.tr.format("records-change", &args)
                }
                (None, Some(to)) => state_words(p, kind, to),
                _ => String::new(),
            };
            let (kind_words, subject, subject_href) = match subjects {
                Some(s) => (
                    if KINDS.contains(&kind) {
                        p.t(&format!("records-kind-{kind}"))
                    } else {
                        kind.to_owned()
                    },
                    s.titles.get(&e.entity_id).cloned().unwrap_or_default(),
                    subject_href(kind, e.entity_id),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            Line {
                when: calendar::moment(&p.tr, e.at, reader),
                who: e
                    .actor_id
                    .and_then(|id| people.get(&id).cloned())
                    .unwrap_or_else(|| p.t("records-nobody")),
                kind: kind_words,
                subject,
                subject_href,
                what: what_words(p, kind, &e.transition),
                change,
                note: note_of(e),
                event_id: e.id,
            }
        })
        .collect()
}

/// The page of the thing an event of a dialogue is about ("" for no page yet).
fn subject_href(kind: &str, id: Uuid) -> String {
    match kind {
        "project" => format!("/dialogues/{id}"),
        "phase" => format!("/phases/{id}"),
        "workshop" => format!("/workshops/{id}"),
        "understanding" => format!("/understandings/{id}"),
        _ => String::new(),
    }
}

async fn people_of(
    state: &AppState,
    events: &[event::Model],
) -> Result<HashMap<Uuid, String>, AppError> {
    let mut ids: Vec<Uuid> = events.iter().filter_map(|e| e.actor_id).collect();
    ids.sort_unstable();
    ids.dedup();
    names::people(&state.db, &ids).await
}

fn paging(base: &str, page: &EventPage, first: bool) -> (Option<String>, Option<String>) {
    let older = page.older.map(|seq| format!("{base}?before={seq}"));
    let newest = (!first).then(|| base.to_owned());
    (older, newest)
}

/// `GET {BASE}/{id}/history`: one entity's history, newest first.
pub async fn entity<M: Recorded>(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Query(query): Query<OlderQuery>,
) -> Result<Response, AppError> {
    let row = runner::find_visible::<M, _>(&state.db, &user.actor(), id).await?;
    let older = query.page()?;
    let kind = M::MACHINE.as_str();
    let page = records::entity_history(&state.db, kind, id, older).await?;
    let people = people_of(&state, &page.items).await?;
    let title = M::title(&row);
    let base = format!("{}/{id}/history", M::BASE);
    let (older_href, newest_href) = paging(&base, &page, older.before.is_none());
    let is_dialogue = kind == ProjectMachine::MACHINE.as_str();
    let page = HistoryPage {
        heading: p.t1("records-history-of", "name", title.clone()),
        back_href: format!("{}/{id}", M::BASE),
        back: title,
        whole: false,
        lines: lines(&p, &page.items, &people, None, zone(&user.row.time_zone)),
        older_href,
        newest_href,
        badge: None,
        other_href: is_dialogue.then(|| format!("/dialogues/{id}/history/all")),
        other: p.t("records-whole-history"),
        p,
    };
    render(&page, &page.p.tr)
}

/// `GET /dialogues/{id}/history/all`: every event of the dialogue and of what it
/// holds that the reader may see, newest first; for admins, the audit's badge.
pub async fn dialogue(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Query(query): Query<OlderQuery>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    let row = projects::find_visible(&state.db, &actor, id).await?;
    let older = query.page()?;
    let page = records::dialogue_history(&state.db, &actor, id, older).await?;
    let people = people_of(&state, &page.items).await?;
    let titles = records::titles(&state.db, &page.items).await?;
    let subjects = Subjects { titles };
    // Verify walks every chain: only for those who may audit, and only here.
    let report = if user.role.may_audit() {
        Some(history::verify(&state.db).await?)
    } else {
        None
    };
    let badge = report.map(|report| badge(&p, &report));
    let title = ProjectMachine::title(&row);
    let base = format!("/dialogues/{id}/history/all");
    let (older_href, newest_href) = paging(&base, &page, older.before.is_none());
    let page = HistoryPage {
        heading: p.t1("records-whole-history-of", "name", title.clone()),
        back_href: format!("/dialogues/{id}"),
        back: title,
        whole: true,
        lines: lines(
            &p,
            &page.items,
            &people,
            Some(&subjects),
            zone(&user.row.time_zone),
        ),
        older_href,
        newest_href,
        badge,
        other_href: Some(format!("/dialogues/{id}/history")),
        other: p.t("records-own-history"),
        p,
    };
    render(&page, &page.p.tr)
}

fn badge(p: &Page, report: &history::VerifyReport) -> Badge {
    if report.ok {
        return Badge {
            ok: true,
            text: p.t1("records-chain-verified", "count", report.events_checked),
        };
    }
    let problem = report
        .problem
        .and_then(|problem| serde_json::to_value(problem).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let at = report
        .first_bad_event
        .map(|id| id.to_string())
        .or_else(|| {
            report
                .bad_entity
                .as_ref()
                .map(|e| format!("{} {}", e.kind, e.id))
        })
        .unwrap_or_default();
    Badge {
        ok: false,
        text: p.t1(
            "records-chain-broken",
            "what",
            format!("{problem} {at}").trim().to_owned(),
        ),
    }
}

/// One adopted text as the Framework prints it.
pub struct FrameworkText {
    pub number: usize,
    pub id: Uuid,
    pub title: String,
    pub text: String,
    pub revision: i32,
    pub adopted: String,
    pub governments: Vec<GovernmentName>,
    pub sha256: String,
    pub event_id: String,
    pub event_hash: String,
}

#[derive(Template)]
#[template(path = "web/framework.html")]
struct FrameworkPage {
    p: Page,
    id: Uuid,
    code: String,
    title: String,
    texts: Vec<FrameworkText>,
}

/// `GET /dialogues/{id}/framework`: the adopted texts, each with the hashes that tie
/// a printed copy to the audit chain.
pub async fn framework(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let row = projects::find_visible(&state.db, &user.actor(), id).await?;
    let adopted = records::framework(&state.db, id).await?;
    let mut government_ids: Vec<Uuid> = adopted
        .iter()
        .flat_map(|t| t.endorsed_by.iter().copied())
        .collect();
    government_ids.sort_unstable();
    government_ids.dedup();
    let governments = names::governments(&state.db, &government_ids).await?;
    let reader = zone(&user.row.time_zone);
    let texts = adopted
        .into_iter()
        .enumerate()
        .map(|(n, t)| {
            let mut named: Vec<GovernmentName> = t
                .endorsed_by
                .iter()
                .map(|g| name_of(&governments, *g))
                .collect();
            named.sort_by(|a, b| a.code.cmp(&b.code));
            FrameworkText {
                number: n + 1,
                id: t.id,
                title: t.title,
                text: t.text,
                revision: t.revision,
                adopted: t.adoption.as_ref().map_or_else(
                    || p.t("date-unset"),
                    |a| dates::day(&p, a.at.with_timezone(&reader).date_naive()),
                ),
                governments: named,
                sha256: t.text_sha256,
                event_id: t
                    .adoption
                    .as_ref()
                    .map_or_else(String::new, |a| a.event_id.to_string()),
                event_hash: t
                    .adoption
                    .as_ref()
                    .map_or_else(String::new, |a| a.event_hash.clone()),
            }
        })
        .collect();
    let page = FrameworkPage {
        id,
        code: row.code,
        title: row.title,
        texts,
        p,
    };
    render(&page, &page.p.tr)
}
