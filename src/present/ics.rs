//! iCalendar for workshops: one stable UID per workshop, SEQUENCE from the workshop,
//! times in UTC (every calendar program converts them to its own zone).
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsMethod {
    /// A file to import (the download link).
    Publish,
    /// An invitation or an update to one.
    Request,
    /// The event is off.
    Cancel,
}

impl IcsMethod {
    fn as_str(self) -> &'static str {
        match self {
            IcsMethod::Publish => "PUBLISH",
            IcsMethod::Request => "REQUEST",
            IcsMethod::Cancel => "CANCEL",
        }
    }
}

pub struct WorkshopEvent<'a> {
    pub workshop_id: Uuid,
    pub sequence: i32,
    pub title: &'a str,
    pub venue: &'a str,
    pub venue_time_zone: &'a str,
    pub agenda: Option<&'a str>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organizer_email: &'a str,
    pub attendee_email: Option<&'a str>,
}

/// The UID never changes for a workshop, so calendars treat every later message as
/// an update (or cancellation) of the same event.
pub fn uid(workshop_id: Uuid) -> String {
    format!("workshop-{workshop_id}@concord")
}

/// A text value as iCalendar can carry it: the library escapes line feeds, but a
/// carriage return (or another control character) would go out raw and end the line
/// early in some readers, so CR and CRLF become a line feed and the rest a space.
fn text_value(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

pub fn render(event: &WorkshopEvent<'_>, method: IcsMethod) -> String {
    let description = text_value(&format!(
        "Venue time zone: {}\n{}",
        event.venue_time_zone,
        event.agenda.unwrap_or_default()
    ));
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&uid(event.workshop_id))
        .sequence(u32::try_from(event.sequence).unwrap_or(0))
        .summary(&text_value(event.title))
        .location(&text_value(event.venue))
        .description(description.trim_end())
        .starts(event.starts_at)
        .ends(event.ends_at)
        .add_property("ORGANIZER", format!("mailto:{}", event.organizer_email));
    if let Some(attendee) = event.attendee_email {
        vevent.add_property("ATTENDEE", format!("mailto:{attendee}"));
    }
    if method == IcsMethod::Cancel {
        vevent.status(EventStatus::Cancelled);
    }
    let mut calendar = Calendar::new();
    calendar
        .append_property(icalendar::Property::new("METHOD", method.as_str()))
        .push(vevent.done());
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_is_parseable_with_uid_sequence_and_method() {
        let starts_at =
            DateTime::parse_from_rfc3339("2027-01-10T05:30:00Z").map(|d| d.with_timezone(&Utc));
        let starts_at = starts_at.unwrap_or_default();
        let event = WorkshopEvent {
            workshop_id: Uuid::nil(),
            sequence: 2,
            title: "Joint technical workshop",
            venue: "Islamabad",
            venue_time_zone: "Asia/Karachi",
            agenda: Some("Return and reintegration"),
            starts_at,
            ends_at: starts_at + chrono::TimeDelta::hours(6),
            organizer_email: "coordinator@demo.test",
            attendee_email: Some("fp.af@demo.test"),
        };
        let text = render(&event, IcsMethod::Cancel);
        let parsed: Calendar = text.parse().unwrap_or_default();
        let vevent = parsed.components.iter().find_map(|c| c.as_event());
        assert!(text.contains("METHOD:CANCEL"), "{text}");
        assert!(text.contains("DTSTART:20270110T053000Z"), "{text}");
        assert_eq!(
            vevent.and_then(|e| e.get_uid()),
            Some(uid(Uuid::nil()).as_str())
        );
        assert_eq!(vevent.and_then(|e| e.get_sequence()), Some(2));
        assert!(text.contains("STATUS:CANCELLED"));
        assert!(text.contains("ATTENDEE:mailto:fp.af@demo.test"));
    }

    #[test]
    fn carriage_returns_never_reach_the_file_raw() {
        let event = WorkshopEvent {
            workshop_id: Uuid::nil(),
            sequence: 0,
            title: "Title\rX-INJECTED:1",
            venue: "Kabul\r\nBEGIN:VALARM",
            venue_time_zone: "Asia/Kabul",
            agenda: Some("one\r\ntwo\rthree\u{0}"),
            starts_at: Utc::now(),
            ends_at: Utc::now(),
            organizer_email: "coordinator@demo.test",
            attendee_email: None,
        };
        let text = render(&event, IcsMethod::Request);
        // Every CR is part of a CRLF line end, and no value started a line of its own.
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR in {text:?}");
            }
        }
        assert!(!text.contains("\r\nX-INJECTED"), "{text}");
        assert!(!text.contains("\r\nBEGIN:VALARM"), "{text}");
        assert!(!text.contains('\u{0}'));
        let parsed: Calendar = text.parse().unwrap_or_default();
        let vevent = parsed.components.iter().find_map(|c| c.as_event());
        assert_eq!(
            vevent.and_then(|e| e.get_summary()),
            Some("Title\nX-INJECTED:1")
        );
    }
}
