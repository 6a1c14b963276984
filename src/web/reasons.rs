//! The domain's refusals in the reader's language. The domain gives the code and what
//! fills the sentence (`Refusal::args`); each language writes the sentence once per
//! code in its page words, with the machine's own words for the transition and state.
use fluent_bundle::FluentArgs;

use super::page::Page;
use crate::domain::operations::OperationRefusal;
use crate::domain::refusal::Refusal;

pub fn say(p: &Page, refusal: &Refusal) -> String {
    let parts = refusal.args();
    let mut args = FluentArgs::new();
    if let (Some(machine), Some(transition)) = (parts.machine, parts.transition) {
        let machine = machine.as_str();
        args.set(
            "transition",
            p.t(&format!("transition-{machine}-{transition}")),
        );
        if let Some(state) = parts.state {
            args.set("state", p.t(&format!("state-{machine}-{state}")));
        }
    }
    if let Some(count) = parts.count {
        args.set("count", count);
    }
    if let Some(revision) = parts.revision {
        args.set("revision", revision);
    }
    p.tr.format(&refusal.message_key(), &args)
}

/// An operator's refusal (accounts, the outbox) in the reader's words.
pub fn of_operation(p: &Page, refusal: OperationRefusal) -> String {
    match refusal {
        OperationRefusal::NotDead { status } => p.t1(
            &refusal.message_key(),
            "status",
            p.t(&format!("outbox-status-{status}")),
        ),
        other => p.t(&other.message_key()),
    }
}

/// What a page shows beside a disabled button: the refusal in the reader's words, or
/// the sentence the store sent when it had no refusal to give.
pub fn of_availability(
    p: &Page,
    availability: &crate::domain::transition::Availability,
) -> Option<String> {
    match &availability.refusal {
        Some(refusal) => Some(say(p, refusal)),
        None => availability.reason.clone(),
    }
}

/// A refused write's sentence: the domain's refusal in the reader's words, else the
/// store's own sentence.
pub fn of_refused(p: &Page, detail: String, refusal: Option<&Refusal>) -> String {
    refusal.map_or(detail, |refusal| say(p, refusal))
}

/// A field's problem in the reader's words (`field-{key}`), with the numbers it names.
pub fn field_problem(p: &Page, problem: crate::domain::problem::Problem) -> String {
    let mut args = FluentArgs::new();
    if let Some(max) = problem.max() {
        args.set("max", max);
    }
    if let Some(min) = problem.min() {
        args.set("min", min);
    }
    if let Some(found) = problem.found() {
        args.set("found", found);
    }
    p.tr.format(&format!("field-{}", problem.key()), &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::refusal::samples;
    use crate::present::i18n::Lang;

    fn page(lang: Lang) -> Page {
        Page::new(lang, None, "/".to_owned())
    }

    #[test]
    fn every_refusal_is_said_in_every_language_with_its_numbers() {
        let refusals = samples();
        assert!(refusals.len() > 30, "every kind is sampled");
        for lang in Lang::ALL {
            let p = page(lang);
            for refusal in &refusals {
                let said = say(&p, refusal);
                assert!(!said.trim().is_empty(), "{refusal:?} in {}", lang.tag());
                let args = refusal.args();
                for number in [args.count.map(|c| c as i64), args.revision.map(i64::from)]
                    .into_iter()
                    .flatten()
                    // "One phase is…" spells a single one out.
                    .filter(|n| *n != 1)
                {
                    // In the reader's digits (Persian ones in Persian).
                    let number = lang.digits(&number.to_string());
                    assert!(said.contains(&number), "{said} lacks {number}");
                }
            }
            assert!(
                p.tr.errors().is_empty(),
                "{}: {:?}",
                lang.tag(),
                p.tr.errors()
            );
            assert!(!p.tr.fell_back(), "{} fell back to English", lang.tag());
        }
    }

    #[test]
    fn a_refused_state_names_the_transition_and_state_in_the_readers_words() {
        let refusal = Refusal::InvalidState {
            machine: crate::domain::refusal::Machine::Workshop,
            transition: "hold",
            state: "draft",
        };
        let english = say(&page(Lang::En), &refusal);
        assert!(english.contains("Mark the workshop as held") && english.contains("draft"));
        let french = say(&page(Lang::Fr), &refusal);
        assert!(french.contains("brouillon"), "{french}");
        assert_ne!(english, french);
    }

    #[test]
    fn a_sentence_without_a_refusal_is_kept_as_the_store_wrote_it() {
        let p = page(Lang::Fa);
        assert_eq!(of_refused(&p, "as written".into(), None), "as written");
        let refusal = Refusal::ActionClosed;
        assert_ne!(
            of_refused(&p, "as written".into(), Some(&refusal)),
            "as written"
        );
    }

    #[test]
    fn every_field_problem_is_said_in_every_language() {
        for lang in Lang::ALL {
            let p = page(lang);
            for problem in crate::domain::problem::samples() {
                let said = field_problem(&p, problem);
                assert!(!said.trim().is_empty(), "{problem:?}");
                if let Some(max) = problem.max() {
                    assert!(said.contains(&lang.digits(&max.to_string())), "{said}");
                }
                if let Some(found) = problem.found() {
                    assert!(said.contains(&found), "{said}");
                }
            }
            assert!(
                p.tr.errors().is_empty(),
                "{}: {:?}",
                lang.tag(),
                p.tr.errors()
            );
            assert!(!p.tr.fell_back(), "{} fell back to English", lang.tag());
        }
    }
}
