//! The five roles and what each may do outside the transitions (which each machine
//! guards itself): who may create, who runs the outbox and the audit, who manages
//! accounts and governments. Every door (API, web, CLI, demo) goes through these, and
//! each is asked once per request: by the door, or, for creating inside a dialogue,
//! where the store creates (after visibility, before input).
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::transition::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Coordinator,
    FocalPoint,
    Manager,
    Observer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::FocalPoint,
        Role::Manager,
        Role::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::FocalPoint => "focal_point",
            Role::Manager => "manager",
            Role::Observer => "observer",
        }
    }

    /// A focal point speaks for exactly one government; nobody else is bound to one.
    pub fn needs_government(self) -> bool {
        self == Role::FocalPoint
    }

    /// Coordinators run the dialogue; admins may do all a coordinator can.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }

    /// Creating a dialogue or what it holds (phases, workshops, common understandings,
    /// actions) is running the dialogue: the staff's.
    pub fn may_organise(self) -> bool {
        self.is_staff()
    }

    /// Reading the outbox and retrying a dead message is an operator's task.
    pub fn may_operate_outbox(self) -> bool {
        self == Role::Admin
    }

    /// Verifying the history chains and sealing checkpoints.
    pub fn may_audit(self) -> bool {
        self == Role::Admin
    }

    pub fn may_manage_users(self) -> bool {
        self == Role::Admin
    }

    pub fn may_manage_governments(self) -> bool {
        self == Role::Admin
    }

    /// Coordinators pick owners for actions, so they see the user list too.
    pub fn may_list_users(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role policy said no; the API answers 403 `auth.forbidden`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this role may not do this")]
pub struct NotAllowed;

/// An actor who may create dialogues and what they hold. Only [`Organiser::check`]
/// makes one, and it is asked once per create, before the request is parsed, so that
/// someone who may never create learns nothing from validation errors (403 before
/// 422): a new dialogue's door asks it and the store takes the `Organiser` instead of
/// an actor; what a dialogue holds is created by the store's one create skeleton,
/// which asks it after the dialogue's visibility (404 first) and before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Organiser(Actor);

impl Organiser {
    pub fn check(actor: Actor) -> Result<Self, NotAllowed> {
        if actor.role.may_organise() {
            Ok(Self(actor))
        } else {
            Err(NotAllowed)
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.0
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown role `{0}`; expected one of admin, coordinator, focal_point, manager, observer")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().ok(), Some(role));
        }
        assert!("root".parse::<Role>().is_err());
    }

    fn actor(role: Role) -> Actor {
        Actor {
            id: uuid::Uuid::nil(),
            role,
            government_id: None,
        }
    }

    #[test]
    fn only_staff_organise() {
        for role in Role::ALL {
            let organiser = Organiser::check(actor(role));
            let staff = matches!(role, Role::Admin | Role::Coordinator);
            assert_eq!(organiser.is_ok(), staff, "{role}");
            if let Ok(organiser) = organiser {
                assert_eq!(organiser.actor().role, role);
            }
        }
    }

    #[test]
    fn only_admins_operate_and_audit() {
        for role in Role::ALL {
            assert_eq!(role.may_operate_outbox(), role == Role::Admin, "{role}");
            assert_eq!(role.may_audit(), role == Role::Admin, "{role}");
        }
    }

    #[test]
    fn only_focal_points_are_bound() {
        let bound: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.needs_government())
            .collect();
        assert_eq!(bound, [Role::FocalPoint]);
    }
}
