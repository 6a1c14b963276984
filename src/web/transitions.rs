//! Transition buttons, for every entity page: from a read's `allowed_transitions`, an
//! allowed transition is a small form posting to `/{resource}/{id}/transitions`; one
//! not allowed now is a disabled button with the domain's reason beside it. Which
//! transitions exist, which are allowed and why not all come from the read; this
//! module only draws them (`templates/web/partials/transitions.html`).
use crate::domain::transition::Availability;

use super::page::Page;

/// The free-text field a transition's form carries, when its decision reads one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputField {
    Reason,
    Note,
    OverrideReason,
}

impl InputField {
    /// The form field's name, as the API's transition body names it.
    pub fn name(self) -> &'static str {
        match self {
            InputField::Reason => "reason",
            InputField::Note => "note",
            InputField::OverrideReason => "override_reason",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            InputField::Reason => "transition-field-reason",
            InputField::Note => "transition-field-note",
            InputField::OverrideReason => "transition-field-override-reason",
        }
    }

    /// The text box a transition's form shows. Whether the text is required, and what
    /// it must say, stays the domain's to decide (an empty box is refused with the
    /// domain's reason): this only offers the box where the decision reads it.
    pub fn of(machine: &str, transition: &str) -> Option<Self> {
        match (machine, transition) {
            (_, "cancel") | ("understanding", "withdraw") | ("action", "block" | "drop") => {
                Some(InputField::Reason)
            }
            ("project", "suspend") => Some(InputField::Reason),
            ("action", "complete") => Some(InputField::Note),
            ("workshop", "conclude") => Some(InputField::OverrideReason),
            _ => None,
        }
    }
}

/// One transition as drawn.
pub struct Button {
    /// The transition's name, posted as `transition`.
    pub name: &'static str,
    pub label: String,
    pub allowed: bool,
    /// The domain's sentence for why it is not allowed now.
    pub reason: Option<String>,
    pub field: Option<InputField>,
    pub field_label: String,
    /// What the person typed in the field before (a conflict keeps it).
    pub kept: String,
    /// The button's `id`: `{machine}-{transition}`.
    pub id: String,
}

/// The transitions of one entity, for the partial template.
pub struct TransitionButtons {
    /// Where the forms post: `/{resource}/{id}/transitions`.
    pub action: String,
    pub version: i32,
    pub csrf: String,
    pub buttons: Vec<Button>,
}

impl TransitionButtons {
    /// `machine` names the Fluent labels (`transition-{machine}-{name}`); `path` is
    /// the entity's page (`/phases/{id}`), whose `/transitions` the forms post to.
    pub fn new(
        p: &Page,
        machine: &str,
        path: &str,
        version: i32,
        availability: &[Availability],
    ) -> Self {
        let buttons = availability
            .iter()
            .map(|a| {
                let field = InputField::of(machine, a.transition);
                Button {
                    name: a.transition,
                    label: p.t(&format!("transition-{machine}-{}", a.transition)),
                    allowed: a.allowed,
                    reason: super::reasons::of_availability(p, a),
                    field,
                    field_label: field.map(|f| p.t(f.label_key())).unwrap_or_default(),
                    kept: String::new(),
                    id: format!("{machine}-{}", a.transition),
                }
            })
            .collect();
        Self {
            action: format!("{path}/transitions"),
            version,
            csrf: p.csrf.clone().unwrap_or_default(),
            buttons,
        }
    }

    /// Puts back what the person typed for `transition` (after a conflict).
    pub fn keep(mut self, transition: &str, text: &str) -> Self {
        if let Some(button) = self.buttons.iter_mut().find(|b| b.name == transition) {
            button.kept = text.to_owned();
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.buttons.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::refusal::Refusal;
    use crate::present::i18n::Lang;

    #[test]
    fn allowed_ones_post_and_refused_ones_say_why() {
        let p = Page::new(Lang::En, None, "/phases/x".into());
        let availability = [
            Availability::of("activate", Err(Refusal::PreviousPhaseNotCompleted)),
            Availability::of("cancel", Ok(())),
        ];
        let t = TransitionButtons::new(&p, "phase", "/phases/x", 3, &availability)
            .keep("cancel", "no funds");
        assert_eq!(t.action, "/phases/x/transitions");
        let [activate, cancel] = &t.buttons[..] else {
            panic!("two buttons");
        };
        assert!(!activate.allowed && activate.reason.is_some());
        assert_eq!(activate.id, "phase-activate");
        assert_eq!(activate.field, None);
        assert!(cancel.allowed && cancel.reason.is_none());
        assert_eq!(cancel.field, Some(InputField::Reason));
        assert_eq!(cancel.kept, "no funds");
        assert_eq!(cancel.label, "Cancel the phase");
        assert!(p.tr.errors().is_empty(), "{:?}", p.tr.errors());
    }
}
