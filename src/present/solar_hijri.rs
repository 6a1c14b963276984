//! Dates in the Solar Hijri calendar, the civil calendar of Iran and Afghanistan, for
//! pages in Persian: shown first, with the Gregorian date beside it.
//!
//! The conversion is ICU4X's (arithmetic, no data files). Month names are words and so
//! come from Fluent (`solar-month-1` … `solar-month-12`), not from here.
use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::Persian;
use icu_calendar::{Date, Iso};

/// A day in the Solar Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolarHijri {
    pub year: i32,
    /// 1 (Farvardin) to 12 (Esfand).
    pub month: u8,
    pub day: u8,
}

impl SolarHijri {
    /// The Solar Hijri day of a Gregorian date; `None` only for dates ICU cannot hold
    /// (far outside the 1900–2200 Concord accepts).
    pub fn from_gregorian(date: NaiveDate) -> Option<Self> {
        let month = u8::try_from(date.month()).ok()?;
        let day = u8::try_from(date.day()).ok()?;
        let iso = Date::<Iso>::try_new_iso(date.year(), month, day).ok()?;
        let persian = iso.to_calendar(Persian);
        Some(Self {
            year: persian.era_year().year,
            month: persian.month().ordinal,
            day: persian.day_of_month().0,
        })
    }
}

/// Digits as Persian readers write them (۰–۹).
pub fn persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<SolarHijri> {
        NaiveDate::from_ymd_opt(y, m, d).and_then(SolarHijri::from_gregorian)
    }

    #[test]
    fn nowruz_and_known_days_convert() {
        // Nowruz 1403 fell on 20 March 2024; 1404 on 21 March 2025.
        assert_eq!(
            day(2024, 3, 20),
            Some(SolarHijri {
                year: 1403,
                month: 1,
                day: 1
            })
        );
        assert_eq!(
            day(2024, 3, 19),
            Some(SolarHijri {
                year: 1402,
                month: 12,
                day: 29
            })
        );
        assert_eq!(
            day(2025, 3, 21),
            Some(SolarHijri {
                year: 1404,
                month: 1,
                day: 1
            })
        );
        // 30 November 2026 is 9 Azar 1405.
        assert_eq!(
            day(2026, 11, 30),
            Some(SolarHijri {
                year: 1405,
                month: 9,
                day: 9
            })
        );
    }

    #[test]
    fn digits_become_persian() {
        assert_eq!(persian_digits("1405/09/09 10:30"), "۱۴۰۵/۰۹/۰۹ ۱۰:۳۰");
        assert_eq!(persian_digits("آذر"), "آذر");
    }
}
