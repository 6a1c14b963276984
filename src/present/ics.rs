//! iCalendar for workshops: one stable UID per workshop, SEQUENCE from the workshop,
//! times in UTC (every calendar program converts them to its own zone). The emailed
//! invitations, the per-workshop download and the personal subscription feed all
//! build their VEVENT with [`vevent`], so a calendar that got a workshop one way
//! recognises it (same UID, same SEQUENCE) when it comes another.
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use uuid::Uuid;

use crate::store::entities::workshop;

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

impl<'a> WorkshopEvent<'a> {
    /// The workshop as every calendar file shows it; `organizer_email` is an address
    /// alone (see [`organizer_address`]).
    pub fn of(
        row: &'a workshop::Model,
        organizer_email: &'a str,
        attendee_email: Option<&'a str>,
    ) -> Self {
        Self {
            workshop_id: row.id,
            sequence: row.sequence,
            title: &row.title,
            venue: &row.venue,
            venue_time_zone: &row.time_zone,
            agenda: row.agenda.as_deref(),
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            organizer_email,
            attendee_email,
        }
    }
}

/// `mail.from` may be `Name <address>`; ORGANIZER wants the address alone.
pub fn organizer_address(from: &str) -> String {
    from.parse::<lettre::message::Mailbox>()
        .map(|mailbox| mailbox.email.to_string())
        .unwrap_or_else(|_| from.to_owned())
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

/// The one VEVENT of a workshop, whatever carries it.
fn vevent(event: &WorkshopEvent<'_>, cancelled: bool) -> icalendar::Event {
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
    if cancelled {
        vevent.status(EventStatus::Cancelled);
    }
    vevent.done()
}

pub fn render(event: &WorkshopEvent<'_>, method: IcsMethod) -> String {
    let mut calendar = Calendar::new();
    calendar
        .append_property(Property::new("METHOD", method.as_str()))
        .push(vevent(event, method == IcsMethod::Cancel));
    calendar.done().to_string()
}

/// The download of one workshop for `attendee_email`: an event to import, or its
/// cancellation once it is off.
pub fn download(row: &workshop::Model, organizer_email: &str, attendee_email: &str) -> String {
    let method = if row.state == "cancelled" {
        IcsMethod::Cancel
    } else {
        IcsMethod::Publish
    };
    render(
        &WorkshopEvent::of(row, organizer_email, Some(attendee_email)),
        method,
    )
}

/// How often a subscribed calendar should fetch the feed again.
const REFRESH: &str = "PT1H";

/// A subscription feed: one calendar named `name`, published (not an invitation:
/// no ATTENDEE, which RFC 5546 leaves out of PUBLISH), every workshop of `rows` with
/// the UID and SEQUENCE of its invitations, a cancelled one kept as
/// `STATUS:CANCELLED` so that calendars take it off rather than keep a stale copy.
/// Each DTSTAMP is the workshop's last change, so the same rows give the same bytes
/// (the feed's ETag is a hash of them).
pub fn feed(name: &str, organizer_email: &str, rows: &[workshop::Model]) -> String {
    let mut calendar = Calendar::new();
    calendar
        .append_property(Property::new("METHOD", IcsMethod::Publish.as_str()))
        .name(&text_value(name))
        .append_property(
            Property::new("REFRESH-INTERVAL", REFRESH)
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", REFRESH));
    for row in rows {
        let mut event = vevent(
            &WorkshopEvent::of(row, organizer_email, None),
            row.state == "cancelled",
        );
        event.timestamp(row.updated_at);
        calendar.push(event);
    }
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
