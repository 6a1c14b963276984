//! Workshop pages: `/phases/{id}/workshops/new` and `/workshops/{id}` with its
//! attendance, outcomes, calendar file, reschedule form and transitions. Every write
//! goes through the store call the API's handler makes, after the same command parser;
//! what a reader may do is asked of the domain's own checks, never decided here.
use askama::Template;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
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
use crate::domain::transition::{Availability, TransitionInput};
use crate::domain::validation::FieldErrors;
use crate::domain::workshop::{
    Attendance, WorkshopKind, WorkshopMachine, WorkshopTransition, check_attendance, check_outcome,
};
use crate::error::AppError;
use crate::present::calendar;
use crate::present::when::zone;
use crate::state::AppState;
use crate::store::workshops::WorkshopView;

/// The fields of the new-workshop form, as the API's body names them.
const NEW_WORKSHOP: [(&str, Shape); 8] = [
    ("title", Shape::Text),
    ("kind", Shape::Text),
    ("starts_at", Shape::Optional),
    ("ends_at", Shape::Optional),
    ("time_zone", Shape::Text),
    ("venue", Shape::Text),
    ("agenda", Shape::Optional),
    ("government_ids", Shape::List),
];

/// The answers a person may give about a government's attendance (`invited` is where
/// every government starts, not an answer).
const ANSWERS: [Attendance; 4] = [
    Attendance::Confirmed,
    Attendance::Declined,
    Attendance::Attended,
    Attendance::Absent,
];

/// The workshop's transition buttons post to the pages' one transition handler.
impl PageResource for WorkshopMachine {
    const BASE: &'static str = "/workshops";
    fn title(view: &WorkshopView) -> String {
        view.row.title.clone()
    }
    fn state(view: &WorkshopView) -> &str {
        &view.row.state
    }
    fn version(view: &WorkshopView) -> i32 {
        view.row.version
    }
    fn availability(view: &WorkshopView) -> &[Availability] {
        &view.allowed_transitions
    }
}

// ---------------------------------------------------------------------------------
// New workshop

/// One invited-government checkbox of the form.
struct Invitee {
    government: GovernmentName,
    checked: bool,
}

#[derive(Template)]
#[template(path = "web/workshop_new.html")]
struct NewWorkshopPage {
    p: Page,
    phase_id: Uuid,
    kinds: Vec<(&'static str, String)>,
    invitees: Vec<Invitee>,
    form: Kept,
    errors: FormErrors,
}

impl NewWorkshopPage {
    fn new(p: Page, phase_id: Uuid, governments: Vec<GovernmentName>, form: Kept) -> Self {
        let fresh = form.value("title").is_empty() && form.value("venue").is_empty();
        let invitees = governments
            .into_iter()
            .map(|government| Invitee {
                // A fresh form invites every government of the dialogue.
                checked: fresh || form.has("government_ids", &government.id.to_string()),
                government,
            })
            .collect();
        let kinds = WorkshopKind::ALL
            .iter()
            .map(|k| (k.as_str(), p.t(&format!("workshop-kind-{}", k.as_str()))))
            .collect();
        Self {
            p,
            phase_id,
            kinds,
            invitees,
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
    let governments = calls::dialogue_governments(&state, &user.actor(), phase_id).await?;
    if !user.role.may_organise() {
        return Err(AppError::Forbidden);
    }
    let zone = user.row.time_zone.clone();
    let form = Kept::new(vec![
        ("time_zone".to_owned(), zone),
        (
            "kind".to_owned(),
            WorkshopKind::Technical.as_str().to_owned(),
        ),
    ]);
    let page = NewWorkshopPage::new(p, phase_id, governments, form);
    render(&page, &page.p.tr)
}

/// Creates the workshop as `POST /api/v1/phases/{id}/workshops` does; the times are
/// typed as wall-clock times at the venue and sent on as instants.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(phase_id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let sent = Kept::new(venue_times_as_instants(&pairs));
    let form = Kept::new(pairs);
    let parsed = sent
        .parse::<commands::RawWorkshop>(&NEW_WORKSHOP)
        .and_then(commands::NewWorkshop::parse);
    let parse = || parsed.map(|new| crate::store::workshops::NewWorkshop::from(&new));
    match calls::create_workshop(&state, &user.actor(), phase_id, parse).await {
        Ok(view) => {
            let flash = Flash::notice(p.t("workshop-created"));
            Ok(see(
                &state,
                &session,
                &format!("/workshops/{}", view.row.id),
                flash,
            ))
        }
        Err(AppError::Validation(errors)) => {
            let governments = calls::dialogue_governments(&state, &user.actor(), phase_id).await?;
            let shown = FormErrors::said(&p, &errors);
            let mut page = NewWorkshopPage::new(p, phase_id, governments, form);
            page.errors = shown;
            unprocessable(&page, &page.p.tr)
        }
        Err(other) => Err(other),
    }
}

/// The form's `starts_at` and `ends_at` are the venue's wall-clock times (what a
/// `datetime-local` box sends); the API takes instants. Each one that reads as a
/// wall-clock time in the typed zone is sent on as that instant; anything else is
/// sent as typed, for the parser to name the field.
fn venue_times_as_instants(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let typed_zone = pairs
        .iter()
        .find(|(name, _)| name == "time_zone")
        .map_or("", |(_, value)| value.trim());
    let tz = zone(typed_zone);
    pairs
        .iter()
        .map(|(name, value)| match name.as_str() {
            "starts_at" | "ends_at" => {
                let instant =
                    wall_clock(value, tz).map_or_else(|| value.clone(), |at| at.to_rfc3339());
                (name.clone(), instant)
            }
            _ => (name.clone(), value.clone()),
        })
        .collect()
}

/// What a `datetime-local` box sends and shows.
const BOX_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A `datetime-local` value ("2027-01-12T09:00") read in `tz`; in a shift's doubled
/// hour the earlier instant, in its skipped hour none.
fn wall_clock(value: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let value = value.trim();
    let naive = NaiveDateTime::parse_from_str(value, BOX_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

/// An instant as a `datetime-local` box shows it, in `tz`.
fn box_value(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format(BOX_FORMAT).to_string()
}

// ---------------------------------------------------------------------------------
// The workshop page

struct Choice {
    value: &'static str,
    label: String,
}

struct AttendanceRow {
    government: GovernmentName,
    status: &'static str,
    status_label: String,
    /// The answers this reader may give now for this government.
    choices: Vec<Choice>,
}

struct OutcomeRow {
    government: GovernmentName,
    text: Option<String>,
    submitted: bool,
    /// "By …, on …".
    by: Option<String>,
    /// Whether this reader may write this government's record now.
    may_log: bool,
    /// What the box holds: what was typed, else the saved draft.
    kept: String,
    error: Option<String>,
}

/// The reschedule form: allowed now, or the domain's reason why not.
struct Reschedule {
    allowed: bool,
    reason: Option<String>,
    starts_at: String,
    ends_at: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "web/workshop.html")]
struct WorkshopPage {
    p: Page,
    id: Uuid,
    phase_id: Uuid,
    title: String,
    kind: String,
    state: String,
    state_label: String,
    venue: String,
    agenda: Option<String>,
    cancel_reason: Option<String>,
    override_reason: Option<String>,
    venue_when: String,
    reader_when: Option<String>,
    time_zone: String,
    attendance: Vec<AttendanceRow>,
    outcomes: Vec<OutcomeRow>,
    reschedule: Reschedule,
    transitions: TransitionButtons,
    trouble: Option<Trouble>,
}

/// What a refused form leaves to show again.
#[derive(Default)]
struct Again {
    trouble: Option<Trouble>,
    /// A government's outcome text as typed, and the error beside it.
    outcome: Option<(Uuid, String, Option<String>)>,
    /// The reschedule form's boxes as typed, and their errors.
    reschedule: Option<(String, String, FormErrors)>,
}

async fn workshop_page(
    state: &AppState,
    user: &CurrentUser,
    p: Page,
    view: WorkshopView,
    again: Again,
) -> Result<WorkshopPage, AppError> {
    let actor = user.actor();
    let row = &view.row;
    let venue_tz = zone(&row.time_zone);
    let reader_tz = zone(&user.row.time_zone);
    let venue_when = calendar::span(&p.tr, row.starts_at, row.ends_at, venue_tz);
    let reader_when = (!calendar::same_clock(row.starts_at, venue_tz, reader_tz))
        .then(|| calendar::span(&p.tr, row.starts_at, row.ends_at, reader_tz));
    let workshop_state = calls::state_of(row)?;
    let started = calls::now() >= row.starts_at;

    let mut ids: Vec<Uuid> = view.attendance.iter().map(|a| a.government_id).collect();
    ids.extend(view.outcomes.iter().map(|o| o.government_id));
    let governments = calls::governments(state, &ids).await?;
    let authors: Vec<Uuid> = view.outcomes.iter().map(|o| o.author_id).collect();
    let people = calls::people(state, &authors).await?;

    let attendance = view
        .attendance
        .iter()
        .map(|a| {
            let status = calls::attendance_of(a);
            let choices = ANSWERS
                .iter()
                .filter(|answer| {
                    check_attendance(
                        workshop_state,
                        &actor,
                        a.government_id,
                        true,
                        **answer,
                        started,
                    )
                    .is_ok()
                })
                .map(|answer| Choice {
                    value: answer.as_str(),
                    label: p.t(&format!("attendance-set-{}", answer.as_str())),
                })
                .collect();
            AttendanceRow {
                government: name_of(&governments, a.government_id),
                status: status.as_str(),
                status_label: p.t(&format!("attendance-{}", status.as_str())),
                choices,
            }
        })
        .collect();

    // A record for every government that attended, and any other already written.
    let attended = |g: Uuid| {
        view.attendance
            .iter()
            .any(|a| a.government_id == g && calls::attendance_of(a) == Attendance::Attended)
    };
    let mut outcome_governments: Vec<Uuid> = view
        .attendance
        .iter()
        .filter(|a| attended(a.government_id))
        .map(|a| a.government_id)
        .collect();
    for o in &view.outcomes {
        if !outcome_governments.contains(&o.government_id) {
            outcome_governments.push(o.government_id);
        }
    }
    let outcomes = outcome_governments
        .into_iter()
        .map(|g| {
            let record = view.outcomes.iter().find(|o| o.government_id == g);
            let submitted = record.is_some_and(|o| o.submitted);
            let may_log = check_outcome(workshop_state, &actor, g, attended(g), submitted).is_ok();
            let by = record.map(|o| {
                let mut args = fluent_bundle::FluentArgs::new();
                let who = people.get(&o.author_id).cloned().unwrap_or_default();
                args.set("name", who);
                args.set("when", calendar::moment(&p.tr, o.updated_at, reader_tz));
                p.tr.format("workshop-outcome-by", &args)
            });
            let (kept, error) = match &again.outcome {
                Some((id, text, error)) if *id == g => (text.clone(), error.clone()),
                _ => (
                    record
                        .filter(|o| !o.submitted)
                        .map(|o| o.text.clone())
                        .unwrap_or_default(),
                    None,
                ),
            };
            OutcomeRow {
                government: name_of(&governments, g),
                text: record.map(|o| o.text.clone()),
                submitted,
                by,
                may_log,
                kept,
                error,
            }
        })
        .collect();

    let path = format!("/workshops/{}", row.id);
    let mut transitions = TransitionButtons::new(
        &p,
        "workshop",
        &path,
        row.version,
        &view.allowed_transitions,
    );
    // Rescheduling takes new times: it has a form of its own below.
    let reschedule_name = WorkshopTransition::Reschedule.as_str();
    transitions.buttons.retain(|b| b.name != reschedule_name);
    let availability = view
        .allowed_transitions
        .iter()
        .find(|a| a.transition == reschedule_name);
    let reschedule = reschedule_form(
        &p,
        availability,
        row.starts_at,
        row.ends_at,
        venue_tz,
        again.reschedule,
    );

    Ok(WorkshopPage {
        id: row.id,
        phase_id: row.phase_id,
        title: row.title.clone(),
        kind: p.t(&format!("workshop-kind-{}", row.kind)),
        state: row.state.clone(),
        state_label: p.t(&format!("state-workshop-{}", row.state)),
        venue: row.venue.clone(),
        agenda: row.agenda.clone(),
        cancel_reason: row.cancel_reason.clone(),
        override_reason: row.override_reason.clone(),
        venue_when,
        reader_when,
        time_zone: row.time_zone.clone(),
        attendance,
        outcomes,
        reschedule,
        transitions,
        trouble: again.trouble,
        p,
    })
}

fn reschedule_form(
    p: &Page,
    availability: Option<&Availability>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    venue: Tz,
    typed: Option<(String, String, FormErrors)>,
) -> Reschedule {
    let (starts, ends, errors) = typed.unwrap_or_else(|| {
        (
            box_value(starts_at, venue),
            box_value(ends_at, venue),
            FormErrors::none(),
        )
    });
    Reschedule {
        allowed: availability.is_some_and(|a| a.allowed),
        reason: availability.and_then(|a| super::reasons::of_availability(p, a)),
        starts_at: starts,
        ends_at: ends,
        errors,
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let view = calls::read(&state, &user.actor(), id).await?;
    let page = workshop_page(&state, &user, p, view, Again::default()).await?;
    render(&page, &page.p.tr)
}

/// Attendance, as `PUT /api/v1/workshops/{id}/attendance/{government_id}`.
pub async fn set_attendance(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let government_id = uuid_field(&form, "government_id")?;
    let status = form
        .parse::<commands::RawAttendance>(&[("status", Shape::Text)])
        .and_then(commands::SetAttendance::parse)
        .map_err(AppError::Validation)?
        .status();
    let result = calls::set_attendance(&state, &user.actor(), id, government_id, status).await;
    let done = p.t("attendance-saved");
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

/// An outcome record, as `POST /api/v1/workshops/{id}/outcomes`; the button pressed
/// says whether it is submitted or kept as a draft.
pub async fn log_outcome(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let government_id = uuid_field(&form, "government_id")?;
    let raw = commands::RawOutcome {
        government_id: Some(government_id),
        text: form.value("text").to_owned(),
        submit: form.value("submit") == "true",
    };
    let parsed = checked_texts(&form, &[("text", Shape::Text)])
        .and_then(|()| commands::NewOutcome::parse(raw, user.government_id));
    let result = match parsed {
        Ok(new) => calls::log_outcome(&state, &user.actor(), id, &new).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let again = match &result {
        Ok(_) => Again::default(),
        Err(err) => {
            let error = match err {
                AppError::Validation(errors) => {
                    FormErrors::said(&p, errors).of("text").map(str::to_owned)
                }
                _ => None,
            };
            Again {
                outcome: Some((government_id, form.value("text").to_owned(), error)),
                ..Again::default()
            }
        }
    };
    let done = p.t("outcome-saved");
    settle(&state, &user, &session, p, id, result, done, again).await
}

/// Reschedule: the transition the API runs with `starts_at` and `ends_at`, the times
/// typed as the venue's wall-clock times.
pub async fn reschedule(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Extension<Session>,
    p: Page,
    ApiPath(id): ApiPath<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = Kept::new(pairs);
    let current = calls::read(&state, &user.actor(), id).await?;
    let venue = zone(&current.row.time_zone);
    let mut errors = FieldErrors::default();
    let unreadable = p.t("workshop-time-unreadable");
    let mut time = |field: &str| {
        let at = wall_clock(form.value(field), venue);
        if at.is_none() {
            errors.add(field, unreadable.clone());
        }
        at
    };
    let (starts_at, ends_at) = (time("starts_at"), time("ends_at"));
    // A form that lost its version is malformed, as the transition handler says.
    let version = form
        .value("version")
        .trim()
        .parse::<i32>()
        .map_err(|_| AppError::invalid("version", "must be a whole number"))?;
    let result = match (starts_at, ends_at) {
        (Some(starts_at), Some(ends_at)) => {
            let input = TransitionInput {
                starts_at: Some(starts_at),
                ends_at: Some(ends_at),
                ..TransitionInput::default()
            };
            calls::transition(
                &state,
                &user.actor(),
                id,
                WorkshopTransition::Reschedule,
                version,
                &input,
            )
            .await
        }
        _ => Err(AppError::Validation(errors)),
    };
    let typed = |errors: FormErrors| {
        Some((
            form.value("starts_at").to_owned(),
            form.value("ends_at").to_owned(),
            errors,
        ))
    };
    let again = match &result {
        Err(AppError::Validation(errors)) => Again {
            reschedule: typed(FormErrors::said(&p, errors)),
            ..Again::default()
        },
        Err(_) => Again {
            reschedule: typed(FormErrors::none()),
            ..Again::default()
        },
        Ok(_) => Again::default(),
    };
    let done = p.t("workshop-rescheduled");
    settle(&state, &user, &session, p, id, result, done, again).await
}

/// After a write: on success back to the workshop with `done` said once; when the
/// domain refused, or someone changed the workshop meanwhile, or a field did not
/// parse, the page again with the reason and what was typed.
#[allow(clippy::too_many_arguments)]
async fn settle(
    state: &AppState,
    user: &CurrentUser,
    session: &Session,
    p: Page,
    id: Uuid,
    result: Result<WorkshopView, AppError>,
    done: String,
    mut again: Again,
) -> Result<Response, AppError> {
    let (status, trouble) = match result {
        Ok(_) => {
            return Ok(see(
                state,
                session,
                &format!("/workshops/{id}"),
                Flash::notice(done),
            ));
        }
        Err(err) => Trouble::of(&p, err)?,
    };
    again.trouble = Some(trouble);
    let view = calls::read(state, &user.actor(), id).await?;
    let page = workshop_page(state, user, p, view, again).await?;
    render_with_status(status, &page, &page.p.tr)
}

fn unprocessable(
    page: &impl Template,
    tr: &crate::present::i18n::Tr,
) -> Result<Response, AppError> {
    let mut response = render(page, tr)?;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// A hidden id field; a form that lost it is malformed (400), as a bad path is.
fn uuid_field(form: &Kept, field: &str) -> Result<Uuid, AppError> {
    form.value(field)
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(format!("the form's `{field}` is not an id")))
}

/// The text rules the JSON door applies to every body, for fields this form sends.
fn checked_texts(form: &Kept, shape: &[(&str, Shape)]) -> Result<(), FieldErrors> {
    form.parse::<serde_json::Value>(shape).map(drop)
}

/// Every store call of these pages, each the one the API's handler makes.
mod calls {
    use std::collections::HashMap;

    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    use crate::domain::commands;
    use crate::domain::transition::{Actor, TransitionInput};
    use crate::domain::validation::FieldErrors;
    use crate::domain::workshop::{Attendance, WorkshopMachine, WorkshopState, WorkshopTransition};
    use crate::error::AppError;
    use crate::state::AppState;
    use crate::store::create::create_child;
    use crate::store::entities::{government, workshop, workshop_government};
    use crate::store::workshops::{self, NewWorkshop, WorkshopView};
    use crate::store::{names, phases, projects, runner, workshop_records};
    use crate::web::names::{GovernmentName, name_of};

    pub async fn read(state: &AppState, actor: &Actor, id: Uuid) -> Result<WorkshopView, AppError> {
        runner::read::<WorkshopMachine, _>(&state.db, actor, id).await
    }

    pub async fn create_workshop(
        state: &AppState,
        actor: &Actor,
        phase_id: Uuid,
        parse: impl FnOnce() -> Result<NewWorkshop, FieldErrors> + Send,
    ) -> Result<WorkshopView, AppError> {
        create_child(&state.db, actor, phase_id, parse).await
    }

    pub async fn transition(
        state: &AppState,
        actor: &Actor,
        id: Uuid,
        transition: WorkshopTransition,
        version: i32,
        input: &TransitionInput,
    ) -> Result<WorkshopView, AppError> {
        runner::transition::<WorkshopMachine>(&state.db, actor, id, transition, version, input)
            .await
    }

    pub async fn set_attendance(
        state: &AppState,
        actor: &Actor,
        id: Uuid,
        government_id: Uuid,
        status: Attendance,
    ) -> Result<WorkshopView, AppError> {
        workshop_records::set_attendance(&state.db, actor, id, government_id, status).await
    }

    pub async fn log_outcome(
        state: &AppState,
        actor: &Actor,
        id: Uuid,
        new: &commands::NewOutcome,
    ) -> Result<WorkshopView, AppError> {
        workshop_records::log_outcome(&state.db, actor, id, new.into()).await
    }

    /// The governments of the dialogue the phase belongs to (404 when out of sight).
    pub async fn dialogue_governments(
        state: &AppState,
        actor: &Actor,
        phase_id: Uuid,
    ) -> Result<Vec<GovernmentName>, AppError> {
        let phase = phases::find_visible(&state.db, actor, phase_id).await?;
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

    pub fn state_of(row: &workshop::Model) -> Result<WorkshopState, AppError> {
        runner::state_of::<WorkshopMachine>(row)
    }

    pub fn attendance_of(row: &workshop_government::Model) -> Attendance {
        workshops::attendance_of(row)
    }

    /// The clock the store's checks read.
    pub fn now() -> DateTime<Utc> {
        crate::store::now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_wall_clock_times_become_instants() {
        let kabul = zone("Asia/Kabul");
        let at = wall_clock("2027-01-12T09:00", kabul).map(|at| at.to_rfc3339());
        assert_eq!(at.as_deref(), Some("2027-01-12T04:30:00+00:00"));
        assert_eq!(wall_clock("12/01/2027", kabul), None);
        let back = wall_clock("2027-01-12T09:00", kabul).map(|at| box_value(at, kabul));
        assert_eq!(back.as_deref(), Some("2027-01-12T09:00"));
        let form = vec![
            ("time_zone".into(), "Asia/Kabul".into()),
            ("starts_at".into(), "2027-01-12T09:00".into()),
            ("ends_at".into(), "soon".into()),
        ];
        let sent = Kept::new(venue_times_as_instants(&form));
        assert_eq!(sent.value("starts_at"), "2027-01-12T04:30:00+00:00");
        assert_eq!(sent.value("ends_at"), "soon", "kept for the parser to name");
    }
}
