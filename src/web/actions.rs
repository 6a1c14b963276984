//! Follow-up action pages: the board of a dialogue's actions
//! (`/dialogues/{id}/actions`, filtered by a plain GET form and paged by the API's
//! keyset), the action's page (`/actions/{id}`: agreements, progress notes, due date,
//! transitions) and the new-action form (`/phases/{id}/actions/new`). Every read and
//! write is the store call of the API's handler, after the same command parser; who
//! may agree or report is asked of the domain's own checks.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::dates;
use super::flash::{Flash, see};
use super::forms::{FormErrors, Kept, Shape, Trouble};
use super::names::{GovernmentName, name_of};
use super::page::{Page, render, render_with_status};
use super::resource::{PageResource, state_words};
use super::transitions::TransitionButtons;
use crate::api::extract::ApiPath;
use crate::api::pagination::PageQuery;
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::action::{ActionMachine, ActionState, Scope, check_agreement, check_progress};
use crate::domain::commands;
use crate::domain::transition::Availability;
use crate::error::AppError;
use crate::present::calendar;
use crate::present::when::zone;
use crate::state::AppState;
use crate::store::actions::{ActionView, Progress};

/// The fields of the new-action form, as the API's body names them.
const NEW_ACTION: [(&str, Shape); 6] = [
    ("title", Shape::Text),
    ("description", Shape::Text),
    ("scope", Shape::Text),
    ("government_ids", Shape::List),
    ("due_date", Shape::Optional),
    ("owner_id", Shape::Optional),
];

/// The action's transition buttons post to the pages' one transition handler.
impl PageResource for ActionMachine {
    const BASE: &'static str = "/actions";
    fn title(view: &ActionView) -> String {
        view.row.title.clone()
    }
    fn state(view: &ActionView) -> &str {
        &view.row.state
    }
    fn version(view: &ActionView) -> i32 {
        view.row.version
    }
    fn availability(view: &ActionView) -> &[Availability] {
        &view.allowed_transitions
    }
}

/// One choice of a select or radio group.
struct Choice {
    value: String,
    label: String,
    chosen: bool,
}

// ---------------------------------------------------------------------------------
// The board

struct Card {
    href: String,
    title: String,
    scope: String,
    due: String,
    overdue: bool,
    governments: Vec<String>,
}

/// The cards of one state, on this page.
struct Column {
    state: &'static str,
    label: String,
    cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "web/actions_board.html")]
struct BoardPage {
    p: Page,
    dialogue_id: Uuid,
    dialogue: String,
    phases: Vec<Choice>,
    scopes: Vec<Choice>,
    governments: Vec<Choice>,
    overdue: bool,
    errors: FormErrors,
    columns: Vec<Column>,
    /// Whether this page holds no action at all.
    empty: bool,
    next: Option<String>,
    first: Option<String>,
    /// The CSV download of every action these filters keep, not only this page's.
    csv: String,
}

/// `/dialogues/{id}/actions?phase=&scope=&government=&overdue=&cursor=`: a page of
/// the actions the reader may see that the filters keep, by state.
pub async fn board(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(project_id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
    Form(raw): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let dialogue = calls::dialogue(&state, &user, project_id).await?;
    let kept = Kept::new(raw);
    let raw_filter = commands::RawActionFilter {
        phase: Some(kept.value("phase").to_owned()),
        scope: Some(kept.value("scope").to_owned()),
        government: Some(kept.value("government").to_owned()),
        overdue: Some(kept.value("overdue").to_owned()),
    };
    let parsed = commands::ActionFilter::parse(raw_filter);
    let (filter, errors) = match &parsed {
        Ok(filter) => (Some(*filter), FormErrors::none()),
        Err(errors) => (None, FormErrors::said(&p, errors)),
    };
    let found = match filter {
        Some(filter) => Some(calls::list(&state, &user, project_id, &filter, page).await?),
        None => None,
    };
    let government_ids = dialogue.government_ids.clone();
    let names = calls::governments(&state, &government_ids).await?;

    let any = p.t("actions-filter-any");
    // Marked as chosen below, from what the form sent.
    let choice = |value: String, label: String| Choice {
        chosen: false,
        value,
        label,
    };
    let mut phases = vec![choice(String::new(), any.clone())];
    phases.extend(
        dialogue
            .phases
            .iter()
            .map(|ph| choice(ph.id.to_string(), ph.name.clone())),
    );
    let mut scopes = vec![choice(String::new(), any.clone())];
    scopes.extend(
        Scope::ALL
            .iter()
            .map(|s| choice(s.as_str().to_owned(), p.t(&format!("scope-{}", s.as_str())))),
    );
    let mut named: Vec<GovernmentName> =
        government_ids.iter().map(|g| name_of(&names, *g)).collect();
    named.sort_by(|a, b| a.code.cmp(&b.code));
    let mut governments = vec![choice(String::new(), any)];
    governments.extend(
        named
            .iter()
            .map(|g| choice(g.id.to_string(), format!("{} — {}", g.code, g.name))),
    );
    // Each select shows what was chosen under its own field name.
    mark(&mut phases, kept.value("phase"));
    mark(&mut scopes, kept.value("scope"));
    mark(&mut governments, kept.value("government"));

    let (items, next_cursor) = match found {
        Some(page) => (page.items, page.next_cursor),
        None => (Vec::new(), None),
    };
    let empty = items.is_empty();
    let mut columns: Vec<Column> = ActionState::ALL
        .iter()
        .map(|s| Column {
            state: s.as_str(),
            label: state_words(&p, "action", s.as_str()),
            cards: Vec::new(),
        })
        .collect();
    for view in items {
        let card = Card {
            href: format!("/actions/{}", view.row.id),
            title: view.row.title.clone(),
            scope: p.t(&format!("scope-{}", view.row.scope)),
            due: dates::day(&p, view.row.due_date),
            overdue: view.overdue,
            governments: view
                .agreements
                .iter()
                .map(|a| name_of(&names, a.government_id).code)
                .collect(),
        };
        if let Some(column) = columns.iter_mut().find(|c| c.state == view.row.state) {
            column.cards.push(card);
        }
    }
    columns.retain(|c| !c.cards.is_empty());

    let query = |base: &str, cursor: Option<Uuid>| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for field in ["phase", "scope", "government", "overdue"] {
            let value = kept.value(field);
            if !value.is_empty() {
                q.append_pair(field, value);
            }
        }
        if let Some(cursor) = cursor {
            q.append_pair("cursor", &cursor.to_string());
        }
        let q = q.finish();
        if q.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{q}")
        }
    };
    let base = format!("/dialogues/{project_id}/actions");
    let next = next_cursor.map(|c| query(&base, Some(c)));
    let first = page.after.map(|_| query(&base, None));
    let csv = query(&format!("{base}.csv"), None);
    let status = if errors.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = BoardPage {
        dialogue_id: project_id,
        dialogue: format!("{} — {}", dialogue.row.code, dialogue.row.title),
        phases,
        scopes,
        governments,
        overdue: kept.value("overdue") == "true",
        errors,
        columns,
        empty,
        next,
        first,
        csv,
        p,
    };
    render_with_status(status, &page, &page.p.tr)
}

fn mark(choices: &mut [Choice], chosen: &str) {
    for c in choices.iter_mut() {
        c.chosen = c.value == chosen.trim();
    }
}

// ---------------------------------------------------------------------------------
// New action

struct Party {
    government: GovernmentName,
    checked: bool,
}

#[derive(Template)]
#[template(path = "web/action_new.html")]
struct NewActionPage {
    p: Page,
    phase_id: Uuid,
    scopes: Vec<Choice>,
    parties: Vec<Party>,
    form: Kept,
    errors: FormErrors,
}

impl NewActionPage {
    fn new(p: Page, phase_id: Uuid, governments: Vec<GovernmentName>, form: Kept) -> Self {
        let chosen = match form.value("scope") {
            "" => Scope::Collective.as_str(),
            other => other,
        };
        let scopes = Scope::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: p.t(&format!("scope-{}", s.as_str())),
                chosen: s.as_str() == chosen,
            })
            .collect();
        let parties = governments
            .into_iter()
            .map(|government| Party {
                checked: form.has("government_ids", &government.id.to_string()),
                government,
            })
            .collect();
        Self {
            p,
            phase_id,
            scopes,
            parties,
            form,
            errors: FormErrors::none(),
        }
    }
}

/// The form, for those who may organise the dialogue the phase belongs to.
pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(phase_id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let governments = calls::dialogue_governments(&state, &user, phase_id).await?;
    if !user.role.may_organise() {
        return Err(AppError::Forbidden);
    }
    let page = NewActionPage::new(p, phase_id, governments, Kept::default());
    render(&page, &page.p.tr)
}

/// Creates the action as `POST /api/v1/phases/{id}/actions` does.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(phase_id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let parsed = form
        .parse::<commands::RawAction>(&NEW_ACTION)
        .and_then(commands::NewAction::parse);
    let parse = || parsed.map(|new| crate::store::actions::NewAction::from(&new));
    match calls::create(&state, &user, phase_id, parse).await {
        Ok(view) => {
            let flash = Flash::notice(p.t("action-created"));
            Ok(see(
                &state,
                &session,
                &format!("/actions/{}", view.row.id),
                flash,
            ))
        }
        Err(AppError::Validation(errors)) => {
            let governments = calls::dialogue_governments(&state, &user, phase_id).await?;
            let shown = FormErrors::said(&p, &errors);
            let mut page = NewActionPage::new(p, phase_id, governments, form);
            page.errors = shown;
            let mut response = render(&page, &page.p.tr)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

// ---------------------------------------------------------------------------------
// The action page

struct AgreementRow {
    government: GovernmentName,
    agreed: bool,
    who: Option<String>,
    when: Option<String>,
    /// The reader may record this government's agreement now.
    may_agree: bool,
    /// The reader speaks for this government but may not agree now: why.
    why_not: Option<String>,
}

struct Note {
    text: String,
    by: String,
}

struct ProgressForm {
    allowed: bool,
    why_not: Option<String>,
    note: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "web/action.html")]
struct ActionPage {
    p: Page,
    id: Uuid,
    title: String,
    description: String,
    state: String,
    state_label: String,
    scope: String,
    phase_href: String,
    phase: String,
    dialogue_href: String,
    board_href: String,
    dialogue: String,
    due: String,
    overdue: bool,
    completion_note: Option<String>,
    reason: Option<String>,
    agreements: Vec<AgreementRow>,
    notes: Vec<Note>,
    progress: ProgressForm,
    transitions: TransitionButtons,
    trouble: Option<Trouble>,
}

/// What a refused form leaves to show again.
#[derive(Default)]
struct Again {
    trouble: Option<Trouble>,
    note: Option<(String, FormErrors)>,
}

async fn action_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    view: ActionView,
    again: Again,
) -> Result<ActionPage, AppError> {
    let actor = user.actor();
    let row = &view.row;
    let reader_tz = zone(&user.row.time_zone);
    let action_state = calls::state_of(row)?;
    let phase = calls::phase(state, user, row.phase_id).await?;
    let dialogue = calls::dialogue_row(state, user, row.project_id).await?;
    let governments = calls::governments(state, &view.government_ids()).await?;
    let notes = match &view.progress {
        Progress::All(notes) => notes.clone(),
        Progress::Summary { last, .. } => last.iter().cloned().collect(),
    };
    let mut people: Vec<Uuid> = view.agreements.iter().filter_map(|a| a.agreed_by).collect();
    people.extend(notes.iter().map(|n| n.author_id));
    let people = calls::people(state, &people).await?;

    let mut agreements: Vec<AgreementRow> = view
        .agreements
        .iter()
        .map(|a| {
            let may = check_agreement(action_state, &actor, a.government_id, true);
            AgreementRow {
                government: name_of(&governments, a.government_id),
                agreed: a.agreed,
                who: a.agreed_by.and_then(|id| people.get(&id).cloned()),
                when: a.agreed_at.map(|at| calendar::moment(&p.tr, at, reader_tz)),
                may_agree: may.is_ok() && !a.agreed,
                why_not: match may {
                    Err(refusal) if actor.speaks_for(a.government_id) && !a.agreed => {
                        Some(refusal.reason())
                    }
                    _ => None,
                },
            }
        })
        .collect();
    agreements.sort_by(|a, b| a.government.code.cmp(&b.government.code));

    // Newest first, as a log is read.
    let notes = notes
        .iter()
        .rev()
        .map(|n| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set(
                "name",
                people.get(&n.author_id).cloned().unwrap_or_default(),
            );
            args.set("when", calendar::moment(&p.tr, n.created_at, reader_tz));
            Note {
                text: n.note.clone(),
                by: p.tr.format("action-note-by", &args),
            }
        })
        .collect();

    let may_report = check_progress(action_state, &view.facts, &actor);
    let (note, errors) = again.note.unwrap_or_default();
    let progress = ProgressForm {
        allowed: may_report.is_ok(),
        why_not: may_report.err().map(|r| r.reason()),
        note,
        errors,
    };

    let path = format!("/actions/{}", row.id);
    let transitions =
        TransitionButtons::new(&p, "action", &path, row.version, &view.allowed_transitions);
    Ok(ActionPage {
        id: row.id,
        title: row.title.clone(),
        description: row.description.clone(),
        state: row.state.clone(),
        state_label: state_words(&p, "action", &row.state),
        scope: p.t(&format!("scope-{}", row.scope)),
        phase_href: format!("/phases/{}", phase.id),
        phase: phase.name.clone(),
        dialogue_href: format!("/dialogues/{}", dialogue.id),
        board_href: format!("/dialogues/{}/actions", dialogue.id),
        dialogue: format!("{} — {}", dialogue.code, dialogue.title),
        due: dates::day(&p, row.due_date),
        overdue: view.overdue,
        completion_note: row.completion_note.clone(),
        reason: row.reason.clone(),
        agreements,
        notes,
        progress,
        transitions,
        trouble: again.trouble,
        p,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let view = calls::read(&state, &user, id).await?;
    let page = action_page(&state, &user, p, view, Again::default()).await?;
    render(&page, &page.p.tr)
}

/// A government's agreement, as `PUT /api/v1/actions/{id}/agreement/{government_id}`
/// with `{"agreed": true}`.
pub async fn agree(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let government_id: Uuid = form
        .value("government_id")
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("the form's `government_id` is not an id".into()))?;
    let result = calls::agree(&state, &user, id, government_id).await;
    let done = p.t("action-agreement-saved");
    settle(
        &state,
        &user,
        &session,
        p,
        id,
        result,
        done,
        Again::default(),
    )
    .await
}

/// A progress note, as `POST /api/v1/actions/{id}/progress`.
pub async fn report(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let parsed = form
        .parse::<commands::RawProgressNote>(&[("note", Shape::Text)])
        .and_then(commands::ProgressNote::parse);
    let result = match parsed {
        Ok(note) => calls::report(&state, &user, id, note.into_string()).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let errors = match &result {
        Err(AppError::Validation(errors)) => FormErrors::said(&p, errors),
        _ => FormErrors::none(),
    };
    let again = Again {
        note: Some((form.value("note").to_owned(), errors)),
        ..Again::default()
    };
    let done = p.t("action-note-saved");
    settle(&state, &user, &session, p, id, result, done, again).await
}

/// On success back to the action with `done` said once; otherwise the page again
/// with the domain's reason and what was typed.
#[allow(clippy::too_many_arguments)]
async fn settle(
    state: &AppState,
    user: &CurrentUser,
    session: &Session,
    p: Page,
    id: Uuid,
    result: Result<ActionView, AppError>,
    done: String,
    mut again: Again,
) -> Result<Response, AppError> {
    let (status, trouble) = match result {
        Ok(_) => {
            return Ok(see(
                state,
                session,
                &format!("/actions/{id}"),
                Flash::notice(done),
            ));
        }
        Err(err) => Trouble::of(&p, err)?,
    };
    again.trouble = Some(trouble);
    let view = calls::read(state, user, id).await?;
    let page = action_page(state, user, p, view, again).await?;
    render_with_status(status, &page, &page.p.tr)
}

/// Every store call of these pages, each the one the API's handler makes.
mod calls {
    use std::collections::HashMap;

    use uuid::Uuid;

    use crate::auth::CurrentUser;
    use crate::domain::action::{ActionMachine, ActionState};
    use crate::domain::commands::ActionFilter;
    use crate::domain::project::ProjectMachine;
    use crate::domain::validation::FieldErrors;
    use crate::error::AppError;
    use crate::state::AppState;
    use crate::store::actions::{self, ActionView, NewAction};
    use crate::store::create::create_child;
    use crate::store::entities::{action, government, phase, project};
    use crate::store::projects::ProjectView;
    use crate::store::{Page, PageRequest, names, phases, projects, runner};
    use crate::web::names::{GovernmentName, name_of};

    pub async fn read(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<ActionView, AppError> {
        runner::read::<ActionMachine, _>(&state.db, &user.actor(), id).await
    }

    pub async fn list(
        state: &AppState,
        user: &CurrentUser,
        project_id: Uuid,
        filter: &ActionFilter,
        page: PageRequest,
    ) -> Result<Page<ActionView>, AppError> {
        actions::list(&state.db, &user.actor(), project_id, filter, page).await
    }

    pub async fn create(
        state: &AppState,
        user: &CurrentUser,
        phase_id: Uuid,
        parse: impl FnOnce() -> Result<NewAction, FieldErrors> + Send,
    ) -> Result<ActionView, AppError> {
        create_child(&state.db, &user.actor(), phase_id, parse).await
    }

    pub async fn agree(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
        government_id: Uuid,
    ) -> Result<ActionView, AppError> {
        actions::set_agreement(&state.db, &user.actor(), id, government_id, true).await
    }

    pub async fn report(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
        note: String,
    ) -> Result<ActionView, AppError> {
        actions::add_progress(&state.db, &user.actor(), id, note).await
    }

    /// The dialogue with its phases and governments (404 when out of sight).
    pub async fn dialogue(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<ProjectView, AppError> {
        runner::read::<ProjectMachine, _>(&state.db, &user.actor(), id).await
    }

    pub async fn dialogue_row(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<project::Model, AppError> {
        projects::find_visible(&state.db, &user.actor(), id).await
    }

    pub async fn phase(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<phase::Model, AppError> {
        phases::find_visible(&state.db, &user.actor(), id).await
    }

    /// The governments of the dialogue the phase belongs to (404 when out of sight).
    pub async fn dialogue_governments(
        state: &AppState,
        user: &CurrentUser,
        phase_id: Uuid,
    ) -> Result<Vec<GovernmentName>, AppError> {
        let phase = phases::find_visible(&state.db, &user.actor(), phase_id).await?;
        let ids = projects::government_ids(&state.db, phase.project_id).await?;
        let governments = names::governments(&state.db, &ids).await?;
        let mut named: Vec<GovernmentName> =
            ids.iter().map(|id| name_of(&governments, *id)).collect();
        named.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(named)
    }

    pub async fn governments(
        state: &AppState,
        ids: &[Uuid],
    ) -> Result<HashMap<Uuid, government::Model>, AppError> {
        names::governments(&state.db, ids).await
    }

    pub async fn people(state: &AppState, ids: &[Uuid]) -> Result<HashMap<Uuid, String>, AppError> {
        names::people(&state.db, ids).await
    }

    pub fn state_of(row: &action::Model) -> Result<ActionState, AppError> {
        runner::state_of::<ActionMachine>(row)
    }
}
