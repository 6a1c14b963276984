//! Tests that keep the pages' words complete: every key in every language, and every
//! key the pages use present.
// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::present::i18n::{Lang, load_problems};

    /// The message ids of a language's page files: lines `id = …` at the margin (the
    /// files load cleanly, which `load_problems` checks, so this is all of them).
    fn keys(lang: Lang) -> BTreeSet<String> {
        lang.web_sources()
            .iter()
            .flat_map(|source| source.lines())
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id.trim().to_owned())
            .collect()
    }

    #[test]
    fn every_page_key_is_in_every_language() {
        assert!(load_problems().is_empty(), "{:?}", load_problems());
        let english = keys(Lang::En);
        assert!(english.len() > 40, "the English file was read");
        for lang in [Lang::Fr, Lang::Fa] {
            let own = keys(lang);
            let missing: Vec<_> = english.difference(&own).collect();
            let extra: Vec<_> = own.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(
                extra.is_empty(),
                "{} has keys English lacks: {extra:?}",
                lang.tag()
            );
        }
    }

    /// Every file under `dir` (relative to the crate) whose name ends in `ending`.
    fn files(dir: &str, ending: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
        while let Some(folder) = folders.pop() {
            let entries = std::fs::read_dir(&folder).expect("the folder is readable");
            for entry in entries {
                let path = entry.expect("the entry is readable").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.to_string_lossy().ends_with(ending) {
                    found.push(std::fs::read_to_string(&path).expect("the file is text"));
                }
            }
        }
        found
    }

    /// The keys written literally in the page templates and the web door's code, and
    /// those it builds from a role, a status or a notice.
    fn used_keys() -> BTreeSet<String> {
        let mut sources = files("templates/web", ".html");
        sources.extend(files("src/web", ".rs"));
        assert!(sources.len() > 30, "the pages and their code were read");
        let mut used = BTreeSet::new();
        for source in &sources {
            for call in [".t(\"", ".t1(\"", ".format(\""] {
                for piece in source.split(call).skip(1) {
                    if let Some((key, _)) = piece.split_once('"')
                        && !key.contains('{')
                    {
                        used.insert(key.to_owned());
                    }
                }
            }
        }
        for role in crate::domain::role::Role::ALL {
            used.insert(format!("role-{}", role.as_str()));
        }
        for status in [400, 403, 404, 405, 408, 413, 422, 429, 500, 503] {
            used.insert(format!("error-{status}"));
        }
        // The names the workflow pages build keys from.
        use crate::domain::understanding::Position;
        use crate::domain::workshop::{Attendance, WorkshopKind};
        for kind in WorkshopKind::ALL {
            used.insert(format!("workshop-kind-{}", kind.as_str()));
        }
        for status in Attendance::ALL {
            used.insert(format!("attendance-{}", status.as_str()));
        }
        for answer in [
            Attendance::Confirmed,
            Attendance::Declined,
            Attendance::Attended,
            Attendance::Absent,
        ] {
            used.insert(format!("attendance-set-{}", answer.as_str()));
        }
        for position in Position::ALL {
            used.insert(format!("position-{}", position.as_str()));
        }
        for answer in [
            Position::Endorsed,
            Position::Reservation,
            Position::Objection,
        ] {
            used.insert(format!("position-set-{}", answer.as_str()));
        }
        // present::when's Solar Hijri day and present::calendar's zone with its offset
        // (the rest of their words are the emails', in email.ftl).
        for key in [
            "date-solar",
            "date-solar-with-gregorian",
            "zone-with-offset",
        ] {
            used.insert(key.to_owned());
        }
        // The keys built from a machine's states and transitions, and the checklist.
        use crate::domain::machine::StateMachine;
        use crate::domain::named::Named;
        fn machine<M: StateMachine>(used: &mut BTreeSet<String>, states: &[M::State]) {
            let name = M::MACHINE.as_str();
            for t in M::REQUESTABLE {
                used.insert(format!("transition-{name}-{}", t.name()));
            }
            for s in states {
                used.insert(format!("state-{name}-{}", s.name()));
            }
        }
        use crate::domain::{action, phase, project, understanding, workshop};
        machine::<project::ProjectMachine>(&mut used, project::ProjectState::ALL);
        machine::<phase::PhaseMachine>(&mut used, phase::PhaseState::ALL);
        machine::<workshop::WorkshopMachine>(&mut used, workshop::WorkshopState::ALL);
        machine::<understanding::UnderstandingMachine>(
            &mut used,
            understanding::UnderstandingState::ALL,
        );
        machine::<action::ActionMachine>(&mut used, action::ActionState::ALL);
        for scope in crate::domain::action::Scope::ALL {
            used.insert(format!("scope-{}", scope.as_str()));
        }
        for f in ["reason", "note", "override-reason"] {
            used.insert(format!("transition-field-{f}"));
        }
        for item in [
            "active",
            "workshops_closed",
            "understandings_settled",
            "something_adopted",
            "actions_closed",
        ] {
            used.insert(format!("checklist-{item}"));
        }
        for key in crate::domain::problem::Problem::ALL_KEYS {
            used.insert(format!("field-{key}"));
        }
        for refusal in crate::domain::refusal::samples() {
            used.insert(refusal.message_key());
        }
        // The one transition only the store takes, named when it is refused.
        used.insert("transition-understanding-adopt".to_owned());
        // The home page's lists: headings built from each list's id, and the reasons
        // its action items pass on.
        for key in [
            "attendance",
            "outcomes",
            "positions",
            "agreements",
            "overdue",
            "to-schedule",
            "to-hold",
            "to-conclude",
            "texts",
            "blocked",
            "overdue-all",
            "agreements-why",
            "overdue-why",
            "blocked-why",
        ] {
            used.insert(format!("attention-{key}"));
        }
        for month in 1..=12 {
            used.insert(format!("solar-month-{month}"));
        }
        // The administration and account pages'.
        for status in ["active", "invited", "disabled"] {
            used.insert(format!("account-status-{status}"));
        }
        for action in ["disable", "enable"] {
            used.insert(format!("admin-user-{action}"));
        }
        use crate::domain::operations::OperationRefusal;
        for refusal in [
            OperationRefusal::DisableSelf,
            OperationRefusal::NotDead { status: "sent" },
        ] {
            used.insert(refusal.message_key());
        }
        for status in crate::store::outbox::STATUSES {
            used.insert(format!("outbox-status-{status}"));
            used.insert(format!("outbox-filter-{status}"));
        }
        used.insert("outbox-filter-all".to_owned());
        for preference in crate::domain::preference::NotificationPreference::ALL {
            used.insert(format!("account-preference-{}", preference.as_str()));
        }
        for fact in super::super::records::FACTS {
            used.insert(format!("records-what-{fact}"));
        }
        for kind in super::super::records::KINDS {
            used.insert(format!("records-kind-{kind}"));
        }
        for notice in super::super::account::NOTICES {
            used.insert(format!("notice-{notice}"));
        }
        // The CSV downloads' headers and own words (`web::exports`).
        use crate::export::csv;
        for column in csv::ACTION_COLUMNS
            .iter()
            .chain(&csv::ACTION_TAIL)
            .chain(&csv::UNDERSTANDING_COLUMNS)
            .chain(&csv::WORKSHOP_COLUMNS)
        {
            used.insert(format!("csv-column-{column}"));
        }
        for holds in csv::GOVERNMENT_COLUMNS {
            used.insert(format!("csv-government-{holds}"));
        }
        for (family, code) in csv::OWN_WORDS {
            used.insert(format!("{family}-{code}"));
        }
        used
    }

    #[test]
    fn every_key_the_pages_use_exists() {
        let english = keys(Lang::En);
        let used = used_keys();
        assert!(used.contains("sign-in-title") && used.contains("web-skip"));
        let missing: Vec<_> = used.difference(&english).collect();
        assert!(missing.is_empty(), "used but not in web.ftl: {missing:?}");
    }
}
