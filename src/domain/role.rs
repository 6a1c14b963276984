//! The five roles and what each may do outside the dialogue workflow.
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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

    #[test]
    fn only_focal_points_are_bound() {
        let bound: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.needs_government())
            .collect();
        assert_eq!(bound, [Role::FocalPoint]);
    }
}
