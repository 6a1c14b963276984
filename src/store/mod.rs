//! Persistence: the connection, migrations, and the transactional operations.
pub mod accounts;
pub mod actions;
pub mod attention;
pub mod calendar_feeds;
pub mod counts;
pub mod create;
mod db;
pub mod entities;
mod errors;
pub mod exports;
pub mod governments;
mod group_commit;
pub mod history;
pub mod instance_secrets;
pub mod names;
pub mod one_time_tokens;
pub mod outage;
pub mod outbox;
pub mod phases;
pub mod projects;
pub mod readiness;
pub mod records;
pub mod reminders;
pub mod reporting;
pub mod revisions;
pub mod runner;
pub mod sessions;
pub mod throttles;
pub mod tokens;
pub mod understandings;
pub mod users;
pub mod workflow;
pub mod workshop_records;
pub mod workshops;

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::{DatabaseSettings, SqliteSync, redact_url_password};

pub use db::Db;
pub use group_commit::WriteTxn;

/// Opens the database. SQLite gets WAL (readers never wait for the writer), foreign
/// keys, a busy timeout, and a pool of readers beside one writer connection (see
/// `db.rs`); PostgreSQL one pool for both.
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<Db> {
    let url = settings.url.as_str();
    if !(url.starts_with("sqlite:")
        || url.starts_with("postgres:")
        || url.starts_with("postgresql:"))
    {
        anyhow::bail!("unsupported database URL `{url}`: use sqlite://… or postgres://…");
    }
    let parent = sqlite_file_path(url).and_then(|path| std::path::Path::new(path).parent());
    if let Some(parent) = parent.filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    let acquire = Duration::from_millis(settings.acquire_timeout_ms);
    if url.starts_with("sqlite:") && sqlite_file_path(url).is_some() {
        // The writer first: it creates the file, and WAL mode is set before readers
        // open. Writers queue for the one connection instead of in SQLite's busy loop,
        // so they may wait as long as the busy timeout allowed them before.
        let busy = Duration::from_millis(settings.sqlite_busy_timeout_ms);
        let wait = acquire.max(busy);
        let write = open_pool(settings, 1, wait).await?;
        let read = open_pool(settings, settings.sqlite_reader_count(), acquire).await?;
        return Ok(Db::split(read, write, wait));
    }
    Ok(Db::shared(
        open_pool(settings, settings.max_connections, acquire).await?,
    ))
}

async fn open_pool(
    settings: &DatabaseSettings,
    max_connections: u32,
    acquire_timeout: Duration,
) -> anyhow::Result<DatabaseConnection> {
    let url = settings.url.as_str();
    let busy_timeout = Duration::from_millis(settings.sqlite_busy_timeout_ms);
    let max_page_count = settings.sqlite_max_page_count;
    // Negative: a size in KiB rather than a number of pages.
    let cache_size = format!("-{}", settings.sqlite_cache_kib);
    let synchronous = match settings.sqlite_synchronous {
        SqliteSync::Normal => SqliteSynchronous::Normal,
        SqliteSync::Full => SqliteSynchronous::Full,
    };
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .connect_timeout(acquire_timeout)
        .acquire_timeout(acquire_timeout)
        .sqlx_logging(false)
        // sqlx pings every connection it hands out and again every one given back: two
        // round trips to the database per statement, most of a list's cost (issue 8).
        // The ping on release stays (sqlx always makes it); the one on acquire is made
        // only for a connection idle long enough for the server to have dropped it
        // (a PostgreSQL restart, an idle timeout in between).
        .test_before_acquire_if_idle_for(IDLE_BEFORE_PING)
        .map_sqlx_sqlite_opts(move |opts| {
            let opts = opts
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(synchronous)
                .foreign_keys(true)
                .busy_timeout(busy_timeout)
                .create_if_missing(true)
                // Each connection caches pages in its own memory: at SQLite's 2 MB
                // default, 11 connections may hold 22 MB, a third of issue 8's cap.
                .pragma("cache_size", cache_size.clone());
            // A per-connection setting, so every pooled connection gets it.
            match max_page_count {
                Some(pages) => opts.pragma("max_page_count", pages.to_string()),
                None => opts,
            }
        })
        .map_sqlx_sqlite_before_acquire(discard_if_in_transaction);
    Database::connect(options).await.with_context(|| {
        format!(
            "cannot connect to the database at {}",
            redact_url_password(url)
        )
    })
}

/// Checked as an idle SQLite connection is handed out. When ENOSPC or an I/O error
/// hits a write, SQLite rolls the whole transaction back by itself; the ROLLBACK sqlx
/// sends afterwards then fails, and sqlx still counts an open transaction. Reused, such
/// a connection gives its next user a SAVEPOINT instead of `BEGIN IMMEDIATE`: a request
/// refused inside it leaves the transaction open and holding the write lock ("database
/// is locked" for every other writer, until a restart), and later writes nest inside it
/// and are never committed (a 404 when read back elsewhere). So a connection that still
/// counts a transaction is closed instead — closing rolls back and frees any lock — and
/// the pool opens a fresh one.
///
/// Checked here, not as the connection is given back: sqlx pings a returned connection
/// before it goes idle, and that ping is queued after any rollback of a dropped
/// transaction, so by now the count is settled and reading it costs no round trip.
fn discard_if_in_transaction(
    conn: &mut sea_orm::sqlx::SqliteConnection,
    _: sea_orm::sqlx::pool::PoolConnectionMetadata,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<bool, sea_orm::sqlx::Error>> + Send + '_>,
> {
    use sea_orm::sqlx::Connection;
    let stuck = conn.is_in_transaction();
    if stuck {
        tracing::warn!("closing a database connection left inside a transaction");
    }
    Box::pin(std::future::ready(Ok(!stuck)))
}

/// How long a pooled connection may sit idle before it is pinged as it is handed out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

pub async fn migrate(db: &Db) -> anyhow::Result<()> {
    Migrator::up(db.writer(), None)
        .await
        .context("database migration failed")
}

/// Starts a transaction that will write. On SQLite it runs on the one writer
/// connection, so writers queue in the process, and it takes the write lock at BEGIN
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later can
/// fail with "database is locked" no matter the busy timeout.
pub async fn begin_write(db: &Db) -> Result<WriteTxn, DbErr> {
    db.begin_write().await
}

/// The current time at the database's precision (microseconds), so that a value
/// written and read back compares, and hashes, the same.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

fn sqlite_file_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Rows of a batch query keyed by their parent, so a page's children come from one
/// query instead of one per parent.
pub fn group_by_parent<T>(
    rows: Vec<T>,
    parent: impl Fn(&T) -> uuid::Uuid,
) -> std::collections::HashMap<uuid::Uuid, Vec<T>> {
    let mut grouped: std::collections::HashMap<uuid::Uuid, Vec<T>> =
        std::collections::HashMap::new();
    for row in rows {
        grouped.entry(parent(&row)).or_default().push(row);
    }
    grouped
}

/// A keyset page request: rows whose id (UUIDv7, so creation order) is after `after`.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub after: Option<uuid::Uuid>,
    pub limit: u64,
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<uuid::Uuid>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// One query per page: fetch one row more than asked to know whether another page follows.
pub async fn fetch_page<E, C>(
    db: &C,
    query: sea_orm::Select<E>,
    id_column: E::Column,
    request: PageRequest,
    id_of: fn(&E::Model) -> uuid::Uuid,
) -> Result<Page<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let page = ordered_after_cursor(query, id_column, request);
    let items = limited(db.get_database_backend(), page, request.limit + 1)
        .all(db)
        .await?;
    Ok(Page::cut(items, request, id_of))
}

/// `query` with `LIMIT limit` written in (see [`with_limit`]), ready to run.
pub fn limited<E: sea_orm::EntityTrait>(
    backend: sea_orm::DbBackend,
    query: sea_orm::Select<E>,
    limit: u64,
) -> sea_orm::SelectorRaw<sea_orm::SelectModel<E::Model>> {
    use sea_orm::QueryTrait;
    E::find().from_raw_sql(with_limit(query.build(backend), limit))
}

/// `query` ordered by `id_column`, after the cursor of `request`, with no limit yet:
/// run it through [`limited`] or [`with_limit`] with one row more than the page (see
/// [`Page::cut`]), as [`fetch_page`] does.
pub fn ordered_after_cursor<E: sea_orm::EntityTrait>(
    query: sea_orm::Select<E>,
    id_column: E::Column,
    request: PageRequest,
) -> sea_orm::Select<E> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let query = query.order_by_asc(id_column);
    match request.after {
        Some(after) => query.filter(id_column.gt(after)),
        None => query,
    }
}

/// `statement` with `LIMIT limit` written into its text instead of bound. PostgreSQL
/// plans a prepared statement afresh at every execution for as long as a plan made
/// for the values looks cheaper than one made for any values, and not knowing a bound
/// limit, the plan for any values guesses a tenth of the table: so every list page
/// was planned again, at 10k actions a third of its time in the database (issue 8;
/// pgbench, the action list's statement: 4,300 a second bound, 6,200 written in).
/// The limit is a number of ours, never text from the request; each page size is a
/// statement of its own in the connection's cache.
pub fn with_limit(mut statement: sea_orm::Statement, limit: u64) -> sea_orm::Statement {
    statement.sql.push_str(&format!(" LIMIT {limit}"));
    statement
}

impl<T> Page<T> {
    /// The page of rows read with one more than `request` asks for (as [`fetch_page`]
    /// reads them): the extra row, if any, is dropped and the last kept row's id
    /// becomes the cursor.
    pub fn cut(mut items: Vec<T>, request: PageRequest, id_of: impl Fn(&T) -> uuid::Uuid) -> Self {
        let next_cursor = if items.len() as u64 > request.limit {
            items.truncate(request.limit as usize);
            items.last().map(id_of)
        } else {
            None
        };
        Page { items, next_cursor }
    }
}
