//! Times and dates written into JSON exactly as chrono's `Serialize` writes them, but
//! in one piece. chrono formats through `Display`, which serde_json receives a
//! character or two at a time, escaping each piece; a 50-item action list writes
//! some 300 of them, and the profile of issue 8 showed them among its costs. Used on
//! the hot bodies (the action list, history pages); the property test below holds
//! them to chrono's output.
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Serializer;

/// As chrono: RFC 3339 in UTC with `Z`, the fraction as 0, 3, 6 or 9 digits, the
/// fewest that hold it.
pub fn time<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buffer = [0u8; 30];
    match write_time(at, &mut buffer) {
        Some(text) => serializer.serialize_str(text),
        None => serde::Serialize::serialize(at, serializer),
    }
}

pub fn optional_time<S: Serializer>(
    at: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => time(at, serializer),
        None => serializer.serialize_none(),
    }
}

/// As chrono: `YYYY-MM-DD`.
pub fn date<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buffer = [0u8; 10];
    match write_date(day, &mut buffer) {
        Some(()) => serializer.serialize_str(ascii(&buffer)),
        None => serde::Serialize::serialize(day, serializer),
    }
}

/// `None` for years chrono writes with a sign or more digits (outside 0–9999), which
/// are left to chrono itself.
fn write_date(day: &NaiveDate, out: &mut [u8; 10]) -> Option<()> {
    let year = u32::try_from(day.year()).ok().filter(|y| *y <= 9999)?;
    digits(&mut out[0..4], year);
    out[4] = b'-';
    digits(&mut out[5..7], day.month());
    out[7] = b'-';
    digits(&mut out[8..10], day.day());
    Some(())
}

fn write_time<'a>(at: &DateTime<Utc>, out: &'a mut [u8; 30]) -> Option<&'a str> {
    let mut day = [0u8; 10];
    write_date(&at.date_naive(), &mut day)?;
    out[..10].copy_from_slice(&day);
    out[10] = b'T';
    digits(&mut out[11..13], at.hour());
    out[13] = b':';
    digits(&mut out[14..16], at.minute());
    out[16] = b':';
    // A leap second is kept by chrono as nanoseconds past 1e9; it writes it as :60.
    let nanos = at.nanosecond();
    let (second, nanos) = if nanos >= 1_000_000_000 {
        (at.second() + 1, nanos - 1_000_000_000)
    } else {
        (at.second(), nanos)
    };
    digits(&mut out[17..19], second);
    let mut end = 19;
    let (fraction, width) = if nanos == 0 {
        (0, 0)
    } else if nanos % 1_000_000 == 0 {
        (nanos / 1_000_000, 3)
    } else if nanos % 1_000 == 0 {
        (nanos / 1_000, 6)
    } else {
        (nanos, 9)
    };
    if width > 0 {
        out[end] = b'.';
        digits(&mut out[end + 1..end + 1 + width], fraction);
        end += 1 + width;
    }
    out[end] = b'Z';
    Some(ascii(&out[..=end]))
}

/// `value`'s last `out.len()` decimal digits, zero-padded.
fn digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// Only ASCII digits and separators are ever written.
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Ours {
        #[serde(serialize_with = "super::time")]
        at: chrono::DateTime<Utc>,
        #[serde(serialize_with = "super::optional_time")]
        maybe: Option<chrono::DateTime<Utc>>,
        #[serde(serialize_with = "super::date")]
        day: NaiveDate,
    }

    #[derive(Serialize)]
    struct Chronos {
        at: chrono::DateTime<Utc>,
        maybe: Option<chrono::DateTime<Utc>>,
        day: NaiveDate,
    }

    fn both(at: chrono::DateTime<Utc>, maybe: Option<chrono::DateTime<Utc>>) -> (String, String) {
        let day = at.date_naive();
        let ours = serde_json::to_string(&Ours { at, maybe, day }).unwrap_or_default();
        let chronos = serde_json::to_string(&Chronos { at, maybe, day }).unwrap_or_default();
        (ours, chronos)
    }

    proptest! {
        /// Any time chrono can hold, at any precision, is written as chrono writes it.
        #[test]
        fn written_as_chrono_writes_it(
            secs in -70_000_000_000i64..300_000_000_000i64,
            nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|n| n * 1_000_000),
                                 (0u32..1_000_000).prop_map(|n| n * 1000), 0u32..1_000_000_000],
            none in any::<bool>(),
        ) {
            let at = Utc.timestamp_opt(secs, nanos).single();
            prop_assume!(at.is_some());
            let at = at.unwrap_or_default();
            let (ours, chronos) = both(at, (!none).then_some(at));
            prop_assert_eq!(ours, chronos);
        }
    }

    #[test]
    fn a_leap_second_and_the_edges_of_the_four_digit_years() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .map(|t| t.and_utc());
        let first = NaiveDate::from_ymd_opt(0, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc());
        let last = NaiveDate::from_ymd_opt(9999, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 999_999_999))
            .map(|t| t.and_utc());
        let beyond = NaiveDate::from_ymd_opt(10000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc());
        for at in [leap, first, last, beyond] {
            let Some(at) = at else {
                panic!("a valid test time")
            };
            let (ours, chronos) = both(at, None);
            assert_eq!(ours, chronos);
        }
    }
}
