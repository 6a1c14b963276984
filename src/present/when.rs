//! Dates and times as a reader wants them: "Tue 12 Jan 2027, 09:00 (Asia/Kabul)", in
//! the reader's language and zone, with the venue's zone beside it when it differs.
//! In Persian a day is the Solar Hijri date first, with the Gregorian beside it, in
//! emails as on the pages.
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use fluent_bundle::FluentArgs;

use super::i18n::{Lang, Tr};
use super::solar_hijri::{SolarHijri, persian_digits};

/// An IANA zone name; UTC for a name chrono-tz does not know (validation keeps those
/// out of workshops, but a user's zone is free text from an older import).
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}

/// A day: "Tue 12 Jan 2027"; in Persian "۲۲ دی ۱۴۰۵ (سه‌شنبه ۱۲ ژانویه ۲۰۲۷)".
pub fn date(tr: &Tr, date: NaiveDate) -> String {
    let gregorian = gregorian(tr, date);
    if tr.lang() != Lang::Fa {
        return gregorian;
    }
    let Some(solar) = SolarHijri::from_gregorian(date) else {
        return gregorian;
    };
    let mut args = FluentArgs::new();
    args.set("day", persian_digits(&solar.day.to_string()));
    args.set(
        "month",
        tr.format(&format!("solar-month-{}", solar.month), &FluentArgs::new()),
    );
    args.set("year", persian_digits(&solar.year.to_string()));
    let solar = tr.format_plain("date-solar", &args);
    let mut both = FluentArgs::new();
    both.set("solar", solar);
    both.set("gregorian", gregorian);
    tr.format_plain("date-solar-with-gregorian", &both)
}

/// "Tue 12 Jan 2027", with the day and month names of the reader's language.
fn gregorian(tr: &Tr, date: NaiveDate) -> String {
    let weekday = match date.weekday() {
        Weekday::Mon => "weekday-mon",
        Weekday::Tue => "weekday-tue",
        Weekday::Wed => "weekday-wed",
        Weekday::Thu => "weekday-thu",
        Weekday::Fri => "weekday-fri",
        Weekday::Sat => "weekday-sat",
        Weekday::Sun => "weekday-sun",
    };
    const MONTHS: [&str; 12] = [
        "month-jan",
        "month-feb",
        "month-mar",
        "month-apr",
        "month-may",
        "month-jun",
        "month-jul",
        "month-aug",
        "month-sep",
        "month-oct",
        "month-nov",
        "month-dec",
    ];
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or("month-jan");
    let mut args = FluentArgs::new();
    args.set("weekday", tr.format(weekday, &FluentArgs::new()));
    args.set("day", tr.lang().digits(&date.day().to_string()));
    args.set("month", tr.format(month, &FluentArgs::new()));
    args.set("year", tr.lang().digits(&date.year().to_string()));
    tr.format_plain("date", &args)
}

/// "09:00", in the reader's digits.
pub(super) fn clock(tr: &Tr, at: DateTime<Tz>) -> String {
    tr.lang().digits(&at.format("%H:%M").to_string())
}

/// One instant: "Tue 12 Jan 2027, 09:00 (Asia/Kabul)".
pub fn moment(tr: &Tr, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let mut args = FluentArgs::new();
    args.set("date", date(tr, local.date_naive()));
    args.set("time", clock(tr, local));
    args.set("zone", tz.name());
    tr.format("moment", &args)
}

/// A span: "Tue 12 Jan 2027, 09:00–15:00 (Asia/Kabul)", or both dates when it
/// crosses midnight in that zone.
pub fn span(tr: &Tr, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, tz: Tz) -> String {
    let (start, end) = (starts_at.with_timezone(&tz), ends_at.with_timezone(&tz));
    let mut args = FluentArgs::new();
    args.set("start", clock(tr, start));
    args.set("end", clock(tr, end));
    args.set("zone", tz.name());
    if start.date_naive() == end.date_naive() {
        args.set("date", date(tr, start.date_naive()));
        tr.format("span-same-day", &args)
    } else {
        args.set("start_date", date(tr, start.date_naive()));
        args.set("end_date", date(tr, end.date_naive()));
        tr.format("span", &args)
    }
}

/// The span in the reader's zone, and in the venue's beside it unless they are the
/// same zone.
pub fn span_with_venue(
    tr: &Tr,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    reader: Tz,
    venue: Tz,
) -> String {
    let local = span(tr, starts_at, ends_at, reader);
    if reader == venue {
        return local;
    }
    let mut args = FluentArgs::new();
    args.set("local", local);
    args.set("venue", span(tr, starts_at, ends_at, venue));
    tr.format("when-with-venue", &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::i18n::Lang;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn a_moment_in_the_readers_zone() {
        let tr = Tr::new(Lang::En);
        // 04:30 UTC is 09:00 in Kabul (+04:30).
        let text = moment(&tr, at("2027-01-12T04:30:00Z"), zone("Asia/Kabul"));
        assert_eq!(text, "Tue 12 Jan 2027, 09:00 (Asia/Kabul)");
        assert!(tr.errors().is_empty(), "{:?}", tr.errors());
    }

    #[test]
    fn a_span_with_the_venue_zone_beside() {
        let tr = Tr::new(Lang::En);
        let text = span_with_venue(
            &tr,
            at("2027-01-12T04:30:00Z"),
            at("2027-01-12T10:30:00Z"),
            zone("Asia/Kabul"),
            zone("Asia/Karachi"),
        );
        assert_eq!(
            text,
            "Tue 12 Jan 2027, 09:00–15:00 (Asia/Kabul); at the venue: \
             Tue 12 Jan 2027, 09:30–15:30 (Asia/Karachi)"
        );
        let same = span_with_venue(
            &tr,
            at("2027-01-12T04:30:00Z"),
            at("2027-01-13T10:30:00Z"),
            zone("Asia/Karachi"),
            zone("Asia/Karachi"),
        );
        assert_eq!(
            same,
            "Tue 12 Jan 2027, 09:30 – Wed 13 Jan 2027, 15:30 (Asia/Karachi)"
        );
        assert!(tr.errors().is_empty(), "{:?}", tr.errors());
    }

    #[test]
    fn names_in_the_readers_language_and_unknown_zones_read_utc() {
        let tr = Tr::new(Lang::Fr);
        let text = moment(&tr, at("2027-01-12T04:30:00Z"), zone("Not/AZone"));
        assert_eq!(text, "mar. 12 janv. 2027, 04:30 (UTC)");
        let tr = Tr::new(Lang::Fa);
        assert!(moment(&tr, at("2027-01-12T04:30:00Z"), zone("Asia/Tehran")).contains("ژانویه"));
        assert!(!tr.fell_back());
    }
}
