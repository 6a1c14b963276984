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
