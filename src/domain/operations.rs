//! What operators do outside the dialogue's machines: disabling and enabling
//! accounts, and retrying a dead message. Each rule answers, like a machine's guard,
//! a stable code and a sentence a person understands, so every door (API, pages)
//! refuses the same way and a page can show the reason beside a disabled button.
use uuid::Uuid;

use super::role::Role;
use super::transition::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.reason())]
pub enum OperationRefusal {
    /// The role may not manage accounts or the outbox at all (a 403, not a 422).
    RoleNotAllowed,
    /// An administrator who disabled their own account could lock everyone out.
    DisableSelf,
    /// Retrying gives a message a fresh set of attempts: only one that gave up needs it.
    NotDead { status: &'static str },
}

impl OperationRefusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::RoleNotAllowed => "auth.forbidden",
            Self::DisableSelf => "user.cannot_disable_self",
            Self::NotDead { .. } => "outbox.not_dead",
        }
    }

    /// The key of the pages' sentence for this refusal, as `Refusal::message_key`.
    pub fn message_key(self) -> String {
        format!("refusal-{}", self.code().replace('.', "-"))
    }

    pub fn reason(self) -> String {
        match self {
            Self::RoleNotAllowed => "Only an administrator may do this.".to_owned(),
            Self::DisableSelf => {
                "You cannot disable your own account; another administrator can.".to_owned()
            }
            Self::NotDead { status } => {
                format!("Only a dead message can be retried; this one is {status}.")
            }
        }
    }
}

/// Whether `actor` may disable the account `target`: an administrator, and not their
/// own (enabling has only the first rule: a disabled admin cannot act at all).
pub fn may_disable(actor: &Actor, target: Uuid) -> Result<(), OperationRefusal> {
    may_enable(actor)?;
    if actor.id == target {
        return Err(OperationRefusal::DisableSelf);
    }
    Ok(())
}

pub fn may_enable(actor: &Actor) -> Result<(), OperationRefusal> {
    if actor.role.may_manage_users() {
        Ok(())
    } else {
        Err(OperationRefusal::RoleNotAllowed)
    }
}

/// The outbox statuses, as `store::outbox` writes them.
const DEAD: &str = "dead";
const KNOWN: [&str; 4] = ["pending", "sent", DEAD, "skipped"];

/// Whether a message in `status` may be retried: only a dead one.
pub fn may_retry(status: &str) -> Result<(), OperationRefusal> {
    if status == DEAD {
        return Ok(());
    }
    let status = KNOWN
        .into_iter()
        .find(|known| *known == status)
        .unwrap_or("in an unknown state");
    Err(OperationRefusal::NotDead { status })
}

/// Whether `role` may see and retry the outbox.
pub fn may_operate_outbox(role: Role) -> Result<(), OperationRefusal> {
    if role.may_operate_outbox() {
        Ok(())
    } else {
        Err(OperationRefusal::RoleNotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            id: Uuid::from_u128(7),
            role,
            government_id: None,
        }
    }

    #[test]
    fn an_admin_disables_others_but_never_themselves() {
        let admin = actor(Role::Admin);
        assert_eq!(may_disable(&admin, Uuid::from_u128(8)), Ok(()));
        let refused = may_disable(&admin, admin.id);
        assert_eq!(refused, Err(OperationRefusal::DisableSelf));
        assert_eq!(
            refused.map_err(OperationRefusal::code),
            Err("user.cannot_disable_self")
        );
        assert_eq!(may_enable(&admin), Ok(()));
    }

    #[test]
    fn nobody_else_disables_or_enables() {
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
            let someone = actor(role);
            assert_eq!(
                may_disable(&someone, Uuid::from_u128(8)),
                Err(OperationRefusal::RoleNotAllowed),
                "{role}"
            );
            assert_eq!(
                may_enable(&someone),
                Err(OperationRefusal::RoleNotAllowed),
                "{role}"
            );
        }
    }

    #[test]
    fn only_dead_messages_are_retried() {
        assert_eq!(may_retry("dead"), Ok(()));
        for status in ["pending", "sent", "skipped"] {
            let refused = may_retry(status).err();
            assert_eq!(refused, Some(OperationRefusal::NotDead { status }));
            assert!(
                refused
                    .map(OperationRefusal::reason)
                    .is_some_and(|r| r.ends_with(&format!("is {status}.")))
            );
        }
        assert!(may_retry("weird").is_err());
    }
}
