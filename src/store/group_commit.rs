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
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    ExecResult, QueryResult, RuntimeErr, Statement, TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

/// How a batch ended: `None` while it is open, then its commit's outcome (shared by
/// every writer in the batch).
type Outcome = Option<Result<(), Arc<DbErr>>>;

/// The batch open on SQLite's one writer connection, and the writers' turns at it.
#[derive(Clone)]
pub struct GroupCommit {
    batch: Arc<Mutex<Option<Batch>>>,
    /// How long a writer waits for its turn, as it waited for the pool before: a
    /// database that is stuck then answers 503, not never.
    wait: Duration,
    /// Batches committed so far (the tests see that writers share them).
    committed: Arc<AtomicU64>,
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
    pub fn new(wait: Duration) -> Self {
        Self {
            batch: Arc::new(Mutex::new(None)),
            wait,
            committed: Arc::default(),
        }
    }

    pub fn batches_committed(&self) -> u64 {
        self.committed.load(Ordering::Relaxed)
    }

    /// Waits for the writer, then begins a savepoint in the open batch (opening one,
    /// `BEGIN IMMEDIATE` on `writer`, if none is). `writer` is SQLite's pool of one
    /// connection, passed each time so that statements are counted as the `Db`'s are.
    pub async fn begin(&self, writer: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
        let mut turn = tokio::time::timeout(self.wait, self.batch.clone().lock_owned())
            .await
            .map_err(|_| DbErr::ConnectionAcquire(ConnAcquireErr::Timeout))?;
        let batch = match turn.take() {
            Some(open) => turn.insert(open),
            None => {
                let txn = writer
                    .begin_with_options(super::db::immediate_on_sqlite())
                    .await?;
                let (outcome, _) = watch::channel(None);
                // Queued behind this writer and every writer waiting now: they all join
                // the batch before it commits; later ones open the next.
                tokio::spawn(commit_batch(self.batch.clone(), self.committed.clone()));
                turn.insert(Batch { txn, outcome })
            }
        };
        let outcome = batch.outcome.subscribe();
        let savepoint = batch.txn.begin().await?;
        Ok(WriteTxn {
            txn: savepoint,
            member: Some(Member { turn, outcome }),
        })
    }
}

/// Commits the open batch and tells its writers how that went.
async fn commit_batch(batch: Arc<Mutex<Option<Batch>>>, committed: Arc<AtomicU64>) {
    let Some(Batch { txn, outcome }) = batch.lock().await.take() else {
        return;
    };
    let result = txn.commit().await.map_err(Arc::new);
    match &result {
        Ok(()) => {
            committed.fetch_add(1, Ordering::Relaxed);
        }
        Err(e) => tracing::error!(error = %e, "a write batch failed to commit"),
    }
    outcome.send_replace(Some(result));
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
