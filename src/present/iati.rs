//! Writes IATI activities as an `<iati-activities version="2.03">` file, with
//! quick-xml's writer (which escapes every text and attribute value), each element in
//! the order the 2.03 schema's sequences require.
use std::io;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::domain::iati::activity::{
    Activity, BUDGET_INDICATIVE, BUDGET_ORIGINAL, DESCRIPTION_GENERAL, MEASURE_QUALITATIVE,
    Organisation, RESULT_OUTCOME, SECTOR_VOCABULARY_DAC5,
};

pub const VERSION: &str = "2.03";

/// The language of the narratives Concord writes. A dialogue's texts have no language
/// of their own in Concord, so they are declared in the activity's default.
const DEFAULT_LANG: &str = "en";

type Xml = Writer<Vec<u8>>;

/// The whole file, UTF-8.
pub fn write(activities: &[Activity], generated_at: DateTime<Utc>) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let root = BytesStart::new("iati-activities").with_attributes([
        ("version", VERSION),
        ("generated-datetime", &datetime(generated_at)),
    ]);
    w.write_event(Event::Start(root))?;
    for activity in activities {
        write_activity(&mut w, activity)?;
    }
    w.write_event(Event::End(BytesEnd::new("iati-activities")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn datetime(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn start(w: &mut Xml, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    let tag = BytesStart::new(name).with_attributes(attributes.iter().copied());
    w.write_event(Event::Start(tag))?;
    Ok(())
}

fn end(w: &mut Xml, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn empty(w: &mut Xml, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    let tag = BytesStart::new(name).with_attributes(attributes.iter().copied());
    w.write_event(Event::Empty(tag))?;
    Ok(())
}

fn text_element(
    w: &mut Xml,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    start(w, name, attributes)?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    end(w, name)
}

/// `<name><narrative>text</narrative></name>`.
fn narrated(w: &mut Xml, name: &str, attributes: &[(&str, &str)], text: &str) -> io::Result<()> {
    start(w, name, attributes)?;
    text_element(w, "narrative", &[], text)?;
    end(w, name)
}

fn organisation(w: &mut Xml, name: &str, org: &Organisation, with_role: bool) -> io::Result<()> {
    let mut attributes = Vec::new();
    if let Some(reference) = &org.reference {
        attributes.push(("ref", reference.as_str()));
    }
    if let Some(kind) = &org.kind {
        attributes.push(("type", kind.as_str()));
    }
    if with_role {
        attributes.push(("role", org.role));
    }
    narrated(w, name, &attributes, &org.name)
}

fn write_activity(w: &mut Xml, a: &Activity) -> io::Result<()> {
    let updated = datetime(a.last_updated);
    let mut attributes = vec![
        ("last-updated-datetime", updated.as_str()),
        ("xml:lang", DEFAULT_LANG),
    ];
    if let Some(currency) = &a.default_currency {
        attributes.push(("default-currency", currency.as_str()));
    }
    start(w, "iati-activity", &attributes)?;
    text_element(w, "iati-identifier", &[], &a.identifier)?;
    organisation(w, "reporting-org", &a.reporting_org, false)?;
    narrated(w, "title", &[], &a.title)?;
    narrated(
        w,
        "description",
        &[("type", DESCRIPTION_GENERAL)],
        &a.description,
    )?;
    for org in &a.participants {
        organisation(w, "participating-org", org, true)?;
    }
    empty(w, "activity-status", &[("code", a.status)])?;
    for (kind, date) in &a.dates {
        empty(
            w,
            "activity-date",
            &[("type", kind), ("iso-date", &day(*date))],
        )?;
    }
    for (code, percentage) in &a.countries {
        empty(
            w,
            "recipient-country",
            &[("code", code), ("percentage", percentage)],
        )?;
    }
    if let Some(code) = &a.sector {
        empty(
            w,
            "sector",
            &[
                ("vocabulary", SECTOR_VOCABULARY_DAC5),
                ("code", code),
                ("percentage", "100"),
            ],
        )?;
    }
    if let Some(b) = &a.budget {
        start(
            w,
            "budget",
            &[("type", BUDGET_ORIGINAL), ("status", BUDGET_INDICATIVE)],
        )?;
        empty(w, "period-start", &[("iso-date", &day(b.start))])?;
        empty(w, "period-end", &[("iso-date", &day(b.end))])?;
        text_element(
            w,
            "value",
            &[("currency", &b.currency), ("value-date", &day(b.start))],
            &b.amount,
        )?;
        end(w, "budget")?;
    }
    // A result needs at least one indicator: none until a text is adopted.
    if !a.indicators.is_empty() {
        start(w, "result", &[("type", RESULT_OUTCOME)])?;
        narrated(w, "title", &[], "Common understandings adopted")?;
        narrated(
            w,
            "description",
            &[],
            "Each indicator is a common understanding that every participating government endorsed.",
        )?;
        for indicator in &a.indicators {
            start(w, "indicator", &[("measure", MEASURE_QUALITATIVE)])?;
            narrated(w, "title", &[], &indicator.title)?;
            narrated(w, "description", &[], &indicator.description)?;
            end(w, "indicator")?;
        }
        end(w, "result")?;
    }
    end(w, "iati-activity")
}
