//! The read model of actions and the facts their guards decide from, loaded with a
//! fixed number of queries whatever the number of actions.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::action::{ActionFacts, ActionMachine, ActionState, ActionTransition};
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress, phase};
use crate::store::group_by_parent;
use crate::store::runner::Stored;

/// An action as a reader sees it.
#[derive(Debug, Clone)]
pub struct ActionView {
    pub row: action::Model,
    /// One per involved government, by government id.
    pub agreements: Vec<action_government::Model>,
    pub progress: Progress,
    pub overdue: bool,
    pub allowed_transitions: Vec<Availability>,
    /// What the guards decided from, for the reader: the pages ask the domain's own
    /// checks (agreement, progress) of them rather than loading them again.
    pub facts: ActionFacts,
}

impl ActionView {
    pub fn government_ids(&self) -> Vec<Uuid> {
        self.agreements.iter().map(|a| a.government_id).collect()
    }
}

/// An action's progress notes: all of them on a single read; on a list, how many
/// there are and the newest (issue 8: every note on every list item was most of a
/// page's bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Oldest first.
    All(Vec<action_progress::Model>),
    Summary {
        count: i64,
        last: Option<action_progress::Model>,
    },
}

/// Agreements, progress and phase states of one action or a page of them: one query
/// each, never one per action.
pub struct Related {
    pub(super) agreements: HashMap<Uuid, Vec<action_government::Model>>,
    progress: Notes,
    phase_states: HashMap<Uuid, String>,
    today: NaiveDate,
}

/// The progress loaded for each action, as much as the read shows.
enum Notes {
    All(HashMap<Uuid, Vec<action_progress::Model>>),
    Summary(HashMap<Uuid, ProgressSummary>),
}

impl Notes {
    async fn load<C: ConnectionTrait>(db: &C, ids: Vec<Uuid>, detail: Detail) -> AppResult<Self> {
        Ok(match detail {
            // Ids are UUIDv7, so ordering by id is ordering by creation.
            Detail::Full => Notes::All(group_by_parent(
                action_progress::Entity::find()
                    .filter(action_progress::Column::ActionId.is_in(ids))
                    .order_by_asc(action_progress::Column::Id)
                    .all(db)
                    .await?,
                |note| note.action_id,
            )),
            Detail::Summary => {
                let statement = db
                    .get_database_backend()
                    .build(&progress_summary_query(&ids));
                Notes::Summary(
                    ProgressSummary::find_by_statement(statement)
                        .all(db)
                        .await?
                        .into_iter()
                        .map(|s| (s.action_id, s))
                        .collect(),
                )
            }
        })
    }

    fn take(&mut self, action_id: Uuid) -> Progress {
        match self {
            Notes::All(notes) => Progress::All(notes.remove(&action_id).unwrap_or_default()),
            Notes::Summary(summaries) => {
                let summary = summaries.remove(&action_id);
                Progress::Summary {
                    count: summary.as_ref().map_or(0, |s| s.notes),
                    last: summary.map(ProgressSummary::into_note),
                }
            }
        }
    }
}

impl Related {
    /// Mirrors a progress note just written, so the view needs no second read.
    pub(super) fn push_progress(&mut self, note: action_progress::Model) {
        match &mut self.progress {
            Notes::All(notes) => notes.entry(note.action_id).or_default().push(note),
            Notes::Summary(summaries) => {
                let notes = summaries.get(&note.action_id).map_or(0, |s| s.notes);
                summaries.insert(note.action_id, ProgressSummary::of(note, notes + 1));
            }
        }
    }
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
    fn of(note: action_progress::Model, notes: i64) -> Self {
        Self {
            action_id: note.action_id,
            notes,
            id: note.id,
            note: note.note,
            author_id: note.author_id,
            created_at: note.created_at,
        }
    }

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

impl Stored for ActionMachine {
    type Entity = action::Entity;
    type Row = action::Model;
    type Related = Related;
    type View = ActionView;

    async fn may_see<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        row: &action::Model,
    ) -> AppResult<bool> {
        super::may_see(db, actor, row).await
    }

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        _: &Actor,
        rows: &[action::Model],
        detail: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let agreements = group_by_parent(
            action_government::Entity::find()
                .filter(action_government::Column::ActionId.is_in(ids.clone()))
                .order_by_asc(action_government::Column::GovernmentId)
                .all(db)
                .await?,
            |link| link.action_id,
        );
        let progress = Notes::load(db, ids, detail).await?;
        let mut phase_ids: Vec<Uuid> = rows.iter().map(|r| r.phase_id).collect();
        phase_ids.sort();
        phase_ids.dedup();
        let phase_states = phase::Entity::find()
            .select_only()
            .column(phase::Column::Id)
            .column(phase::Column::State)
            .filter(phase::Column::Id.is_in(phase_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Related {
            agreements,
            progress,
            phase_states,
            today: Utc::now().date_naive(),
        })
    }

    fn facts(related: &Related, row: &action::Model, actor: &Actor) -> AppResult<ActionFacts> {
        let agreements = related
            .agreements
            .get(&row.id)
            .map_or(&[][..], Vec::as_slice);
        Ok(ActionFacts {
            phase_state: parse_phase_state(related.phase_states.get(&row.phase_id))?,
            involved: agreements.len(),
            agreed: agreements.iter().filter(|a| a.agreed).count(),
            actor_involved: agreements.iter().any(|a| actor.speaks_for(a.government_id)),
            actor_is_owner: row.owner_id == Some(actor.id),
        })
    }

    fn view(
        related: &mut Related,
        row: action::Model,
        facts: ActionFacts,
        allowed_transitions: Vec<Availability>,
    ) -> ActionView {
        let overdue = row
            .state
            .parse()
            .is_ok_and(|s: ActionState| s.is_overdue(row.due_date, related.today));
        ActionView {
            overdue,
            progress: related.progress.take(row.id),
            agreements: related.agreements.remove(&row.id).unwrap_or_default(),
            allowed_transitions,
            facts,
            row,
        }
    }

    fn stamp(
        active: &mut action::ActiveModel,
        row: &action::Model,
        decision: &Decision<ActionState>,
        transition: ActionTransition,
        _: &TransitionInput,
    ) -> Value {
        match transition {
            ActionTransition::Complete => active.completion_note = Set(decision.reason.clone()),
            ActionTransition::Drop | ActionTransition::Block => {
                active.reason = Set(decision.reason.clone());
            }
            ActionTransition::Agree | ActionTransition::Start | ActionTransition::Unblock => {}
        }
        json!({"version": row.version + 1})
    }
}

/// The foreign key guarantees the phase exists; a miss means the database is damaged.
fn parse_phase_state(state: Option<&String>) -> AppResult<PhaseState> {
    state
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an action's phase is missing")))?
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored phase state: {e}")))
}
