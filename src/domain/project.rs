//! The dialogue (project): `draft → active → completed`, `active ⇄ suspended`, any
//! non-terminal `→ cancelled` with a reason.
use super::machine::StateMachine;
use super::refusal::{Machine, Refusal};
use super::transition::{Actor, Audience, Decision, TransitionInput, invalid_state, role_may};
use crate::named_enum;

named_enum! {
    pub enum ProjectState ("dialogue state") {
        Draft => "draft",
        Active => "active",
        Suspended => "suspended",
        Completed => "completed",
        Cancelled => "cancelled",
    }
}

named_enum! {
    pub enum ProjectTransition ("dialogue transition") {
        Activate => "activate",
        Suspend => "suspend",
        Resume => "resume",
        Complete => "complete",
        Cancel => "cancel",
    }
}

impl ProjectState {
    pub fn is_terminal(self) -> bool {
        matches!(self, ProjectState::Completed | ProjectState::Cancelled)
    }
}

/// What the guards need to know beyond the dialogue's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFacts {
    pub government_count: usize,
    pub phase_count: usize,
    /// Phases neither completed nor cancelled.
    pub open_phase_count: usize,
}

/// The project machine, for the generic runner and handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectMachine;

impl StateMachine for ProjectMachine {
    const MACHINE: Machine = Machine::Project;
    const REQUESTABLE: &'static [ProjectTransition] = ProjectTransition::ALL;
    type State = ProjectState;
    type Transition = ProjectTransition;
    type Request = ProjectTransition;
    type Facts = ProjectFacts;

    /// Everything except the payload: used for `allowed_transitions` too.
    fn check(
        state: ProjectState,
        transition: ProjectTransition,
        facts: &ProjectFacts,
        actor: &Actor,
    ) -> Result<ProjectState, Refusal> {
        use ProjectState as S;
        use ProjectTransition as T;
        let name = transition.as_str();
        role_may(actor.is_staff(), name)?;
        let wrong = || invalid_state(Machine::Project, name, state.as_str());
        match transition {
            T::Activate => {
                if state != S::Draft {
                    return Err(wrong());
                }
                if facts.government_count < 2 {
                    return Err(Refusal::ProjectTooFewGovernments);
                }
                if facts.phase_count == 0 {
                    return Err(Refusal::ProjectHasNoPhase);
                }
                Ok(S::Active)
            }
            T::Suspend => (state == S::Active)
                .then_some(S::Suspended)
                .ok_or_else(wrong),
            T::Resume => (state == S::Suspended)
                .then_some(S::Active)
                .ok_or_else(wrong),
            T::Complete => {
                if state != S::Active {
                    return Err(wrong());
                }
                if facts.open_phase_count > 0 {
                    return Err(Refusal::ProjectPhasesOpen {
                        open: facts.open_phase_count,
                    });
                }
                Ok(S::Completed)
            }
            T::Cancel => (!state.is_terminal())
                .then_some(S::Cancelled)
                .ok_or_else(wrong),
        }
    }

    fn decide(
        state: ProjectState,
        transition: ProjectTransition,
        facts: &ProjectFacts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<ProjectState>, Refusal> {
        let next = Self::check(state, transition, facts, actor)?;
        let reason = match transition {
            ProjectTransition::Cancel => Some(input.require_reason(Machine::Project)?),
            _ => input.reason.clone(),
        };
        let decision = Decision::new(state, next, transition.as_str()).with_reason(reason);
        Ok(match transition {
            ProjectTransition::Activate
            | ProjectTransition::Complete
            | ProjectTransition::Cancel => decision.notify("project_changed", Audience::Dialogue),
            _ => decision,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;
    use uuid::Uuid;

    fn coordinator() -> Actor {
        Actor {
            id: Uuid::nil(),
            role: Role::Coordinator,
            government_id: None,
        }
    }

    fn ready() -> ProjectFacts {
        ProjectFacts {
            government_count: 3,
            phase_count: 2,
            open_phase_count: 2,
        }
    }

    fn code(result: Result<ProjectState, Refusal>) -> String {
        result.err().map(|r| r.code()).unwrap_or_default()
    }

    #[test]
    fn activation_needs_two_governments_and_a_phase() {
        let facts = ProjectFacts {
            government_count: 1,
            ..ready()
        };
        assert_eq!(
            code(ProjectMachine::check(
                ProjectState::Draft,
                ProjectTransition::Activate,
                &facts,
                &coordinator()
            )),
            "project.too_few_governments"
        );
        let facts = ProjectFacts {
            phase_count: 0,
            ..ready()
        };
        assert_eq!(
            code(ProjectMachine::check(
                ProjectState::Draft,
                ProjectTransition::Activate,
                &facts,
                &coordinator()
            )),
            "project.no_phase"
        );
        assert_eq!(
            ProjectMachine::check(
                ProjectState::Draft,
                ProjectTransition::Activate,
                &ready(),
                &coordinator()
            ),
            Ok(ProjectState::Active)
        );
    }

    #[test]
    fn completion_needs_every_phase_closed() {
        assert_eq!(
            code(ProjectMachine::check(
                ProjectState::Active,
                ProjectTransition::Complete,
                &ready(),
                &coordinator()
            )),
            "project.phases_open"
        );
        let closed = ProjectFacts {
            open_phase_count: 0,
            ..ready()
        };
        assert_eq!(
            ProjectMachine::check(
                ProjectState::Active,
                ProjectTransition::Complete,
                &closed,
                &coordinator()
            ),
            Ok(ProjectState::Completed)
        );
    }

    #[test]
    fn suspend_resume_and_cancel() {
        let c = coordinator();
        assert_eq!(
            ProjectMachine::check(
                ProjectState::Active,
                ProjectTransition::Suspend,
                &ready(),
                &c
            ),
            Ok(ProjectState::Suspended)
        );
        assert_eq!(
            ProjectMachine::check(
                ProjectState::Suspended,
                ProjectTransition::Resume,
                &ready(),
                &c
            ),
            Ok(ProjectState::Active)
        );
        assert_eq!(
            code(ProjectMachine::check(
                ProjectState::Draft,
                ProjectTransition::Suspend,
                &ready(),
                &c
            )),
            "project.invalid_state"
        );
        assert_eq!(
            code(ProjectMachine::check(
                ProjectState::Completed,
                ProjectTransition::Cancel,
                &ready(),
                &c
            )),
            "project.invalid_state"
        );
        let no_reason = ProjectMachine::decide(
            ProjectState::Suspended,
            ProjectTransition::Cancel,
            &ready(),
            &c,
            &TransitionInput::default(),
        );
        assert_eq!(
            no_reason.err().map(|r| r.code()).as_deref(),
            Some("project.reason_required")
        );
    }

    #[test]
    fn only_staff_run_the_dialogue() {
        for role in [Role::Manager, Role::Observer, Role::FocalPoint] {
            let actor = Actor {
                role,
                ..coordinator()
            };
            assert_eq!(
                code(ProjectMachine::check(
                    ProjectState::Draft,
                    ProjectTransition::Activate,
                    &ready(),
                    &actor
                )),
                "permission.role"
            );
        }
    }
}
