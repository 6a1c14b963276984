//! Word-level differences between two revisions of a common understanding, for the
//! revision history: what a government endorsed against what it is asked now.
use similar::{ChangeTag, TextDiff};

/// A run of words that both revisions share, or that only one has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

/// The words of `old` and `new` in reading order, neighbouring words of one kind
/// merged into one run, so a page marks "these five words were replaced" rather than
/// five separate changes. Whitespace stays with the words, so joining the `Same` and
/// `Added` runs gives back `new` exactly, and `Same` and `Removed` gives `old`.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::configure().diff_words(old, new);
    let mut runs: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (runs.last_mut(), change.tag()) {
            (Some(Words::Same(run)), ChangeTag::Equal)
            | (Some(Words::Removed(run)), ChangeTag::Delete)
            | (Some(Words::Added(run)), ChangeTag::Insert) => run.push_str(text),
            (_, ChangeTag::Equal) => runs.push(Words::Same(text.to_owned())),
            (_, ChangeTag::Delete) => runs.push(Words::Removed(text.to_owned())),
            (_, ChangeTag::Insert) => runs.push(Words::Added(text.to_owned())),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(runs: &[Words], old: bool) -> String {
        runs.iter()
            .filter_map(|run| match run {
                Words::Same(t) => Some(t.as_str()),
                Words::Removed(t) if old => Some(t.as_str()),
                Words::Added(t) if !old => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_replaced_word_is_one_removal_and_one_addition() {
        let runs = word_diff(
            "The parties share data on returns.",
            "The parties share data on voluntary returns.",
        );
        assert_eq!(
            runs.iter().filter(|r| matches!(r, Words::Added(_))).count(),
            1
        );
        assert!(runs.contains(&Words::Added("voluntary ".to_owned())));
        assert!(!runs.iter().any(|r| matches!(r, Words::Removed(_))));
    }

    #[test]
    fn each_side_is_rebuilt_exactly() {
        let old = "همکاری در زمینه\nبازگشت داوطلبانه  و پایدار";
        let new = "همکاری منطقه‌ای در زمینه\nبازگشت پایدار";
        let runs = word_diff(old, new);
        assert_eq!(side(&runs, true), old);
        assert_eq!(side(&runs, false), new);
    }

    #[test]
    fn identical_texts_are_one_run() {
        assert_eq!(
            word_diff("a b c", "a b c"),
            vec![Words::Same("a b c".to_owned())]
        );
        assert_eq!(word_diff("", ""), vec![]);
    }
}
