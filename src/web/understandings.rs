//! Common-understanding pages: `/phases/{id}/understandings/new` and
//! `/understandings/{id}` with its text, the consensus matrix, a focal point's
//! position form, the draft's text form, the revision history with word-level
//! differences, and transitions. Writes go through the store calls of the API's
//! handlers after the same command parsers; who may do what is the domain's answer.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::flash::{Flash, see};
use super::forms::{FormErrors, Kept, Shape, Trouble};
use super::names::{GovernmentName, name_of};
use super::page::{Page, render, render_with_status};
use super::resource::PageResource;
use super::transitions::TransitionButtons;
use crate::api::extract::ApiPath;
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::commands;
use crate::domain::transition::Availability;
use crate::domain::understanding::{Position, UnderstandingMachine, check_edit, check_position};
use crate::error::AppError;
use crate::present::calendar;
use crate::present::diff::{Words, word_diff};
use crate::present::when::zone;
use crate::state::AppState;
use crate::store::understandings::UnderstandingView;

const NEW_UNDERSTANDING: [(&str, Shape); 2] = [("title", Shape::Text), ("text", Shape::Text)];
const EDIT_TEXT: [(&str, Shape); 2] = [("text", Shape::Text), ("version", Shape::Integer)];
const POSITION: [(&str, Shape); 3] = [
    ("position", Shape::Text),
    ("note", Shape::Optional),
    ("revision", Shape::Integer),
];

/// The answers a focal point may give (`pending` is where every government starts).
const ANSWERS: [Position; 3] = [
    Position::Endorsed,
    Position::Reservation,
    Position::Objection,
];

/// The text's transition buttons post to the pages' one transition handler.
impl PageResource for UnderstandingMachine {
    const BASE: &'static str = "/understandings";
    fn title(view: &UnderstandingView) -> String {
        view.row.title.clone()
    }
    fn state(view: &UnderstandingView) -> &str {
        &view.row.state
    }
    fn version(view: &UnderstandingView) -> i32 {
        view.row.version
    }
    fn availability(view: &UnderstandingView) -> &[Availability] {
        &view.allowed_transitions
    }
}

// ---------------------------------------------------------------------------------
// New understanding

#[derive(Template)]
#[template(path = "web/understanding_new.html")]
struct NewUnderstandingPage {
    p: Page,
    phase_id: Uuid,
    form: Kept,
    errors: FormErrors,
}

pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(phase_id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    calls::phase_state(&state, &user, phase_id).await?;
    if !user.role.may_organise() {
        return Err(AppError::Forbidden);
    }
    let page = NewUnderstandingPage {
        p,
        phase_id,
        form: Kept::default(),
        errors: FormErrors::none(),
    };
    render(&page, &page.p.tr)
}

/// Creates the draft as `POST /api/v1/phases/{id}/understandings` does.
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
        .parse::<commands::RawUnderstanding>(&NEW_UNDERSTANDING)
        .and_then(commands::NewUnderstanding::parse);
    let parse = || parsed.map(|new| crate::store::understandings::NewUnderstanding::from(&new));
    match calls::create(&state, &user, phase_id, parse).await {
        Ok(view) => {
            let flash = Flash::notice(p.t("understanding-created"));
            Ok(see(
                &state,
                &session,
                &format!("/understandings/{}", view.row.id),
                flash,
            ))
        }
        Err(AppError::Validation(errors)) => {
            let errors = FormErrors::said(&p, &errors);
            let page = NewUnderstandingPage {
                p,
                phase_id,
                form,
                errors,
            };
            let mut response = render(&page, &page.p.tr)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

// ---------------------------------------------------------------------------------
// The understanding page

/// One government's row of the consensus matrix.
struct MatrixRow {
    government: GovernmentName,
    position: &'static str,
    position_label: String,
    comment: Option<String>,
    who: Option<String>,
    when: Option<String>,
    /// The revision the position was given to, when older than the current one.
    older: Option<String>,
}

struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// The focal point's form for their own government.
struct PositionForm {
    government: GovernmentName,
    choices: Vec<Choice>,
    note: String,
    errors: FormErrors,
}

struct EditForm {
    version: i32,
    text: String,
    errors: FormErrors,
}

/// A run of words in a revision's difference from the one before.
struct Run {
    /// `same`, `del` or `ins`.
    kind: &'static str,
    text: String,
}

struct RevisionEntry {
    revision: i32,
    heading: String,
    when: String,
    /// The difference from the revision before; none for the first.
    runs: Option<Vec<Run>>,
    text: String,
}

#[derive(Template)]
#[template(path = "web/understanding.html")]
struct UnderstandingPage {
    p: Page,
    id: Uuid,
    phase_id: Uuid,
    title: String,
    text: String,
    revision: i32,
    revision_label: String,
    state: String,
    state_label: String,
    withdraw_reason: Option<String>,
    matrix: Vec<MatrixRow>,
    position_form: Option<PositionForm>,
    /// For a focal point who may not give a position now: the domain's reason.
    position_why: Option<String>,
    edit_form: Option<EditForm>,
    history: Vec<RevisionEntry>,
    transitions: TransitionButtons,
    trouble: Option<Trouble>,
}

/// What a refused form leaves to show again.
#[derive(Default)]
struct Again {
    trouble: Option<Trouble>,
    position: Option<(String, String, FormErrors)>,
    edit: Option<(String, FormErrors)>,
}

async fn understanding_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    view: UnderstandingView,
    again: Again,
) -> Result<UnderstandingPage, AppError> {
    let actor = user.actor();
    let row = &view.row;
    let reader_tz = zone(&user.row.time_zone);
    let phase_state = calls::phase_state(state, user, row.phase_id).await?;
    let understanding_state = calls::state_of(row)?;
    let participating = calls::participating(state, row.project_id).await?;
    let mut government_ids = participating.clone();
    for e in &view.endorsements {
        if !government_ids.contains(&e.government_id) {
            government_ids.push(e.government_id);
        }
    }
    let governments = calls::governments(state, &government_ids).await?;
    let people: Vec<Uuid> = view
        .endorsements
        .iter()
        .filter_map(|e| e.actor_id)
        .collect();
    let people = calls::people(state, &people).await?;

    // One row per participating government, those without a position included.
    let mut matrix: Vec<MatrixRow> = participating
        .iter()
        .map(|g| {
            let given = view.endorsements.iter().find(|e| e.government_id == *g);
            let position = given
                .and_then(|e| e.position.parse::<Position>().ok())
                .unwrap_or(Position::Pending);
            let answered = position != Position::Pending;
            MatrixRow {
                government: name_of(&governments, *g),
                position: position.as_str(),
                position_label: p.t(&format!("position-{}", position.as_str())),
                comment: given.and_then(|e| e.note.clone()),
                who: given
                    .and_then(|e| e.actor_id)
                    .and_then(|id| people.get(&id).cloned()),
                when: given
                    .filter(|_| answered)
                    .map(|e| calendar::moment(&p.tr, e.updated_at, reader_tz)),
                older: given
                    .filter(|e| answered && e.revision != row.revision)
                    .map(|e| p.t1("understanding-older-revision", "revision", e.revision)),
            }
        })
        .collect();
    matrix.sort_by(|a, b| a.government.code.cmp(&b.government.code));

    let may_position = user.government_id.map(|own| {
        let takes_part = participating.contains(&own);
        check_position(
            understanding_state,
            phase_state,
            row.revision,
            row.revision,
            &actor,
            own,
            takes_part,
        )
    });
    // A focal point is told why they cannot answer now (not proposed yet, adopted…).
    let position_why = match &may_position {
        Some(Err(refusal)) if actor.role == crate::domain::role::Role::FocalPoint => {
            Some(super::reasons::say(&p, refusal))
        }
        _ => None,
    };
    let position_form = user.government_id.and_then(|own| {
        may_position.as_ref()?.as_ref().ok()?;
        let (chosen, note, errors) = again.position.unwrap_or_else(|| {
            let given = view.endorsements.iter().find(|e| e.government_id == own);
            (
                given.map(|e| e.position.clone()).unwrap_or_default(),
                given.and_then(|e| e.note.clone()).unwrap_or_default(),
                FormErrors::none(),
            )
        });
        Some(PositionForm {
            government: name_of(&governments, own),
            choices: ANSWERS
                .iter()
                .map(|answer| Choice {
                    value: answer.as_str(),
                    label: p.t(&format!("position-set-{}", answer.as_str())),
                    checked: chosen == answer.as_str(),
                })
                .collect(),
            note,
            errors,
        })
    });

    let edit_form = check_edit(understanding_state, phase_state, &actor)
        .ok()
        .map(|()| {
            let (text, errors) = again
                .edit
                .unwrap_or_else(|| (row.text.clone(), FormErrors::none()));
            EditForm {
                version: row.version,
                text,
                errors,
            }
        });

    let revisions = calls::revisions(state, row.id).await?;
    let mut history = Vec::with_capacity(revisions.len());
    let mut previous: Option<&str> = None;
    for revision in &revisions {
        let runs = previous.map(|old| {
            word_diff(old, &revision.text)
                .into_iter()
                .map(|run| match run {
                    Words::Same(text) => Run { kind: "same", text },
                    Words::Removed(text) => Run { kind: "del", text },
                    Words::Added(text) => Run { kind: "ins", text },
                })
                .collect()
        });
        history.push(RevisionEntry {
            revision: revision.revision,
            heading: p.t1("understanding-revision", "revision", revision.revision),
            when: calendar::moment(&p.tr, revision.at, reader_tz),
            runs,
            text: revision.text.clone(),
        });
        previous = Some(&revision.text);
    }
    // Newest first, as a history is read.
    history.reverse();

    let transitions = TransitionButtons::new(
        &p,
        "understanding",
        &format!("/understandings/{}", row.id),
        row.version,
        &view.allowed_transitions,
    );
    Ok(UnderstandingPage {
        id: row.id,
        phase_id: row.phase_id,
        title: row.title.clone(),
        text: row.text.clone(),
        revision: row.revision,
        revision_label: p.t1("understanding-revision", "revision", row.revision),
        state: row.state.clone(),
        state_label: p.t(&format!("state-understanding-{}", row.state)),
        withdraw_reason: row.withdraw_reason.clone(),
        matrix,
        position_form,
        position_why,
        edit_form,
        history,
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
    let page = understanding_page(&state, &user, p, view, Again::default()).await?;
    render(&page, &page.p.tr)
}

/// A government's position, as `PUT /api/v1/understandings/{id}/endorsements/{gid}`.
pub async fn set_position(
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
    let parsed = form
        .parse::<commands::RawPosition>(&POSITION)
        .and_then(commands::SetPosition::parse);
    let result = match parsed {
        Ok(set) => calls::set_position(&state, &user, id, government_id, &set).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let errors = match &result {
        Err(AppError::Validation(errors)) => FormErrors::said(&p, errors),
        _ => FormErrors::none(),
    };
    let again = Again {
        position: Some((
            form.value("position").to_owned(),
            form.value("note").to_owned(),
            errors,
        )),
        ..Again::default()
    };
    let done = p.t("position-saved");
    settle(&state, &user, &session, p, id, result, done, again).await
}

/// The draft's new text, as `PATCH /api/v1/understandings/{id}`.
pub async fn edit_text(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let parsed = form
        .parse::<commands::RawEditText>(&EDIT_TEXT)
        .and_then(commands::EditText::parse);
    let result = match parsed {
        Ok(edit) => calls::edit_text(&state, &user, id, &edit).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let errors = match &result {
        Err(AppError::Validation(errors)) => FormErrors::said(&p, errors),
        _ => FormErrors::none(),
    };
    let again = Again {
        edit: Some((form.value("text").to_owned(), errors)),
        ..Again::default()
    };
    let done = p.t("text-saved");
    settle(&state, &user, &session, p, id, result, done, again).await
}

/// On success back to the page with `done` said once; otherwise the page again with
/// the domain's reason (or "changed since you opened it") and what was typed.
#[allow(clippy::too_many_arguments)]
async fn settle(
    state: &AppState,
    user: &CurrentUser,
    session: &Session,
    p: Page,
    id: Uuid,
    result: Result<UnderstandingView, AppError>,
    done: String,
    mut again: Again,
) -> Result<Response, AppError> {
    let (status, trouble) = match result {
        Ok(_) => {
            return Ok(see(
                state,
                session,
                &format!("/understandings/{id}"),
                Flash::notice(done),
            ));
        }
        Err(err) => Trouble::of(&p, err)?,
    };
    again.trouble = Some(trouble);
    let view = calls::read(state, user, id).await?;
    let page = understanding_page(state, user, p, view, again).await?;
    render_with_status(status, &page, &page.p.tr)
}

/// Every store call of these pages, each the one the API's handler makes.
mod calls {
    use std::collections::HashMap;

    use uuid::Uuid;

    use crate::auth::CurrentUser;
    use crate::domain::commands::{EditText, SetPosition};
    use crate::domain::phase::{PhaseMachine, PhaseState};
    use crate::domain::understanding::{UnderstandingMachine, UnderstandingState};
    use crate::domain::validation::FieldErrors;
    use crate::error::AppError;
    use crate::state::AppState;
    use crate::store::create::create_child;
    use crate::store::entities::{government, understanding};
    use crate::store::revisions::{self, RevisionText};
    use crate::store::understandings::{self, NewUnderstanding, UnderstandingView};
    use crate::store::{names, phases, projects, runner};

    pub async fn read(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
    ) -> Result<UnderstandingView, AppError> {
        runner::read::<UnderstandingMachine, _>(&state.db, &user.actor(), id).await
    }

    pub async fn create(
        state: &AppState,
        user: &CurrentUser,
        phase_id: Uuid,
        parse: impl FnOnce() -> Result<NewUnderstanding, FieldErrors> + Send,
    ) -> Result<UnderstandingView, AppError> {
        create_child(&state.db, &user.actor(), phase_id, parse).await
    }

    pub async fn set_position(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
        government_id: Uuid,
        set: &SetPosition,
    ) -> Result<UnderstandingView, AppError> {
        understandings::set_position(&state.db, &user.actor(), id, government_id, set).await
    }

    pub async fn edit_text(
        state: &AppState,
        user: &CurrentUser,
        id: Uuid,
        edit: &EditText,
    ) -> Result<UnderstandingView, AppError> {
        understandings::edit_text(
            &state.db,
            &user.actor(),
            id,
            edit.text().to_owned(),
            edit.version(),
        )
        .await
    }

    /// The phase's state (404 when the phase is out of sight).
    pub async fn phase_state(
        state: &AppState,
        user: &CurrentUser,
        phase_id: Uuid,
    ) -> Result<PhaseState, AppError> {
        let phase = phases::find_visible(&state.db, &user.actor(), phase_id).await?;
        runner::state_of::<PhaseMachine>(&phase)
    }

    pub fn state_of(row: &understanding::Model) -> Result<UnderstandingState, AppError> {
        runner::state_of::<UnderstandingMachine>(row)
    }

    /// The governments taking part in the dialogue.
    pub async fn participating(state: &AppState, project_id: Uuid) -> Result<Vec<Uuid>, AppError> {
        projects::government_ids(&state.db, project_id).await
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

    pub async fn revisions(state: &AppState, id: Uuid) -> Result<Vec<RevisionText>, AppError> {
        revisions::of_understanding(&state.db, id).await
    }
}
