//! Telling people: the outbox worker, mail transports, email rendering, reminders.
//! The words, times and calendar files come from `present`, shared with the pages.
mod about;
pub mod digest;
pub mod message;
pub mod reminders;
pub mod supervise;
pub mod templates;
pub mod transport;
pub mod worker;

// The API's .ics download still names `notify::ics`; kept until that handler moves
// to `present` (its module is being reworked elsewhere).
pub use crate::present::ics;
