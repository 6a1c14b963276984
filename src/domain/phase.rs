//! A phase: `planned → active → completed`, `planned|active → cancelled` with a reason.
//! A phase starts only after the one before it (by ordinal) was completed: this is the
//! rule "the follow-up phase starts only after the initial phase succeeded".
use super::machine::StateMachine;
use super::project::ProjectState;
use super::refusal::{Machine, Refusal};
use super::role::Role;
use super::transition::{Actor, Audience, Decision, TransitionInput, invalid_state, role_may};
use crate::named_enum;

named_enum! {
    pub enum PhaseState ("phase state") {
        Planned => "planned",
        Active => "active",
        Completed => "completed",
        Cancelled => "cancelled",
    }
}

named_enum! {
    pub enum PhaseTransition ("phase transition") {
        Activate => "activate",
        Complete => "complete",
        Cancel => "cancel",
    }
}

impl PhaseState {
    pub fn is_closed(self) -> bool {
        matches!(self, PhaseState::Completed | PhaseState::Cancelled)
    }

    /// Work (workshops, texts, actions) can still be added or changed.
    pub fn is_open(self) -> bool {
        !self.is_closed()
    }

    /// Refuses new work of `machine` (a workshop, a text, an action) in a closed phase.
    pub fn admit(self, machine: Machine) -> Result<(), Refusal> {
        if self.is_closed() {
            Err(Refusal::PhaseClosed { machine })
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseFacts {
    pub project_state: ProjectState,
    /// The state of the phase with the next lower ordinal; None for the first phase.
    pub previous_phase: Option<PhaseState>,
    /// Workshops that are draft, scheduled or held.
    pub open_workshops: usize,
    /// Understandings that are draft or proposed.
    pub open_understandings: usize,
    pub adopted_understandings: usize,
    pub withdrawn_understandings: usize,
    /// Actions neither completed nor dropped.
    pub open_actions: usize,
}

/// What a phase's completion waits for, one item per guard of `complete` after the
/// role (which is about the reader, not the phase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionItem {
    /// The phase is active.
    Active,
    /// Every workshop is concluded or cancelled.
    WorkshopsClosed,
    /// Every common understanding is adopted or withdrawn.
    UnderstandingsSettled,
    /// If it had texts, at least one was adopted.
    SomethingAdopted,
    /// Every follow-up action is completed or dropped.
    ActionsClosed,
}

impl CompletionItem {
    pub fn as_str(self) -> &'static str {
        match self {
            CompletionItem::Active => "active",
            CompletionItem::WorkshopsClosed => "workshops_closed",
            CompletionItem::UnderstandingsSettled => "understandings_settled",
            CompletionItem::SomethingAdopted => "something_adopted",
            CompletionItem::ActionsClosed => "actions_closed",
        }
    }
}

/// One item of the checklist: met, or the refusal it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub item: CompletionItem,
    pub met: Result<(), Refusal>,
}

/// Every guard of `complete` (after the role), met or not, in the order `check`
/// applies them: `check` refuses with the first unmet one, so the rule is written
/// only here and a page can show the whole list.
pub fn completion_checklist(state: PhaseState, facts: &PhaseFacts) -> Vec<Checked> {
    let unless = |blocked: bool, refusal: Refusal| if blocked { Err(refusal) } else { Ok(()) };
    // A phase whose every text was withdrawn produced nothing: not a success.
    let has_any = facts.adopted_understandings + facts.withdrawn_understandings > 0;
    vec![
        Checked {
            item: CompletionItem::Active,
            met: unless(
                state != PhaseState::Active,
                invalid_state(
                    Machine::Phase,
                    PhaseTransition::Complete.as_str(),
                    state.as_str(),
                ),
            ),
        },
        Checked {
            item: CompletionItem::WorkshopsClosed,
            met: unless(
                facts.open_workshops > 0,
                Refusal::PhaseWorkshopsOpen {
                    open: facts.open_workshops,
                },
            ),
        },
        Checked {
            item: CompletionItem::UnderstandingsSettled,
            met: unless(
                facts.open_understandings > 0,
                Refusal::PhaseUnderstandingsOpen {
                    open: facts.open_understandings,
                },
            ),
        },
        Checked {
            item: CompletionItem::SomethingAdopted,
            met: unless(
                has_any && facts.adopted_understandings == 0,
                Refusal::PhaseNoneAdopted,
            ),
        },
        Checked {
            item: CompletionItem::ActionsClosed,
            met: unless(
                facts.open_actions > 0,
                Refusal::PhaseActionsOpen {
                    open: facts.open_actions,
                },
            ),
        },
    ]
}

/// The phase machine, for the generic runner and handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseMachine;

impl StateMachine for PhaseMachine {
    const MACHINE: Machine = Machine::Phase;
    const REQUESTABLE: &'static [PhaseTransition] = PhaseTransition::ALL;
    type State = PhaseState;
    type Transition = PhaseTransition;
    type Request = PhaseTransition;
    type Facts = PhaseFacts;

    fn check(
        state: PhaseState,
        transition: PhaseTransition,
        facts: &PhaseFacts,
        actor: &Actor,
    ) -> Result<PhaseState, Refusal> {
        use PhaseState as S;
        use PhaseTransition as T;
        let name = transition.as_str();
        let wrong = || invalid_state(Machine::Phase, name, state.as_str());
        match transition {
            T::Activate => {
                role_may(actor.is_staff(), name)?;
                if state != S::Planned {
                    return Err(wrong());
                }
                if facts.project_state != ProjectState::Active {
                    return Err(Refusal::PhaseProjectNotActive);
                }
                if facts.previous_phase.is_some_and(|p| p != S::Completed) {
                    return Err(Refusal::PreviousPhaseNotCompleted);
                }
                Ok(S::Active)
            }
            T::Complete => {
                // Completion is the managers' approval, not the coordinators' call.
                role_may(actor.role == Role::Manager, name)?;
                // The first unmet item of the checklist, in its order.
                match completion_checklist(state, facts)
                    .into_iter()
                    .find_map(|item| item.met.err())
                {
                    Some(refusal) => Err(refusal),
                    None => Ok(S::Completed),
                }
            }
            T::Cancel => {
                role_may(actor.is_staff(), name)?;
                (!state.is_closed())
                    .then_some(S::Cancelled)
                    .ok_or_else(wrong)
            }
        }
    }

    fn decide(
        state: PhaseState,
        transition: PhaseTransition,
        facts: &PhaseFacts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<PhaseState>, Refusal> {
        let next = Self::check(state, transition, facts, actor)?;
        let reason = match transition {
            PhaseTransition::Cancel => Some(input.require_reason(Machine::Phase)?),
            _ => input.reason.clone(),
        };
        let decision = Decision::new(state, next, transition.as_str()).with_reason(reason);
        Ok(match transition {
            PhaseTransition::Activate => decision.notify("phase_activated", Audience::Dialogue),
            PhaseTransition::Complete => decision.notify("phase_completed", Audience::Dialogue),
            PhaseTransition::Cancel => decision,
        })
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

    fn facts() -> PhaseFacts {
        PhaseFacts {
            project_state: ProjectState::Active,
            previous_phase: None,
            open_workshops: 0,
            open_understandings: 0,
            adopted_understandings: 1,
            withdrawn_understandings: 0,
            open_actions: 0,
        }
    }

    fn code(result: Result<PhaseState, Refusal>) -> String {
        result.err().map(|r| r.code()).unwrap_or_default()
    }

    #[test]
    fn activation_follows_the_previous_phase() {
        let c = actor(Role::Coordinator);
        for previous in [
            PhaseState::Planned,
            PhaseState::Active,
            PhaseState::Cancelled,
        ] {
            let f = PhaseFacts {
                previous_phase: Some(previous),
                ..facts()
            };
            assert_eq!(
                code(PhaseMachine::check(
                    PhaseState::Planned,
                    PhaseTransition::Activate,
                    &f,
                    &c
                )),
                "phase.previous_not_completed"
            );
        }
        let f = PhaseFacts {
            previous_phase: Some(PhaseState::Completed),
            ..facts()
        };
        assert_eq!(
            PhaseMachine::check(PhaseState::Planned, PhaseTransition::Activate, &f, &c),
            Ok(PhaseState::Active)
        );
        let f = PhaseFacts {
            project_state: ProjectState::Draft,
            ..facts()
        };
        assert_eq!(
            code(PhaseMachine::check(
                PhaseState::Planned,
                PhaseTransition::Activate,
                &f,
                &c
            )),
            "phase.project_not_active"
        );
    }

    #[test]
    fn completion_is_a_managers_approval_of_finished_work() {
        let m = actor(Role::Manager);
        for role in [
            Role::Coordinator,
            Role::Admin,
            Role::FocalPoint,
            Role::Observer,
        ] {
            assert_eq!(
                code(PhaseMachine::check(
                    PhaseState::Active,
                    PhaseTransition::Complete,
                    &facts(),
                    &actor(role)
                )),
                "permission.role"
            );
        }
        let cases = [
            (
                PhaseFacts {
                    open_workshops: 1,
                    ..facts()
                },
                "phase.workshops_open",
            ),
            (
                PhaseFacts {
                    open_understandings: 1,
                    ..facts()
                },
                "phase.understandings_open",
            ),
            (
                PhaseFacts {
                    open_actions: 2,
                    ..facts()
                },
                "phase.actions_open",
            ),
        ];
        for (f, expected) in cases {
            assert_eq!(
                code(PhaseMachine::check(
                    PhaseState::Active,
                    PhaseTransition::Complete,
                    &f,
                    &m
                )),
                expected
            );
        }
        assert_eq!(
            PhaseMachine::check(PhaseState::Active, PhaseTransition::Complete, &facts(), &m),
            Ok(PhaseState::Completed)
        );
        let nothing = PhaseFacts {
            adopted_understandings: 0,
            ..facts()
        };
        assert_eq!(
            PhaseMachine::check(PhaseState::Active, PhaseTransition::Complete, &nothing, &m),
            Ok(PhaseState::Completed)
        );
        let all_withdrawn = PhaseFacts {
            adopted_understandings: 0,
            withdrawn_understandings: 2,
            ..facts()
        };
        assert_eq!(
            code(PhaseMachine::check(
                PhaseState::Active,
                PhaseTransition::Complete,
                &all_withdrawn,
                &m
            )),
            "phase.none_adopted"
        );
        assert_eq!(
            code(PhaseMachine::check(
                PhaseState::Planned,
                PhaseTransition::Complete,
                &facts(),
                &m
            )),
            "phase.invalid_state"
        );
    }

    #[test]
    fn the_checklist_lists_every_guard_and_check_refuses_with_the_first_unmet() {
        let blocked = PhaseFacts {
            open_workshops: 1,
            open_actions: 3,
            ..facts()
        };
        let list = completion_checklist(PhaseState::Active, &blocked);
        let items: Vec<_> = list.iter().map(|c| c.item.as_str()).collect();
        assert_eq!(
            items,
            [
                "active",
                "workshops_closed",
                "understandings_settled",
                "something_adopted",
                "actions_closed"
            ]
        );
        let unmet: Vec<_> = list
            .iter()
            .filter_map(|c| c.met.as_ref().err().map(Refusal::code))
            .collect();
        assert_eq!(unmet, ["phase.workshops_open", "phase.actions_open"]);
        assert_eq!(
            code(PhaseMachine::check(
                PhaseState::Active,
                PhaseTransition::Complete,
                &blocked,
                &actor(Role::Manager)
            )),
            "phase.workshops_open"
        );
        let ready = completion_checklist(PhaseState::Active, &facts());
        assert!(ready.iter().all(|c| c.met.is_ok()));
        let planned = completion_checklist(PhaseState::Planned, &facts());
        assert_eq!(
            planned[0].met.as_ref().err().map(Refusal::code).as_deref(),
            Some("phase.invalid_state")
        );
    }

    #[test]
    fn cancel_needs_a_reason_and_an_open_phase() {
        let c = actor(Role::Coordinator);
        let none = PhaseMachine::decide(
            PhaseState::Planned,
            PhaseTransition::Cancel,
            &facts(),
            &c,
            &TransitionInput::default(),
        );
        assert_eq!(
            none.err().map(|r| r.code()).as_deref(),
            Some("phase.reason_required")
        );
        let input = TransitionInput {
            reason: Some("funding ended".into()),
            ..Default::default()
        };
        assert!(
            PhaseMachine::decide(
                PhaseState::Active,
                PhaseTransition::Cancel,
                &facts(),
                &c,
                &input
            )
            .is_ok()
        );
        assert_eq!(
            code(PhaseMachine::check(
                PhaseState::Completed,
                PhaseTransition::Cancel,
                &facts(),
                &c
            )),
            "phase.invalid_state"
        );
    }
}
