//! The IATI code lists Concord writes or checks against, read once from the copies
//! vendored in `vendor/iati/codelists/` (embedded at compile time, so the binary needs
//! no files at run time) with a real XML parser. A code marked `status="withdrawn"` is
//! known but no longer accepted for new data.
use std::collections::BTreeSet;
use std::sync::LazyLock;

use quick_xml::Reader;
use quick_xml::events::Event;

/// One code list: its active codes and its withdrawn ones.
#[derive(Debug, Default)]
pub struct CodeList {
    active: BTreeSet<String>,
    withdrawn: BTreeSet<String>,
}

impl CodeList {
    /// Whether `code` may be used in new data.
    pub fn contains(&self, code: &str) -> bool {
        self.active.contains(code)
    }

    /// Whether `code` was ever in the list, withdrawn or not.
    pub fn knows(&self, code: &str) -> bool {
        self.active.contains(code) || self.withdrawn.contains(code)
    }

    pub fn len(&self) -> usize {
        self.active.len()
    }

    pub fn is_empty(&self) -> bool {
        self.active.is_empty()
    }

    /// Reads `<codelist-item><code>…</code>…</codelist-item>` elements. The vendored
    /// files are part of the source tree: a file that does not parse is a build mistake
    /// that the unit tests below catch, so here it only leaves the list shorter.
    fn parse(xml: &str) -> Self {
        let mut list = CodeList::default();
        let mut reader = Reader::from_str(xml);
        let mut withdrawn = false;
        let mut in_code = false;
        let mut depth_in_item = 0usize;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    let name = e.name();
                    if name.as_ref() == b"codelist-item" {
                        withdrawn = matches!(
                            e.try_get_attribute("status"),
                            Ok(Some(a)) if a.value.as_ref() == b"withdrawn"
                        );
                        depth_in_item = 1;
                    } else if depth_in_item > 0 {
                        depth_in_item += 1;
                        // Only the item's own <code>, not one nested deeper.
                        in_code = depth_in_item == 2 && name.as_ref() == b"code";
                    }
                }
                Ok(Event::Text(t)) if in_code => {
                    if let Ok(code) = std::str::from_utf8(t.as_ref()) {
                        let code = code.trim().to_owned();
                        if withdrawn {
                            list.withdrawn.insert(code);
                        } else {
                            list.active.insert(code);
                        }
                    }
                }
                Ok(Event::End(_)) => {
                    in_code = false;
                    depth_in_item = depth_in_item.saturating_sub(1);
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        list
    }
}

macro_rules! code_list {
    ($name:ident, $file:literal) => {
        pub static $name: LazyLock<CodeList> = LazyLock::new(|| {
            CodeList::parse(include_str!(concat!(
                "../../../vendor/iati/codelists/",
                $file
            )))
        });
    };
}

code_list!(ACTIVITY_DATE_TYPE, "ActivityDateType.xml");
code_list!(ACTIVITY_STATUS, "ActivityStatus.xml");
code_list!(BUDGET_STATUS, "BudgetStatus.xml");
code_list!(BUDGET_TYPE, "BudgetType.xml");
code_list!(COUNTRY, "Country.xml");
code_list!(CURRENCY, "Currency.xml");
code_list!(DESCRIPTION_TYPE, "DescriptionType.xml");
code_list!(INDICATOR_MEASURE, "IndicatorMeasure.xml");
code_list!(ORGANISATION_ROLE, "OrganisationRole.xml");
code_list!(ORGANISATION_TYPE, "OrganisationType.xml");
code_list!(RESULT_TYPE, "ResultType.xml");
code_list!(SECTOR_VOCABULARY, "SectorVocabulary.xml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendored_list_parses_to_its_known_size() {
        // The counts of <code> elements in the vendored files (withdrawn ones apart).
        assert_eq!(ACTIVITY_DATE_TYPE.len(), 4);
        assert_eq!(ACTIVITY_STATUS.len(), 6);
        assert_eq!(BUDGET_STATUS.len(), 2);
        assert_eq!(BUDGET_TYPE.len(), 2);
        assert_eq!(COUNTRY.len(), 250);
        assert_eq!(CURRENCY.len(), 167);
        assert_eq!(DESCRIPTION_TYPE.len(), 4);
        assert_eq!(INDICATOR_MEASURE.len(), 5);
        assert_eq!(ORGANISATION_ROLE.len(), 4);
        assert_eq!(ORGANISATION_TYPE.len(), 16);
        assert_eq!(RESULT_TYPE.len(), 4);
        assert_eq!(SECTOR_VOCABULARY.len(), 14);
    }

    #[test]
    fn the_codes_the_demo_uses_are_there() {
        for code in ["AF", "IR", "PK"] {
            assert!(COUNTRY.contains(code), "{code}");
        }
        assert!(CURRENCY.contains("USD") && CURRENCY.contains("EUR"));
        assert!(!CURRENCY.contains("usd") && !CURRENCY.contains("XYZ"));
        assert!(ORGANISATION_TYPE.contains("40") && ORGANISATION_TYPE.contains("10"));
        assert!(SECTOR_VOCABULARY.contains("1"));
    }

    #[test]
    fn withdrawn_codes_are_known_but_not_accepted() {
        let withdrawn: Vec<&String> = CURRENCY.withdrawn.iter().collect();
        assert!(!withdrawn.is_empty());
        for code in withdrawn {
            assert!(CURRENCY.knows(code) && !CURRENCY.contains(code), "{code}");
        }
    }
}
