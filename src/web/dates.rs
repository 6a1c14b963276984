//! Days as the pages show them: in Persian, the Solar Hijri date first with the
//! Gregorian beside it; otherwise the Gregorian date in the reader's words.
use chrono::NaiveDate;

use super::page::Page;
use crate::present::when;

/// A day as pages and emails write it (`present::when::date`), in `p`'s language.
pub fn day(p: &Page, date: NaiveDate) -> String {
    when::date(&p.tr, date)
}

/// Planned dates, either of which may be unset: "not set" once when neither is.
pub fn span(p: &Page, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(start), Some(end)) => {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("start", day(p, start));
            args.set("end", day(p, end));
            p.tr.format("date-span", &args)
        }
        (Some(start), None) => p.t1("date-span-from", "start", day(p, start)),
        (None, Some(end)) => p.t1("date-span-until", "end", day(p, end)),
        (None, None) => p.t("date-unset"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::i18n::Lang;

    #[test]
    fn persian_pages_put_the_solar_hijri_day_first() {
        let fa = Page::new(Lang::Fa, None, "/".into());
        let nowruz = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap_or_default();
        // Without the bidi isolation marks the page keeps around each placeable.
        let shown = day(&fa, nowruz).replace(['\u{2068}', '\u{2069}'], "");
        assert!(shown.starts_with("۱ فروردین ۱۴۰۴"), "{shown}");
        assert!(
            shown.contains("۲۰۲۵"),
            "the Gregorian year, in Persian digits: {shown}"
        );
        let en = Page::new(Lang::En, None, "/".into());
        assert!(day(&en, nowruz).contains("2025"));
        assert!(!day(&en, nowruz).contains('۱'));
        assert!(fa.tr.errors().is_empty(), "{:?}", fa.tr.errors());
    }
}
