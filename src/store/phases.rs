//! Phases of a dialogue: creation, read model, transitions.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::actions;
use super::counts::{WorkCounts, WorkOf};
use super::create::NewChild;
use super::entities::{phase, project};
use super::runner::{self, Stored};
use crate::domain::action::ActionState;
use crate::domain::phase::{PhaseFacts, PhaseMachine, PhaseState, PhaseTransition};
use crate::domain::project::{ProjectMachine, ProjectState};
use crate::domain::refusal::Refusal;
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::domain::understanding::UnderstandingState;
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

impl NewChild for NewPhase {
    type Machine = PhaseMachine;
    type Parent = ProjectMachine;

    fn parent_open(state: ProjectState) -> Result<(), Refusal> {
        if state.is_terminal() {
            Err(Refusal::ProjectClosed)
        } else {
            Ok(())
        }
    }

    async fn insert(
        self,
        txn: &DatabaseTransaction,
        project: &project::Model,
    ) -> AppResult<(phase::Model, Value)> {
        let new = self;
        let taken = phase::Entity::find()
            .filter(phase::Column::ProjectId.eq(project.id))
            .filter(phase::Column::Ordinal.eq(new.ordinal))
            .one(txn)
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
            project_id: Set(project.id),
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
        .exec_with_returning(txn)
        .await?;
        let data = json!({"project_id": project.id, "name": row.name, "ordinal": row.ordinal});
        Ok((row, data))
    }
}

/// The phase, or 404 when its dialogue is out of the actor's sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<phase::Model> {
    runner::find_visible::<PhaseMachine, _>(db, actor, id).await
}

/// What a phase's guards need beyond its row: its dialogue's state, the phase before
/// it, and what is still open in it.
pub struct Related {
    project_states: HashMap<Uuid, ProjectState>,
    /// The phase just before each phase, by the later phase's id.
    previous: HashMap<Uuid, PhaseState>,
    work: WorkCounts,
}

impl Stored for PhaseMachine {
    type Entity = phase::Entity;
    type Row = phase::Model;
    type Related = Related;
    type View = PhaseView;

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        rows: &[phase::Model],
        _: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let project_ids: Vec<Uuid> = rows.iter().map(|r| r.project_id).collect();
        let project_states = project::Entity::find()
            .filter(project::Column::Id.is_in(project_ids.clone()))
            .all(db)
            .await?
            .iter()
            .map(|p| Ok((p.id, runner::state_of::<ProjectMachine>(p)?)))
            .collect::<AppResult<_>>()?;
        // The siblings of every phase read, to find each one's predecessor by ordinal.
        let siblings = phase::Entity::find()
            .filter(phase::Column::ProjectId.is_in(project_ids))
            .all(db)
            .await?;
        let previous = rows
            .iter()
            .filter_map(|row| {
                siblings
                    .iter()
                    .filter(|p| p.project_id == row.project_id && p.ordinal < row.ordinal)
                    .max_by_key(|p| p.ordinal)
                    .map(|p| Ok((row.id, runner::state_of::<PhaseMachine>(p)?)))
            })
            .collect::<AppResult<_>>()?;
        // Counted over what the reader may see. The one guard that counts actions
        // (complete) is the managers', who see them all, and every other guard refuses
        // a focal point on their role first, so no decision changes.
        let work = WorkCounts::load(db, WorkOf::Phase, &ids, actions::visible_to(actor)).await?;
        Ok(Related {
            project_states,
            previous,
            work,
        })
    }

    fn facts(related: &Related, row: &phase::Model, _: &Actor) -> AppResult<PhaseFacts> {
        let id = row.id;
        let project_state = *related
            .project_states
            .get(&row.project_id)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("phase {id} has no dialogue")))?;
        let WorkCounts {
            workshops,
            understandings,
            actions,
        } = &related.work;
        Ok(PhaseFacts {
            project_state,
            previous_phase: related.previous.get(&id).copied(),
            open_workshops: workshops.of(id, &WorkshopState::names_where(WorkshopState::is_open)),
            open_understandings: understandings.of(
                id,
                &UnderstandingState::names_where(UnderstandingState::is_open),
            ),
            adopted_understandings: understandings.of(id, &[UnderstandingState::Adopted.as_str()]),
            withdrawn_understandings: understandings
                .of(id, &[UnderstandingState::Withdrawn.as_str()]),
            open_actions: actions.total(id)
                - actions.of(id, &ActionState::names_where(ActionState::is_terminal)),
        })
    }

    fn view(
        _: &mut Related,
        row: phase::Model,
        facts: PhaseFacts,
        allowed_transitions: Vec<Availability>,
    ) -> PhaseView {
        PhaseView {
            row,
            facts,
            allowed_transitions,
        }
    }

    fn stamp(
        active: &mut phase::ActiveModel,
        row: &phase::Model,
        decision: &Decision<PhaseState>,
        transition: PhaseTransition,
        _: &TransitionInput,
    ) -> Value {
        if transition == PhaseTransition::Cancel {
            active.cancel_reason = Set(decision.reason.clone());
        }
        json!({"version": row.version + 1})
    }
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

/// The workshops, common understandings and actions of some phases, as rows, for
/// the pages that list them (a dialogue's timeline, a phase's work). Actions only
/// where `actor` may see them; the phases themselves must already be in sight.
#[derive(Debug, Default)]
pub struct PhaseWork {
    pub workshops: Vec<super::entities::workshop::Model>,
    pub understandings: Vec<super::entities::understanding::Model>,
    pub actions: Vec<super::entities::action::Model>,
}

pub async fn work_of<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    phase_ids: &[Uuid],
) -> AppResult<PhaseWork> {
    use super::entities::{action, understanding, workshop};
    use sea_orm::QueryOrder;
    if phase_ids.is_empty() {
        return Ok(PhaseWork::default());
    }
    let ids = phase_ids.iter().copied();
    Ok(PhaseWork {
        workshops: workshop::Entity::find()
            .filter(workshop::Column::PhaseId.is_in(ids.clone()))
            .order_by_asc(workshop::Column::StartsAt)
            .all(db)
            .await?,
        understandings: understanding::Entity::find()
            .filter(understanding::Column::PhaseId.is_in(ids.clone()))
            .order_by_asc(understanding::Column::Id)
            .all(db)
            .await?,
        actions: action::Entity::find()
            .filter(action::Column::PhaseId.is_in(ids))
            .filter(actions::visible_to(actor))
            .order_by_asc(action::Column::DueDate)
            .all(db)
            .await?,
    })
}
