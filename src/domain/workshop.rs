//! A workshop: `draft → scheduled → held → concluded`, `draft|scheduled → cancelled`
//! with a reason, and `scheduled → scheduled` as a reschedule.
use chrono::{DateTime, Utc};

use super::machine::StateMachine;
use super::phase::PhaseState;
use super::refusal::{Machine, Refusal};
use super::transition::{
    Actor, Audience, Decision, TransitionInput, invalid_state, non_blank, role_may,
};
use crate::named_enum;

named_enum! {
    pub enum WorkshopState ("workshop state") {
        Draft => "draft",
        Scheduled => "scheduled",
        Held => "held",
        Concluded => "concluded",
        Cancelled => "cancelled",
    }
}

named_enum! {
    pub enum WorkshopTransition ("workshop transition") {
        Schedule => "schedule",
        Reschedule => "reschedule",
        Hold => "hold",
        Conclude => "conclude",
        Cancel => "cancel",
    }
}

named_enum! {
    pub enum WorkshopKind ("workshop kind") {
        Technical => "technical",
        Political => "political",
        Joint => "joint",
    }
}

named_enum! {
    /// RSVPs before the workshop (`confirmed`, `declined`), the record after it
    /// (`attended`, `absent`).
    pub enum Attendance ("attendance status") {
        Invited => "invited",
        Confirmed => "confirmed",
        Declined => "declined",
        Attended => "attended",
        Absent => "absent",
    }
}

impl WorkshopState {
    /// Still ahead or under way: blocks completing the phase.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            WorkshopState::Draft | WorkshopState::Scheduled | WorkshopState::Held
        )
    }
}

impl Attendance {
    /// Whether the day's attendance has been recorded (as opposed to an RSVP).
    pub fn is_recorded(self) -> bool {
        matches!(self, Attendance::Attended | Attendance::Absent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopFacts {
    pub phase_state: PhaseState,
    pub now: DateTime<Utc>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone_valid: bool,
    pub invited: usize,
    /// Invited governments whose attendance is neither `attended` nor `absent`.
    pub attendance_unrecorded: usize,
    /// Attending governments without a submitted outcome record.
    pub outcomes_missing: usize,
}

fn check_times(
    now: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<(), Refusal> {
    if starts_at <= now {
        return Err(Refusal::WorkshopStartInPast);
    }
    if ends_at <= starts_at {
        return Err(Refusal::WorkshopEndBeforeStart);
    }
    Ok(())
}

/// The workshop machine, for the generic runner and handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkshopMachine;

impl StateMachine for WorkshopMachine {
    const MACHINE: Machine = Machine::Workshop;
    const REQUESTABLE: &'static [WorkshopTransition] = WorkshopTransition::ALL;
    type State = WorkshopState;
    type Transition = WorkshopTransition;
    type Request = WorkshopTransition;
    type Facts = WorkshopFacts;

    fn check(
        state: WorkshopState,
        transition: WorkshopTransition,
        facts: &WorkshopFacts,
        actor: &Actor,
    ) -> Result<WorkshopState, Refusal> {
        use WorkshopState as S;
        use WorkshopTransition as T;
        let name = transition.as_str();
        role_may(actor.is_staff(), name)?;
        let wrong = || invalid_state(Machine::Workshop, name, state.as_str());
        // A cancelled phase freezes its workshops: they can only be cancelled.
        if facts.phase_state.is_closed() && transition != T::Cancel && state.is_open() {
            return Err(Refusal::WorkshopPhaseNotOpen);
        }
        match transition {
            T::Schedule => {
                if state != S::Draft {
                    return Err(wrong());
                }
                if facts.phase_state.is_closed() {
                    return Err(Refusal::WorkshopPhaseNotOpen);
                }
                check_times(facts.now, facts.starts_at, facts.ends_at)?;
                if facts.invited < 2 {
                    return Err(Refusal::WorkshopTooFewGovernments);
                }
                if !facts.time_zone_valid {
                    return Err(Refusal::WorkshopInvalidTimeZone);
                }
                Ok(S::Scheduled)
            }
            T::Reschedule => {
                if state != S::Scheduled {
                    return Err(wrong());
                }
                if facts.phase_state.is_closed() {
                    return Err(Refusal::WorkshopPhaseNotOpen);
                }
                Ok(S::Scheduled)
            }
            T::Hold => {
                if state != S::Scheduled {
                    return Err(wrong());
                }
                if facts.now < facts.starts_at {
                    return Err(Refusal::WorkshopNotStarted);
                }
                if facts.attendance_unrecorded > 0 {
                    return Err(Refusal::WorkshopAttendanceMissing {
                        missing: facts.attendance_unrecorded,
                    });
                }
                Ok(S::Held)
            }
            T::Conclude => {
                if state != S::Held {
                    return Err(wrong());
                }
                if facts.outcomes_missing > 0 {
                    return Err(Refusal::WorkshopOutcomesMissing {
                        missing: facts.outcomes_missing,
                    });
                }
                Ok(S::Concluded)
            }
            T::Cancel => matches!(state, S::Draft | S::Scheduled)
                .then_some(S::Cancelled)
                .ok_or_else(wrong),
        }
    }

    fn decide(
        state: WorkshopState,
        transition: WorkshopTransition,
        facts: &WorkshopFacts,
        actor: &Actor,
        input: &TransitionInput,
    ) -> Result<Decision<WorkshopState>, Refusal> {
        use WorkshopTransition as T;
        let next = match (transition, Self::check(state, transition, facts, actor)) {
            // A coordinator may conclude without every outcome, saying why; the override
            // reason goes into the history.
            (T::Conclude, Err(Refusal::WorkshopOutcomesMissing { .. }))
                if non_blank(&input.override_reason).is_some() =>
            {
                WorkshopState::Concluded
            }
            (_, result) => result?,
        };
        let decision = Decision::new(state, next, transition.as_str());
        Ok(match transition {
            T::Schedule => decision.notify("workshop_scheduled", Audience::Invited),
            T::Reschedule => {
                let (Some(starts_at), Some(ends_at)) = (input.starts_at, input.ends_at) else {
                    return Err(Refusal::WorkshopTimesRequired);
                };
                check_times(facts.now, starts_at, ends_at)?;
                decision.notify("workshop_rescheduled", Audience::Invited)
            }
            T::Hold => decision.notify("workshop_outcomes_requested", Audience::Attending),
            T::Conclude => decision.with_reason(non_blank(&input.override_reason)),
            T::Cancel => {
                let reason = input.require_reason(Machine::Workshop)?;
                let decision = decision.with_reason(Some(reason));
                if state == WorkshopState::Scheduled {
                    decision.notify("workshop_cancelled", Audience::Invited)
                } else {
                    decision
                }
            }
        })
    }
}

/// Who may set a government's attendance, and when: its focal point or staff, for an
/// invited government, RSVPs while scheduled, the record once the workshop started.
pub fn check_attendance(
    state: WorkshopState,
    actor: &Actor,
    government_id: uuid::Uuid,
    invited: bool,
    status: Attendance,
    started: bool,
) -> Result<(), Refusal> {
    speaks_for_or_staff(actor, government_id)?;
    if !invited {
        return Err(Refusal::WorkshopNotInvited);
    }
    let in_time = match status {
        Attendance::Invited => false,
        Attendance::Confirmed | Attendance::Declined => state == WorkshopState::Scheduled,
        Attendance::Attended | Attendance::Absent => {
            if state == WorkshopState::Scheduled && !started {
                return Err(Refusal::WorkshopNotStartedForAttendance);
            }
            state == WorkshopState::Scheduled
        }
    };
    if !in_time {
        return Err(invalid_state(
            Machine::Workshop,
            "record attendance",
            state.as_str(),
        ));
    }
    Ok(())
}

/// Outcomes are logged after the workshop was held, per attending government, until
/// that government's record is submitted.
pub fn check_outcome(
    state: WorkshopState,
    actor: &Actor,
    government_id: uuid::Uuid,
    attended: bool,
    already_submitted: bool,
) -> Result<(), Refusal> {
    speaks_for_or_staff(actor, government_id)?;
    if state != WorkshopState::Held {
        return Err(invalid_state(
            Machine::Workshop,
            "log outcomes",
            state.as_str(),
        ));
    }
    if !attended {
        return Err(Refusal::WorkshopNotAttending);
    }
    if already_submitted {
        return Err(Refusal::WorkshopOutcomeSubmitted);
    }
    Ok(())
}

fn speaks_for_or_staff(actor: &Actor, government_id: uuid::Uuid) -> Result<(), Refusal> {
    match actor.role {
        _ if actor.is_staff() => Ok(()),
        super::role::Role::FocalPoint if actor.speaks_for(government_id) => Ok(()),
        super::role::Role::FocalPoint => Err(Refusal::NotYourGovernment),
        _ => Err(Refusal::RoleNotAllowed {
            transition: "record",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;
    use chrono::TimeDelta;
    use uuid::Uuid;

    fn coordinator() -> Actor {
        Actor {
            id: Uuid::nil(),
            role: Role::Coordinator,
            government_id: None,
        }
    }

    fn facts() -> WorkshopFacts {
        let now = Utc::now();
        WorkshopFacts {
            phase_state: PhaseState::Active,
            now,
            starts_at: now + TimeDelta::days(10),
            ends_at: now + TimeDelta::days(11),
            time_zone_valid: true,
            invited: 3,
            attendance_unrecorded: 0,
            outcomes_missing: 0,
        }
    }

    fn code(
        state: WorkshopState,
        t: WorkshopTransition,
        f: &WorkshopFacts,
        input: &TransitionInput,
    ) -> String {
        WorkshopMachine::decide(state, t, f, &coordinator(), input)
            .err()
            .map(|r| r.code())
            .unwrap_or_default()
    }

    #[test]
    fn scheduling_guards() {
        let none = TransitionInput::default();
        let f = facts();
        let cases = [
            (
                WorkshopFacts {
                    starts_at: f.now - TimeDelta::hours(1),
                    ..f.clone()
                },
                "workshop.start_in_past",
            ),
            (
                WorkshopFacts {
                    ends_at: f.starts_at,
                    ..f.clone()
                },
                "workshop.end_before_start",
            ),
            (
                WorkshopFacts {
                    invited: 1,
                    ..f.clone()
                },
                "workshop.too_few_governments",
            ),
            (
                WorkshopFacts {
                    time_zone_valid: false,
                    ..f.clone()
                },
                "workshop.invalid_time_zone",
            ),
            (
                WorkshopFacts {
                    phase_state: PhaseState::Completed,
                    ..f.clone()
                },
                "workshop.phase_not_open",
            ),
        ];
        for (facts, expected) in cases {
            assert_eq!(
                code(
                    WorkshopState::Draft,
                    WorkshopTransition::Schedule,
                    &facts,
                    &none
                ),
                expected
            );
        }
        let ok = WorkshopMachine::decide(
            WorkshopState::Draft,
            WorkshopTransition::Schedule,
            &f,
            &coordinator(),
            &none,
        );
        assert_eq!(ok.map(|d| d.to), Ok(WorkshopState::Scheduled));
        assert_eq!(
            code(WorkshopState::Held, WorkshopTransition::Schedule, &f, &none),
            "workshop.invalid_state"
        );
    }

    #[test]
    fn reschedule_needs_new_future_times() {
        let f = facts();
        let none = TransitionInput::default();
        assert_eq!(
            code(
                WorkshopState::Scheduled,
                WorkshopTransition::Reschedule,
                &f,
                &none
            ),
            "workshop.times_required"
        );
        let past = TransitionInput {
            starts_at: Some(f.now - TimeDelta::days(1)),
            ends_at: Some(f.now),
            ..none.clone()
        };
        assert_eq!(
            code(
                WorkshopState::Scheduled,
                WorkshopTransition::Reschedule,
                &f,
                &past
            ),
            "workshop.start_in_past"
        );
        let good = TransitionInput {
            starts_at: Some(f.starts_at + TimeDelta::days(7)),
            ends_at: Some(f.ends_at + TimeDelta::days(7)),
            ..none
        };
        let d = WorkshopMachine::decide(
            WorkshopState::Scheduled,
            WorkshopTransition::Reschedule,
            &f,
            &coordinator(),
            &good,
        );
        assert_eq!(d.map(|d| d.to), Ok(WorkshopState::Scheduled));
    }

    #[test]
    fn hold_needs_the_start_and_attendance() {
        let none = TransitionInput::default();
        assert_eq!(
            code(
                WorkshopState::Scheduled,
                WorkshopTransition::Hold,
                &facts(),
                &none
            ),
            "workshop.not_started"
        );
        let started = WorkshopFacts {
            now: facts().starts_at + TimeDelta::minutes(5),
            ..facts()
        };
        let missing = WorkshopFacts {
            attendance_unrecorded: 2,
            ..started.clone()
        };
        assert_eq!(
            code(
                WorkshopState::Scheduled,
                WorkshopTransition::Hold,
                &missing,
                &none
            ),
            "workshop.attendance_missing"
        );
        assert!(
            WorkshopMachine::decide(
                WorkshopState::Scheduled,
                WorkshopTransition::Hold,
                &started,
                &coordinator(),
                &none
            )
            .is_ok()
        );
    }

    #[test]
    fn conclude_needs_outcomes_or_an_override() {
        let missing = WorkshopFacts {
            outcomes_missing: 1,
            ..facts()
        };
        let none = TransitionInput::default();
        assert_eq!(
            code(
                WorkshopState::Held,
                WorkshopTransition::Conclude,
                &missing,
                &none
            ),
            "workshop.outcomes_missing"
        );
        let blank = TransitionInput {
            override_reason: Some("  ".into()),
            ..none.clone()
        };
        assert_eq!(
            code(
                WorkshopState::Held,
                WorkshopTransition::Conclude,
                &missing,
                &blank
            ),
            "workshop.outcomes_missing"
        );
        let why = TransitionInput {
            override_reason: Some("PK delegation left early".into()),
            ..none
        };
        let d = WorkshopMachine::decide(
            WorkshopState::Held,
            WorkshopTransition::Conclude,
            &missing,
            &coordinator(),
            &why,
        );
        assert_eq!(
            d.map(|d| (d.to, d.reason)),
            Ok((
                WorkshopState::Concluded,
                Some("PK delegation left early".into())
            ))
        );
    }

    #[test]
    fn attendance_rules() {
        let af = Uuid::from_u128(1);
        let fp = Actor {
            id: Uuid::nil(),
            role: Role::FocalPoint,
            government_id: Some(af),
        };
        let s = WorkshopState::Scheduled;
        assert_eq!(
            check_attendance(s, &fp, af, true, Attendance::Confirmed, false),
            Ok(())
        );
        let code = |r: Result<(), Refusal>| r.err().map(|r| r.code()).unwrap_or_default();
        assert_eq!(
            code(check_attendance(
                s,
                &fp,
                Uuid::from_u128(2),
                true,
                Attendance::Confirmed,
                false
            )),
            "permission.government"
        );
        assert_eq!(
            code(check_attendance(
                s,
                &fp,
                af,
                false,
                Attendance::Confirmed,
                false
            )),
            "workshop.government_not_invited"
        );
        assert_eq!(
            code(check_attendance(
                s,
                &fp,
                af,
                true,
                Attendance::Attended,
                false
            )),
            "workshop.not_started"
        );
        assert_eq!(
            check_attendance(s, &coordinator(), af, true, Attendance::Attended, true),
            Ok(())
        );
        assert_eq!(
            code(check_attendance(
                WorkshopState::Held,
                &fp,
                af,
                true,
                Attendance::Absent,
                true
            )),
            "workshop.invalid_state"
        );
        let observer = Actor {
            role: Role::Observer,
            government_id: None,
            ..fp
        };
        assert_eq!(
            code(check_attendance(
                s,
                &observer,
                af,
                true,
                Attendance::Confirmed,
                false
            )),
            "permission.role"
        );
    }

    #[test]
    fn outcome_rules() {
        let af = Uuid::from_u128(1);
        let fp = Actor {
            id: Uuid::nil(),
            role: Role::FocalPoint,
            government_id: Some(af),
        };
        let code = |r: Result<(), Refusal>| r.err().map(|r| r.code()).unwrap_or_default();
        assert_eq!(
            check_outcome(WorkshopState::Held, &fp, af, true, false),
            Ok(())
        );
        assert_eq!(
            code(check_outcome(
                WorkshopState::Scheduled,
                &fp,
                af,
                true,
                false
            )),
            "workshop.invalid_state"
        );
        assert_eq!(
            code(check_outcome(WorkshopState::Held, &fp, af, false, false)),
            "workshop.government_not_attending"
        );
        assert_eq!(
            code(check_outcome(WorkshopState::Held, &fp, af, true, true)),
            "workshop.outcome_submitted"
        );
        assert_eq!(
            code(check_outcome(
                WorkshopState::Held,
                &fp,
                Uuid::from_u128(2),
                true,
                false
            )),
            "permission.government"
        );
    }

    #[test]
    fn cancel_from_draft_or_scheduled_with_a_reason() {
        let none = TransitionInput::default();
        assert_eq!(
            code(
                WorkshopState::Scheduled,
                WorkshopTransition::Cancel,
                &facts(),
                &none
            ),
            "workshop.reason_required"
        );
        assert_eq!(
            code(
                WorkshopState::Held,
                WorkshopTransition::Cancel,
                &facts(),
                &none
            ),
            "workshop.invalid_state"
        );
        let why = TransitionInput {
            reason: Some("venue unavailable".into()),
            ..none
        };
        let d = WorkshopMachine::decide(
            WorkshopState::Scheduled,
            WorkshopTransition::Cancel,
            &facts(),
            &coordinator(),
            &why,
        );
        assert_eq!(
            d.map(|d| d.notices.len()),
            Ok(1),
            "invitees are told of the cancellation"
        );
    }
}
