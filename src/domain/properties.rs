//! Property tests for the five machines together. A small in-memory dialogue (the
//! "world") takes random requests from random people. It computes every machine's facts
//! from its own rows, the way the store loads them, applies only what `decide` allows,
//! and checks after every step the invariants the rest of the system relies on. So a
//! guard that trusts a fact too far shows up here rather than in production data.
//!
//! Attendance and outcome records have no domain guard, so the world applies the store's
//! rules for them: staff or the government's own focal point record attendance while the
//! workshop is scheduled; the focal point of an attending government submits its outcome
//! once the workshop is held.
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use uuid::Uuid;

use super::action::{self, ActionFacts, ActionState, ActionTransition};
use super::phase::{self, PhaseFacts, PhaseState, PhaseTransition};
use super::project::{self, ProjectFacts, ProjectState, ProjectTransition};
use super::role::Role;
use super::transition::{Actor, Decision, TransitionInput};
use super::understanding::{
    self, Position, UnderstandingFacts, UnderstandingState, UnderstandingTransition,
};
use super::workshop::{self, Attendance, WorkshopFacts, WorkshopState, WorkshopTransition};

/// A government outside the dialogue, so the "not participating" paths are exercised.
const OUTSIDER: Uuid = Uuid::from_u128(999);
/// Few user ids, so the acting user is now and then an action's owner.
const USERS: u128 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entity {
    Project,
    Phase(usize),
    Workshop(usize),
    Understanding(usize),
    Action(usize),
}

/// A row's state and its optimistic-concurrency version (1 when created).
#[derive(Debug, Clone, PartialEq)]
struct Row<S> {
    state: S,
    version: i64,
}

#[derive(Debug, Clone, PartialEq)]
struct Phase {
    ordinal: i32,
    row: Row<PhaseState>,
}

#[derive(Debug, Clone, PartialEq)]
struct Workshop {
    phase: usize,
    row: Row<WorkshopState>,
    invited: Vec<Uuid>,
    attendance: BTreeMap<Uuid, Attendance>,
    outcomes: BTreeSet<Uuid>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    time_zone_valid: bool,
    sequence: i32,
}

#[derive(Debug, Clone, PartialEq)]
struct Understanding {
    phase: usize,
    row: Row<UnderstandingState>,
    revision: i32,
    /// Each participating government's position and the revision it was taken on.
    positions: BTreeMap<Uuid, (Position, i32)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Action {
    phase: usize,
    row: Row<ActionState>,
    involved: Vec<Uuid>,
    agreed: BTreeSet<Uuid>,
    owner: Uuid,
    reports: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct World {
    now: DateTime<Utc>,
    governments: Vec<Uuid>,
    project: Row<ProjectState>,
    phases: Vec<Phase>,
    workshops: Vec<Workshop>,
    understandings: Vec<Understanding>,
    actions: Vec<Action>,
    history: Vec<(Entity, &'static str)>,
}

/// Who asks: a focal point speaks for the government `government` picks.
#[derive(Debug, Clone)]
struct Who {
    role: Role,
    government: Index,
    user: u128,
}

/// The same text serves as reason, note and override; blank tests the trimming.
type Words = Option<&'static str>;

#[derive(Debug, Clone)]
enum Op {
    Project(ProjectTransition, Who, Words),
    Phase(Index, PhaseTransition, Who, Words),
    /// Times are (hours from now to the start, length in hours).
    Workshop(Index, WorkshopTransition, Who, Words, Option<(i64, i64)>),
    Understanding(Index, UnderstandingTransition, Who, Words),
    Action(Index, ActionTransition, Who, Words),
    /// The last flag answers an older revision than the current one.
    Position(Index, Who, Index, Position, bool),
    Agreement(Index, Who, Index),
    Progress(Index, Who),
    Attendance(Index, Who, Index, bool),
    Outcome(Index, Who, Index),
    Advance(i64),
}

fn row<S>(state: S) -> Row<S> {
    Row { state, version: 1 }
}

fn pick(index: Index, len: usize) -> Option<usize> {
    (len > 0).then(|| index.index(len))
}

fn input(words: Words) -> TransitionInput {
    let text = words.map(str::to_owned);
    TransitionInput {
        reason: text.clone(),
        note: text.clone(),
        override_reason: text,
        ..Default::default()
    }
}

/// What the store writes for an allowed transition: new state, version + 1, one event.
fn apply<S: Copy + PartialEq + Debug>(
    history: &mut Vec<(Entity, &'static str)>,
    entity: Entity,
    row: &mut Row<S>,
    decision: Decision<S>,
) {
    assert_eq!(
        decision.from, row.state,
        "{entity:?}: decided from another state"
    );
    row.state = decision.to;
    row.version += 1;
    history.push((entity, decision.transition));
}

type WorkshopSpec = (usize, Vec<usize>, bool);
type ActionSpec = (usize, Option<Vec<usize>>, u128);

impl World {
    fn new(
        ordinals: Vec<i32>,
        governments: usize,
        workshops: Vec<WorkshopSpec>,
        understandings: Vec<usize>,
        actions: Vec<ActionSpec>,
    ) -> Self {
        let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
        let governments: Vec<Uuid> = (0..governments as u128)
            .map(|i| Uuid::from_u128(100 + i))
            .collect();
        let ids = |picks: &[usize]| picks.iter().map(|&i| governments[i]).collect::<Vec<_>>();
        let workshops = workshops
            .into_iter()
            .map(|(phase, invited, time_zone_valid)| {
                let invited = ids(&invited);
                Workshop {
                    phase,
                    row: row(WorkshopState::Draft),
                    attendance: invited.iter().map(|&g| (g, Attendance::Invited)).collect(),
                    invited,
                    outcomes: BTreeSet::new(),
                    starts_at: now + TimeDelta::hours(24),
                    ends_at: now + TimeDelta::hours(26),
                    time_zone_valid,
                    sequence: 0,
                }
            });
        let understandings = understandings.into_iter().map(|phase| Understanding {
            phase,
            row: row(UnderstandingState::Draft),
            revision: 1,
            positions: governments
                .iter()
                .map(|&g| (g, (Position::Pending, 1)))
                .collect(),
        });
        let actions = actions.into_iter().map(|(phase, bilateral, owner)| Action {
            phase,
            row: row(ActionState::Proposed),
            // Collective actions involve every government of the dialogue.
            involved: bilateral.map_or_else(|| governments.clone(), |pair| ids(&pair)),
            agreed: BTreeSet::new(),
            owner: Uuid::from_u128(owner + 1),
            reports: 0,
        });
        let phases = ordinals.into_iter().map(|ordinal| Phase {
            ordinal,
            row: row(PhaseState::Planned),
        });
        World {
            now,
            project: row(ProjectState::Draft),
            phases: phases.collect(),
            workshops: workshops.collect(),
            understandings: understandings.collect(),
            actions: actions.collect(),
            history: Vec::new(),
            governments,
        }
    }

    fn government(&self, pick: Index) -> Uuid {
        let i = pick.index(self.governments.len() + 1);
        self.governments.get(i).copied().unwrap_or(OUTSIDER)
    }

    fn actor(&self, who: &Who) -> Actor {
        Actor {
            id: Uuid::from_u128(who.user + 1),
            role: who.role,
            government_id: (who.role == Role::FocalPoint).then(|| self.government(who.government)),
        }
    }

    fn project_facts(&self) -> ProjectFacts {
        ProjectFacts {
            government_count: self.governments.len(),
            phase_count: self.phases.len(),
            open_phase_count: self.phases.iter().filter(|p| p.row.state.is_open()).count(),
        }
    }

    fn phase_facts(&self, i: usize) -> PhaseFacts {
        let ordinal = self.phases[i].ordinal;
        let texts = || self.understandings.iter().filter(|u| u.phase == i);
        let texts_in = |state| texts().filter(|u| u.row.state == state).count();
        PhaseFacts {
            project_state: self.project.state,
            previous_phase: (self.phases.iter())
                .filter(|p| p.ordinal < ordinal)
                .max_by_key(|p| p.ordinal)
                .map(|p| p.row.state),
            open_workshops: (self.workshops.iter())
                .filter(|w| w.phase == i && w.row.state.is_open())
                .count(),
            open_understandings: texts().filter(|u| u.row.state.is_open()).count(),
            adopted_understandings: texts_in(UnderstandingState::Adopted),
            withdrawn_understandings: texts_in(UnderstandingState::Withdrawn),
            open_actions: (self.actions.iter())
                .filter(|a| a.phase == i && !a.row.state.is_terminal())
                .count(),
        }
    }

    fn workshop_facts(&self, i: usize) -> WorkshopFacts {
        let w = &self.workshops[i];
        let attendance = |g: &Uuid| w.attendance.get(g).copied();
        WorkshopFacts {
            phase_state: self.phases[w.phase].row.state,
            now: self.now,
            starts_at: w.starts_at,
            ends_at: w.ends_at,
            time_zone_valid: w.time_zone_valid,
            invited: w.invited.len(),
            attendance_unrecorded: (w.invited.iter())
                .filter(|g| !attendance(g).is_some_and(Attendance::is_recorded))
                .count(),
            outcomes_missing: (w.invited.iter())
                .filter(|g| attendance(g) == Some(Attendance::Attended))
                .filter(|g| !w.outcomes.contains(g))
                .count(),
        }
    }

    fn understanding_facts(&self, i: usize) -> UnderstandingFacts {
        let u = &self.understandings[i];
        UnderstandingFacts {
            phase_state: self.phases[u.phase].row.state,
            participating: self.governments.len(),
            endorsed_current: (self.governments.iter())
                .filter(|g| u.positions.get(g) == Some(&(Position::Endorsed, u.revision)))
                .count(),
        }
    }

    fn action_facts(&self, i: usize, actor: &Actor) -> ActionFacts {
        let a = &self.actions[i];
        ActionFacts {
            phase_state: self.phases[a.phase].row.state,
            involved: a.involved.len(),
            agreed: a.involved.iter().filter(|g| a.agreed.contains(g)).count(),
            actor_involved: a.involved.iter().any(|&g| actor.speaks_for(g)),
            actor_is_owner: actor.id == a.owner,
        }
    }

    /// Runs one request as the store would; false when it was refused or named nothing.
    fn step(&mut self, op: &Op) -> bool {
        use {UnderstandingTransition as U, WorkshopTransition as W};
        match op.clone() {
            Op::Project(t, who, words) => {
                let (actor, facts) = (self.actor(&who), self.project_facts());
                let state = self.project.state;
                let Ok(d) = project::decide(state, t, &facts, &actor, &input(words)) else {
                    return false;
                };
                apply(&mut self.history, Entity::Project, &mut self.project, d);
            }
            Op::Phase(i, t, who, words) => {
                let Some(i) = pick(i, self.phases.len()) else {
                    return false;
                };
                let (actor, facts) = (self.actor(&who), self.phase_facts(i));
                let p = &mut self.phases[i];
                let Ok(d) = phase::decide(p.row.state, t, &facts, &actor, &input(words)) else {
                    return false;
                };
                apply(&mut self.history, Entity::Phase(i), &mut p.row, d);
            }
            Op::Workshop(i, t, who, words, times) => {
                let Some(i) = pick(i, self.workshops.len()) else {
                    return false;
                };
                let (actor, mut facts) = (self.actor(&who), self.workshop_facts(i));
                let times = times.map(|(start_in, hours)| {
                    let start = self.now + TimeDelta::hours(start_in);
                    (start, start + TimeDelta::hours(hours))
                });
                // Scheduling is judged on the times it asks for; a reschedule on the input.
                if let (W::Schedule, Some((start, end))) = (t, times) {
                    (facts.starts_at, facts.ends_at) = (start, end);
                }
                let request = TransitionInput {
                    starts_at: times.map(|(start, _)| start),
                    ends_at: times.map(|(_, end)| end),
                    ..input(words)
                };
                let w = &mut self.workshops[i];
                let Ok(d) = workshop::decide(w.row.state, t, &facts, &actor, &request) else {
                    return false;
                };
                if let (W::Schedule | W::Reschedule, Some((start, end))) = (t, times) {
                    (w.starts_at, w.ends_at) = (start, end);
                }
                w.sequence += i32::from(t == W::Reschedule);
                apply(&mut self.history, Entity::Workshop(i), &mut w.row, d);
            }
            Op::Understanding(i, t, who, words) => {
                let Some(i) = pick(i, self.understandings.len()) else {
                    return false;
                };
                let (actor, facts) = (self.actor(&who), self.understanding_facts(i));
                let u = &mut self.understandings[i];
                let Ok(d) = understanding::decide(u.row.state, t, &facts, &actor, &input(words))
                else {
                    return false;
                };
                if t == U::Revise {
                    // A new text: every government has to look at it again.
                    u.revision += 1;
                    let fresh = (Position::Pending, u.revision);
                    u.positions.values_mut().for_each(|p| *p = fresh);
                }
                apply(&mut self.history, Entity::Understanding(i), &mut u.row, d);
            }
            Op::Position(i, who, government, position, stale) => {
                let Some(i) = pick(i, self.understandings.len()) else {
                    return false;
                };
                let (actor, government) = (self.actor(&who), self.government(government));
                let participating = self.governments.contains(&government);
                let u = &self.understandings[i];
                let sent = u.revision - i32::from(stale);
                let allowed = understanding::check_position(
                    u.row.state,
                    u.revision,
                    sent,
                    &actor,
                    government,
                    participating,
                );
                if allowed.is_err() {
                    return false;
                }
                self.understandings[i]
                    .positions
                    .insert(government, (position, sent));
                let facts = self.understanding_facts(i);
                if facts.endorsed_current == facts.participating {
                    // The store adopts in the same transaction as the last endorsement; a
                    // refusal here leaves a fully endorsed proposal, which the checks catch.
                    let u = &mut self.understandings[i];
                    let none = TransitionInput::default();
                    if let Ok(d) =
                        understanding::decide(u.row.state, U::Adopt, &facts, &actor, &none)
                    {
                        apply(&mut self.history, Entity::Understanding(i), &mut u.row, d);
                    }
                }
            }
            Op::Action(i, t, who, words) => {
                let Some(i) = pick(i, self.actions.len()) else {
                    return false;
                };
                let actor = self.actor(&who);
                let facts = self.action_facts(i, &actor);
                let a = &mut self.actions[i];
                let Ok(d) = action::decide(a.row.state, t, &facts, &actor, &input(words)) else {
                    return false;
                };
                apply(&mut self.history, Entity::Action(i), &mut a.row, d);
            }
            Op::Agreement(i, who, government) => {
                let Some(i) = pick(i, self.actions.len()) else {
                    return false;
                };
                let (actor, government) = (self.actor(&who), self.government(government));
                let a = &mut self.actions[i];
                let involved = a.involved.contains(&government);
                if action::check_agreement(a.row.state, &actor, government, involved).is_err() {
                    return false;
                }
                a.agreed.insert(government);
            }
            Op::Progress(i, who) => {
                let Some(i) = pick(i, self.actions.len()) else {
                    return false;
                };
                let actor = self.actor(&who);
                let facts = self.action_facts(i, &actor);
                let a = &mut self.actions[i];
                if action::check_progress(a.row.state, &facts, &actor).is_err() {
                    return false;
                }
                a.reports += 1;
            }
            Op::Attendance(i, who, government, attended) => {
                let Some(i) = pick(i, self.workshops.len()) else {
                    return false;
                };
                let (actor, government) = (self.actor(&who), self.government(government));
                let w = &mut self.workshops[i];
                if !((actor.is_staff() || actor.speaks_for(government))
                    && w.row.state == WorkshopState::Scheduled
                    && w.invited.contains(&government))
                {
                    return false;
                }
                let record = [Attendance::Absent, Attendance::Attended][usize::from(attended)];
                w.attendance.insert(government, record);
            }
            Op::Outcome(i, who, government) => {
                let Some(i) = pick(i, self.workshops.len()) else {
                    return false;
                };
                let (actor, government) = (self.actor(&who), self.government(government));
                let w = &mut self.workshops[i];
                if !(actor.speaks_for(government)
                    && w.row.state == WorkshopState::Held
                    && w.attendance.get(&government) == Some(&Attendance::Attended))
                {
                    return false;
                }
                w.outcomes.insert(government);
            }
            Op::Advance(hours) => self.now += TimeDelta::hours(hours),
        }
        true
    }

    fn versions(&self) -> Vec<(Entity, i64)> {
        let mut rows = vec![(Entity::Project, self.project.version)];
        let each = |v: Vec<i64>, entity: fn(usize) -> Entity| {
            v.into_iter().enumerate().map(move |(i, v)| (entity(i), v))
        };
        rows.extend(each(
            self.phases.iter().map(|p| p.row.version).collect(),
            Entity::Phase,
        ));
        let ws = self.workshops.iter().map(|w| w.row.version).collect();
        rows.extend(each(ws, Entity::Workshop));
        let us = self.understandings.iter().map(|u| u.row.version).collect();
        rows.extend(each(us, Entity::Understanding));
        rows.extend(each(
            self.actions.iter().map(|a| a.row.version).collect(),
            Entity::Action,
        ));
        rows
    }
}

/// A row that was closed before the step is exactly as it was: state, positions, records.
fn assert_frozen<T: PartialEq + Debug>(before: &[T], after: &[T], closed: impl Fn(&T) -> bool) {
    for (old, new) in before.iter().zip(after).filter(|(old, _)| closed(old)) {
        assert_eq!(old, new, "a terminal row changed");
    }
}

fn assert_invariants(before: &World, after: &World, applied: bool) {
    use {PhaseState as P, UnderstandingState as U};
    // 5. A refusal is all or nothing: no state, position, record or clock moves.
    if !applied {
        assert_eq!(before, after, "a refused step changed the world");
    }
    // 4. History is append-only, and each row's version counts its own transitions.
    assert!(
        after.history.starts_with(&before.history),
        "history rewritten"
    );
    for ((entity, old), (_, new)) in before.versions().into_iter().zip(after.versions()) {
        let transitions = after.history.iter().filter(|(e, _)| *e == entity).count();
        assert!(new >= old, "{entity:?}: version went from {old} to {new}");
        assert_eq!(
            new,
            1 + transitions as i64,
            "{entity:?}: version vs history"
        );
    }
    // 6. Terminal states are final.
    if before.project.state.is_terminal() {
        assert_eq!(before.project, after.project, "a closed dialogue changed");
    }
    assert_frozen(&before.phases, &after.phases, |p| p.row.state.is_closed());
    assert_frozen(&before.workshops, &after.workshops, |w| {
        !w.row.state.is_open()
    });
    assert_frozen(&before.understandings, &after.understandings, |u| {
        !u.row.state.is_open()
    });
    assert_frozen(&before.actions, &after.actions, |a| {
        a.row.state.is_terminal()
    });
    // 1. Adopted means every government endorsed this very revision; and the last
    // endorsement always adopts, so a proposal never sits fully endorsed.
    for u in &after.understandings {
        let endorsed = (after.governments.iter())
            .all(|g| u.positions.get(g) == Some(&(Position::Endorsed, u.revision)));
        match u.row.state {
            U::Adopted => assert!(endorsed, "adopted without every endorsement: {u:?}"),
            U::Proposed => assert!(!endorsed, "fully endorsed but not adopted: {u:?}"),
            _ => {}
        }
    }
    for (i, p) in after.phases.iter().enumerate() {
        // 2. A completed phase finished all its work and adopted something if it had texts.
        if p.row.state == P::Completed {
            let texts: Vec<_> = after
                .understandings
                .iter()
                .filter(|u| u.phase == i)
                .collect();
            assert!(
                after
                    .workshops
                    .iter()
                    .all(|w| w.phase != i || !w.row.state.is_open())
            );
            assert!(texts.iter().all(|u| !u.row.state.is_open()));
            assert!(texts.is_empty() || texts.iter().any(|u| u.row.state == U::Adopted));
            assert!(
                after
                    .actions
                    .iter()
                    .all(|a| a.phase != i || a.row.state.is_terminal())
            );
        }
        // 3. Phases run in ordinal order, each after the one before succeeded.
        if matches!(p.row.state, P::Active | P::Completed) {
            let earlier = after.phases.iter().filter(|q| q.ordinal < p.ordinal);
            assert!(
                earlier.clone().all(|q| q.row.state == P::Completed),
                "{after:?}"
            );
        }
    }
    if after.project.state == ProjectState::Completed {
        assert!(after.phases.iter().all(|p| p.row.state.is_closed()));
    }
}

fn run(mut world: World, ops: &[Op]) -> World {
    for op in ops {
        let before = world.clone();
        let applied = world.step(op);
        assert_invariants(&before, &world, applied);
    }
    world
}

fn world() -> impl Strategy<Value = World> {
    (2usize..=4, 2usize..=3)
        .prop_flat_map(|(g, p)| {
            let governments: Vec<usize> = (0..g).collect();
            // Gapped, shuffled ordinals: "previous" must come from the ordinal, not the index.
            let ordinals = subsequence((1..=6).collect::<Vec<i32>>(), p).prop_shuffle();
            let invited = subsequence(governments.clone(), 1..=g);
            let workshop = (0..p, invited, prop::bool::weighted(0.9));
            let action = (
                0..p,
                prop::option::of(subsequence(governments, 2)),
                0..USERS,
            );
            let (workshops, texts, actions) = (p..=3 * p, 0..=2 * p, 0..=2 * p);
            (
                ordinals,
                Just(g),
                vec(workshop, workshops),
                vec(0..p, texts),
                vec(action, actions),
            )
        })
        .prop_map(|(o, g, w, u, a)| World::new(o, g, w, u, a))
}

/// All values when exploring; the forward ones (weighted by repetition) when driving.
fn choose<T: Clone + Debug + 'static>(
    driven: bool,
    all: &[T],
    forward: Vec<T>,
) -> BoxedStrategy<T> {
    select(if driven { forward } else { all.to_vec() }).boxed()
}

fn who(driven: bool) -> impl Strategy<Value = Who> {
    use Role::*;
    let roles = vec![
        Admin,
        Coordinator,
        Coordinator,
        Manager,
        Manager,
        FocalPoint,
    ];
    (
        choose(driven, Role::ALL.as_slice(), roles),
        any::<Index>(),
        0..USERS,
    )
        .prop_map(|(role, government, user)| Who {
            role,
            government,
            user,
        })
}

/// A request naming a government; driven runs send it from that government's focal point.
fn speaking(driven: bool) -> impl Strategy<Value = (Index, Who, Index)> {
    (any::<Index>(), who(driven), any::<Index>()).prop_map(move |(i, mut who, government)| {
        if driven {
            (who.role, who.government) = (Role::FocalPoint, government);
        }
        (i, who, government)
    })
}

fn op(driven: bool) -> impl Strategy<Value = Op> {
    use {ActionTransition as A, PhaseTransition as Ph, ProjectTransition as Pr};
    use {Position as Po, UnderstandingTransition as U, WorkshopTransition as W};
    let sayings = [None, Some("  "), Some("agreed at the table")];
    let words = choose(driven, &sayings, vec![sayings[2]]);
    let times = if driven {
        prop::option::weighted(0.9, (1i64..48, 1i64..8)).boxed()
    } else {
        prop::option::of((-24i64..240, -2i64..48)).boxed()
    };
    let project = choose(
        driven,
        Pr::ALL,
        vec![Pr::Activate, Pr::Resume, Pr::Complete],
    );
    let phase = choose(driven, Ph::ALL, vec![Ph::Activate, Ph::Complete]);
    let workshop = vec![W::Schedule, W::Reschedule, W::Hold, W::Conclude, W::Cancel];
    let workshop = choose(driven, W::ALL, workshop);
    let text = choose(
        driven,
        &U::REQUESTABLE,
        vec![U::Propose, U::Propose, U::Withdraw],
    );
    let action = choose(
        driven,
        A::ALL,
        vec![A::Agree, A::Start, A::Complete, A::Drop],
    );
    let position = choose(
        driven,
        Po::ALL,
        vec![Po::Endorsed, Po::Endorsed, Po::Objection],
    );
    let stale = prop::bool::weighted(if driven { 0.0 } else { 0.2 });
    let w = || who(driven);
    prop_oneof![
        1 => (project, w(), words.clone()).prop_map(|(t, who, s)| Op::Project(t, who, s)),
        2 => (any::<Index>(), phase, w(), words.clone())
            .prop_map(|(i, t, who, s)| Op::Phase(i, t, who, s)),
        4 => (any::<Index>(), workshop, w(), words.clone(), times)
            .prop_map(|(i, t, who, s, at)| Op::Workshop(i, t, who, s, at)),
        3 => (any::<Index>(), text, w(), words.clone())
            .prop_map(|(i, t, who, s)| Op::Understanding(i, t, who, s)),
        3 => (any::<Index>(), action, w(), words).prop_map(|(i, t, who, s)| Op::Action(i, t, who, s)),
        5 => (speaking(driven), position, stale)
            .prop_map(|((i, who, g), p, stale)| Op::Position(i, who, g, p, stale)),
        2 => speaking(driven).prop_map(|(i, who, g)| Op::Agreement(i, who, g)),
        1 => (any::<Index>(), w()).prop_map(|(i, who)| Op::Progress(i, who)),
        3 => (speaking(driven), prop::bool::weighted(0.8))
            .prop_map(|((i, who, g), attended)| Op::Attendance(i, who, g, attended)),
        2 => speaking(driven).prop_map(|(i, who, g)| Op::Outcome(i, who, g)),
        2 => (1i64..72).prop_map(Op::Advance),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn anyone_asking_anything_never_breaks_an_invariant(
        world in world(),
        ops in vec(op(false), 1..=60),
    ) {
        run(world, &ops);
    }

    #[test]
    fn staff_driving_the_dialogue_never_breaks_an_invariant(
        world in world(),
        ops in vec(op(true), 1..=60),
    ) {
        run(world, &ops);
    }
}

/// Without this, the properties above could hold only because nothing ever happens.
#[test]
fn driven_runs_reach_completed_phases_and_adopted_texts() {
    let mut runner = TestRunner::deterministic();
    let strategy = (world(), vec(op(true), 60));
    let (mut completed, mut adopted, mut concluded) = (0, 0, 0);
    for _ in 0..200 {
        let tree = strategy
            .new_tree(&mut runner)
            .expect("the strategies always generate");
        let (world, ops) = tree.current();
        let end = run(world, &ops);
        completed += usize::from(
            end.phases
                .iter()
                .any(|p| p.row.state == PhaseState::Completed),
        );
        let adopted_any =
            (end.understandings.iter()).any(|u| u.row.state == UnderstandingState::Adopted);
        adopted += usize::from(adopted_any);
        concluded +=
            usize::from((end.workshops.iter()).any(|w| w.row.state == WorkshopState::Concluded));
    }
    eprintln!(
        "of 200 runs: {completed} completed a phase, {adopted} adopted a text, {concluded} concluded a workshop"
    );
    assert!(completed > 0 && adopted > 0 && concluded > 0);
}
