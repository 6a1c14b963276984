//! Days as the pages show them: in Persian, the Solar Hijri date first with the
//! Gregorian beside it; otherwise the Gregorian date in the reader's words.
use chrono::NaiveDate;

use super::page::Page;
use crate::present::i18n::Lang;
use crate::present::solar_hijri::{SolarHijri, persian_digits};
use crate::present::when;

pub fn day(p: &Page, date: NaiveDate) -> String {
    let gregorian = when::date(&p.tr, date);
    if p.lang != Lang::Fa {
        return gregorian;
    }
    match SolarHijri::from_gregorian(date) {
        Some(solar) => {
            let month = p.t(&format!("solar-month-{}", solar.month));
            let day = persian_digits(&solar.day.to_string());
            let year = persian_digits(&solar.year.to_string());
            format!("{day} {month} {year} ({gregorian})")
        }
        None => gregorian,
    }
}

/// A day, or the words for "not set".
pub fn maybe_day(p: &Page, date: Option<NaiveDate>) -> String {
    date.map_or_else(|| p.t("date-unset"), |d| day(p, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_pages_put_the_solar_hijri_day_first() {
        let fa = Page::new(Lang::Fa, None, "/".into());
        let nowruz = NaiveDate::from_ymd_opt(2025, 3, 21).unwrap_or_default();
        let shown = day(&fa, nowruz);
        assert!(shown.starts_with("۱ فروردین ۱۴۰۴"), "{shown}");
        assert!(shown.contains("2025"), "{shown}");
        let en = Page::new(Lang::En, None, "/".into());
        assert!(!day(&en, nowruz).contains('۱'));
        assert!(fa.tr.errors().is_empty(), "{:?}", fa.tr.errors());
    }
}
