//! What "needs my attention" means, per role: the rules that pick the workshops,
//! common understandings and actions a person's home page lists. The store's queries
//! are built from the states named here and every row they return is checked again
//! with these predicates, so the page and the rule cannot drift apart.
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::action::ActionState;
use super::role::Role;
use super::understanding::{Position, UnderstandingState};
use super::workshop::{Attendance, WorkshopState};

/// A focal point's answer is expected: the workshop is scheduled and their
/// government's attendance is still only `invited` (neither confirmed nor declined).
pub fn needs_attendance_answer(state: WorkshopState, attendance: Attendance) -> bool {
    state == WorkshopState::Scheduled && attendance == Attendance::Invited
}

/// The workshop state and attendance [`needs_attendance_answer`] looks for.
pub const ATTENDANCE_ANSWER: (WorkshopState, Attendance) =
    (WorkshopState::Scheduled, Attendance::Invited);

/// A government's outcome is expected: the workshop was held, the government
/// attended, and its outcome record is not submitted (missing, or only a draft).
pub fn needs_outcome(state: WorkshopState, attendance: Attendance, submitted: bool) -> bool {
    state == WorkshopState::Held && attendance == Attendance::Attended && !submitted
}

/// The workshop state and attendance [`needs_outcome`] looks for.
pub const OUTCOME_DUE: (WorkshopState, Attendance) = (WorkshopState::Held, Attendance::Attended);

/// A government's position on a proposed text is awaited when it has none on the
/// current revision: no row, a `pending` one, or one given to an older revision.
/// `given` is the government's stored position and the revision it was given to.
pub fn awaits_position(
    state: UnderstandingState,
    current_revision: i32,
    given: Option<(Position, i32)>,
) -> bool {
    if state != UnderstandingState::Proposed {
        return false;
    }
    match given {
        None => true,
        Some((position, revision)) => position == Position::Pending || revision != current_revision,
    }
}

/// The text state [`awaits_position`] looks for.
pub const POSITION_AWAITED: UnderstandingState = UnderstandingState::Proposed;

/// Which of the `participating` governments have given no position on the current
/// revision (`given`: government, position, revision), in the order given.
pub fn without_position(
    state: UnderstandingState,
    current_revision: i32,
    participating: &[Uuid],
    given: &[(Uuid, Position, i32)],
) -> Vec<Uuid> {
    participating
        .iter()
        .copied()
        .filter(|government| {
            let theirs = given
                .iter()
                .find(|(g, _, _)| g == government)
                .map(|(_, position, revision)| (*position, *revision));
            awaits_position(state, current_revision, theirs)
        })
        .collect()
}

/// A government's agreement is awaited on a proposed action it has not agreed to.
pub fn awaits_agreement(state: ActionState, agreed: bool) -> bool {
    state == ActionState::Proposed && !agreed
}

/// The action state [`awaits_agreement`] looks for.
pub const AGREEMENT_AWAITED: ActionState = ActionState::Proposed;

/// Overdue: the due date has passed and the action is still open (see
/// [`ActionState::is_overdue`]); the states that can be overdue.
pub fn overdue_states() -> Vec<&'static str> {
    ActionState::names_where(|s| !s.is_terminal())
}

/// A blocked action waits for someone to unblock it (or drop it).
pub fn is_blocked(state: ActionState) -> bool {
    state == ActionState::Blocked
}

/// What a coordinator is expected to do next with a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopStep {
    /// A draft: to be scheduled.
    Schedule,
    /// Scheduled and its start has passed: to be marked held once attendance is in.
    Hold,
    /// Held: to be concluded once the outcomes are in.
    Conclude,
}

impl WorkshopStep {
    pub const ALL: [WorkshopStep; 3] = [
        WorkshopStep::Schedule,
        WorkshopStep::Hold,
        WorkshopStep::Conclude,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkshopStep::Schedule => "schedule",
            WorkshopStep::Hold => "hold",
            WorkshopStep::Conclude => "conclude",
        }
    }

    /// The state a workshop is in when this step is next.
    pub fn state(self) -> WorkshopState {
        match self {
            WorkshopStep::Schedule => WorkshopState::Draft,
            WorkshopStep::Hold => WorkshopState::Scheduled,
            WorkshopStep::Conclude => WorkshopState::Held,
        }
    }

    /// Whether the step waits for the start time to have passed.
    pub fn needs_start_passed(self) -> bool {
        self == WorkshopStep::Hold
    }
}

/// The coordinator's next step with a workshop, if any: a scheduled workshop needs
/// nothing until its start has passed; concluded and cancelled ones are done.
pub fn workshop_step(
    state: WorkshopState,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<WorkshopStep> {
    match state {
        WorkshopState::Draft => Some(WorkshopStep::Schedule),
        WorkshopState::Scheduled if starts_at <= now => Some(WorkshopStep::Hold),
        WorkshopState::Held => Some(WorkshopStep::Conclude),
        _ => None,
    }
}

/// One invited government's record on a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invited {
    pub government_id: Uuid,
    pub attendance: Attendance,
    pub outcome_submitted: bool,
}

/// The governments a step waits for: to hold, those whose attendance is not recorded
/// (the `hold` guard); to conclude, those that attended without a submitted outcome
/// (the `conclude` guard); scheduling waits for nobody.
pub fn missing_for(step: WorkshopStep, invited: &[Invited]) -> Vec<Uuid> {
    invited
        .iter()
        .filter(|i| match step {
            WorkshopStep::Schedule => false,
            WorkshopStep::Hold => !i.attendance.is_recorded(),
            WorkshopStep::Conclude => i.attendance == Attendance::Attended && !i.outcome_submitted,
        })
        .map(|i| i.government_id)
        .collect()
}

/// Whether an action is overdue on `today`, from its stored state.
pub fn is_overdue(state: ActionState, due_date: NaiveDate, today: NaiveDate) -> bool {
    state.is_overdue(due_date, today)
}

/// Which of home's lists a person gets: their government's work (a focal point bound
/// to a government), the organiser's work (coordinators and admins), and the overview
/// of running dialogues with the active phase's checklist (those who watch progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HomeLists {
    pub own_government: bool,
    pub organiser: bool,
    pub overview: bool,
}

pub fn home_lists(role: Role, has_government: bool) -> HomeLists {
    HomeLists {
        own_government: role == Role::FocalPoint && has_government,
        organiser: matches!(role, Role::Coordinator | Role::Admin),
        overview: matches!(role, Role::Manager | Role::Admin | Role::Observer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    #[test]
    fn only_an_unanswered_invitation_to_a_scheduled_workshop_asks_for_attendance() {
        assert!(needs_attendance_answer(
            WorkshopState::Scheduled,
            Attendance::Invited
        ));
        for answered in [
            Attendance::Confirmed,
            Attendance::Declined,
            Attendance::Attended,
            Attendance::Absent,
        ] {
            assert!(!needs_attendance_answer(WorkshopState::Scheduled, answered));
        }
        for state in [
            WorkshopState::Draft,
            WorkshopState::Held,
            WorkshopState::Concluded,
            WorkshopState::Cancelled,
        ] {
            assert!(
                !needs_attendance_answer(state, Attendance::Invited),
                "{state}"
            );
        }
        let (state, attendance) = ATTENDANCE_ANSWER;
        assert!(needs_attendance_answer(state, attendance));
    }

    #[test]
    fn an_outcome_is_due_only_from_an_attending_government_of_a_held_workshop() {
        assert!(needs_outcome(
            WorkshopState::Held,
            Attendance::Attended,
            false
        ));
        assert!(!needs_outcome(
            WorkshopState::Held,
            Attendance::Attended,
            true
        ));
        assert!(!needs_outcome(
            WorkshopState::Held,
            Attendance::Absent,
            false
        ));
        assert!(!needs_outcome(
            WorkshopState::Concluded,
            Attendance::Attended,
            false
        ));
        assert!(!needs_outcome(
            WorkshopState::Scheduled,
            Attendance::Attended,
            false
        ));
        let (state, attendance) = OUTCOME_DUE;
        assert!(needs_outcome(state, attendance, false));
    }

    #[test]
    fn a_position_is_awaited_until_given_on_the_current_revision() {
        let proposed = UnderstandingState::Proposed;
        assert!(awaits_position(proposed, 2, None));
        assert!(awaits_position(proposed, 2, Some((Position::Pending, 2))));
        // Given to revision 1, then the text was revised: asked again.
        assert!(awaits_position(proposed, 2, Some((Position::Endorsed, 1))));
        for given in [
            Position::Endorsed,
            Position::Reservation,
            Position::Objection,
        ] {
            assert!(!awaits_position(proposed, 2, Some((given, 2))), "{given}");
        }
        for state in [
            UnderstandingState::Draft,
            UnderstandingState::Adopted,
            UnderstandingState::Withdrawn,
        ] {
            assert!(!awaits_position(state, 1, None), "{state}");
        }
    }

    #[test]
    fn the_governments_without_a_position_are_named_in_order() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let given = [
            (a, Position::Endorsed, 1),
            (b, Position::Pending, 1),
            (c, Position::Objection, 0),
        ];
        let proposed = UnderstandingState::Proposed;
        assert_eq!(without_position(proposed, 1, &[a, b, c], &given), [b, c]);
        assert!(without_position(UnderstandingState::Draft, 1, &[a, b, c], &given).is_empty());
    }

    #[test]
    fn agreement_is_awaited_only_on_a_proposed_action_not_yet_agreed() {
        assert!(awaits_agreement(ActionState::Proposed, false));
        assert!(!awaits_agreement(ActionState::Proposed, true));
        for state in ActionState::ALL
            .iter()
            .copied()
            .filter(|s| *s != ActionState::Proposed)
        {
            assert!(!awaits_agreement(state, false), "{state}");
        }
    }

    #[test]
    fn overdue_is_strictly_after_the_due_day_and_never_when_closed() {
        let due = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        let next = due.succ_opt().unwrap_or_default();
        assert!(!is_overdue(ActionState::InProgress, due, due), "due today");
        assert!(is_overdue(ActionState::InProgress, due, next));
        assert!(is_overdue(ActionState::Blocked, due, next));
        assert!(!is_overdue(ActionState::Completed, due, next));
        assert!(!is_overdue(ActionState::Dropped, due, next));
        let states = overdue_states();
        assert!(states.contains(&"proposed") && states.contains(&"blocked"));
        assert!(!states.contains(&"completed") && !states.contains(&"dropped"));
        assert!(is_blocked(ActionState::Blocked) && !is_blocked(ActionState::InProgress));
    }

    #[test]
    fn a_coordinator_schedules_drafts_holds_started_workshops_and_concludes_held_ones() {
        let now = Utc::now();
        let past = now - TimeDelta::hours(1);
        let future = now + TimeDelta::hours(1);
        assert_eq!(
            workshop_step(WorkshopState::Draft, future, now),
            Some(WorkshopStep::Schedule)
        );
        assert_eq!(workshop_step(WorkshopState::Scheduled, future, now), None);
        assert_eq!(
            workshop_step(WorkshopState::Scheduled, past, now),
            Some(WorkshopStep::Hold)
        );
        assert_eq!(
            workshop_step(WorkshopState::Scheduled, now, now),
            Some(WorkshopStep::Hold),
            "the start itself counts as passed, as the hold guard says"
        );
        assert_eq!(
            workshop_step(WorkshopState::Held, future, now),
            Some(WorkshopStep::Conclude)
        );
        assert_eq!(workshop_step(WorkshopState::Concluded, past, now), None);
        assert_eq!(workshop_step(WorkshopState::Cancelled, past, now), None);
        for step in WorkshopStep::ALL {
            let starts = if step.needs_start_passed() {
                past
            } else {
                future
            };
            assert_eq!(workshop_step(step.state(), starts, now), Some(step));
        }
    }

    #[test]
    fn a_step_names_the_governments_it_waits_for() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let invited = [
            Invited {
                government_id: a,
                attendance: Attendance::Attended,
                outcome_submitted: true,
            },
            Invited {
                government_id: b,
                attendance: Attendance::Confirmed,
                outcome_submitted: false,
            },
            Invited {
                government_id: c,
                attendance: Attendance::Attended,
                outcome_submitted: false,
            },
        ];
        assert_eq!(missing_for(WorkshopStep::Hold, &invited), [b]);
        assert_eq!(missing_for(WorkshopStep::Conclude, &invited), [c]);
        assert!(missing_for(WorkshopStep::Schedule, &invited).is_empty());
    }

    #[test]
    fn each_role_gets_its_own_lists_on_home() {
        use super::super::role::Role::*;
        let lists = |role, gov| {
            let l = home_lists(role, gov);
            (l.own_government, l.organiser, l.overview)
        };
        assert_eq!(lists(FocalPoint, true), (true, false, false));
        assert_eq!(lists(FocalPoint, false), (false, false, false));
        assert_eq!(lists(Coordinator, false), (false, true, false));
        assert_eq!(lists(Admin, false), (false, true, true));
        assert_eq!(lists(Manager, false), (false, false, true));
        assert_eq!(lists(Observer, false), (false, false, true));
    }
}
