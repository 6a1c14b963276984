//! The words of every email and page, from Fluent files compiled into the binary (so it runs
//! from any folder), parsed once and shared by every render.
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

use super::solar_hijri::persian_digits;

/// The languages Concord writes in. English is complete; the others may lack a
/// message, and a message that would mix languages is written in English instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Fa,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Fa];

    /// A user's `locale`; anything Concord has no words for reads English.
    pub fn of(locale: &str) -> Self {
        match locale {
            "fr" => Lang::Fr,
            "fa" => Lang::Fa,
            _ => Lang::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Fa => "fa",
        }
    }

    /// The language of a tag such as `fa` or `fr-CA`; None for one Concord lacks.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The language's own name for itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Fa => "فارسی",
        }
    }

    /// `text` with its digits as this language's readers write them: Persian ones
    /// (۰–۹) in Persian, as its dates already are; unchanged otherwise.
    pub fn digits(self, text: &str) -> String {
        match self {
            Lang::Fa => persian_digits(text),
            Lang::En | Lang::Fr => text.to_owned(),
        }
    }

    /// An amount such as `135000` or `-1250.5` as this language's readers write it:
    /// thousands grouped ("135,000", "135 000", "۱۳۵٬۰۰۰") and the decimal sign
    /// theirs. Fluent's own number formatting (fluent-bundle 0.16) does not group.
    /// Text that is not a plain decimal number is only given the reader's digits.
    pub fn amount(self, text: &str) -> String {
        let (sign, unsigned) = text
            .strip_prefix('-')
            .map_or(("", text), |rest| ("-", rest));
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !fraction.is_none_or(digits_only) {
            return self.digits(text);
        }
        let (group, decimal) = match self {
            Lang::En => (",", "."),
            // A narrow no-break space, so an amount never breaks across lines.
            Lang::Fr => ("\u{202f}", ","),
            Lang::Fa => ("\u{066c}", "\u{066b}"),
        };
        let mut grouped = String::with_capacity(text.len() * 2);
        grouped.push_str(sign);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(digit);
        }
        if let Some(fraction) = fraction {
            grouped.push_str(decimal);
            grouped.push_str(fraction);
        }
        self.digits(&grouped)
    }

    /// The writing direction for the `dir` attribute of HTML.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fa => "rtl",
            Lang::En | Lang::Fr => "ltr",
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Fr => langid!("fr"),
            Lang::Fa => langid!("fa"),
        }
    }

    /// The Fluent files of the language: the emails' words, then the pages', one file
    /// per group of pages. One bundle holds them all, so a key used twice across them
    /// is a load problem.
    fn sources(self) -> &'static [&'static str] {
        macro_rules! files {
            ($lang:literal) => {
                &[
                    include_str!(concat!("../../locales/", $lang, "/email.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/web.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/actions.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/attention.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/records.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/admin.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/exports.ftl")),
                    include_str!(concat!("../../locales/", $lang, "/iati.ftl")),
                ]
            };
        }
        match self {
            Lang::En => files!("en"),
            Lang::Fr => files!("fr"),
            Lang::Fa => files!("fa"),
        }
    }

    /// The pages' Fluent files alone, for the test that keeps them complete.
    pub fn web_sources(self) -> &'static [&'static str] {
        &self.sources()[1..]
    }

    fn index(self) -> usize {
        self as usize
    }
}

type Bundle = FluentBundle<Arc<FluentResource>>;

/// Two bundles per language over one parsed resource. HTML keeps Fluent's bidi
/// isolation marks around every placeable, so a Persian title inside an English
/// sentence (or the reverse) cannot reorder its neighbours; the subject and the plain
/// text go without, since some mail programs show the marks as boxes.
struct Bundles {
    isolating: [Bundle; 3],
    plain: [Bundle; 3],
    /// Problems found while loading, for the test that keeps the files clean.
    problems: Vec<String>,
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        let mut problems = Vec::new();
        let mut build = |isolating: bool| {
            Lang::ALL.map(|lang| {
                let mut bundle = Bundle::new_concurrent(vec![lang.id()]);
                bundle.set_use_isolating(isolating);
                if lang == Lang::Fa {
                    // Counts and amounts in Persian digits, like the dates; only
                    // the digits change (plural selection still sees the number).
                    bundle.set_formatter(Some(|value, _| match value {
                        FluentValue::Number(n) => Some(persian_digits(&n.as_string())),
                        _ => None,
                    }));
                }
                for source in lang.sources() {
                    let resource = match FluentResource::try_new((*source).to_owned()) {
                        Ok(resource) => resource,
                        // The entries that parsed are still usable; the broken ones
                        // fall back to English like any missing message.
                        Err((resource, errors)) => {
                            problems.push(format!("{}: {errors:?}", lang.tag()));
                            resource
                        }
                    };
                    if let Err(errors) = bundle.add_resource(Arc::new(resource)) {
                        problems.push(format!("{}: {errors:?}", lang.tag()));
                    }
                }
                bundle
            })
        };
        let isolating = build(true);
        let plain = build(false);
        for problem in &problems {
            tracing::error!(%problem, "translations do not load cleanly");
        }
        Bundles {
            isolating,
            plain,
            problems,
        }
    })
}

/// Problems in the Fluent files (syntax errors, duplicate ids); empty when clean.
pub fn load_problems() -> &'static [String] {
    &bundles().problems
}

/// Translates for one message: a language, the message's arguments, and a record of
/// what went wrong, since a template cannot return an error from a lookup.
pub struct Tr {
    lang: Lang,
    args: FluentArgs<'static>,
    /// Whether placeables get bidi isolation marks (for HTML).
    pub isolating: bool,
    /// Keys this language lacks, answered in English.
    fell_back: RefCell<Vec<String>>,
    /// Keys missing even in English, or patterns that did not format: bugs.
    errors: RefCell<Vec<String>>,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            args: FluentArgs::new(),
            isolating: false,
            fell_back: RefCell::new(Vec::new()),
            errors: RefCell::new(Vec::new()),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn set(&mut self, name: &'static str, value: impl Into<FluentValue<'static>>) {
        self.args.set(name, value);
    }

    pub fn has(&self, name: &str) -> bool {
        self.args.get(name).is_some()
    }

    /// The message `key` with this message's arguments.
    pub fn get(&self, key: &str) -> String {
        self.format(key, &self.args)
    }

    /// The message `key` with other arguments (dates, times).
    pub fn format(&self, key: &str, args: &FluentArgs<'_>) -> String {
        self.format_with(self.isolating, key, args)
    }

    /// The message `key` without isolation marks even for HTML: for a message made
    /// only of Concord's own words and the reader's digits (a date), which needs no
    /// marks inside and is isolated as a whole where it is placed. Marks around each
    /// of its parts would leave that whole without a letter of its own outside them,
    /// and a browser lays such a run out left to right, on a Persian page too: the
    /// day, month and year would read backwards.
    pub fn format_plain(&self, key: &str, args: &FluentArgs<'_>) -> String {
        self.format_with(false, key, args)
    }

    fn format_with(&self, isolating: bool, key: &str, args: &FluentArgs<'_>) -> String {
        let all = bundles();
        let set = if isolating {
            &all.isolating
        } else {
            &all.plain
        };
        let own = &set[self.lang.index()];
        let english = &set[Lang::En.index()];
        let (bundle, message) = match own.get_message(key) {
            Some(message) => (own, message),
            None => {
                if self.lang != Lang::En {
                    self.fell_back.borrow_mut().push(key.to_owned());
                }
                match english.get_message(key) {
                    Some(message) => (english, message),
                    None => {
                        self.errors.borrow_mut().push(format!("no message `{key}`"));
                        return key.to_owned();
                    }
                }
            }
        };
        let Some(pattern) = message.value() else {
            self.errors
                .borrow_mut()
                .push(format!("message `{key}` has no value"));
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors);
        if !errors.is_empty() {
            self.errors
                .borrow_mut()
                .push(format!("message `{key}`: {errors:?}"));
        }
        text.into_owned()
    }

    /// Whether any message so far came from English instead of this language.
    pub fn fell_back(&self) -> bool {
        !self.fell_back.borrow().is_empty()
    }

    pub fn errors(&self) -> Vec<String> {
        self.errors.borrow().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::En.amount("135000"), "135,000");
        assert_eq!(Lang::En.amount("999"), "999");
        assert_eq!(Lang::En.amount("-1234567.50"), "-1,234,567.50");
        assert_eq!(Lang::Fr.amount("135000"), "135\u{202f}000");
        assert_eq!(Lang::Fr.amount("1000.5"), "1\u{202f}000,5");
        assert_eq!(Lang::Fa.amount("135000"), "۱۳۵٬۰۰۰");
        assert_eq!(Lang::Fa.amount("1000.25"), "۱٬۰۰۰٫۲۵");
        // Not a plain number: left as written, in the reader's digits.
        assert_eq!(Lang::En.amount("1e5"), "1e5");
        assert_eq!(Lang::Fa.amount("12a"), "۱۲a");
        assert_eq!(Lang::En.amount(""), "");
        assert_eq!(Lang::En.amount("-"), "-");
    }

    #[test]
    fn every_locale_loads_cleanly() {
        assert!(load_problems().is_empty(), "{:?}", load_problems());
    }

    #[test]
    fn a_missing_key_falls_back_to_english_and_is_recorded() {
        let mut tr = Tr::new(Lang::Fr);
        tr.set("name", "Amina");
        assert_eq!(tr.get("greeting"), "Bonjour Amina,");
        assert!(!tr.fell_back());
        assert_eq!(
            tr.get("digest-intro"),
            Tr::new(Lang::En).get("digest-intro")
        );
        assert!(tr.fell_back());
        assert!(tr.errors().is_empty(), "{:?}", tr.errors());
    }

    #[test]
    fn persian_writes_the_numbers_of_its_messages_in_persian_digits() {
        let said = |lang| {
            let mut tr = Tr::new(lang);
            tr.set("amount", 50000);
            tr.get("dialogue-budget-usd")
        };
        let persian = said(Lang::Fa);
        assert!(persian.contains("۵۰۰۰۰"), "{persian}");
        assert!(!persian.contains("50000"), "{persian}");
        assert!(said(Lang::En).contains("50000"));
        assert!(said(Lang::Fr).contains("50000"));
        assert_eq!(Lang::Fa.digits("09:30"), "۰۹:۳۰");
        assert_eq!(Lang::Fr.digits("09:30"), "09:30");
    }

    #[test]
    fn isolation_marks_only_when_asked() {
        let mut tr = Tr::new(Lang::En);
        tr.set("name", "Amina");
        assert_eq!(tr.get("greeting"), "Hello Amina,");
        tr.isolating = true;
        assert_eq!(tr.get("greeting"), "Hello \u{2068}Amina\u{2069},");
    }

    #[test]
    fn unknown_keys_and_missing_arguments_are_errors() {
        let tr = Tr::new(Lang::En);
        assert_eq!(tr.get("no-such-message"), "no-such-message");
        tr.get("greeting");
        assert_eq!(tr.errors().len(), 2, "{:?}", tr.errors());
    }
}
