//! A common understanding: `draft → proposed → adopted`, `proposed → draft` (revise:
//! revision + 1, every position back to pending), `draft|proposed → withdrawn`.
//! Adoption happens when the last participating government endorses the current
//! revision.
use super::machine::StateMachine;
use super::phase::PhaseState;
use super::refusal::{Machine, Refusal};
use super::role::Role;
use super::transition::{Actor, Audience, Decision, TransitionInput, invalid_state, role_may};
use crate::named_enum;

named_enum! {
    pub enum UnderstandingState ("understanding state") {
        Draft => "draft",
        Proposed => "proposed",
        Adopted => "adopted",
        Withdrawn => "withdrawn",
    }
}

named_enum! {
    pub enum UnderstandingTransition ("understanding transition") {
        Propose => "propose",
        Revise => "revise",
        Withdraw => "withdraw",
        Adopt => "adopt",
    }
}

named_enum! {
    pub enum Position ("position") {
        Pending => "pending",
        Endorsed => "endorsed",
        Reservation => "reservation",
        Objection => "objection",
    }
}

impl UnderstandingState {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            UnderstandingState::Draft | UnderstandingState::Proposed
        )
    }
}

impl UnderstandingTransition {
    /// The transitions a client may request; `adopt` only follows the last endorsement.
    pub const REQUESTABLE: [UnderstandingTransition; 3] = [
        UnderstandingTransition::Propose,
        UnderstandingTransition::Revise,
        UnderstandingTransition::Withdraw,
    ];
}

/// A transition someone asked for: never `adopt`, which only follows the last
/// endorsement. The store takes only this, so no door can request an adoption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requested(UnderstandingTransition);

impl Requested {
    pub const PROPOSE: Self = Self(UnderstandingTransition::Propose);
    pub const REVISE: Self = Self(UnderstandingTransition::Revise);
    pub const WITHDRAW: Self = Self(UnderstandingTransition::Withdraw);

    pub fn parse(name: &str) -> Result<Self, crate::domain::validation::FieldErrors> {
        <UnderstandingMachine as StateMachine>::parse_request(name)
    }

    pub fn transition(self) -> UnderstandingTransition {
        self.0
    }
}

impl std::str::FromStr for Requested {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        name.parse()
            .ok()
            .filter(|t| UnderstandingTransition::REQUESTABLE.contains(t))
            .map(Self)
            .ok_or_else(|| {
                format!(
                    "unknown understanding transition `{name}`; expected one of propose, \
                     revise, withdraw (adoption follows the last endorsement)"
                )
            })
    }
}

impl From<Requested> for UnderstandingTransition {
    fn from(requested: Requested) -> Self {
        requested.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnderstandingFacts {
    pub phase_state: PhaseState,
    /// Governments taking part in the dialogue.
    pub participating: usize,
    /// Of those, how many endorsed the current revision.
    pub endorsed_current: usize,
}

/// The understanding machine, for the generic runner and handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnderstandingMachine;

impl StateMachine for UnderstandingMachine {
    const MACHINE: Machine = Machine::Understanding;
    const REQUESTABLE: &'static [UnderstandingTransition] = &UnderstandingTransition::REQUESTABLE;
    type State = UnderstandingState;
    type Transition = UnderstandingTransition;
    type Request = Requested;
    type Facts = UnderstandingFacts;

    fn check(
        state: UnderstandingState,
        transition: UnderstandingTransition,
        facts: &UnderstandingFacts,
        actor: &Actor,
    ) -> Result<UnderstandingState, Refusal> {
        use UnderstandingState as S;
        use UnderstandingTransition as T;
        let name = transition.as_str();
        let wrong = || invalid_state(Machine::Understanding, name, state.as_str());
        if transition != T::Adopt {
            role_may(actor.is_staff(), name)?;
            if facts.phase_state.is_closed() {
                return Err(Refusal::PhaseClosed {
                    machine: Machine::Understanding,
                });
            }
        }
        match transition {
            T::Propose => (state == S::Draft).then_some(S::Proposed).ok_or_else(wrong),
            T::Revise => (state == S::Proposed).then_some(S::Draft).ok_or_else(wrong),
            T::Withdraw => state.is_open().then_some(S::Withdrawn).ok_or_else(wrong),
            T::Adopt => {
                if state != S::Proposed {
                    return Err(wrong());
                }
                let pending = facts.participating.saturating_sub(facts.endorsed_current);
                if pending > 0 || facts.participating == 0 {
                    return Err(Refusal::UnderstandingNotAllEndorsed { pending });
                }
                Ok(S::Adopted)
            }
        }
    }

    fn decide(
        state: UnderstandingState,
        transition: UnderstandingTransition,
        facts: &UnderstandingFacts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<UnderstandingState>, Refusal> {
        use UnderstandingTransition as T;
        let next = Self::check(state, transition, facts, actor)?;
        let decision = Decision::new(state, next, transition.as_str());
        Ok(match transition {
            T::Propose => decision.notify("understanding_proposed", Audience::FocalPoints),
            T::Revise => decision
                .with_reason(input.reason.clone())
                .notify("understanding_revised", Audience::FocalPoints),
            T::Withdraw => {
                decision.with_reason(Some(input.require_reason(Machine::Understanding)?))
            }
            T::Adopt => decision.notify("understanding_adopted", Audience::Dialogue),
        })
    }
}

/// May `actor` set `government_id`'s position on this text, sent for `revision`?
pub fn check_position(
    state: UnderstandingState,
    phase_state: PhaseState,
    current_revision: i32,
    revision: i32,
    actor: &Actor,
    government_id: uuid::Uuid,
    participating: bool,
) -> Result<(), Refusal> {
    if actor.role != Role::FocalPoint {
        return Err(Refusal::RoleNotAllowed {
            transition: "endorse",
        });
    }
    if !actor.speaks_for(government_id) {
        return Err(Refusal::NotYourGovernment);
    }
    if !participating {
        return Err(Refusal::UnderstandingNotParticipating);
    }
    // A cancelled phase freezes its texts: nothing is adopted in it any more.
    if phase_state.is_closed() {
        return Err(Refusal::PhaseClosed {
            machine: Machine::Understanding,
        });
    }
    if state != UnderstandingState::Proposed {
        return Err(Refusal::UnderstandingNotProposed);
    }
    if revision != current_revision {
        return Err(Refusal::UnderstandingStaleRevision {
            current: current_revision,
        });
    }
    Ok(())
}

/// Only a draft's text may change, and only by staff, in an open phase.
pub fn check_edit(
    state: UnderstandingState,
    phase_state: PhaseState,
    actor: &Actor,
) -> Result<(), Refusal> {
    role_may(actor.is_staff(), "edit")?;
    if phase_state.is_closed() {
        return Err(Refusal::PhaseClosed {
            machine: Machine::Understanding,
        });
    }
    if state != UnderstandingState::Draft {
        return Err(Refusal::UnderstandingNotDraft);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn adopt_cannot_be_requested() {
        assert_eq!(Requested::parse("propose"), Ok(Requested::PROPOSE));
        for name in ["adopt", "Adopt", "", "propose\u{0}"] {
            let refused = Requested::parse(name).err().unwrap_or_default();
            assert_eq!(
                refused.fields().collect::<Vec<_>>(),
                ["transition"],
                "{name:?}"
            );
        }
    }

    fn actor(role: Role, government: Option<Uuid>) -> Actor {
        Actor {
            id: Uuid::nil(),
            role,
            government_id: government,
        }
    }

    fn facts(endorsed: usize) -> UnderstandingFacts {
        UnderstandingFacts {
            phase_state: PhaseState::Active,
            participating: 3,
            endorsed_current: endorsed,
        }
    }

    fn code<T>(r: Result<T, Refusal>) -> String {
        r.err().map(|r| r.code()).unwrap_or_default()
    }

    #[test]
    fn adoption_needs_every_government_on_the_current_revision() {
        let fp = actor(Role::FocalPoint, Some(Uuid::nil()));
        assert_eq!(
            code(UnderstandingMachine::check(
                UnderstandingState::Proposed,
                UnderstandingTransition::Adopt,
                &facts(2),
                &fp
            )),
            "understanding.not_all_endorsed"
        );
        assert_eq!(
            UnderstandingMachine::check(
                UnderstandingState::Proposed,
                UnderstandingTransition::Adopt,
                &facts(3),
                &fp
            ),
            Ok(UnderstandingState::Adopted)
        );
        assert_eq!(
            code(UnderstandingMachine::check(
                UnderstandingState::Draft,
                UnderstandingTransition::Adopt,
                &facts(3),
                &fp
            )),
            "understanding.invalid_state"
        );
    }

    #[test]
    fn staff_propose_revise_and_withdraw() {
        let c = actor(Role::Coordinator, None);
        let none = TransitionInput::default();
        assert_eq!(
            UnderstandingMachine::check(
                UnderstandingState::Draft,
                UnderstandingTransition::Propose,
                &facts(0),
                &c
            ),
            Ok(UnderstandingState::Proposed)
        );
        assert_eq!(
            UnderstandingMachine::check(
                UnderstandingState::Proposed,
                UnderstandingTransition::Revise,
                &facts(1),
                &c
            ),
            Ok(UnderstandingState::Draft)
        );
        assert_eq!(
            code(UnderstandingMachine::decide(
                UnderstandingState::Draft,
                UnderstandingTransition::Withdraw,
                &facts(0),
                &c,
                &none
            )),
            "understanding.reason_required"
        );
        assert_eq!(
            code(UnderstandingMachine::check(
                UnderstandingState::Adopted,
                UnderstandingTransition::Withdraw,
                &facts(3),
                &c
            )),
            "understanding.invalid_state"
        );
        let closed = UnderstandingFacts {
            phase_state: PhaseState::Cancelled,
            ..facts(0)
        };
        assert_eq!(
            code(UnderstandingMachine::check(
                UnderstandingState::Draft,
                UnderstandingTransition::Propose,
                &closed,
                &c
            )),
            "understanding.phase_closed"
        );
        let fp = actor(Role::FocalPoint, Some(Uuid::nil()));
        assert_eq!(
            code(UnderstandingMachine::check(
                UnderstandingState::Draft,
                UnderstandingTransition::Propose,
                &facts(0),
                &fp
            )),
            "permission.role"
        );
    }

    #[test]
    fn positions_are_taken_by_the_governments_own_focal_point_on_the_current_revision() {
        let af = Uuid::from_u128(1);
        let ir = Uuid::from_u128(2);
        let fp_af = actor(Role::FocalPoint, Some(af));
        let proposed = UnderstandingState::Proposed;
        assert_eq!(
            check_position(proposed, PhaseState::Active, 2, 2, &fp_af, af, true),
            Ok(())
        );
        assert_eq!(
            code(check_position(
                proposed,
                PhaseState::Active,
                2,
                2,
                &fp_af,
                ir,
                true
            )),
            "permission.government"
        );
        assert_eq!(
            code(check_position(
                proposed,
                PhaseState::Active,
                2,
                1,
                &fp_af,
                af,
                true
            )),
            "understanding.stale_revision"
        );
        assert_eq!(
            code(check_position(
                UnderstandingState::Draft,
                PhaseState::Active,
                2,
                2,
                &fp_af,
                af,
                true
            )),
            "understanding.not_proposed"
        );
        assert_eq!(
            code(check_position(
                proposed,
                PhaseState::Active,
                2,
                2,
                &fp_af,
                af,
                false
            )),
            "understanding.government_not_participating"
        );
        let coordinator = actor(Role::Coordinator, None);
        assert_eq!(
            code(check_position(
                proposed,
                PhaseState::Active,
                2,
                2,
                &coordinator,
                af,
                true
            )),
            "permission.role"
        );
    }

    #[test]
    fn only_drafts_are_edited() {
        let c = actor(Role::Coordinator, None);
        assert_eq!(
            check_edit(UnderstandingState::Draft, PhaseState::Active, &c),
            Ok(())
        );
        assert_eq!(
            code(check_edit(
                UnderstandingState::Proposed,
                PhaseState::Active,
                &c
            )),
            "understanding.not_draft"
        );
        assert_eq!(
            code(check_edit(
                UnderstandingState::Draft,
                PhaseState::Active,
                &actor(Role::Manager, None)
            )),
            "permission.role"
        );
    }
}
