//! Workshops: creation, read model (with attendance and outcomes), transitions.
use crate::store::Db;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::create::NewChild;
use super::entities::{phase, workshop, workshop_government, workshop_outcome};
use super::runner::{self, Stored};
use super::{Page, PageRequest, projects};
use crate::domain::phase::{PhaseMachine, PhaseState};
use crate::domain::refusal::{Machine, Refusal};
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::domain::workshop::{
    Attendance, WorkshopFacts, WorkshopKind, WorkshopMachine, WorkshopState, WorkshopTransition,
};
use crate::error::{AppError, AppResult};

pub struct NewWorkshop {
    pub title: String,
    pub kind: WorkshopKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub venue: String,
    pub agenda: Option<String>,
    pub government_ids: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct WorkshopView {
    pub row: workshop::Model,
    pub attendance: Vec<workshop_government::Model>,
    pub outcomes: Vec<workshop_outcome::Model>,
    pub allowed_transitions: Vec<Availability>,
}

impl NewChild for NewWorkshop {
    type Machine = WorkshopMachine;
    type Parent = PhaseMachine;

    fn parent_open(state: PhaseState) -> Result<(), Refusal> {
        state.admit(Machine::Workshop)
    }

    async fn insert(
        self,
        txn: &DatabaseTransaction,
        phase: &phase::Model,
    ) -> AppResult<(workshop::Model, Value)> {
        let new = self;
        let participating = projects::government_ids(txn, phase.project_id).await?;
        if new
            .government_ids
            .iter()
            .any(|g| !participating.contains(g))
        {
            return Err(AppError::invalid(
                "government_ids",
                "every invited government must take part in the dialogue",
            ));
        }
        let now = super::now();
        let row = workshop::Entity::insert(workshop::ActiveModel {
            id: Set(Uuid::now_v7()),
            phase_id: Set(phase.id),
            project_id: Set(phase.project_id),
            title: Set(new.title),
            kind: Set(new.kind.as_str().to_owned()),
            starts_at: Set(new.starts_at),
            ends_at: Set(new.ends_at),
            time_zone: Set(new.time_zone),
            venue: Set(new.venue),
            agenda: Set(new.agenda),
            state: Set(WorkshopState::Draft.as_str().to_owned()),
            version: Set(1),
            sequence: Set(0),
            cancel_reason: Set(None),
            override_reason: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_with_returning(txn)
        .await?;
        let invited = new
            .government_ids
            .iter()
            .map(|g| workshop_government::ActiveModel {
                workshop_id: Set(row.id),
                government_id: Set(*g),
                attendance: Set(Attendance::Invited.as_str().to_owned()),
                updated_at: Set(now),
            });
        workshop_government::Entity::insert_many(invited)
            .exec_without_returning(txn)
            .await?;
        let data =
            json!({"phase_id": phase.id, "title": row.title, "government_ids": new.government_ids});
        Ok((row, data))
    }
}

/// The workshop, or 404 when its dialogue is out of the actor's sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<workshop::Model> {
    runner::find_visible::<WorkshopMachine, _>(db, actor, id).await
}

pub async fn list(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    page: PageRequest,
) -> AppResult<Page<WorkshopView>> {
    projects::find_visible(db, actor, project_id).await?;
    let query = workshop::Entity::find().filter(workshop::Column::ProjectId.eq(project_id));
    runner::list_page::<WorkshopMachine>(db, actor, query, workshop::Column::Id, page).await
}

/// Attendance, outcomes and phase states of one workshop or a page of them.
pub struct Related {
    attendance: HashMap<Uuid, Vec<workshop_government::Model>>,
    outcomes: HashMap<Uuid, Vec<workshop_outcome::Model>>,
    phase_states: HashMap<Uuid, PhaseState>,
    /// One instant for the whole read, so every row is judged at the same time.
    now: DateTime<Utc>,
}

impl Related {
    /// The invited government's attendance row, to record on it.
    pub(super) fn attendance_mut(
        &mut self,
        workshop_id: Uuid,
        government_id: Uuid,
    ) -> Option<&mut workshop_government::Model> {
        self.attendance
            .get_mut(&workshop_id)?
            .iter_mut()
            .find(|a| a.government_id == government_id)
    }

    /// The government's outcome record, to update it or know it is submitted.
    pub(super) fn outcome_mut(
        &mut self,
        workshop_id: Uuid,
        government_id: Uuid,
    ) -> Option<&mut workshop_outcome::Model> {
        self.outcomes
            .get_mut(&workshop_id)?
            .iter_mut()
            .find(|o| o.government_id == government_id)
    }

    /// Mirrors an outcome record just inserted (ids are UUIDv7: newest last).
    pub(super) fn push_outcome(&mut self, outcome: workshop_outcome::Model) {
        self.outcomes
            .entry(outcome.workshop_id)
            .or_default()
            .push(outcome);
    }
}

impl Stored for WorkshopMachine {
    type Entity = workshop::Entity;
    type Row = workshop::Model;
    type Related = Related;
    type View = WorkshopView;

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        _: &Actor,
        rows: &[workshop::Model],
        _: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let phase_ids: Vec<Uuid> = rows.iter().map(|r| r.phase_id).collect();
        let attendance = super::group_by_parent(
            workshop_government::Entity::find()
                .filter(workshop_government::Column::WorkshopId.is_in(ids.clone()))
                .order_by_asc(workshop_government::Column::GovernmentId)
                .all(db)
                .await?,
            |a| a.workshop_id,
        );
        let outcomes = super::group_by_parent(
            workshop_outcome::Entity::find()
                .filter(workshop_outcome::Column::WorkshopId.is_in(ids))
                .order_by_asc(workshop_outcome::Column::Id)
                .all(db)
                .await?,
            |o| o.workshop_id,
        );
        let phase_states = phase::Entity::find()
            .filter(phase::Column::Id.is_in(phase_ids))
            .all(db)
            .await?
            .iter()
            .map(|p| Ok((p.id, runner::state_of::<PhaseMachine>(p)?)))
            .collect::<AppResult<_>>()?;
        Ok(Related {
            attendance,
            outcomes,
            phase_states,
            now: super::now(),
        })
    }

    fn facts(related: &Related, row: &workshop::Model, _: &Actor) -> AppResult<WorkshopFacts> {
        let phase_state = *related.phase_states.get(&row.phase_id).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("workshop {} has no phase", row.id))
        })?;
        let attendance = related
            .attendance
            .get(&row.id)
            .map_or(&[][..], Vec::as_slice);
        let outcomes = related.outcomes.get(&row.id).map_or(&[][..], Vec::as_slice);
        let attending = attendance
            .iter()
            .filter(|a| attendance_of(a) == Attendance::Attended);
        Ok(WorkshopFacts {
            phase_state,
            now: related.now,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            time_zone_valid: row.time_zone.parse::<chrono_tz::Tz>().is_ok(),
            invited: attendance.len(),
            attendance_unrecorded: attendance
                .iter()
                .filter(|a| !attendance_of(a).is_recorded())
                .count(),
            outcomes_missing: attending
                .filter(|a| {
                    !outcomes
                        .iter()
                        .any(|o| o.government_id == a.government_id && o.submitted)
                })
                .count(),
        })
    }

    fn view(
        related: &mut Related,
        row: workshop::Model,
        _: WorkshopFacts,
        allowed_transitions: Vec<Availability>,
    ) -> WorkshopView {
        WorkshopView {
            attendance: related.attendance.remove(&row.id).unwrap_or_default(),
            outcomes: related.outcomes.remove(&row.id).unwrap_or_default(),
            row,
            allowed_transitions,
        }
    }

    fn stamp(
        active: &mut workshop::ActiveModel,
        row: &workshop::Model,
        decision: &Decision<WorkshopState>,
        transition: WorkshopTransition,
        input: &TransitionInput,
    ) -> Value {
        let mut data = json!({"version": row.version + 1});
        match transition {
            WorkshopTransition::Reschedule => {
                // decide() refused a reschedule without both times.
                if let (Some(starts_at), Some(ends_at)) = (input.starts_at, input.ends_at) {
                    active.starts_at = Set(starts_at);
                    active.ends_at = Set(ends_at);
                    data = json!({"version": row.version + 1, "starts_at": starts_at, "ends_at": ends_at,
                                  "previous_starts_at": row.starts_at, "sequence": row.sequence + 1});
                }
                active.sequence = Set(row.sequence + 1);
            }
            // A calendar cancellation must outrank the last invitation it cancels.
            WorkshopTransition::Cancel => {
                active.sequence = Set(row.sequence + 1);
                active.cancel_reason = Set(decision.reason.clone());
            }
            WorkshopTransition::Conclude => active.override_reason = Set(decision.reason.clone()),
            WorkshopTransition::Schedule | WorkshopTransition::Hold => {}
        }
        data
    }
}

pub fn attendance_of(row: &workshop_government::Model) -> Attendance {
    row.attendance.parse().unwrap_or(Attendance::Invited)
}

impl From<&crate::domain::commands::NewWorkshop> for NewWorkshop {
    fn from(new: &crate::domain::commands::NewWorkshop) -> Self {
        Self {
            title: new.title().to_owned(),
            kind: new.kind(),
            starts_at: new.starts_at(),
            ends_at: new.ends_at(),
            time_zone: new.time_zone().to_owned(),
            venue: new.venue().to_owned(),
            agenda: new.agenda().map(str::to_owned),
            government_ids: new.government_ids().to_vec(),
        }
    }
}

/// Sets a workshop's dates without a transition: only for the demo, whose first
/// workshop must lie in the past as if time had passed (not an operation for people).
pub async fn move_dates(
    db: &Db,
    id: Uuid,
    starts_at: chrono::DateTime<chrono::Utc>,
    ends_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    workshop::Entity::update_many()
        .col_expr(workshop::Column::StartsAt, Expr::value(starts_at))
        .col_expr(workshop::Column::EndsAt, Expr::value(ends_at))
        .filter(workshop::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
