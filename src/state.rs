//! What every door (API, web, worker) reaches: the database and the shared services.
//! It imports no door, so every door can import it without a circle.
use std::sync::Arc;

use crate::store::Db;
use axum::extract::FromRef;

use crate::config::Settings;
use crate::credentials::jwt::JwtKeys;
use crate::credentials::password::Passwords;
use crate::notify::Postroom;
use crate::notify::supervise::WorkerHealth;
use crate::notify::transport::Mailer;

/// What every handler can reach. Cheap to clone: everything is shared.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub jwt: Arc<JwtKeys>,
    pub passwords: Arc<Passwords>,
    pub mailer: Arc<Mailer>,
    pub worker_health: Arc<WorkerHealth>,
}

impl AppState {
    /// The part of the state the outbox worker runs on.
    pub fn postroom(&self) -> Postroom {
        Postroom {
            db: self.db.clone(),
            settings: self.settings.clone(),
            mailer: self.mailer.clone(),
        }
    }
}
