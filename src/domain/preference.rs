//! How each person wants to hear about the dialogue: every message at once, one
//! summary a day, or none — except the security messages, which always go, since
//! without them nobody could get into their account.
use chrono::{DateTime, LocalResult, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use crate::named_enum;

named_enum! {
    pub enum NotificationPreference ("notification preference") {
        Immediate => "immediate",
        DailyDigest => "daily_digest",
        Off => "off",
    }
}

/// The templates no preference holds back: an invitation or a password reset that
/// waited for a digest (or never came) would lock the person out.
pub const SECURITY_TEMPLATES: [&str; 2] = ["account_invitation", "password_reset"];

pub fn is_security(template: &str) -> bool {
    SECURITY_TEMPLATES.contains(&template)
}

/// The digest goes out at this local time: before the working day starts in every
/// zone, so the summary is there with the morning's first look at the mail.
pub const DIGEST_TIME: NaiveTime = match NaiveTime::from_hms_opt(7, 0, 0) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

/// The next 07:00 in `zone` strictly after `now`.
pub fn next_digest_at(now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    next_local_time(now, zone, DIGEST_TIME)
}

/// The first instant strictly after `now` at which the wall clock in `zone` reads
/// `time`; a day on which `time` does not exist (a DST gap) gets the first instant
/// after the gap.
pub fn next_local_time(now: DateTime<Utc>, zone: Tz, time: NaiveTime) -> DateTime<Utc> {
    let today = now.with_timezone(&zone).date_naive();
    // Today's may have passed; tomorrow's is at least a few hours ahead, so the
    // third day is only a guard against a zone that skipped a whole day (Samoa, 2011).
    for days in 0..3 {
        let Some(day) = today.checked_add_days(chrono::Days::new(days)) else {
            break;
        };
        let at = resolve(zone, day.and_time(time));
        if at > now {
            return at;
        }
    }
    // Only at the end of chrono's calendar; a day later is as good an answer as any.
    now + TimeDelta::days(1)
}

/// The instant a local wall-clock time names in `zone`: the earlier of two when the
/// clocks go back, the end of the gap when they jump over it.
pub fn resolve(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => end_of_gap(zone, local),
    }
}

/// The first instant whose wall-clock time is at or after `local`, found by bisection
/// over whole seconds (zone transitions fall on whole seconds). Inside a gap the wall
/// clock never goes back past `local` (that would make `local` exist), so "reads at
/// least `local`" turns true once and stays true.
fn end_of_gap(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    const DAY_AND_MORE: i64 = 26 * 60 * 60;
    let reads_at_least = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0)
            .is_some_and(|at| at.with_timezone(&zone).naive_local() >= local)
    };
    // UTC offsets lie within ±26 h of the wall clock, so these bracket the answer.
    let mut before = local.and_utc().timestamp() - DAY_AND_MORE;
    let mut after = local.and_utc().timestamp() + DAY_AND_MORE;
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if reads_at_least(middle) {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0).unwrap_or_else(|| local.and_utc())
}

// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Timelike};

    use super::*;

    // Test fixtures: every `expect` below is on a literal written in this module, never
    // on input or database results; a typo fails the test at once, which is the point.
    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    fn zone(name: &str) -> Tz {
        name.parse().expect("a known zone")
    }

    #[test]
    fn kabul_at_plus_four_thirty() {
        let kabul = zone("Asia/Kabul");
        // 04:30 in Kabul: today's 07:00 is still ahead.
        assert_eq!(
            next_digest_at(utc("2027-01-12T00:00:00Z"), kabul),
            utc("2027-01-12T02:30:00Z")
        );
        // Exactly 07:00: strictly after, so tomorrow's.
        assert_eq!(
            next_digest_at(utc("2027-01-12T02:30:00Z"), kabul),
            utc("2027-01-13T02:30:00Z")
        );
        // 23:59 in Kabul the day before.
        assert_eq!(
            next_digest_at(utc("2027-01-11T19:29:00Z"), kabul),
            utc("2027-01-12T02:30:00Z")
        );
    }

    #[test]
    fn tehran_now_and_under_its_former_summer_time() {
        let tehran = zone("Asia/Tehran");
        // +03:30 since Iran dropped summer time in 2022.
        assert_eq!(
            next_digest_at(utc("2027-06-01T12:00:00Z"), tehran),
            utc("2027-06-02T03:30:00Z")
        );
        // +04:30 in the summer of 2021.
        assert_eq!(
            next_digest_at(utc("2021-06-01T00:00:00Z"), tehran),
            utc("2021-06-01T02:30:00Z")
        );
        // The night Tehran went back to +03:30 (midnight of 21/22 September 2021).
        assert_eq!(
            next_digest_at(utc("2021-09-21T03:00:00Z"), tehran),
            utc("2021-09-22T03:30:00Z")
        );
    }

    #[test]
    fn paris_across_both_changes() {
        let paris = zone("Europe/Paris");
        // Saturday 07:30 CET; Sunday 28 March 2027 starts summer time, so the next
        // 07:00 (CEST) is 22.5 hours away, not 23.5.
        let now = utc("2027-03-27T06:30:00Z");
        let next = next_digest_at(now, paris);
        assert_eq!(next, utc("2027-03-28T05:00:00Z"));
        assert_eq!(next - now, TimeDelta::minutes(22 * 60 + 30));
        // Saturday 07:30 CEST; Sunday 31 October 2027 is back to CET: 24.5 hours.
        let now = utc("2027-10-30T05:30:00Z");
        let next = next_digest_at(now, paris);
        assert_eq!(next, utc("2027-10-31T06:00:00Z"));
        assert_eq!(next - now, TimeDelta::minutes(24 * 60 + 30));
    }

    #[test]
    fn a_time_in_a_gap_moves_to_the_gap_end_and_an_overlap_takes_the_first() {
        let paris = zone("Europe/Paris");
        // 02:30 does not exist on 28 March 2027: clocks jump 02:00 → 03:00 at 01:00Z.
        let gap = NaiveDate::from_ymd_opt(2027, 3, 28)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("a date");
        assert_eq!(resolve(paris, gap), utc("2027-03-28T01:00:00Z"));
        let two_thirty = NaiveTime::from_hms_opt(2, 30, 0).expect("a time");
        assert_eq!(
            next_local_time(utc("2027-03-27T12:00:00Z"), paris, two_thirty),
            utc("2027-03-28T01:00:00Z")
        );
        // 02:30 happens twice on 31 October 2027: first at +02:00.
        let twice = NaiveDate::from_ymd_opt(2027, 10, 31)
            .and_then(|d| d.and_hms_opt(2, 30, 0))
            .expect("a date");
        assert_eq!(resolve(paris, twice), utc("2027-10-31T00:30:00Z"));
    }

    #[test]
    fn always_seven_local_strictly_ahead_and_within_a_day_and_an_hour() {
        let zones = [
            "Asia/Kabul",
            "Asia/Tehran",
            "Asia/Karachi",
            "Europe/Paris",
            "America/New_York",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "UTC",
        ];
        for name in zones {
            let zone = zone(name);
            let mut now = utc("2027-01-01T00:00:00Z");
            // Every 97 minutes through a year: every hour of the day, both changes.
            while now < utc("2028-01-01T00:00:00Z") {
                let next = next_digest_at(now, zone);
                let local = next.with_timezone(&zone);
                assert!(next > now, "{name} {now}");
                assert!(next - now <= TimeDelta::hours(25), "{name} {now} → {next}");
                assert_eq!((local.hour(), local.minute()), (7, 0), "{name} {now}");
                now += TimeDelta::minutes(97);
            }
        }
    }

    #[test]
    fn security_messages_are_the_account_ones() {
        assert!(is_security("account_invitation"));
        assert!(is_security("password_reset"));
        assert!(!is_security("workshop_scheduled"));
        assert!(!is_security("digest"));
    }

    #[test]
    fn preferences_by_name() {
        assert_eq!(
            "daily_digest".parse::<NotificationPreference>(),
            Ok(NotificationPreference::DailyDigest)
        );
        assert!("weekly".parse::<NotificationPreference>().is_err());
        assert_eq!(NotificationPreference::Off.as_str(), "off");
    }
}
