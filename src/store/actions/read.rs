//! The read model of actions and the facts their guards decide from, loaded with a
//! fixed number of queries whatever the number of actions.
use std::collections::HashMap;

use crate::store::group_by_parent;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::parse_state;
use crate::domain::action::{self as machine, ActionFacts, ActionTransition};
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability, Detail};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress, phase};

/// An action as a reader sees it.
#[derive(Debug, Clone)]
pub struct ActionView {
    pub row: action::Model,
    /// One per involved government, by government id.
    pub agreements: Vec<action_government::Model>,
    /// Oldest first.
    pub progress: Vec<action_progress::Model>,
    pub overdue: bool,
    pub allowed_transitions: Vec<Availability>,
}

impl ActionView {
    pub fn government_ids(&self) -> Vec<Uuid> {
        self.agreements.iter().map(|a| a.government_id).collect()
    }
}

/// An action as a list shows it: its progress notes counted, only the newest carried,
/// and only the transitions allowed now. The single read carries the rest.
#[derive(Debug, Clone)]
pub struct ActionListItem {
    pub row: action::Model,
    /// One per involved government, by government id.
    pub agreements: Vec<action_government::Model>,
    pub progress_count: i64,
    pub last_progress: Option<action_progress::Model>,
    pub overdue: bool,
    pub allowed_transitions: Vec<Availability>,
}

impl ActionListItem {
    pub fn government_ids(&self) -> Vec<Uuid> {
        self.agreements.iter().map(|a| a.government_id).collect()
    }
}

/// What a single read and a list item share: the row, its agreements, and what the
/// reader may do with it.
struct Judged {
    row: action::Model,
    agreements: Vec<action_government::Model>,
    overdue: bool,
    allowed_transitions: Vec<Availability>,
}

/// Builds the read model of several actions as a single read shows them: one query
/// each for agreements, progress notes and phase states, never one per action.
pub async fn load_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<action::Model>,
) -> AppResult<Vec<ActionView>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let judged = judge(db, actor, rows, Detail::Full).await?;
    // Ids are UUIDv7, so ordering by id is ordering by creation.
    let mut progress = group_by_parent(
        action_progress::Entity::find()
            .filter(action_progress::Column::ActionId.is_in(ids))
            .order_by_asc(action_progress::Column::Id)
            .all(db)
            .await?,
        |note| note.action_id,
    );
    Ok(judged
        .into_iter()
        .map(|j| ActionView {
            progress: progress.remove(&j.row.id).unwrap_or_default(),
            row: j.row,
            agreements: j.agreements,
            overdue: j.overdue,
            allowed_transitions: j.allowed_transitions,
        })
        .collect())
}

/// Builds a page of actions as a list shows them: one query each for agreements,
/// the progress summary and phase states, never one per action.
pub(super) async fn load_list_items<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<action::Model>,
) -> AppResult<Vec<ActionListItem>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let judged = judge(db, actor, rows, Detail::Summary).await?;
    let mut summaries: HashMap<Uuid, ProgressSummary> = if ids.is_empty() {
        HashMap::new()
    } else {
        let statement = db
            .get_database_backend()
            .build(&progress_summary_query(&ids));
        ProgressSummary::find_by_statement(statement)
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.action_id, s))
            .collect()
    };
    Ok(judged
        .into_iter()
        .map(|j| {
            let summary = summaries.remove(&j.row.id);
            ActionListItem {
                progress_count: summary.as_ref().map_or(0, |s| s.notes),
                last_progress: summary.map(ProgressSummary::into_note),
                row: j.row,
                agreements: j.agreements,
                overdue: j.overdue,
                allowed_transitions: j.allowed_transitions,
            }
        })
        .collect())
}

/// One row of [`progress_summary_query`]: an action's note count and newest note.
#[derive(Debug, FromQueryResult)]
struct ProgressSummary {
    action_id: Uuid,
    notes: i64,
    id: Uuid,
    note: String,
    author_id: Uuid,
    created_at: DateTime<Utc>,
}

impl ProgressSummary {
    fn into_note(self) -> action_progress::Model {
        action_progress::Model {
            id: self.id,
            action_id: self.action_id,
            note: self.note,
            author_id: self.author_id,
            created_at: self.created_at,
        }
    }
}

/// For each of `action_ids` that has progress notes: how many, and the newest one, in
/// one statement. Each figure is a search of the `(action_id, id)` index: the count
/// over the action's entries, the newest its last entry (ids are UUIDv7), whose note
/// is then read by primary key; so the cost follows the page, not the table. The
/// newest is found by an ordered subquery because PostgreSQL has no `max(uuid)`.
pub fn progress_summary_query(action_ids: &[Uuid]) -> SelectStatement {
    let (page, notes, newest) = ("page", "notes", "newest_id");
    let by_action = |alias: &'static str| {
        Expr::col((alias, action_progress::Column::ActionId))
            .equals((action::Entity, action::Column::Id))
    };
    let count = Query::select()
        .expr(Expr::col(("c", action_progress::Column::Id)).count())
        .from_as(action_progress::Entity, "c")
        .and_where(by_action("c"))
        .take();
    let newest_id = Query::select()
        .column(("q", action_progress::Column::Id))
        .from_as(action_progress::Entity, "q")
        .and_where(by_action("q"))
        .order_by(("q", action_progress::Column::Id), Order::Desc)
        .limit(1)
        .take();
    let per_action = Query::select()
        .expr_as(Expr::col((action::Entity, action::Column::Id)), "action_id")
        .expr_as(count, notes)
        .expr_as(newest_id, newest)
        .from(action::Entity)
        .and_where(Expr::col((action::Entity, action::Column::Id)).is_in(action_ids.to_vec()))
        .take();
    Query::select()
        .column((page, Alias::new("action_id")))
        .column((page, Alias::new(notes)))
        .column((action_progress::Entity, action_progress::Column::Id))
        .column((action_progress::Entity, action_progress::Column::Note))
        .column((action_progress::Entity, action_progress::Column::AuthorId))
        .column((action_progress::Entity, action_progress::Column::CreatedAt))
        .from_subquery(per_action, page)
        .join(
            JoinType::InnerJoin,
            action_progress::Entity,
            Expr::col((action_progress::Entity, action_progress::Column::Id))
                .equals((page, Alias::new(newest))),
        )
        .take()
}

/// The facts of several actions and what `actor` may do with each: one query each
/// for agreements and phase states.
async fn judge<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<action::Model>,
    detail: Detail,
) -> AppResult<Vec<Judged>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut agreements = group_by_parent(
        action_government::Entity::find()
            .filter(action_government::Column::ActionId.is_in(ids))
            .order_by_asc(action_government::Column::GovernmentId)
            .all(db)
            .await?,
        |link| link.action_id,
    );
    let mut phase_ids: Vec<Uuid> = rows.iter().map(|r| r.phase_id).collect();
    phase_ids.sort();
    phase_ids.dedup();
    let phase_states: HashMap<Uuid, String> = phase::Entity::find()
        .select_only()
        .column(phase::Column::Id)
        .column(phase::Column::State)
        .filter(phase::Column::Id.is_in(phase_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let today = Utc::now().date_naive();
    rows.into_iter()
        .map(|row| {
            let agreements = agreements.remove(&row.id).unwrap_or_default();
            let phase_state = parse_phase_state(phase_states.get(&row.phase_id))?;
            let facts = facts_of(actor, &row, phase_state, &agreements);
            let state = parse_state(&row)?;
            let allowed_transitions =
                detail.availability(ActionTransition::ALL, ActionTransition::as_str, |t| {
                    machine::check(state, t, &facts, actor).map(|_| ())
                });
            Ok(Judged {
                overdue: state.is_overdue(row.due_date, today),
                agreements,
                allowed_transitions,
                row,
            })
        })
        .collect()
}

/// The facts of one action, inside the transaction that will change it; also returns
/// its agreement rows, which the caller may update.
pub(super) async fn load_facts<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &action::Model,
) -> AppResult<(ActionFacts, Vec<action_government::Model>)> {
    let agreements = action_government::Entity::find()
        .filter(action_government::Column::ActionId.eq(row.id))
        .order_by_asc(action_government::Column::GovernmentId)
        .all(db)
        .await?;
    let phase_state: Option<String> = phase::Entity::find_by_id(row.phase_id)
        .select_only()
        .column(phase::Column::State)
        .into_tuple()
        .one(db)
        .await?;
    let phase_state = parse_phase_state(phase_state.as_ref())?;
    Ok((facts_of(actor, row, phase_state, &agreements), agreements))
}

pub(super) fn facts_of(
    actor: &Actor,
    row: &action::Model,
    phase_state: PhaseState,
    agreements: &[action_government::Model],
) -> ActionFacts {
    ActionFacts {
        phase_state,
        involved: agreements.len(),
        agreed: agreements.iter().filter(|a| a.agreed).count(),
        actor_involved: agreements.iter().any(|a| actor.speaks_for(a.government_id)),
        actor_is_owner: row.owner_id == Some(actor.id),
    }
}

/// The foreign key guarantees the phase exists; a miss means the database is damaged.
fn parse_phase_state(state: Option<&String>) -> AppResult<PhaseState> {
    state
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an action's phase is missing")))?
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored phase state: {e}")))
}
