//! The read model of actions and the facts their guards decide from, loaded with a
//! fixed number of queries whatever the number of actions.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Alias, Expr, JoinType, Order, UnionType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryResult,
    QuerySelect, QueryTrait, Select,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::page::PHASE_STATE;
use crate::domain::action::{ActionFacts, ActionMachine, ActionState, ActionTransition};
use crate::domain::phase::PhaseState;
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress};
use crate::store::runner::{LoadedPage, Stored};
use crate::store::{Db, PageRequest};

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
    fn take(&mut self, action_id: Uuid) -> Progress {
        match self {
            Notes::All(notes) => Progress::All(notes.remove(&action_id).unwrap_or_default()),
            Notes::Summary(summaries) => {
                let summary = summaries.remove(&action_id);
                Progress::Summary {
                    count: summary.as_ref().map_or(0, |s| s.notes),
                    last: summary.map(|s| s.last),
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
                let summary = ProgressSummary {
                    notes: notes + 1,
                    last: note,
                };
                summaries.insert(summary.last.action_id, summary);
            }
        }
    }
}

/// An action's note count and newest note, as a list item shows them.
#[derive(Debug)]
pub(super) struct ProgressSummary {
    pub(super) notes: i64,
    pub(super) last: action_progress::Model,
}

impl Related {
    /// What a list page read in one statement (see `page.rs`).
    pub(super) fn of_page(
        agreements: HashMap<Uuid, Vec<action_government::Model>>,
        summaries: HashMap<Uuid, ProgressSummary>,
        phase_states: HashMap<Uuid, String>,
    ) -> Self {
        Self {
            agreements,
            progress: Notes::Summary(summaries),
            phase_states,
            today: Utc::now().date_naive(),
        }
    }
}

/// What a single read of actions needs beside them, in one statement (issue 8 counts
/// a transition's statements; this was three): each action's agreements, its phase's
/// state, and its progress notes. The agreements come with the phase's state on a
/// LEFT join, so that an action without agreements still gives a row; the notes are a
/// second SELECT of the same columns under UNION ALL, told apart by their note id.
/// UUIDv7 ids make the notes' id order their creation order.
async fn load_commitments<C: ConnectionTrait>(db: &C, ids: Vec<Uuid>) -> AppResult<Commitments> {
    let mut notes = action_progress::Entity::find()
        .select_only()
        .column(action_progress::Column::ActionId)
        .filter(action_progress::Column::ActionId.is_in(ids.clone()))
        .into_query();
    notes
        .exprs(std::iter::repeat_n(Expr::cust("NULL"), 6))
        .columns([
            action_progress::Column::Id,
            action_progress::Column::Note,
            action_progress::Column::AuthorId,
            action_progress::Column::CreatedAt,
        ]);
    let mut query = action::Entity::find()
        .select_only()
        .column(action::Column::Id)
        .column(action::Column::PhaseId)
        .filter(action::Column::Id.is_in(ids))
        .into_query();
    query
        .expr(Expr::cust(PHASE_STATE))
        .expr(Expr::cust(r#""ag"."government_id""#))
        .expr(Expr::cust(r#""ag"."agreed""#))
        .expr(Expr::cust(r#""ag"."agreed_by""#))
        .expr(Expr::cust(r#""ag"."agreed_at""#))
        .exprs(std::iter::repeat_n(Expr::cust("NULL"), 4))
        .join_as(
            JoinType::LeftJoin,
            action_government::Entity,
            Alias::new("ag"),
            Expr::cust(r#""ag"."action_id" = "actions"."id""#),
        )
        .union(UnionType::All, notes)
        // By position, as a UNION is ordered: agreements by government, notes by id.
        .order_by_expr(Expr::cust("4"), Order::Asc)
        .order_by_expr(Expr::cust("8"), Order::Asc);
    let rows = CommitmentRow::find_by_statement(db.get_database_backend().build(&query))
        .all(db)
        .await?;
    let mut loaded = Commitments::default();
    for row in rows {
        match row {
            CommitmentRow::Action {
                phase_id,
                phase_state,
                agreement,
            } => {
                loaded.phase_states.insert(phase_id, phase_state);
                if let Some(agreement) = agreement {
                    let of_action = loaded.agreements.entry(agreement.action_id);
                    of_action.or_default().push(agreement);
                }
            }
            CommitmentRow::Note(note) => loaded.notes.entry(note.action_id).or_default().push(note),
        }
    }
    Ok(loaded)
}

/// What [`load_commitments`] read, by action (phase states by phase).
#[derive(Default)]
struct Commitments {
    agreements: HashMap<Uuid, Vec<action_government::Model>>,
    phase_states: HashMap<Uuid, String>,
    notes: HashMap<Uuid, Vec<action_progress::Model>>,
}

/// One row of [`load_commitments`], read by position.
enum CommitmentRow {
    Action {
        phase_id: Uuid,
        phase_state: String,
        /// None for an action without agreements (the LEFT join's empty side).
        agreement: Option<action_government::Model>,
    },
    Note(action_progress::Model),
}

impl FromQueryResult for CommitmentRow {
    fn from_query_result(res: &QueryResult, _pre: &str) -> Result<Self, DbErr> {
        let action_id = res.try_get_by_index(0)?;
        if let Some(id) = res.try_get_by_index::<Option<Uuid>>(7)? {
            return Ok(Self::Note(action_progress::Model {
                id,
                action_id,
                note: res.try_get_by_index(8)?,
                author_id: res.try_get_by_index(9)?,
                created_at: res.try_get_by_index(10)?,
            }));
        }
        let government_id: Option<Uuid> = res.try_get_by_index(3)?;
        let agreement = match government_id {
            Some(government_id) => Some(action_government::Model {
                action_id,
                government_id,
                agreed: res.try_get_by_index(4)?,
                agreed_by: res.try_get_by_index(5)?,
                agreed_at: res.try_get_by_index(6)?,
            }),
            None => None,
        };
        Ok(Self::Action {
            phase_id: res.try_get_by_index(1)?,
            phase_state: res.try_get_by_index(2)?,
            agreement,
        })
    }
}

/// The notes as much as the read shows: all of them, oldest first, or for a list how
/// many and the newest.
fn notes_for(notes: HashMap<Uuid, Vec<action_progress::Model>>, detail: Detail) -> Notes {
    match detail {
        Detail::Full => Notes::All(notes),
        // Lists read their summaries in their own statement (`page.rs`); this serves
        // any other caller that asks for a summary, from the notes themselves.
        Detail::Summary => Notes::Summary(
            notes
                .into_iter()
                .filter_map(|(id, mut all)| {
                    let count = all.len() as i64;
                    all.pop()
                        .map(|last| (id, ProgressSummary { notes: count, last }))
                })
                .collect(),
        ),
    }
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

    /// The hot list: one statement for the page and all it needs (`page.rs`).
    async fn load_page(
        db: &Db,
        _: &Actor,
        query: Select<action::Entity>,
        _: action::Column,
        page: PageRequest,
    ) -> AppResult<LoadedPage<Self>> {
        let (page, related) = super::page::load(db, query, page).await?;
        Ok((page, Some(related)))
    }

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        _: &Actor,
        rows: &[action::Model],
        detail: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let loaded = load_commitments(db, ids).await?;
        Ok(Related {
            agreements: loaded.agreements,
            progress: notes_for(loaded.notes, detail),
            phase_states: loaded.phase_states,
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
