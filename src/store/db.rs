//! The database handle every door holds: readers and one writer.
//!
//! SQLite lets one transaction write at a time. With one pool of N connections, N
//! requests each begin a write transaction and all but one sleep in SQLite's busy loop,
//! polling the lock: under load the p99 of a transition reached most of a second. So on
//! SQLite writes go through a pool of exactly one connection — waiting writers queue in
//! the process, in order, and are handed the connection the moment it is free, and
//! those that queued together commit together (`group_commit.rs`) — while reads use a
//! pool of readers, which in WAL mode never wait for the writer.
//!
//! The split is made here, once, rather than at every call: `Db` is a sea-orm
//! connection whose statements go to the writer unless they are plain reads
//! (`SELECT`/`WITH … SELECT`), and whose write transactions (`begin_write`) always start
//! on the writer. On PostgreSQL, which has row locks and many writers at once, both
//! sides are the same pool.
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, DbErr, ExecResult, QueryResult,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

use super::group_commit::{GroupCommit, WriteTxn};

#[derive(Debug, Clone)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
    /// SQLite's writer, shared by the write transactions that queue together.
    group: Option<GroupCommit>,
}

impl Db {
    /// Readers and writers share one pool (PostgreSQL, or an in-memory SQLite database,
    /// which a second pool could not see).
    pub fn shared(pool: DatabaseConnection) -> Self {
        Self {
            read: pool.clone(),
            write: pool,
            group: None,
        }
    }

    /// `write` must be a pool of one connection: its transactions are batched, and a
    /// writer waits up to `wait` for its turn.
    pub fn split(read: DatabaseConnection, write: DatabaseConnection, wait: Duration) -> Self {
        Self {
            group: Some(GroupCommit::new(wait)),
            read,
            write,
        }
    }

    /// The pool for reads that want their own transaction (a consistent snapshot).
    pub fn reader(&self) -> &DatabaseConnection {
        &self.read
    }

    /// The pool that runs migrations and write transactions.
    pub fn writer(&self) -> &DatabaseConnection {
        &self.write
    }

    /// A write transaction: on SQLite's one writer, a savepoint in the batch of
    /// writers that queued together (`group_commit.rs`).
    pub async fn begin_write(&self) -> Result<WriteTxn, DbErr> {
        match &self.group {
            Some(group) => group.begin(&self.write).await,
            None => Ok(WriteTxn::plain(
                self.write.begin_with_options(immediate_on_sqlite()).await?,
            )),
        }
    }

    /// SQLite: how many batches of write transactions have committed (`None` where
    /// each write transaction commits on its own).
    pub fn write_batches_committed(&self) -> Option<u64> {
        self.group.as_ref().map(GroupCommit::batches_committed)
    }

    /// Calls `callback` for every statement either side runs (the tests count them).
    pub fn set_metric_callback<F>(&mut self, callback: F)
    where
        F: Fn(&sea_orm::metric::Info<'_>) + Send + Sync + 'static,
    {
        let callback = std::sync::Arc::new(callback);
        let for_reads = callback.clone();
        self.read.set_metric_callback(move |info| for_reads(info));
        self.write.set_metric_callback(move |info| callback(info));
    }

    /// Closes both sides; requests then fail as in an outage (the tests use it).
    pub async fn close_by_ref(&self) -> Result<(), DbErr> {
        self.read.close_by_ref().await?;
        self.write.close_by_ref().await
    }

    fn route(&self, sql: &str) -> &DatabaseConnection {
        if is_read(sql) {
            &self.read
        } else {
            &self.write
        }
    }
}

/// SQLite takes its write lock at BEGIN (`BEGIN IMMEDIATE`): a deferred transaction
/// that reads first and writes later can fail with "database is locked" no matter the
/// busy timeout. PostgreSQL ignores the mode.
pub(super) fn immediate_on_sqlite() -> TransactionOptions {
    TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    }
}

/// A statement that only reads. `INSERT … RETURNING` comes through the query methods
/// too, so the verb decides, not the method. (`SELECT … FOR UPDATE` runs only inside
/// transactions, and on PostgreSQL both sides are one pool anyway.)
fn is_read(sql: &str) -> bool {
    let head = sql.trim_start();
    let starts = |verb: &str| {
        head.get(..verb.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(verb))
    };
    if starts("SELECT") || starts("EXPLAIN") {
        return true;
    }
    // `WITH … INSERT/UPDATE/DELETE` writes.
    starts("WITH") && {
        let upper = head.to_ascii_uppercase();
        !["INSERT ", "UPDATE ", "DELETE "]
            .iter()
            .any(|w| upper.contains(w))
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.route(&stmt.sql).execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.route(sql).execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.route(&stmt.sql).query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.route(&stmt.sql).query_all_raw(stmt).await
    }
}

#[cfg(test)]
mod tests {
    use super::is_read;

    #[test]
    fn reads_and_writes_are_told_apart() {
        assert!(is_read("SELECT \"id\" FROM \"action\" WHERE 1"));
        assert!(is_read("  select 1"));
        assert!(is_read("WITH t AS (SELECT 1) SELECT * FROM t"));
        assert!(!is_read(
            "INSERT INTO \"action\" VALUES (1) RETURNING \"id\""
        ));
        assert!(!is_read("UPDATE \"action\" SET \"state\" = 'x'"));
        assert!(!is_read("DELETE FROM \"action\""));
        assert!(!is_read(
            "WITH t AS (DELETE FROM a RETURNING id) SELECT * FROM t"
        ));
        assert!(!is_read("PRAGMA wal_checkpoint"));
    }
}
