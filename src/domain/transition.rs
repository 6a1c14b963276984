//! What every machine shares: who acts, what they send, and what a decision yields.
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::refusal::{Machine, Refusal};
use super::role::Role;

/// The acting user, as loaded from the database for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: Uuid,
    pub role: Role,
    pub government_id: Option<Uuid>,
}

impl Actor {
    /// See [`Role::is_staff`].
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    pub fn speaks_for(&self, government_id: Uuid) -> bool {
        self.role == Role::FocalPoint && self.government_id == Some(government_id)
    }
}

/// The fields a transition request may carry besides its name and version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitionInput {
    pub reason: Option<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
}

impl TransitionInput {
    /// A non-blank reason, or the machine's `reason_required` refusal.
    pub fn require_reason(&self, machine: Machine) -> Result<String, Refusal> {
        non_blank(&self.reason).ok_or(Refusal::ReasonRequired { machine })
    }
}

pub fn non_blank(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Who is told about a change; the store turns it into recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Focal points of the dialogue's governments, its coordinators and managers.
    Dialogue,
    /// Focal points of the governments invited to the workshop.
    Invited,
    /// Focal points of the governments that attended the workshop.
    Attending,
    /// The person an action is assigned to.
    ActionOwner,
    /// Focal points of every government taking part in the dialogue.
    FocalPoints,
    /// The action's owner and the focal points of the governments it involves.
    ActionParties,
}

/// A message to send once the change is committed (written to the outbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub template: &'static str,
    pub audience: Audience,
}

/// What an allowed transition does: the next state, what the history records, who is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision<S> {
    pub from: S,
    pub to: S,
    pub transition: &'static str,
    pub reason: Option<String>,
    pub notices: Vec<Notice>,
}

impl<S> Decision<S> {
    pub fn new(from: S, to: S, transition: &'static str) -> Self {
        Self {
            from,
            to,
            transition,
            reason: None,
            notices: Vec::new(),
        }
    }

    pub fn with_reason(mut self, reason: Option<String>) -> Self {
        self.reason = reason;
        self
    }

    pub fn notify(mut self, template: &'static str, audience: Audience) -> Self {
        self.notices.push(Notice { template, audience });
        self
    }
}

/// One entry of `allowed_transitions` on every resource read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Availability {
    pub transition: &'static str,
    pub allowed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The refusal itself, for a page that says it in the reader's language.
    #[serde(skip)]
    pub refusal: Option<Refusal>,
}

impl Availability {
    pub fn of(transition: &'static str, check: Result<(), Refusal>) -> Self {
        match check {
            Ok(()) => Self {
                transition,
                allowed: true,
                reason_code: None,
                reason: None,
                refusal: None,
            },
            Err(refusal) => Self {
                transition,
                allowed: false,
                reason_code: Some(refusal.code()),
                reason: Some(refusal.reason()),
                refusal: Some(refusal),
            },
        }
    }
}

impl Availability {
    /// An entry of a list item: a transition allowed now, with nothing more to say.
    pub fn allowed(transition: &'static str) -> Self {
        Self::of(transition, Ok(()))
    }
}

/// How much a read says about a resource's transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// A single read: every transition, each refused one with its code and sentence,
    /// so a page can explain why a button is off.
    Full,
    /// A list item: only the transitions allowed now. The reasons were most of a list's
    /// bytes (issue 8); they come with the single read.
    Summary,
}

impl Detail {
    /// `allowed_transitions` of one resource: `check` judges each of `all`, named by
    /// `name`.
    pub fn availability<T: Copy>(
        self,
        all: &[T],
        name: impl Fn(T) -> &'static str,
        check: impl Fn(T) -> Result<(), Refusal>,
    ) -> Vec<Availability> {
        match self {
            Detail::Full => all
                .iter()
                .map(|t| Availability::of(name(*t), check(*t)))
                .collect(),
            Detail::Summary => all
                .iter()
                .filter(|t| check(**t).is_ok())
                .map(|t| Availability::allowed(name(*t)))
                .collect(),
        }
    }
}

/// Refuses unless `allowed`; the first guard of every transition.
pub fn role_may(allowed: bool, transition: &'static str) -> Result<(), Refusal> {
    if allowed {
        Ok(())
    } else {
        Err(Refusal::RoleNotAllowed { transition })
    }
}

pub fn invalid_state(machine: Machine, transition: &'static str, state: &'static str) -> Refusal {
    Refusal::InvalidState {
        machine,
        transition,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(t: &'static str) -> Result<(), Refusal> {
        role_may(t == "agree", t)
    }

    #[test]
    fn a_full_read_explains_every_refusal_and_a_summary_names_only_what_is_allowed() {
        let all = ["agree", "drop"];
        let full = Detail::Full.availability(&all, |t| t, check);
        assert_eq!(full.len(), 2);
        assert!(full[0].allowed && full[0].reason.is_none());
        assert!(!full[1].allowed);
        assert_eq!(full[1].reason_code.as_deref(), Some("permission.role"));
        assert!(full[1].reason.as_deref().is_some_and(|r| !r.is_empty()));

        let summary = Detail::Summary.availability(&all, |t| t, check);
        assert_eq!(summary, vec![Availability::allowed("agree")]);
    }
}
