//! A follow-up action: `proposed → agreed → in_progress → completed`,
//! `in_progress ⇄ blocked`, any non-terminal `→ dropped` with a reason. Collective
//! actions involve every government of the dialogue, bilateral ones exactly two.
use chrono::NaiveDate;
use uuid::Uuid;

use super::machine::StateMachine;
use super::phase::PhaseState;
use super::problem::Problem;
use super::refusal::{Machine, Refusal};
use super::role::Role;
use super::transition::{
    Actor, Audience, Decision, TransitionInput, invalid_state, non_blank, role_may,
};
use crate::named_enum;

named_enum! {
    pub enum ActionState ("action state") {
        Proposed => "proposed",
        Agreed => "agreed",
        InProgress => "in_progress",
        Blocked => "blocked",
        Completed => "completed",
        Dropped => "dropped",
    }
}

named_enum! {
    pub enum ActionTransition ("action transition") {
        Agree => "agree",
        Start => "start",
        Block => "block",
        Unblock => "unblock",
        Complete => "complete",
        Drop => "drop",
    }
}

named_enum! {
    pub enum Scope ("action scope") {
        Collective => "collective",
        Bilateral => "bilateral",
    }
}

impl ActionState {
    pub fn is_terminal(self) -> bool {
        matches!(self, ActionState::Completed | ActionState::Dropped)
    }

    /// Derived, never stored: the due date has passed and the action is still open.
    pub fn is_overdue(self, due_date: NaiveDate, today: NaiveDate) -> bool {
        !self.is_terminal() && due_date < today
    }

    /// The states an action can still be overdue in (not terminal): what a query for
    /// overdue actions asks for beside `due_date < today`.
    pub fn open() -> impl Iterator<Item = ActionState> {
        ActionState::ALL
            .iter()
            .copied()
            .filter(|s| !s.is_terminal())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFacts {
    pub phase_state: PhaseState,
    /// Governments the action involves.
    pub involved: usize,
    /// Of those, how many have agreed.
    pub agreed: usize,
    /// The actor is the focal point of an involved government.
    pub actor_involved: bool,
    pub actor_is_owner: bool,
}

/// Staff run every action; the parties to it (involved focal points, the owner)
/// carry it out.
fn is_party(actor: &Actor, facts: &ActionFacts) -> bool {
    actor.is_staff() || facts.actor_involved || facts.actor_is_owner
}

/// The action machine, for the generic runner and handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionMachine;

impl StateMachine for ActionMachine {
    const MACHINE: Machine = Machine::Action;
    const REQUESTABLE: &'static [ActionTransition] = ActionTransition::ALL;
    type State = ActionState;
    type Transition = ActionTransition;
    type Request = ActionTransition;
    type Facts = ActionFacts;

    fn check(
        state: ActionState,
        transition: ActionTransition,
        facts: &ActionFacts,
        actor: &Actor,
    ) -> Result<ActionState, Refusal> {
        use ActionState as S;
        use ActionTransition as T;
        let name = transition.as_str();
        let wrong = || invalid_state(Machine::Action, name, state.as_str());
        match transition {
            T::Drop => role_may(actor.is_staff(), name)?,
            _ => role_may(is_party(actor, facts), name)?,
        }
        // A cancelled phase freezes its actions; they can only be dropped.
        if facts.phase_state.is_closed() && transition != T::Drop {
            return Err(Refusal::PhaseClosed {
                machine: Machine::Action,
            });
        }
        match transition {
            T::Agree => {
                if state != S::Proposed {
                    return Err(wrong());
                }
                let pending = facts.involved.saturating_sub(facts.agreed);
                if pending > 0 {
                    return Err(Refusal::ActionNotAllAgreed { pending });
                }
                Ok(S::Agreed)
            }
            T::Start => (state == S::Agreed)
                .then_some(S::InProgress)
                .ok_or_else(wrong),
            T::Block => (state == S::InProgress)
                .then_some(S::Blocked)
                .ok_or_else(wrong),
            T::Unblock => (state == S::Blocked)
                .then_some(S::InProgress)
                .ok_or_else(wrong),
            T::Complete => (state == S::InProgress)
                .then_some(S::Completed)
                .ok_or_else(wrong),
            T::Drop => (!state.is_terminal())
                .then_some(S::Dropped)
                .ok_or_else(wrong),
        }
    }

    fn decide(
        state: ActionState,
        transition: ActionTransition,
        facts: &ActionFacts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<ActionState>, Refusal> {
        use ActionTransition as T;
        let next = Self::check(state, transition, facts, actor)?;
        let decision = Decision::new(state, next, transition.as_str());
        Ok(match transition {
            T::Agree => decision.notify("action_agreed", Audience::ActionParties),
            T::Complete => {
                let note = non_blank(&input.note).ok_or(Refusal::ActionNoteRequired)?;
                decision.with_reason(Some(note))
            }
            T::Drop | T::Block => {
                decision.with_reason(Some(input.require_reason(Machine::Action)?))
            }
            T::Start | T::Unblock => decision.with_reason(input.reason.clone()),
        })
    }
}

/// May `actor` record `government_id`'s agreement to this action?
pub fn check_agreement(
    state: ActionState,
    actor: &Actor,
    government_id: uuid::Uuid,
    involved: bool,
) -> Result<(), Refusal> {
    if actor.role != Role::FocalPoint {
        return Err(Refusal::RoleNotAllowed {
            transition: "agree",
        });
    }
    if !actor.speaks_for(government_id) {
        return Err(Refusal::NotYourGovernment);
    }
    if !involved {
        return Err(Refusal::ActionNotInvolved);
    }
    if state != ActionState::Proposed {
        return Err(invalid_state(Machine::Action, "agree", state.as_str()));
    }
    Ok(())
}

/// Progress notes come from the parties while the action is open.
pub fn check_progress(
    state: ActionState,
    facts: &ActionFacts,
    actor: &Actor,
) -> Result<(), Refusal> {
    role_may(is_party(actor, facts), "report on")?;
    if state.is_terminal() || facts.phase_state.is_closed() {
        return Err(Refusal::ActionClosed);
    }
    Ok(())
}

/// The governments an action involves, from what the client sent and the dialogue's
/// governments (sorted), or why that does not fit the scope.
pub fn involved_governments(
    scope: Scope,
    given: &[Uuid],
    dialogue: &[Uuid],
) -> Result<Vec<Uuid>, Problem> {
    let mut ids = given.to_vec();
    ids.sort();
    ids.dedup();
    if ids.len() != given.len() {
        return Err(Problem::RepeatedGovernment);
    }
    match scope {
        _ if dialogue.is_empty() => Err(Problem::DialogueWithoutGovernments),
        Scope::Collective if ids.is_empty() || ids == dialogue => Ok(dialogue.to_vec()),
        Scope::Collective => Err(Problem::CollectiveNeedsAll),
        Scope::Bilateral if ids.len() != 2 => Err(Problem::BilateralNeedsTwo),
        Scope::Bilateral if ids.iter().all(|g| dialogue.contains(g)) => Ok(ids),
        Scope::Bilateral => Err(Problem::NotInDialogue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn actor(role: Role) -> Actor {
        Actor {
            id: Uuid::nil(),
            role,
            government_id: None,
        }
    }

    fn facts() -> ActionFacts {
        ActionFacts {
            phase_state: PhaseState::Active,
            involved: 2,
            agreed: 2,
            actor_involved: false,
            actor_is_owner: false,
        }
    }

    fn code<T>(r: Result<T, Refusal>) -> String {
        r.err().map(|r| r.code()).unwrap_or_default()
    }

    #[test]
    fn agreement_needs_every_involved_government() {
        let c = actor(Role::Coordinator);
        let half = ActionFacts {
            agreed: 1,
            ..facts()
        };
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Proposed,
                ActionTransition::Agree,
                &half,
                &c
            )),
            "action.not_all_agreed"
        );
        assert_eq!(
            ActionMachine::check(ActionState::Proposed, ActionTransition::Agree, &facts(), &c),
            Ok(ActionState::Agreed)
        );
    }

    #[test]
    fn the_lifecycle_and_its_refusals() {
        let c = actor(Role::Coordinator);
        let none = TransitionInput::default();
        assert_eq!(
            ActionMachine::check(ActionState::Agreed, ActionTransition::Start, &facts(), &c),
            Ok(ActionState::InProgress)
        );
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Proposed,
                ActionTransition::Start,
                &facts(),
                &c
            )),
            "action.invalid_state"
        );
        assert_eq!(
            code(ActionMachine::decide(
                ActionState::InProgress,
                ActionTransition::Block,
                &facts(),
                &c,
                &none
            )),
            "action.reason_required"
        );
        assert_eq!(
            ActionMachine::check(
                ActionState::Blocked,
                ActionTransition::Unblock,
                &facts(),
                &c
            ),
            Ok(ActionState::InProgress)
        );
        assert_eq!(
            code(ActionMachine::decide(
                ActionState::InProgress,
                ActionTransition::Complete,
                &facts(),
                &c,
                &none
            )),
            "action.note_required"
        );
        let note = TransitionInput {
            note: Some("Data-sharing protocol signed".into()),
            ..none.clone()
        };
        assert!(
            ActionMachine::decide(
                ActionState::InProgress,
                ActionTransition::Complete,
                &facts(),
                &c,
                &note
            )
            .is_ok()
        );
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Completed,
                ActionTransition::Drop,
                &facts(),
                &c
            )),
            "action.invalid_state"
        );
        assert_eq!(
            code(ActionMachine::decide(
                ActionState::Blocked,
                ActionTransition::Drop,
                &facts(),
                &c,
                &none
            )),
            "action.reason_required"
        );
    }

    #[test]
    fn parties_carry_out_staff_drop() {
        let fp = Actor {
            government_id: Some(Uuid::from_u128(1)),
            ..actor(Role::FocalPoint)
        };
        let involved = ActionFacts {
            actor_involved: true,
            ..facts()
        };
        assert_eq!(
            ActionMachine::check(ActionState::Agreed, ActionTransition::Start, &involved, &fp),
            Ok(ActionState::InProgress)
        );
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Agreed,
                ActionTransition::Start,
                &facts(),
                &fp
            )),
            "permission.role"
        );
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Agreed,
                ActionTransition::Drop,
                &involved,
                &fp
            )),
            "permission.role"
        );
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Agreed,
                ActionTransition::Start,
                &facts(),
                &actor(Role::Observer)
            )),
            "permission.role"
        );
        assert_eq!(
            code(check_progress(ActionState::Completed, &involved, &fp)),
            "action.closed"
        );
    }

    #[test]
    fn only_the_governments_focal_point_agrees_for_it() {
        let af = Uuid::from_u128(1);
        let fp = Actor {
            government_id: Some(af),
            ..actor(Role::FocalPoint)
        };
        assert_eq!(
            check_agreement(ActionState::Proposed, &fp, af, true),
            Ok(())
        );
        assert_eq!(
            code(check_agreement(
                ActionState::Proposed,
                &fp,
                Uuid::from_u128(2),
                true
            )),
            "permission.government"
        );
        assert_eq!(
            code(check_agreement(ActionState::Proposed, &fp, af, false)),
            "action.government_not_involved"
        );
        assert_eq!(
            code(check_agreement(ActionState::Agreed, &fp, af, true)),
            "action.invalid_state"
        );
        assert_eq!(
            code(check_agreement(
                ActionState::Proposed,
                &actor(Role::Coordinator),
                af,
                true
            )),
            "permission.role"
        );
    }

    #[test]
    fn a_cancelled_phase_freezes_its_actions() {
        let c = actor(Role::Coordinator);
        let frozen = ActionFacts {
            phase_state: PhaseState::Cancelled,
            ..facts()
        };
        assert_eq!(
            code(ActionMachine::check(
                ActionState::Agreed,
                ActionTransition::Start,
                &frozen,
                &c
            )),
            "action.phase_closed"
        );
        assert_eq!(
            ActionMachine::check(ActionState::Agreed, ActionTransition::Drop, &frozen, &c),
            Ok(ActionState::Dropped)
        );
        assert_eq!(
            code(check_progress(ActionState::InProgress, &frozen, &c)),
            "action.closed"
        );
    }

    #[test]
    fn overdue_is_derived() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        let yesterday = today.pred_opt().unwrap_or_default();
        assert!(ActionState::InProgress.is_overdue(yesterday, today));
        assert!(!ActionState::InProgress.is_overdue(today, today));
        assert!(!ActionState::Completed.is_overdue(yesterday, today));
        // The open states are exactly those `is_overdue` can hold in.
        for state in ActionState::ALL {
            let open = ActionState::open().any(|s| s == *state);
            assert_eq!(open, state.is_overdue(yesterday, today), "{state:?}");
        }
    }
}
