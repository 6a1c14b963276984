//! Telling people: the outbox worker, mail transports, rendering, calendar files.
mod about;
pub mod digest;
pub mod i18n;
pub mod ics;
pub mod message;
pub mod reminders;
pub mod supervise;
pub mod templates;
pub mod transport;
mod when;
pub mod worker;
