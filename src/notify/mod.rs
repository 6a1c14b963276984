//! Telling people: calendar files now; the outbox worker and mail transports follow.
pub mod ics;
pub mod message;
pub mod reminders;
