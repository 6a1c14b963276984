//! Whether the database can take this node's work: reachable, and writable — a
//! database that answers reads but refuses every write (a read-only file or folder, a
//! file system remounted read-only, a PostgreSQL standby) must not look ready.
use crate::store::Db;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DbErr};

/// Readiness answers within a second, whatever the database does, so that a load
/// balancer's health check sees an outage as one and not as a hang.
pub const READY_TIMEOUT: Duration = Duration::from_millis(800);

/// A write that changes nothing: still refused by a read-only SQLite file
/// (SQLITE_READONLY) and by a read-only PostgreSQL transaction (25006), because both
/// check when the write begins, not per row.
pub async fn check_writable(db: &Db) -> Result<(), DbErr> {
    db.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 1 = 0")
        .await
        .map(|_| ())
}

/// Ping and write probe, within `READY_TIMEOUT`.
pub async fn check_ready(db: &Db) -> Result<(), String> {
    let probe = async {
        db.reader().ping().await?;
        check_writable(db).await
    };
    match tokio::time::timeout(READY_TIMEOUT, probe).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err(format!("no answer within {} ms", READY_TIMEOUT.as_millis())),
    }
}
