//! Group commit for SQLite's one writer.
//!
//! With `PRAGMA synchronous = FULL` every SQLite commit waits for the disk, and with one
//! writer connection (`db.rs`) those waits come one after another: under 16 writers a
//! transition's p99 was mostly other transitions' flushes (issue 8). PostgreSQL
//! shares one flush among the commits that arrive together; this does the same for
//! SQLite. Writers still take the writer one at a time, in order, but each runs in a
//! savepoint inside a transaction they share (a batch); the batch commits — one flush —
//! once every writer that was already waiting when it opened has had its turn. No
//! writer answers before the batch holding its work is on disk, so a committed answer
//! is as durable as before, and a writer that fails rolls back its own savepoint only.
//!
//! The batch is committed by a task of its own, queued on the writer when the batch
//! opens: it runs however the writers in it end (answered, failed or cancelled), so a
//! batch never stays open waiting for a writer that has gone.
//!
//! Checkpoints (copying the write-ahead log into the database file, with flushes of
//! both) are taken off the writer's path too. SQLite runs one inside the commit that
//! takes the log past 1,000 pages, and every writer queued behind that commit waited
//! for it: most of the transitions' p99. So the writer's automatic checkpoints are
//! off (`wal_autocheckpoint = 0`, see `store::connect`), and every
//! [`CHECKPOINT_EVERY`] batches a task copies the log on a reader connection while
//! the writer goes on. A log is only started over from its beginning once it is
//! copied whole, which a copy made beside a busy writer never quite is; so when the
//! log has grown past [`REWIND_AT`] pages, the batch's committer, after answering
//! its writers, copies the rest (little, by then) before the next batch begins.
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::{self, SqlitePool};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    ExecResult, QueryResult, RuntimeErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

/// Batches between two checkpoints: a batch is a few pages per writer in it, so the
/// log stays at a few thousand pages under load.
const CHECKPOINT_EVERY: u64 = 16;

/// The log's length, in pages, past which it is copied to its end between two
/// batches: SQLite's own automatic checkpoint is at 1,000.
const REWIND_AT: i64 = 1000;

/// How a batch ended: `None` while it is open, then its commit's outcome (shared by
/// every writer in the batch).
type Outcome = Option<Result<(), Arc<DbErr>>>;

/// The one SQLite writer connection and the batch open on it.
#[derive(Clone)]
pub struct GroupCommit {
    batch: Arc<Mutex<Option<Batch>>>,
    /// How long a writer waits for its turn, as it waited for the pool before: a
    /// database that is stuck then answers 503, not never.
    wait: Duration,
    /// Batches committed so far (the tests see that writers share them).
    committed: Arc<AtomicU64>,
    checkpoints: Arc<Checkpoints>,
}

/// Where checkpoints run, whether one is running, and the log's length as the last
/// one found it.
struct Checkpoints {
    readers: SqlitePool,
    writer: SqlitePool,
    running: AtomicBool,
    log_pages: AtomicI64,
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupCommit")
    }
}

/// The shared transaction, and where its writers learn how it ended.
struct Batch {
    txn: DatabaseTransaction,
    outcome: watch::Sender<Outcome>,
}

impl GroupCommit {
    /// `writer` is an SQLite pool of one connection; `readers` the pool that the
    /// checkpoints run on beside it.
    pub fn new(writer: &DatabaseConnection, readers: SqlitePool, wait: Duration) -> Self {
        Self {
            batch: Arc::new(Mutex::new(None)),
            wait,
            committed: Arc::default(),
            checkpoints: Arc::new(Checkpoints {
                readers,
                writer: writer.get_sqlite_connection_pool().clone(),
                running: AtomicBool::new(false),
                log_pages: AtomicI64::new(0),
            }),
        }
    }

    pub fn batches_committed(&self) -> u64 {
        self.committed.load(Ordering::Relaxed)
    }

    /// Waits for the writer, then begins a savepoint in the open batch (opening one,
    /// `BEGIN IMMEDIATE` on `writer`, if none is). `writer` is the pool given to `new`,
    /// passed each time so that statements are counted as the `Db`'s are.
    pub async fn begin(&self, writer: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
        let mut turn = tokio::time::timeout(self.wait, self.batch.clone().lock_owned())
            .await
            .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::Timeout))?;
        if turn.is_none() {
            let txn = writer
                .begin_with_options(TransactionOptions {
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                    ..Default::default()
                })
                .await?;
            let (outcome, _) = watch::channel(None);
            *turn = Some(Batch { txn, outcome });
            // Queued behind this writer and every writer waiting now: they all join
            // the batch before it commits; later ones open the next.
            tokio::spawn(commit_batch(
                self.batch.clone(),
                self.committed.clone(),
                self.checkpoints.clone(),
            ));
        }
        let Some(batch) = turn.as_ref() else {
            return Err(DbErr::Custom("the write batch vanished".to_owned()));
        };
        let outcome = batch.outcome.subscribe();
        let savepoint = batch.txn.begin().await?;
        Ok(WriteTxn {
            txn: savepoint,
            member: Some(Member { turn, outcome }),
        })
    }
}

/// Commits the open batch and tells its writers how that went; then, holding the
/// writer until done, copies the rest of a long log.
async fn commit_batch(
    batch: Arc<Mutex<Option<Batch>>>,
    committed: Arc<AtomicU64>,
    checkpoints: Arc<Checkpoints>,
) {
    let mut turn = batch.lock().await;
    let Some(Batch { txn, outcome }) = turn.take() else {
        return;
    };
    let result = txn.commit().await.map_err(Arc::new);
    let Err(e) = &result else {
        outcome.send_replace(Some(result));
        let batches = committed.fetch_add(1, Ordering::Relaxed) + 1;
        if checkpoints.log_pages.load(Ordering::Acquire) > REWIND_AT {
            checkpoints.run(&checkpoints.writer, true).await;
        } else if batches.is_multiple_of(CHECKPOINT_EVERY) {
            checkpoints.start();
        }
        return;
    };
    tracing::error!(error = %e, "a write batch failed to commit");
    outcome.send_replace(Some(result));
}

impl Checkpoints {
    /// Starts a checkpoint on a reader connection, unless one is running.
    fn start(self: &Arc<Self>) {
        if self.running.swap(true, Ordering::AcqRel) {
            return;
        }
        let checkpoints = self.clone();
        tokio::spawn(async move {
            checkpoints.run(&checkpoints.readers, false).await;
            checkpoints.running.store(false, Ordering::Release);
        });
    }

    /// A passive checkpoint (it copies what no reader still needs, and waits for no
    /// one) on `pool`; notes how long the log is. `alone`: no writer runs meanwhile,
    /// so a log copied whole is started over by the next one.
    async fn run(&self, pool: &SqlitePool, alone: bool) {
        // Through sqlx, not sea-orm: upkeep, not a request's statement (the tests
        // count those).
        let done: Result<(i64, i64, i64), _> = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(pool)
            .await;
        match done {
            // The log's pages, and how many of them are copied (beside a writer, by the
            // time this returns, the log is longer than both).
            Ok((_, log, copied)) => {
                let left = if alone && copied == log { 0 } else { log };
                self.log_pages.store(left, Ordering::Release);
            }
            Err(e) => tracing::warn!(error = %e, "a checkpoint of the write-ahead log failed"),
        }
    }
}

/// A write transaction: a plain one (PostgreSQL, or SQLite in memory), or a writer's
/// savepoint in a batch. Dereferences to the transaction to run statements on; end it
/// with [`WriteTxn::commit`], or drop it to roll its changes back.
pub struct WriteTxn {
    // Declared before `member`: fields drop in order, so an abandoned savepoint's
    // rollback is queued on the connection before the writer is handed on.
    txn: DatabaseTransaction,
    member: Option<Member>,
}

/// A writer's turn on the batch, and how it learns the batch's outcome.
struct Member {
    turn: OwnedMutexGuard<Option<Batch>>,
    outcome: watch::Receiver<Outcome>,
}

impl WriteTxn {
    pub fn plain(txn: DatabaseTransaction) -> Self {
        Self { txn, member: None }
    }

    /// Commits; in a batch, returns once the batch is on disk.
    pub async fn commit(self) -> Result<(), DbErr> {
        let WriteTxn { txn, member } = self;
        txn.commit().await?;
        let Some(Member { turn, mut outcome }) = member else {
            return Ok(());
        };
        drop(turn);
        let ended = outcome
            .wait_for(Option::is_some)
            .await
            .map_err(|_| DbErr::Custom("the write batch was abandoned".to_owned()))?;
        match ended.as_ref() {
            Some(Ok(())) => Ok(()),
            // A full disk is still an outage (503) for every writer in the batch.
            Some(Err(e)) if super::outage::is_outage(e) => Err(DbErr::Conn(RuntimeErr::Internal(
                format!("the write batch failed: {e}"),
            ))),
            Some(Err(e)) => Err(DbErr::Custom(format!("the write batch failed: {e}"))),
            None => Err(DbErr::Custom("the write batch did not end".to_owned())),
        }
    }

    /// Rolls the changes back now (dropping does the same, a moment later).
    pub async fn rollback(self) -> Result<(), DbErr> {
        let WriteTxn { txn, member } = self;
        let rolled_back = txn.rollback().await;
        drop(member);
        rolled_back
    }
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

/// Statements go to the transaction (or savepoint), so that a `WriteTxn` is passed
/// wherever a connection is.
#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::ConnectionTrait;
    use sea_orm::sqlx;

    use crate::config::{DatabaseSettings, SqliteSync};
    use crate::store::{begin_write, connect};

    /// Without the writer's automatic checkpoints, nothing but the ones started here
    /// keeps the log from growing with every commit: 3,000 commits of a row each write
    /// about 6,500 pages to it (a row's page and its index's).
    #[tokio::test]
    async fn the_log_is_copied_and_started_over_beside_the_writer() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("concord.db");
        let settings = DatabaseSettings {
            url: format!("sqlite://{}?mode=rwc", file.display()),
            max_connections: 4,
            sqlite_busy_timeout_ms: 5000,
            acquire_timeout_ms: 5000,
            sqlite_max_page_count: None,
            sqlite_cache_kib: 1024,
            sqlite_readers: None,
            sqlite_synchronous: SqliteSync::Normal,
        };
        let db = connect(&settings).await?;
        let automatic: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(db.writer().get_sqlite_connection_pool())
            .await?;
        assert_eq!(automatic, 0, "the writer checkpoints in its own commits");
        db.execute_unprepared("CREATE TABLE probe (n INTEGER PRIMARY KEY, text TEXT)")
            .await?;
        // A second page written by every commit: the index's.
        db.execute_unprepared("CREATE INDEX probe_text ON probe (text)")
            .await?;
        for n in 0..3000 {
            let txn = begin_write(&db).await?;
            txn.execute_unprepared(&format!("INSERT INTO probe VALUES ({n}, 'row {n}')"))
                .await?;
            txn.commit().await?;
        }
        let log = std::fs::metadata(dir.path().join("concord.db-wal"))?.len();
        let pages = log / 4096;
        assert!(
            pages < 3 * super::REWIND_AT.unsigned_abs(),
            "the log holds {pages} pages after 3,000 commits"
        );
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM probe")
            .fetch_one(db.reader().get_sqlite_connection_pool())
            .await?;
        assert_eq!(rows, 3000);
        Ok(())
    }
}
