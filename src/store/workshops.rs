//! Workshops: creation, read model (with attendance and outcomes), transitions.
use crate::store::Db;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use super::admission::admit;
use super::entities::{phase, workshop, workshop_government, workshop_outcome};
use super::outbox::NoticeTarget;
use super::workflow::{lock, record, record_fact, settle};
use super::{Page, PageRequest, phases, projects};
use crate::domain::phase::PhaseState;
use crate::domain::refusal::{Machine, Refusal};
use crate::domain::transition::{Actor, Availability, Detail, TransitionInput};
use crate::domain::validation::FieldErrors;
use crate::domain::workshop::{
    self as machine, Attendance, WorkshopFacts, WorkshopKind, WorkshopState, WorkshopTransition,
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
    /// Every transition with its reason on a single read; on a list, only the allowed.
    pub allowed_transitions: Vec<Availability>,
}

pub fn parse_state(row: &workshop::Model) -> AppResult<WorkshopState> {
    row.state
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored workshop state: {e}")))
}

/// `input` is parsed only once the actor is allowed to create (see `admission`).
pub async fn create(
    db: &Db,
    actor: &Actor,
    phase_id: Uuid,
    input: impl FnOnce() -> Result<NewWorkshop, FieldErrors>,
) -> AppResult<WorkshopView> {
    phases::find_visible(db, actor, phase_id).await?;
    let new = admit(actor, input)?;
    let txn = super::begin_write(db).await?;
    // Locked so the phase cannot complete between this check and the insert:
    // completing a phase counts its open workshops under the same lock.
    let phase = lock::<phase::Entity>(&txn, phase_id).await?;
    if phases::parse_state(&phase)?.is_closed() {
        return Err(Refusal::PhaseClosed {
            machine: Machine::Workshop,
        }
        .into());
    }
    let participating = projects::government_ids(&txn, phase.project_id).await?;
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
    .exec_with_returning(&txn)
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
        .exec_without_returning(&txn)
        .await?;
    let data =
        json!({"phase_id": phase.id, "title": row.title, "government_ids": new.government_ids});
    record_fact(
        &txn,
        "workshop",
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

/// The workshop, or 404 when its dialogue is out of the actor's sight.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<workshop::Model> {
    let row = workshop::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    projects::find_visible(db, actor, row.project_id).await?;
    Ok(row)
}

pub async fn get(db: &Db, actor: &Actor, id: Uuid) -> AppResult<WorkshopView> {
    let row = find_visible(db, actor, id).await?;
    let mut views = load_views(db, actor, vec![row]).await?;
    views.pop().ok_or(AppError::NotFound)
}

pub async fn list(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    page: PageRequest,
) -> AppResult<Page<WorkshopView>> {
    projects::find_visible(db, actor, project_id).await?;
    let query = workshop::Entity::find().filter(workshop::Column::ProjectId.eq(project_id));
    let page = super::fetch_page(db, query, workshop::Column::Id, page, |w| w.id).await?;
    let items = load(db, actor, page.items, Detail::Summary).await?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// The read model of workshops as a single read shows them.
async fn load_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<workshop::Model>,
) -> AppResult<Vec<WorkshopView>> {
    load(db, actor, rows, Detail::Full).await
}

/// Attendance, outcomes and phases for a whole page in three queries; `detail` says
/// how much of their transitions.
async fn load<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<workshop::Model>,
    detail: Detail,
) -> AppResult<Vec<WorkshopView>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let phase_ids: Vec<Uuid> = rows.iter().map(|r| r.phase_id).collect();
    let mut attendance = super::group_by_parent(
        workshop_government::Entity::find()
            .filter(workshop_government::Column::WorkshopId.is_in(ids.clone()))
            .order_by_asc(workshop_government::Column::GovernmentId)
            .all(db)
            .await?,
        |a| a.workshop_id,
    );
    let mut outcomes = super::group_by_parent(
        workshop_outcome::Entity::find()
            .filter(workshop_outcome::Column::WorkshopId.is_in(ids))
            .order_by_asc(workshop_outcome::Column::Id)
            .all(db)
            .await?,
        |o| o.workshop_id,
    );
    let phase_states: HashMap<Uuid, PhaseState> = phase::Entity::find()
        .filter(phase::Column::Id.is_in(phase_ids))
        .all(db)
        .await?
        .iter()
        .map(|p| Ok((p.id, phases::parse_state(p)?)))
        .collect::<AppResult<_>>()?;
    let now = super::now();
    rows.into_iter()
        .map(|row| {
            let attendance = attendance.remove(&row.id).unwrap_or_default();
            let outcomes = outcomes.remove(&row.id).unwrap_or_default();
            let phase_state = phase_states
                .get(&row.phase_id)
                .copied()
                .unwrap_or(PhaseState::Cancelled);
            let facts = facts_of(&row, phase_state, &attendance, &outcomes, now);
            let state = parse_state(&row)?;
            let allowed_transitions =
                detail.availability(WorkshopTransition::ALL, WorkshopTransition::as_str, |t| {
                    machine::check(state, t, &facts, actor).map(|_| ())
                });
            Ok(WorkshopView {
                row,
                attendance,
                outcomes,
                allowed_transitions,
            })
        })
        .collect()
}

pub fn attendance_of(row: &workshop_government::Model) -> Attendance {
    row.attendance.parse().unwrap_or(Attendance::Invited)
}

fn facts_of(
    row: &workshop::Model,
    phase_state: PhaseState,
    attendance: &[workshop_government::Model],
    outcomes: &[workshop_outcome::Model],
    now: DateTime<Utc>,
) -> WorkshopFacts {
    let attending = attendance
        .iter()
        .filter(|a| attendance_of(a) == Attendance::Attended);
    WorkshopFacts {
        phase_state,
        now,
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
    }
}

pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    transition: WorkshopTransition,
    version: i32,
    input: &TransitionInput,
) -> AppResult<WorkshopView> {
    let txn = super::begin_write(db).await?;
    let row = lock::<workshop::Entity>(&txn, id).await?;
    projects::find_visible(&txn, actor, row.project_id).await?;
    let phase = phase::Entity::find_by_id(row.phase_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let attendance = workshop_government::Entity::find()
        .filter(workshop_government::Column::WorkshopId.eq(id))
        .all(&txn)
        .await?;
    let outcomes = workshop_outcome::Entity::find()
        .filter(workshop_outcome::Column::WorkshopId.eq(id))
        .all(&txn)
        .await?;
    let facts = facts_of(
        &row,
        phases::parse_state(&phase)?,
        &attendance,
        &outcomes,
        super::now(),
    );
    let decision = settle(
        machine::decide(parse_state(&row)?, transition, &facts, actor, input),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.state = Set(decision.to.as_str().to_owned());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
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
    active.update(&txn).await?;
    let target = NoticeTarget {
        project_id: row.project_id,
        entity_kind: "workshop",
        entity_id: id,
    };
    record(&txn, "workshop", id, &decision, actor, data, target).await?;
    txn.commit().await?;
    get(db, actor, id).await
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
