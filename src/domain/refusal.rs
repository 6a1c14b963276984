//! Why a transition is not allowed: a stable machine-readable code and a sentence a
//! person understands.

/// The five state machines, for codes such as `workshop.invalid_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Machine {
    Project,
    Phase,
    Workshop,
    Understanding,
    Action,
}

impl Machine {
    pub fn as_str(self) -> &'static str {
        match self {
            Machine::Project => "project",
            Machine::Phase => "phase",
            Machine::Workshop => "workshop",
            Machine::Understanding => "understanding",
            Machine::Action => "action",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Machine::Project => "dialogue",
            Machine::Phase => "phase",
            Machine::Workshop => "workshop",
            Machine::Understanding => "common understanding",
            Machine::Action => "follow-up action",
        }
    }
}

/// The parts of a refusal a translated sentence fills in (see `Refusal::args`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefusalArgs {
    pub machine: Option<Machine>,
    pub transition: Option<&'static str>,
    pub state: Option<&'static str>,
    pub count: Option<usize>,
    pub revision: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason())]
pub enum Refusal {
    /// The role may not take this transition at all.
    RoleNotAllowed {
        transition: &'static str,
    },
    /// A focal point acting for a government other than their own.
    NotYourGovernment,
    /// The transition does not start from the current state.
    InvalidState {
        machine: Machine,
        transition: &'static str,
        state: &'static str,
    },
    ReasonRequired {
        machine: Machine,
    },
    // dialogue (project)
    ProjectTooFewGovernments,
    ProjectHasNoPhase,
    ProjectPhasesOpen {
        open: usize,
    },
    // phase
    PhaseProjectNotActive,
    PreviousPhaseNotCompleted,
    PhaseWorkshopsOpen {
        open: usize,
    },
    PhaseUnderstandingsOpen {
        open: usize,
    },
    PhaseNoneAdopted,
    PhaseActionsOpen {
        open: usize,
    },
    PhaseClosed {
        machine: Machine,
    },
    // workshop
    WorkshopPhaseNotOpen,
    WorkshopStartInPast,
    WorkshopEndBeforeStart,
    WorkshopTooFewGovernments,
    WorkshopInvalidTimeZone,
    WorkshopTimesRequired,
    WorkshopNotStarted,
    WorkshopAttendanceMissing {
        missing: usize,
    },
    WorkshopOutcomesMissing {
        missing: usize,
    },
    WorkshopNotInvited,
    WorkshopNotAttending,
    WorkshopOutcomeSubmitted,
    WorkshopNotStartedForAttendance,
    // common understanding
    UnderstandingNotAllEndorsed {
        pending: usize,
    },
    UnderstandingNotProposed,
    UnderstandingStaleRevision {
        current: i32,
    },
    UnderstandingNotDraft,
    UnderstandingNotParticipating,
    // follow-up action
    ActionNotAllAgreed {
        pending: usize,
    },
    ActionNoteRequired,
    ActionNotInvolved,
    ActionClosed,
    // dialogue, when work is added to it
    ProjectClosed,
}

impl Refusal {
    /// Refusals about who acts, not about the state: the person may never do this.
    pub fn is_authorisation(&self) -> bool {
        matches!(self, Self::RoleNotAllowed { .. } | Self::NotYourGovernment)
    }

    pub fn code(&self) -> String {
        use Refusal::*;
        let fixed = match self {
            RoleNotAllowed { .. } => "permission.role",
            NotYourGovernment => "permission.government",
            InvalidState { machine, .. } => return format!("{}.invalid_state", machine.as_str()),
            ReasonRequired { machine } => return format!("{}.reason_required", machine.as_str()),
            PhaseClosed { machine } => return format!("{}.phase_closed", machine.as_str()),
            ProjectTooFewGovernments => "project.too_few_governments",
            ProjectHasNoPhase => "project.no_phase",
            ProjectPhasesOpen { .. } => "project.phases_open",
            PhaseProjectNotActive => "phase.project_not_active",
            PreviousPhaseNotCompleted => "phase.previous_not_completed",
            PhaseWorkshopsOpen { .. } => "phase.workshops_open",
            PhaseUnderstandingsOpen { .. } => "phase.understandings_open",
            PhaseNoneAdopted => "phase.none_adopted",
            PhaseActionsOpen { .. } => "phase.actions_open",
            WorkshopPhaseNotOpen => "workshop.phase_not_open",
            WorkshopStartInPast => "workshop.start_in_past",
            WorkshopEndBeforeStart => "workshop.end_before_start",
            WorkshopTooFewGovernments => "workshop.too_few_governments",
            WorkshopInvalidTimeZone => "workshop.invalid_time_zone",
            WorkshopTimesRequired => "workshop.times_required",
            WorkshopNotStarted => "workshop.not_started",
            WorkshopAttendanceMissing { .. } => "workshop.attendance_missing",
            WorkshopOutcomesMissing { .. } => "workshop.outcomes_missing",
            WorkshopNotInvited => "workshop.government_not_invited",
            WorkshopNotAttending => "workshop.government_not_attending",
            WorkshopOutcomeSubmitted => "workshop.outcome_submitted",
            WorkshopNotStartedForAttendance => "workshop.not_started",
            UnderstandingNotAllEndorsed { .. } => "understanding.not_all_endorsed",
            UnderstandingNotProposed => "understanding.not_proposed",
            UnderstandingStaleRevision { .. } => "understanding.stale_revision",
            UnderstandingNotDraft => "understanding.not_draft",
            UnderstandingNotParticipating => "understanding.government_not_participating",
            ActionNotAllAgreed { .. } => "action.not_all_agreed",
            ActionNoteRequired => "action.note_required",
            ActionNotInvolved => "action.government_not_involved",
            ActionClosed => "action.closed",
            ProjectClosed => "project.closed",
        };
        fixed.to_owned()
    }

    /// What a translated sentence needs besides the code: the numbers it counts and,
    /// for a refused state or role, the machine's own transition and state names (which
    /// a page turns into words of its language).
    pub fn args(&self) -> RefusalArgs {
        use Refusal::*;
        let mut args = RefusalArgs::default();
        match *self {
            RoleNotAllowed { transition } => args.transition = Some(transition),
            InvalidState {
                machine,
                transition,
                state,
            } => {
                args.machine = Some(machine);
                args.transition = Some(transition);
                args.state = Some(state);
            }
            ReasonRequired { machine } | PhaseClosed { machine } => args.machine = Some(machine),
            ProjectPhasesOpen { open }
            | PhaseWorkshopsOpen { open }
            | PhaseUnderstandingsOpen { open }
            | PhaseActionsOpen { open } => args.count = Some(open),
            WorkshopAttendanceMissing { missing } | WorkshopOutcomesMissing { missing } => {
                args.count = Some(missing)
            }
            UnderstandingNotAllEndorsed { pending } | ActionNotAllAgreed { pending } => {
                args.count = Some(pending)
            }
            UnderstandingStaleRevision { current } => args.revision = Some(current),
            _ => {}
        }
        args
    }

    /// The key of the sentence in the pages' words: the code, with the machine left
    /// out of the codes every machine shares (`workshop.invalid_state` →
    /// `refusal-invalid_state`), so each language writes those once.
    pub fn message_key(&self) -> String {
        use Refusal::*;
        match self {
            InvalidState { .. } => "refusal-invalid_state".to_owned(),
            ReasonRequired { .. } => "refusal-reason_required".to_owned(),
            PhaseClosed { .. } => "refusal-phase_closed".to_owned(),
            // Two refusals share `workshop.not_started`; they say different things.
            WorkshopNotStartedForAttendance => "refusal-workshop-attendance_not_started".to_owned(),
            other => format!("refusal-{}", other.code().replace('.', "-")),
        }
    }

    pub fn reason(&self) -> String {
        use Refusal::*;
        match self {
            RoleNotAllowed { transition } => format!("Your role may not {transition} this."),
            NotYourGovernment => "You may act only for your own government.".into(),
            InvalidState { machine, transition, state } => {
                format!("A {} that is {state} cannot {transition}.", machine.noun())
            }
            ReasonRequired { machine } => format!("Give a reason to do this to a {}.", machine.noun()),
            PhaseClosed { machine } => {
                format!("The phase is completed or cancelled, so this {} cannot change.", machine.noun())
            }
            ProjectTooFewGovernments => "A dialogue needs at least two governments to start.".into(),
            ProjectHasNoPhase => "A dialogue needs at least one phase to start.".into(),
            ProjectPhasesOpen { open } => {
                format!("{open} phase(s) are neither completed nor cancelled.")
            }
            PhaseProjectNotActive => "The dialogue is not active.".into(),
            PreviousPhaseNotCompleted => {
                "The previous phase has not been completed; a phase starts only after the one before it succeeded.".into()
            }
            PhaseWorkshopsOpen { open } => {
                format!("{open} workshop(s) of this phase are not yet concluded or cancelled.")
            }
            PhaseUnderstandingsOpen { open } => {
                format!("{open} common understanding(s) are neither adopted nor withdrawn.")
            }
            PhaseNoneAdopted => "The phase has common understandings but none was adopted.".into(),
            PhaseActionsOpen { open } => {
                format!("{open} follow-up action(s) are neither completed nor dropped.")
            }
            WorkshopPhaseNotOpen => "Workshops are scheduled only in a planned or active phase.".into(),
            WorkshopStartInPast => "The workshop must start in the future.".into(),
            WorkshopEndBeforeStart => "The workshop must end after it starts.".into(),
            WorkshopTooFewGovernments => "Invite at least two governments.".into(),
            WorkshopInvalidTimeZone => "The venue's time zone is not a known IANA time zone.".into(),
            WorkshopTimesRequired => "Give the new start and end times.".into(),
            WorkshopNotStarted => "A workshop can be marked held only once it has started.".into(),
            WorkshopAttendanceMissing { missing } => {
                format!("Attendance is not recorded for {missing} invited government(s).")
            }
            WorkshopOutcomesMissing { missing } => format!(
                "{missing} attending government(s) have not submitted their outcomes; conclude with an override reason to proceed anyway."
            ),
            WorkshopNotInvited => "That government is not invited to this workshop.".into(),
            WorkshopNotAttending => "Only a government that attended logs outcomes.".into(),
            WorkshopOutcomeSubmitted => "This outcome record was submitted and can no longer change.".into(),
            WorkshopNotStartedForAttendance => {
                "Attendance (attended or absent) is recorded once the workshop has started.".into()
            }
            UnderstandingNotAllEndorsed { pending } => {
                format!("{pending} government(s) have not endorsed the current revision.")
            }
            UnderstandingNotProposed => "Positions are taken only while the text is proposed.".into(),
            UnderstandingStaleRevision { current } => {
                format!("The text has changed; respond to revision {current}.")
            }
            UnderstandingNotDraft => "The text can be edited only in draft; revise it first.".into(),
            UnderstandingNotParticipating => "That government does not take part in this dialogue.".into(),
            ActionNotAllAgreed { pending } => {
                format!("{pending} involved government(s) have not agreed yet.")
            }
            ActionNoteRequired => "Completing an action needs a completion note.".into(),
            ActionNotInvolved => "That government is not involved in this action.".into(),
            ActionClosed => "The action is completed or dropped.".into(),
            ProjectClosed => {
                "The dialogue is completed or cancelled; it takes no new phases.".into()
            }
        }
    }
}

/// One refusal of every kind, for the tests that keep each one said in every language.
#[cfg(test)]
pub fn samples() -> Vec<Refusal> {
    use Refusal::*;
    let all = vec![
        RoleNotAllowed {
            transition: "schedule",
        },
        NotYourGovernment,
        InvalidState {
            machine: Machine::Workshop,
            transition: "hold",
            state: "draft",
        },
        ReasonRequired {
            machine: Machine::Workshop,
        },
        ProjectTooFewGovernments,
        ProjectHasNoPhase,
        ProjectPhasesOpen { open: 2 },
        PhaseProjectNotActive,
        PreviousPhaseNotCompleted,
        PhaseWorkshopsOpen { open: 3 },
        PhaseUnderstandingsOpen { open: 1 },
        PhaseNoneAdopted,
        PhaseActionsOpen { open: 4 },
        PhaseClosed {
            machine: Machine::Action,
        },
        WorkshopPhaseNotOpen,
        WorkshopStartInPast,
        WorkshopEndBeforeStart,
        WorkshopTooFewGovernments,
        WorkshopInvalidTimeZone,
        WorkshopTimesRequired,
        WorkshopNotStarted,
        WorkshopAttendanceMissing { missing: 2 },
        WorkshopOutcomesMissing { missing: 1 },
        WorkshopNotInvited,
        WorkshopNotAttending,
        WorkshopOutcomeSubmitted,
        WorkshopNotStartedForAttendance,
        UnderstandingNotAllEndorsed { pending: 2 },
        UnderstandingNotProposed,
        UnderstandingStaleRevision { current: 3 },
        UnderstandingNotDraft,
        UnderstandingNotParticipating,
        ActionNotAllAgreed { pending: 1 },
        ActionNoteRequired,
        ActionNotInvolved,
        ActionClosed,
        ProjectClosed,
    ];
    // A new kind of refusal stops this match from compiling until it is sampled above.
    let sampled = |r: &Refusal| match r {
        RoleNotAllowed { .. } | NotYourGovernment | InvalidState { .. } | ReasonRequired { .. } => {
            0
        }
        ProjectTooFewGovernments | ProjectHasNoPhase | ProjectPhasesOpen { .. } | ProjectClosed => {
            1
        }
        PhaseProjectNotActive
        | PreviousPhaseNotCompleted
        | PhaseWorkshopsOpen { .. }
        | PhaseUnderstandingsOpen { .. }
        | PhaseNoneAdopted
        | PhaseActionsOpen { .. }
        | PhaseClosed { .. } => 2,
        WorkshopPhaseNotOpen
        | WorkshopStartInPast
        | WorkshopEndBeforeStart
        | WorkshopTooFewGovernments
        | WorkshopInvalidTimeZone
        | WorkshopTimesRequired
        | WorkshopNotStarted
        | WorkshopAttendanceMissing { .. }
        | WorkshopOutcomesMissing { .. }
        | WorkshopNotInvited
        | WorkshopNotAttending
        | WorkshopOutcomeSubmitted
        | WorkshopNotStartedForAttendance => 3,
        UnderstandingNotAllEndorsed { .. }
        | UnderstandingNotProposed
        | UnderstandingStaleRevision { .. }
        | UnderstandingNotDraft
        | UnderstandingNotParticipating => 4,
        ActionNotAllAgreed { .. } | ActionNoteRequired | ActionNotInvolved | ActionClosed => 5,
    };
    debug_assert!(all.iter().all(|r| sampled(r) <= 5));
    all
}
