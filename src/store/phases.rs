//! Phases of a dialogue: creation, read model, transitions.
use crate::store::Db;
use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::admission::admit;
use super::counts::StateCounts;
use super::entities::{action, phase, project, understanding, workshop};
use super::outbox::NoticeTarget;
use super::workflow::{lock, record, record_fact, settle};
use super::{actions, projects};
use crate::domain::action::ActionState;
use crate::domain::phase::{self as machine, PhaseFacts, PhaseState, PhaseTransition};
use crate::domain::refusal::Refusal;
use crate::domain::transition::{Actor, Availability, TransitionInput};
use crate::domain::understanding::UnderstandingState;
use crate::domain::validation::FieldErrors;
use crate::domain::workshop::WorkshopState;
use crate::error::{AppError, AppResult};

pub struct NewPhase {
    pub name: String,
    pub ordinal: i32,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct PhaseView {
    pub row: phase::Model,
    pub facts: PhaseFacts,
    pub allowed_transitions: Vec<Availability>,
}

pub fn parse_state(row: &phase::Model) -> AppResult<PhaseState> {
    row.state
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored phase state: {e}")))
}

/// `input` is parsed only once the actor is allowed to create (see `admission`).
pub async fn create(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    input: impl FnOnce() -> Result<NewPhase, FieldErrors>,
) -> AppResult<PhaseView> {
    projects::find_visible(db, actor, project_id).await?;
    let new = admit(actor, input)?;
    let txn = super::begin_write(db).await?;
    // Locked so the dialogue cannot complete while a phase is being added to it.
    let project = lock::<project::Entity>(&txn, project_id).await?;
    if projects::parse_state(&project)?.is_terminal() {
        return Err(Refusal::ProjectClosed.into());
    }
    let taken = phase::Entity::find()
        .filter(phase::Column::ProjectId.eq(project_id))
        .filter(phase::Column::Ordinal.eq(new.ordinal))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "ordinal",
            "another phase of this dialogue has this ordinal",
        ));
    }
    let now = super::now();
    let row = phase::Entity::insert(phase::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(project_id),
        name: Set(new.name),
        ordinal: Set(new.ordinal),
        planned_start: Set(new.planned_start),
        planned_end: Set(new.planned_end),
        state: Set(PhaseState::Planned.as_str().to_owned()),
        version: Set(1),
        cancel_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(&txn)
    .await?;
    let data = json!({"project_id": project_id, "name": row.name, "ordinal": row.ordinal});
    record_fact(
        &txn,
        "phase",
        row.id,
        "create",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, row.id).await
}

/// The phase and its dialogue, or 404 when either is out of the actor's sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<(phase::Model, project::Model)> {
    let row = phase::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let project = projects::find_visible(db, actor, row.project_id).await?;
    Ok((row, project))
}

pub async fn get(db: &Db, actor: &Actor, id: Uuid) -> AppResult<PhaseView> {
    let (row, project) = find_visible(db, actor, id).await?;
    // Counted over what the reader may see. The one guard that counts actions
    // (complete) is the managers', who see them all, so no decision changes.
    let facts = load_facts(db, &row, &project, actions::visible_to(actor)).await?;
    let state = parse_state(&row)?;
    let allowed_transitions = PhaseTransition::ALL
        .iter()
        .map(|t| {
            Availability::of(
                t.as_str(),
                machine::check(state, *t, &facts, actor).map(|_| ()),
            )
        })
        .collect();
    Ok(PhaseView {
        row,
        facts,
        allowed_transitions,
    })
}

async fn load_facts<C: ConnectionTrait>(
    db: &C,
    row: &phase::Model,
    project: &project::Model,
    actions_counted: Condition,
) -> AppResult<PhaseFacts> {
    let previous = phase::Entity::find()
        .filter(phase::Column::ProjectId.eq(row.project_id))
        .filter(phase::Column::Ordinal.lt(row.ordinal))
        .order_by_desc(phase::Column::Ordinal)
        .one(db)
        .await?;
    let ids = [row.id];
    let workshops = StateCounts::load::<workshop::Entity, _>(
        db,
        workshop::Column::PhaseId,
        workshop::Column::State,
        &ids,
    )
    .await?;
    let understandings = StateCounts::load::<understanding::Entity, _>(
        db,
        understanding::Column::PhaseId,
        understanding::Column::State,
        &ids,
    )
    .await?;
    let actions = StateCounts::load_where::<action::Entity, _>(
        db,
        action::Column::PhaseId,
        action::Column::State,
        &ids,
        actions_counted,
    )
    .await?;
    Ok(PhaseFacts {
        project_state: projects::parse_state(project)?,
        previous_phase: previous.as_ref().map(parse_state).transpose()?,
        open_workshops: workshops.of(row.id, &WorkshopState::names_where(WorkshopState::is_open)),
        open_understandings: understandings.of(
            row.id,
            &UnderstandingState::names_where(UnderstandingState::is_open),
        ),
        adopted_understandings: understandings.of(row.id, &[UnderstandingState::Adopted.as_str()]),
        withdrawn_understandings: understandings
            .of(row.id, &[UnderstandingState::Withdrawn.as_str()]),
        open_actions: actions.total(row.id)
            - actions.of(row.id, &ActionState::names_where(ActionState::is_terminal)),
    })
}

pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    transition: PhaseTransition,
    version: i32,
    input: &TransitionInput,
) -> AppResult<PhaseView> {
    let txn = super::begin_write(db).await?;
    let row = lock::<phase::Entity>(&txn, id).await?;
    let project = projects::find_visible(&txn, actor, row.project_id).await?;
    let facts = load_facts(&txn, &row, &project, Condition::all()).await?;
    let decision = settle(
        machine::decide(parse_state(&row)?, transition, &facts, actor, input),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.state = Set(decision.to.as_str().to_owned());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
    if transition == PhaseTransition::Cancel {
        active.cancel_reason = Set(decision.reason.clone());
    }
    active.update(&txn).await?;
    let target = NoticeTarget {
        project_id: row.project_id,
        entity_kind: "phase",
        entity_id: id,
    };
    record(
        &txn,
        "phase",
        id,
        &decision,
        actor,
        json!({"version": row.version + 1}),
        target,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}

impl From<&crate::domain::commands::NewPhase> for NewPhase {
    fn from(new: &crate::domain::commands::NewPhase) -> Self {
        Self {
            name: new.name().to_owned(),
            ordinal: new.ordinal(),
            planned_start: new.planned_start(),
            planned_end: new.planned_end(),
        }
    }
}
