//! Telling people: the outbox worker, mail transports, rendering, calendar files.
pub mod ics;
pub mod message;
pub mod reminders;
pub mod transport;
pub mod worker;
