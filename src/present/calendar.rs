//! Dates and times as pages show them. As in emails (`when`), Persian gives the Solar
//! Hijri date first with the Gregorian beside it; a time on a page names its zone with
//! the zone's UTC offset at that instant, so two readers in different zones can tell
//! the hours apart without a table of zones.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::i18n::Tr;
use super::when::{clock, date as day};

/// "Asia/Kabul, UTC+04:30": the zone and its offset at `at`.
fn zone_at(tr: &Tr, at: DateTime<Tz>) -> String {
    let mut args = FluentArgs::new();
    args.set("zone", at.timezone().name());
    args.set("offset", at.format("%:z").to_string());
    tr.format("zone-with-offset", &args)
}

/// One instant in `tz`: "Tue 12 Jan 2027, 09:00 (Asia/Kabul, UTC+04:30)".
pub fn moment(tr: &Tr, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let mut args = FluentArgs::new();
    args.set("date", day(tr, local.date_naive()));
    args.set("time", clock(tr, local));
    args.set("zone", zone_at(tr, local));
    tr.format("moment", &args)
}

/// A span in `tz`: "Tue 12 Jan 2027, 09:00–15:00 (Asia/Kabul, UTC+04:30)", or both
/// dates when it crosses midnight there.
pub fn span(tr: &Tr, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, tz: Tz) -> String {
    let (start, end) = (starts_at.with_timezone(&tz), ends_at.with_timezone(&tz));
    let mut args = FluentArgs::new();
    args.set("start", clock(tr, start));
    args.set("end", clock(tr, end));
    args.set("zone", zone_at(tr, start));
    if start.date_naive() == end.date_naive() {
        args.set("date", day(tr, start.date_naive()));
        tr.format("span-same-day", &args)
    } else {
        args.set("start_date", day(tr, start.date_naive()));
        args.set("end_date", day(tr, end.date_naive()));
        tr.format("span", &args)
    }
}

/// Whether two zones show the same wall-clock times at `at` (then one line is enough).
pub fn same_clock(at: DateTime<Utc>, a: Tz, b: Tz) -> bool {
    a == b || at.with_timezone(&a).naive_local() == at.with_timezone(&b).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::i18n::Lang;
    use crate::present::when::zone;
    use chrono::NaiveDate;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn english_spans_carry_the_offset() {
        let tr = Tr::new(Lang::En);
        let text = span(
            &tr,
            at("2027-01-12T04:30:00Z"),
            at("2027-01-12T10:30:00Z"),
            zone("Asia/Kabul"),
        );
        assert_eq!(text, "Tue 12 Jan 2027, 09:00–15:00 (Asia/Kabul, UTC+04:30)");
        assert!(tr.errors().is_empty(), "{:?}", tr.errors());
    }

    #[test]
    fn persian_days_are_solar_hijri_first_with_the_gregorian_beside() {
        let tr = Tr::new(Lang::Fa);
        // 30 November 2026 is 9 Azar 1405.
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        let text = day(&tr, date);
        let solar = text.find("۱۴۰۵").unwrap_or(usize::MAX);
        let gregorian = text.find("۲۰۲۶").unwrap_or_default();
        assert!(text.contains("آذر") && text.contains('۹'), "{text}");
        assert!(solar < gregorian, "Solar Hijri first: {text}");
        assert!(
            tr.errors().is_empty() && !tr.fell_back(),
            "{:?}",
            tr.errors()
        );
    }

    #[test]
    fn a_persian_day_on_a_page_is_isolated_once_as_a_whole() {
        let mut tr = Tr::new(Lang::Fa);
        tr.isolating = true;
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        let text = day(&tr, date);
        // No marks inside, so that its first letter (a month's or a weekday's name)
        // sets its direction: with marks around every part, a browser lays the day
        // out left to right and it reads backwards.
        assert!(
            !text.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
            "{text:?}"
        );
        assert!(text.starts_with("۹ آذر ۱۴۰۵ ("), "{text:?}");
        let placed = moment(&tr, at("2026-11-30T05:30:00Z"), zone("Asia/Kabul"));
        assert!(
            placed.contains(&format!("\u{2068}{text}\u{2069}")),
            "{placed:?}"
        );
    }

    #[test]
    fn zones_with_the_same_clock_need_one_line() {
        let now = at("2027-01-12T04:30:00Z");
        assert!(same_clock(now, zone("Asia/Karachi"), zone("Asia/Karachi")));
        assert!(same_clock(
            now,
            zone("Asia/Karachi"),
            zone("Asia/Yekaterinburg")
        ));
        assert!(!same_clock(now, zone("Asia/Karachi"), zone("Asia/Kabul")));
    }
}
