//! The home page's "needs my attention" lists, per role. Each list is one bounded
//! statement (at most [`LIMIT`] + 1 rows, to know whether more follow) served by an
//! index, and what the lists mention (invited governments, positions, names) is
//! loaded for all items at once: the page costs a fixed number of statements however
//! many workshops, texts and actions the dialogues hold. The rules of what is listed
//! are the domain's (`domain::attention`): the queries are built from its states and
//! every row is checked again with its predicates.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::entities::{
    action, action_government, endorsement, government, phase, project, project_government,
    understanding, workshop, workshop_government, workshop_outcome,
};
use super::phases::PhaseView;
use super::runner::{self, Stored};
use super::{Db, actions, names};
use crate::domain::action::ActionState;
use crate::domain::attention::{self as rule, Invited, WorkshopStep};
use crate::domain::phase::PhaseMachine;
use crate::domain::project::ProjectState;
use crate::domain::role::Role;
use crate::domain::transition::{Actor, Detail};
use crate::domain::understanding::{Position, UnderstandingState};
use crate::domain::workshop::{Attendance, WorkshopState};
use crate::error::{AppError, AppResult};

/// How many items a list shows; one more is read to know that more follow.
pub const LIMIT: usize = 20;

/// A list as the page shows it: its first items, and whether more were left out.
#[derive(Debug, Clone)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub more: bool,
}

impl<T> Listed<T> {
    fn of(mut items: Vec<T>) -> Self {
        let more = items.len() > LIMIT;
        items.truncate(LIMIT);
        Self { items, more }
    }

    fn keep(mut self, keep: impl Fn(&T) -> bool) -> Self {
        self.items.retain(keep);
        self
    }

    fn map<U>(self, f: impl FnMut(T) -> U) -> Listed<U> {
        Listed {
            items: self.items.into_iter().map(f).collect(),
            more: self.more,
        }
    }
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct WorkshopItem {
    pub id: Uuid,
    pub title: String,
    pub state: String,
    pub starts_at: DateTime<Utc>,
    /// The reader's government's attendance (focal points' lists), else empty.
    pub attendance: Option<String>,
    /// Whether the reader's government submitted its outcome (focal points' lists).
    pub submitted: Option<bool>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct UnderstandingItem {
    pub id: Uuid,
    pub title: String,
    pub state: String,
    pub revision: i32,
    /// The reader's government's position and the revision it was given to.
    pub position: Option<String>,
    pub position_revision: Option<i32>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ActionItem {
    pub id: Uuid,
    pub title: String,
    pub state: String,
    pub scope: String,
    pub due_date: NaiveDate,
    /// Whether the reader's government agreed (focal points' lists).
    pub agreed: Option<bool>,
}

impl ActionItem {
    pub fn state(&self) -> Option<ActionState> {
        self.state.parse().ok()
    }
}

/// What a focal point's government is asked for.
#[derive(Debug, Clone)]
pub struct FocalPointAttention {
    pub attendance: Listed<WorkshopItem>,
    pub outcomes: Listed<WorkshopItem>,
    pub positions: Listed<UnderstandingItem>,
    pub agreements: Listed<ActionItem>,
    pub overdue: Listed<ActionItem>,
}

/// A workshop waiting for a coordinator's step, and whom that step waits for.
#[derive(Debug, Clone)]
pub struct StepItem {
    pub workshop: WorkshopItem,
    pub step: WorkshopStep,
    pub missing: Vec<Uuid>,
}

/// A proposed text and the governments that have not answered it.
#[derive(Debug, Clone)]
pub struct WaitingText {
    pub text: UnderstandingItem,
    pub missing: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct CoordinatorAttention {
    /// One list per step, in the order of [`WorkshopStep::ALL`].
    pub workshops: Vec<(WorkshopStep, Listed<StepItem>)>,
    pub texts: Listed<WaitingText>,
    pub blocked: Listed<ActionItem>,
    pub overdue: Listed<ActionItem>,
    /// The governments the lists name.
    pub governments: HashMap<Uuid, government::Model>,
}

/// A dialogue and its phases (ordered), each with the facts its checklist reads.
#[derive(Debug, Clone)]
pub struct DialogueOverview {
    pub project: project::Model,
    pub phases: Vec<PhaseView>,
}

fn limited(mut query: SelectStatement) -> SelectStatement {
    query.limit(LIMIT as u64 + 1);
    query
}

fn workshop_columns(query: &mut SelectStatement) {
    use workshop::Column as W;
    for c in [W::Id, W::Title, W::State, W::StartsAt] {
        query.column((workshop::Entity, c));
    }
}

/// Scheduled workshops inviting `government` whose attendance it has not answered,
/// soonest first.
pub fn attendance_query(government: Uuid) -> SelectStatement {
    use workshop_government::Column as G;
    let (state, attendance) = rule::ATTENDANCE_ANSWER;
    let mut query = Query::select();
    workshop_columns(&mut query);
    query
        .expr_as(
            Expr::col((workshop_government::Entity, G::Attendance)),
            "attendance",
        )
        .expr_as(Expr::val(false), "submitted")
        .from(workshop::Entity)
        .join(
            JoinType::InnerJoin,
            workshop_government::Entity,
            Expr::col((workshop_government::Entity, G::WorkshopId))
                .equals((workshop::Entity, workshop::Column::Id))
                .and(Expr::col((workshop_government::Entity, G::GovernmentId)).eq(government)),
        )
        .and_where(Expr::col((workshop::Entity, workshop::Column::State)).eq(state.as_str()))
        .and_where(Expr::col((workshop_government::Entity, G::Attendance)).eq(attendance.as_str()))
        .order_by((workshop::Entity, workshop::Column::StartsAt), Order::Asc);
    limited(query)
}

/// Held workshops `government` attended without a submitted outcome, soonest first.
pub fn outcomes_query(government: Uuid) -> SelectStatement {
    use workshop_government::Column as G;
    use workshop_outcome::Column as O;
    let (state, attendance) = rule::OUTCOME_DUE;
    let mut query = Query::select();
    workshop_columns(&mut query);
    query
        .expr_as(
            Expr::col((workshop_government::Entity, G::Attendance)),
            "attendance",
        )
        .expr_as(
            Expr::col((workshop_outcome::Entity, O::Submitted)),
            "submitted",
        )
        .from(workshop::Entity)
        .join(
            JoinType::InnerJoin,
            workshop_government::Entity,
            Expr::col((workshop_government::Entity, G::WorkshopId))
                .equals((workshop::Entity, workshop::Column::Id))
                .and(Expr::col((workshop_government::Entity, G::GovernmentId)).eq(government)),
        )
        .join(
            JoinType::LeftJoin,
            workshop_outcome::Entity,
            Expr::col((workshop_outcome::Entity, O::WorkshopId))
                .equals((workshop::Entity, workshop::Column::Id))
                .and(Expr::col((workshop_outcome::Entity, O::GovernmentId)).eq(government)),
        )
        .and_where(Expr::col((workshop::Entity, workshop::Column::State)).eq(state.as_str()))
        .and_where(Expr::col((workshop_government::Entity, G::Attendance)).eq(attendance.as_str()))
        .and_where(
            Expr::col((workshop_outcome::Entity, O::Id))
                .is_null()
                .or(Expr::col((workshop_outcome::Entity, O::Submitted)).eq(false)),
        )
        .order_by((workshop::Entity, workshop::Column::StartsAt), Order::Asc);
    limited(query)
}

/// Proposed texts of `government`'s dialogues on whose current revision it has no
/// position, oldest first.
pub fn positions_query(government: Uuid) -> SelectStatement {
    use endorsement::Column as E;
    use understanding::Column as U;
    let mut query = Query::select();
    for c in [U::Id, U::Title, U::State, U::Revision] {
        query.column((understanding::Entity, c));
    }
    query
        .expr_as(Expr::col((endorsement::Entity, E::Position)), "position")
        .expr_as(
            Expr::col((endorsement::Entity, E::Revision)),
            "position_revision",
        )
        .from(understanding::Entity)
        .join(
            JoinType::InnerJoin,
            project_government::Entity,
            Expr::col((
                project_government::Entity,
                project_government::Column::ProjectId,
            ))
            .equals((understanding::Entity, U::ProjectId))
            .and(
                Expr::col((
                    project_government::Entity,
                    project_government::Column::GovernmentId,
                ))
                .eq(government),
            ),
        )
        .join(
            JoinType::LeftJoin,
            endorsement::Entity,
            Expr::col((endorsement::Entity, E::UnderstandingId))
                .equals((understanding::Entity, U::Id))
                .and(Expr::col((endorsement::Entity, E::GovernmentId)).eq(government)),
        )
        .and_where(Expr::col((understanding::Entity, U::State)).eq(rule::POSITION_AWAITED.as_str()))
        .and_where(
            Expr::col((endorsement::Entity, E::UnderstandingId))
                .is_null()
                .or(Expr::col((endorsement::Entity, E::Position)).eq(Position::Pending.as_str()))
                .or(Expr::col((endorsement::Entity, E::Revision))
                    .not_equals((understanding::Entity, U::Revision))),
        )
        .order_by((understanding::Entity, U::Id), Order::Asc);
    limited(query)
}

fn action_columns(query: &mut SelectStatement) {
    use action::Column as A;
    for c in [A::Id, A::Title, A::State, A::Scope, A::DueDate] {
        query.column((action::Entity, c));
    }
}

/// Actions in `states` (and, when `due_before` is given, due before that day), as
/// `actor` may see them, earliest due first. For a focal point, only those involving
/// their government (and with `unagreed_only`, those it has not agreed to), with its
/// agreement: "involves my government" is narrower than `actions::visible_to` (which
/// also admits every collective action of any dialogue), so it alone keeps a focal
/// point to what they may see. It is asked per candidate row with `EXISTS` on the
/// primary key, so the query walks the `(state, due_date)` index and stops at the
/// limit, rather than first listing every action of the government.
pub fn actions_query(
    actor: &Actor,
    states: &[&str],
    due_before: Option<NaiveDate>,
    unagreed_only: bool,
) -> SelectStatement {
    use action_government::Column as G;
    let mut query = Query::select();
    action_columns(&mut query);
    query.from(action::Entity);
    let theirs = |government: Uuid| {
        Query::select()
            .from(action_government::Entity)
            .and_where(
                Expr::col((action_government::Entity, G::ActionId))
                    .equals((action::Entity, action::Column::Id)),
            )
            .and_where(Expr::col((action_government::Entity, G::GovernmentId)).eq(government))
            .to_owned()
    };
    if actor.role == Role::FocalPoint {
        // No government: nothing involves them (an empty list, not everything).
        let government = actor.government_id.unwrap_or_else(Uuid::nil);
        let agreed = theirs(government)
            .column((action_government::Entity, G::Agreed))
            .to_owned();
        let mut involving = theirs(government).expr(Expr::val(1)).to_owned();
        if unagreed_only {
            involving.and_where(Expr::col((action_government::Entity, G::Agreed)).eq(false));
        }
        query
            .expr_as(Expr::SubQuery(None, Box::new(agreed.into())), "agreed")
            .and_where(Expr::exists(involving));
    } else {
        query
            .expr_as(Expr::val(Option::<bool>::None), "agreed")
            .cond_where(actions::visible_to(actor));
    }
    let state = Expr::col((action::Entity, action::Column::State));
    match states {
        [one] => query.and_where(state.eq(*one)),
        many => query.and_where(state.is_in(many.iter().copied())),
    };
    if let Some(day) = due_before {
        query.and_where(Expr::col((action::Entity, action::Column::DueDate)).lt(day));
    }
    query.order_by((action::Entity, action::Column::DueDate), Order::Asc);
    limited(query)
}

/// Workshops whose next step is `step` (for `hold`, those whose start is at or before
/// `now`), soonest first.
pub fn step_query(step: WorkshopStep, now: DateTime<Utc>) -> SelectStatement {
    let mut query = Query::select();
    workshop_columns(&mut query);
    query
        .expr_as(Expr::val(Option::<String>::None), "attendance")
        .expr_as(Expr::val(Option::<bool>::None), "submitted")
        .from(workshop::Entity)
        .and_where(
            Expr::col((workshop::Entity, workshop::Column::State)).eq(step.state().as_str()),
        );
    if step.needs_start_passed() {
        query.and_where(Expr::col((workshop::Entity, workshop::Column::StartsAt)).lte(now));
    }
    query.order_by((workshop::Entity, workshop::Column::StartsAt), Order::Asc);
    limited(query)
}

/// Proposed texts, oldest first (for staff, who see every dialogue).
pub fn waiting_texts_query() -> SelectStatement {
    use understanding::Column as U;
    let mut query = Query::select();
    for c in [U::Id, U::Title, U::State, U::Revision] {
        query.column((understanding::Entity, c));
    }
    query
        .expr_as(Expr::val(Option::<String>::None), "position")
        .expr_as(Expr::val(Option::<i32>::None), "position_revision")
        .from(understanding::Entity)
        .and_where(Expr::col((understanding::Entity, U::State)).eq(rule::POSITION_AWAITED.as_str()))
        .order_by((understanding::Entity, U::Id), Order::Asc);
    limited(query)
}

async fn fetch<T: FromQueryResult>(db: &Db, query: &SelectStatement) -> AppResult<Listed<T>> {
    let statement = db.get_database_backend().build(query);
    Ok(Listed::of(T::find_by_statement(statement).all(db).await?))
}

fn parse<T: std::str::FromStr>(name: &str) -> Option<T> {
    name.parse().ok()
}

/// A focal point's lists: five statements.
pub async fn for_focal_point(
    db: &Db,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<FocalPointAttention> {
    let Some(government) = actor
        .government_id
        .filter(|_| actor.role == Role::FocalPoint)
    else {
        return Err(AppError::Forbidden);
    };
    let today = now.date_naive();
    let workshop_facts = |w: &WorkshopItem| {
        Some((
            parse::<WorkshopState>(&w.state)?,
            parse::<Attendance>(w.attendance.as_deref()?)?,
        ))
    };
    let attendance = fetch::<WorkshopItem>(db, &attendance_query(government))
        .await?
        .keep(|w| workshop_facts(w).is_some_and(|(s, a)| rule::needs_attendance_answer(s, a)));
    let outcomes = fetch::<WorkshopItem>(db, &outcomes_query(government))
        .await?
        .keep(|w| {
            workshop_facts(w)
                .is_some_and(|(s, a)| rule::needs_outcome(s, a, w.submitted.unwrap_or(false)))
        });
    let positions = fetch::<UnderstandingItem>(db, &positions_query(government))
        .await?
        .keep(|u| {
            let given = u
                .position
                .as_deref()
                .and_then(parse::<Position>)
                .zip(u.position_revision);
            parse::<UnderstandingState>(&u.state)
                .is_some_and(|s| rule::awaits_position(s, u.revision, given))
        });
    let agreements = fetch::<ActionItem>(
        db,
        &actions_query(actor, &[rule::AGREEMENT_AWAITED.as_str()], None, true),
    )
    .await?
    .keep(|a| {
        a.state()
            .is_some_and(|s| rule::awaits_agreement(s, a.agreed.unwrap_or(true)))
    });
    let overdue = fetch::<ActionItem>(
        db,
        &actions_query(actor, &rule::overdue_states(), Some(today), false),
    )
    .await?
    .keep(|a| {
        a.state()
            .is_some_and(|s| rule::is_overdue(s, a.due_date, today))
    });
    Ok(FocalPointAttention {
        attendance,
        outcomes,
        positions,
        agreements,
        overdue,
    })
}

#[derive(Debug, FromQueryResult)]
struct InvitedRow {
    workshop_id: Uuid,
    government_id: Uuid,
    attendance: String,
    submitted: Option<bool>,
}

#[derive(Debug, FromQueryResult)]
struct PositionRow {
    understanding_id: Uuid,
    government_id: Uuid,
    position: Option<String>,
    revision: Option<i32>,
}

/// A text's participating governments, and the positions given (government,
/// position, revision).
type Participants = (Vec<Uuid>, Vec<(Uuid, Position, i32)>);

/// Every invited government of `workshops`, with its attendance and outcome.
fn invited_query(workshops: &[Uuid]) -> SelectStatement {
    use workshop_government::Column as G;
    use workshop_outcome::Column as O;
    Query::select()
        .column((workshop_government::Entity, G::WorkshopId))
        .column((workshop_government::Entity, G::GovernmentId))
        .column((workshop_government::Entity, G::Attendance))
        .expr_as(
            Expr::col((workshop_outcome::Entity, O::Submitted)),
            "submitted",
        )
        .from(workshop_government::Entity)
        .join(
            JoinType::LeftJoin,
            workshop_outcome::Entity,
            Expr::col((workshop_outcome::Entity, O::WorkshopId))
                .equals((workshop_government::Entity, G::WorkshopId))
                .and(
                    Expr::col((workshop_outcome::Entity, O::GovernmentId))
                        .equals((workshop_government::Entity, G::GovernmentId)),
                ),
        )
        .and_where(
            Expr::col((workshop_government::Entity, G::WorkshopId)).is_in(workshops.to_vec()),
        )
        .to_owned()
}

/// Every participating government of the dialogues of `texts`, with its position.
fn participants_query(texts: &[Uuid]) -> SelectStatement {
    use endorsement::Column as E;
    use project_government::Column as P;
    Query::select()
        .expr_as(
            Expr::col((understanding::Entity, understanding::Column::Id)),
            "understanding_id",
        )
        .column((project_government::Entity, P::GovernmentId))
        .column((endorsement::Entity, E::Position))
        .column((endorsement::Entity, E::Revision))
        .from(understanding::Entity)
        .join(
            JoinType::InnerJoin,
            project_government::Entity,
            Expr::col((project_government::Entity, P::ProjectId))
                .equals((understanding::Entity, understanding::Column::ProjectId)),
        )
        .join(
            JoinType::LeftJoin,
            endorsement::Entity,
            Expr::col((endorsement::Entity, E::UnderstandingId))
                .equals((understanding::Entity, understanding::Column::Id))
                .and(
                    Expr::col((endorsement::Entity, E::GovernmentId))
                        .equals((project_government::Entity, P::GovernmentId)),
                ),
        )
        .and_where(
            Expr::col((understanding::Entity, understanding::Column::Id)).is_in(texts.to_vec()),
        )
        .to_owned()
}

/// A coordinator's (or admin's) lists: nine statements, the last three only for what
/// the first six found.
pub async fn for_coordinator(
    db: &Db,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<CoordinatorAttention> {
    if !actor.is_staff() {
        return Err(AppError::Forbidden);
    }
    let today = now.date_naive();
    let mut steps = Vec::new();
    for step in WorkshopStep::ALL {
        let listed = fetch::<WorkshopItem>(db, &step_query(step, now))
            .await?
            .keep(|w| {
                parse::<WorkshopState>(&w.state)
                    .and_then(|s| rule::workshop_step(s, w.starts_at, now))
                    == Some(step)
            });
        steps.push((step, listed));
    }
    let texts = fetch::<UnderstandingItem>(db, &waiting_texts_query()).await?;
    let blocked = fetch::<ActionItem>(
        db,
        &actions_query(actor, &[ActionState::Blocked.as_str()], None, false),
    )
    .await?
    .keep(|a| a.state().is_some_and(rule::is_blocked));
    let overdue = fetch::<ActionItem>(
        db,
        &actions_query(actor, &rule::overdue_states(), Some(today), false),
    )
    .await?
    .keep(|a| {
        a.state()
            .is_some_and(|s| rule::is_overdue(s, a.due_date, today))
    });

    // Whom each workshop step waits for: one statement for every listed workshop.
    let workshop_ids: Vec<Uuid> = steps
        .iter()
        .flat_map(|(_, l)| l.items.iter().map(|w| w.id))
        .collect();
    let mut invited: HashMap<Uuid, Vec<Invited>> = HashMap::new();
    if !workshop_ids.is_empty() {
        let statement = db
            .get_database_backend()
            .build(&invited_query(&workshop_ids));
        for row in InvitedRow::find_by_statement(statement).all(db).await? {
            let Some(attendance) = parse::<Attendance>(&row.attendance) else {
                continue;
            };
            invited.entry(row.workshop_id).or_default().push(Invited {
                government_id: row.government_id,
                attendance,
                outcome_submitted: row.submitted.unwrap_or(false),
            });
        }
    }
    // Whom each text waits for: one statement for every listed text.
    let text_ids: Vec<Uuid> = texts.items.iter().map(|t| t.id).collect();
    let mut participants: HashMap<Uuid, Participants> = HashMap::new();
    if !text_ids.is_empty() {
        let statement = db
            .get_database_backend()
            .build(&participants_query(&text_ids));
        for row in PositionRow::find_by_statement(statement).all(db).await? {
            let entry = participants.entry(row.understanding_id).or_default();
            entry.0.push(row.government_id);
            let given = row.position.as_deref().and_then(parse::<Position>);
            if let (Some(position), Some(revision)) = (given, row.revision) {
                entry.1.push((row.government_id, position, revision));
            }
        }
    }
    let workshops: Vec<(WorkshopStep, Listed<StepItem>)> = steps
        .into_iter()
        .map(|(step, listed)| {
            let items = listed.map(|w| {
                let mut missing =
                    rule::missing_for(step, invited.get(&w.id).map_or(&[][..], Vec::as_slice));
                missing.sort();
                StepItem {
                    workshop: w,
                    step,
                    missing,
                }
            });
            (step, items)
        })
        .collect();
    let texts = texts
        .map(|text| {
            let (mut governments, given) = participants.remove(&text.id).unwrap_or_default();
            governments.sort();
            let missing = parse::<UnderstandingState>(&text.state).map_or_else(Vec::new, |s| {
                rule::without_position(s, text.revision, &governments, &given)
            });
            WaitingText { text, missing }
        })
        .keep(|t| !t.missing.is_empty());
    let mut named: Vec<Uuid> = workshops
        .iter()
        .flat_map(|(_, l)| l.items.iter().flat_map(|i| i.missing.iter().copied()))
        .chain(texts.items.iter().flat_map(|t| t.missing.iter().copied()))
        .collect();
    named.sort();
    named.dedup();
    let governments = names::governments(db, &named).await?;
    Ok(CoordinatorAttention {
        workshops,
        texts,
        blocked,
        overdue,
        governments,
    })
}

/// The dialogues still running (draft, active or suspended) that `actor` may see,
/// oldest first, each with its phases and their checklist facts: a fixed number of
/// statements (the dialogues, their phases, and what the phases' guards count).
pub async fn overview(db: &Db, actor: &Actor) -> AppResult<Listed<DialogueOverview>> {
    let running = ProjectState::names_where(|s| !s.is_terminal());
    let mut query = project::Entity::find()
        .filter(project::Column::State.is_in(running))
        .order_by_asc(project::Column::Id)
        .limit(LIMIT as u64 + 1);
    if actor.role == Role::FocalPoint {
        let government = actor.government_id.unwrap_or_else(Uuid::nil);
        query = query.filter(
            project::Column::Id.in_subquery(sea_orm::QueryTrait::into_query(
                project_government::Entity::find()
                    .select_only()
                    .column(project_government::Column::ProjectId)
                    .filter(project_government::Column::GovernmentId.eq(government)),
            )),
        );
    }
    let dialogues = Listed::of(query.all(db).await?);
    let ids: Vec<Uuid> = dialogues.items.iter().map(|p| p.id).collect();
    if ids.is_empty() {
        return Ok(dialogues.map(|project| DialogueOverview {
            project,
            phases: Vec::new(),
        }));
    }
    let rows = phase::Entity::find()
        .filter(phase::Column::ProjectId.is_in(ids))
        .order_by_asc(phase::Column::ProjectId)
        .order_by_asc(phase::Column::Ordinal)
        .all(db)
        .await?;
    let mut related = PhaseMachine::load_related(db, actor, &rows, Detail::Summary).await?;
    let mut phases: HashMap<Uuid, Vec<PhaseView>> = HashMap::new();
    for row in rows {
        let project_id = row.project_id;
        let view = runner::view_of::<PhaseMachine>(&mut related, row, actor)?;
        phases.entry(project_id).or_default().push(view);
    }
    Ok(dialogues.map(|project| DialogueOverview {
        phases: phases.remove(&project.id).unwrap_or_default(),
        project,
    }))
}

/// The queries the lists run, by name, for the plan tests (`tests/api/plans.rs`).
pub fn list_queries(actor: &Actor, now: DateTime<Utc>) -> Vec<(String, SelectStatement)> {
    let government = actor.government_id.unwrap_or_else(Uuid::nil);
    let today = now.date_naive();
    let mut queries = vec![
        ("attendance".to_owned(), attendance_query(government)),
        ("outcomes".to_owned(), outcomes_query(government)),
        ("positions".to_owned(), positions_query(government)),
        (
            "agreements".to_owned(),
            actions_query(actor, &[rule::AGREEMENT_AWAITED.as_str()], None, true),
        ),
        (
            "overdue".to_owned(),
            actions_query(actor, &rule::overdue_states(), Some(today), false),
        ),
        (
            "blocked".to_owned(),
            actions_query(actor, &[ActionState::Blocked.as_str()], None, false),
        ),
        ("texts".to_owned(), waiting_texts_query()),
    ];
    for step in WorkshopStep::ALL {
        queries.push((
            format!("workshops to {}", step.as_str()),
            step_query(step, now),
        ));
    }
    queries
}
