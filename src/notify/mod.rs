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

use std::sync::Arc;

use crate::config::Settings;
use crate::store::Db;
use transport::Mailer;

/// What the outbox worker needs of the service. The worker is handed this rather than
/// the whole `AppState`, which holds the worker's own health: notify then imports no
/// door and the state no circle.
#[derive(Clone)]
pub struct Postroom {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
}
