//! The demo dialogue Q33-805, built through the same store operations the API uses,
//! so its history chain and outbox are real, from inputs parsed as the API parses them,
//! so it cannot hold data the API would refuse. The texts are illustrative, not the
//! consultation's actual documents.
use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::domain::action::Scope;
use crate::domain::commands::{
    NewAction, NewOutcome, NewPhase, NewProject, NewUnderstanding, NewWorkshop, RawAction,
    RawAttendance, RawOutcome, RawPhase, RawPosition, RawProject, RawUnderstanding, RawWorkshop,
    SetAttendance, SetPosition,
};
use crate::domain::iati::reporting::RawReporting;
use crate::domain::phase::{PhaseMachine, PhaseTransition};
use crate::domain::project::{ProjectMachine, ProjectTransition};
use crate::domain::role::Organiser;
use crate::domain::transition::{Actor, TransitionInput};
use crate::domain::understanding::{Position, Requested, UnderstandingMachine};
use crate::domain::validation::FieldErrors;
use crate::domain::workshop::{Attendance, WorkshopKind, WorkshopMachine, WorkshopTransition};
use crate::error::{AppError, AppResult};
use crate::store::create::create_child;
use crate::store::{
    Db, actions, outbox, phases, projects, reporting, runner, understandings, workshop_records,
    workshops,
};

pub const PROJECT_CODE: &str = "Q33-805";

/// Who acts in the demo, and the three governments by ISO code.
pub struct Cast {
    pub coordinator: Actor,
    /// Approves phase completion in stories built on the demo.
    pub manager: Actor,
    /// Focal points of AF, IR, PK.
    pub focal_points: [Actor; 3],
    pub governments: [Uuid; 3],
}

/// A command the demo has already parsed, as the input a store create asks for.
fn parsed<T: Send>(new: T) -> impl FnOnce() -> Result<T, FieldErrors> + Send {
    move || Ok(new)
}

pub struct DemoDialogue {
    pub project_id: Uuid,
    pub initial_phase_id: Uuid,
    pub follow_up_phase_id: Uuid,
}

/// What IOM would report to IATI for Q33-805 (illustrative dates within the story's
/// 2022–2024): IOM (`XM-DAC-47066`, multilateral) reports and is accountable, the IOM
/// Development Fund funds USD 135,000, DAC sector 15190 (facilitation of orderly,
/// safe, regular and responsible migration and mobility).
async fn iati_reporting(db: &Db, c: &Actor, project_id: Uuid) -> AppResult<()> {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let version = projects::find_visible(db, c, project_id).await?.version;
    let raw = RawReporting {
        version,
        reporting_org_name: Some("International Organization for Migration (IOM)".into()),
        reporting_org_ref: Some("XM-DAC-47066".into()),
        reporting_org_type: Some("40".into()),
        funder_name: Some("IOM Development Fund".into()),
        funder_ref: None,
        currency: Some("USD".into()),
        budget_amount: Some("135000".into()),
        sector_code: Some("15190".into()),
        planned_start: day(2022, 7, 1),
        planned_end: day(2024, 6, 30),
        actual_start: day(2022, 7, 1),
        actual_end: None,
    };
    reporting::save(db, c, project_id, &raw).await?;
    Ok(())
}

pub async fn seed(db: &Db, cast: &Cast) -> AppResult<DemoDialogue> {
    let started = crate::store::now();
    let c = &cast.coordinator;
    let project = NewProject::parse(RawProject {
            code: PROJECT_CODE.into(),
            title: "Trilateral consultation on migration management in South-West Asia — initial phase".into(),
            summary: "Illustrative demo data. Informal, structured discussions between Afghanistan, Iran \
                      and Pakistan, completed by joint technical and political workshops, towards a \
                      migration framework of common understandings (IOM Development Fund project Q33-805)."
                .into(),
            budget_usd: Some(135_000),
            government_ids: cast.governments.to_vec(),
        })
        .map_err(AppError::Validation)?;
    let by = Organiser::check(*c)?;
    let project = projects::create(db, &by, (&project).into()).await?;
    let project_id = project.row.id;
    let initial = create_child(
        db,
        c,
        project_id,
        parsed(phases::NewPhase::from(&phase(
            "Initial phase: informal talks and joint workshops",
            1,
            (-90, 60),
        )?)),
    )
    .await?;
    let follow_up = create_child(
        db,
        c,
        project_id,
        parsed(phases::NewPhase::from(&phase(
            "Follow-up phase: collective and bilateral measures",
            2,
            (61, 365),
        )?)),
    )
    .await?;
    runner::transition::<ProjectMachine>(
        db,
        c,
        project_id,
        ProjectTransition::Activate,
        1,
        &none(),
    )
    .await?;
    runner::transition::<PhaseMachine>(
        db,
        c,
        initial.row.id,
        PhaseTransition::Activate,
        1,
        &none(),
    )
    .await?;
    concluded_technical_workshop(db, cast, initial.row.id).await?;
    scheduled_political_workshop(db, cast, initial.row.id).await?;
    understandings_in_every_state(db, cast, initial.row.id).await?;
    proposed_actions(db, cast, follow_up.row.id).await?;
    iati_reporting(db, c, project_id).await?;
    // The history above queued the mail it would have sent as it happened (an
    // invitation to a workshop long concluded, among others). Nobody caused it now:
    // record it as not sent, so a newcomer on a real SMTP server mails no one.
    let skipped =
        outbox::skip_queued_about(db, project_id, started, "demo history: not sent").await?;
    tracing::debug!(skipped, "demo history's messages recorded as not sent");
    Ok(DemoDialogue {
        project_id,
        initial_phase_id: initial.row.id,
        follow_up_phase_id: follow_up.row.id,
    })
}

/// A phase planned over `days` from today (first and last), like the workshops the
/// demo dates from today: the initial phase holds the workshop held 60 days ago and
/// the one in 30 days; the follow-up phase the actions due in 180 days.
fn phase(name: &str, ordinal: i32, days: (i64, i64)) -> AppResult<NewPhase> {
    let day = |offset| Some((Utc::now() + Duration::days(offset)).date_naive());
    NewPhase::parse(RawPhase {
        name: name.into(),
        ordinal,
        planned_start: day(days.0),
        planned_end: day(days.1),
    })
    .map_err(AppError::Validation)
}

pub fn none() -> TransitionInput {
    TransitionInput::default()
}

async fn concluded_technical_workshop(db: &Db, cast: &Cast, phase_id: Uuid) -> AppResult<()> {
    let c = &cast.coordinator;
    let starts_at = Utc::now() + Duration::days(1);
    let new = NewWorkshop::parse(RawWorkshop {
        title: "Joint technical workshop on migration data and return".into(),
        kind: WorkshopKind::Technical,
        starts_at,
        ends_at: starts_at + Duration::hours(7),
        time_zone: "Asia/Karachi".into(),
        venue: "Islamabad".into(),
        agenda: Some(
            "Illustrative: sharing migration statistics; voluntary return and reintegration."
                .into(),
        ),
        government_ids: cast.governments.to_vec(),
    })
    .map_err(AppError::Validation)?;
    let view = create_child(db, c, phase_id, parsed(workshops::NewWorkshop::from(&new))).await?;
    let id = view.row.id;
    runner::transition::<WorkshopMachine>(db, c, id, WorkshopTransition::Schedule, 1, &none())
        .await?;
    // The demo's first workshop took place two months ago: move its dates back, as
    // the passing of time would have, before recording what happened.
    let held_at = Utc::now() - Duration::days(60);
    workshops::move_dates(db, id, held_at, held_at + Duration::hours(7)).await?;
    let attended = SetAttendance::parse(RawAttendance {
        status: Attendance::Attended,
    })
    .map_err(AppError::Validation)?;
    for government in cast.governments {
        workshop_records::set_attendance(db, c, id, government, attended.status()).await?;
    }
    runner::transition::<WorkshopMachine>(db, c, id, WorkshopTransition::Hold, 2, &none()).await?;
    let outcomes = [
        "Illustrative: Afghanistan will share anonymised return figures each quarter.",
        "Illustrative: Iran proposes a common template for registering undocumented migrants.",
        "Illustrative: Pakistan supports a joint study of labour migration corridors.",
    ];
    for ((fp, government), text) in cast.focal_points.iter().zip(cast.governments).zip(outcomes) {
        let outcome = RawOutcome {
            government_id: Some(government),
            text: text.into(),
            submit: true,
        };
        let outcome = NewOutcome::parse(outcome, fp.government_id).map_err(AppError::Validation)?;
        workshop_records::log_outcome(db, fp, id, (&outcome).into()).await?;
    }
    runner::transition::<WorkshopMachine>(db, c, id, WorkshopTransition::Conclude, 3, &none())
        .await?;
    Ok(())
}

async fn scheduled_political_workshop(db: &Db, cast: &Cast, phase_id: Uuid) -> AppResult<()> {
    let starts_at = (Utc::now() + Duration::days(30))
        .date_naive()
        .and_hms_opt(5, 30, 0)
        .map(|t| t.and_utc());
    let starts_at = starts_at.unwrap_or_else(|| Utc::now() + Duration::days(30));
    let new = NewWorkshop::parse(RawWorkshop {
        title: "Joint political workshop on a migration framework".into(),
        kind: WorkshopKind::Political,
        starts_at,
        ends_at: starts_at + Duration::hours(6),
        time_zone: "Asia/Tehran".into(),
        venue: "Tehran".into(),
        agenda: Some("Illustrative: review of the draft common understandings.".into()),
        government_ids: cast.governments.to_vec(),
    })
    .map_err(AppError::Validation)?;
    let view = create_child(
        db,
        &cast.coordinator,
        phase_id,
        parsed(workshops::NewWorkshop::from(&new)),
    )
    .await?;
    runner::transition::<WorkshopMachine>(
        db,
        &cast.coordinator,
        view.row.id,
        WorkshopTransition::Schedule,
        1,
        &none(),
    )
    .await?;
    Ok(())
}

/// One adopted, one proposed with mixed positions, one draft, one withdrawn.
async fn understandings_in_every_state(db: &Db, cast: &Cast, phase_id: Uuid) -> AppResult<()> {
    let c = &cast.coordinator;
    let texts = [
        (
            "Voluntary, safe and dignified return",
            "Illustrative: return of Afghan nationals is voluntary, safe and dignified, and is prepared together.",
        ),
        (
            "Sharing of migration data",
            "Illustrative: the three governments share aggregate migration data each quarter through a common template.",
        ),
        (
            "Labour migration pathways",
            "Illustrative: regular pathways for labour migration are explored bilaterally, with protection of workers' rights.",
        ),
        (
            "Joint border management centre",
            "Illustrative: a joint centre for border management is established. (Withdrawn in favour of bilateral measures.)",
        ),
    ];
    let mut ids = Vec::new();
    for (title, text) in texts {
        let new = NewUnderstanding::parse(RawUnderstanding {
            title: title.into(),
            text: text.into(),
        })
        .map_err(AppError::Validation)?;
        let created = create_child(
            db,
            c,
            phase_id,
            parsed(understandings::NewUnderstanding::from(&new)),
        )
        .await?;
        ids.push(created.row.id);
    }
    let propose = Requested::PROPOSE;
    // Adopted: every government endorsed revision 1.
    runner::transition::<UnderstandingMachine>(db, c, ids[0], propose, 1, &none()).await?;
    for (fp, government) in cast.focal_points.iter().zip(cast.governments) {
        take_position(db, fp, ids[0], government, Position::Endorsed, None).await?;
    }
    // Proposed, with mixed positions: Afghanistan endorses, Iran has a reservation,
    // Pakistan has not answered yet.
    runner::transition::<UnderstandingMachine>(db, c, ids[1], propose, 1, &none()).await?;
    let [fp_af, fp_ir, _] = &cast.focal_points;
    let [af, ir, _] = cast.governments;
    take_position(db, fp_af, ids[1], af, Position::Endorsed, None).await?;
    let note = "Illustrative: the template must protect personal data.";
    take_position(db, fp_ir, ids[1], ir, Position::Reservation, Some(note)).await?;
    // ids[2] stays a draft.
    let reason = TransitionInput {
        reason: Some("Replaced by bilateral measures.".into()),
        ..none()
    };
    runner::transition::<UnderstandingMachine>(db, c, ids[3], Requested::WITHDRAW, 1, &reason)
        .await?;
    Ok(())
}

/// A government's position on revision 1, parsed as the API parses it.
async fn take_position(
    db: &Db,
    focal_point: &Actor,
    id: Uuid,
    government: Uuid,
    position: Position,
    note: Option<&str>,
) -> AppResult<()> {
    let set = SetPosition::parse(RawPosition {
        position,
        note: note.map(str::to_owned),
        revision: 1,
    })
    .map_err(AppError::Validation)?;
    understandings::set_position(db, focal_point, id, government, &set).await?;
    Ok(())
}

/// The follow-up phase is planned with one collective and one bilateral (AF–PK) action.
async fn proposed_actions(db: &Db, cast: &Cast, phase_id: Uuid) -> AppResult<()> {
    let due = (Utc::now() + Duration::days(180)).date_naive();
    let collective = RawAction {
        title: "Trilateral working group on return and reintegration".into(),
        description:
            "Illustrative: a standing working group of the three governments meets each quarter."
                .into(),
        scope: Scope::Collective,
        government_ids: Vec::new(),
        due_date: due,
        owner_id: Some(cast.coordinator.id),
    };
    let collective = NewAction::parse(collective).map_err(AppError::Validation)?;
    create_child(
        db,
        &cast.coordinator,
        phase_id,
        parsed(actions::NewAction::from(&collective)),
    )
    .await?;
    let bilateral = RawAction {
        title: "Joint registration pilot at a border crossing".into(),
        description: "Illustrative: Afghanistan and Pakistan pilot a joint registration desk."
            .into(),
        scope: Scope::Bilateral,
        government_ids: vec![cast.governments[0], cast.governments[2]],
        due_date: due,
        owner_id: None,
    };
    let bilateral = NewAction::parse(bilateral).map_err(AppError::Validation)?;
    create_child(
        db,
        &cast.coordinator,
        phase_id,
        parsed(actions::NewAction::from(&bilateral)),
    )
    .await?;
    Ok(())
}
