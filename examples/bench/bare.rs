//! The bare server: the same SQL as Concord's three measured endpoints, with no
//! authentication, no visibility rules, no workflow and no history chain. It is the
//! yardstick the ratios are taken against, so it is written the way a plain
//! axum + sea-orm service would be: one pool of 10 connections (Concord's default
//! `max_connections`; on SQLite Concord itself opens fewer readers, `sqlite_readers`),
//! SQLite in WAL mode with the same busy timeout, `BEGIN IMMEDIATE` for writes on
//! SQLite and `SELECT … FOR UPDATE` on PostgreSQL.
//!
//! - list: one SELECT of a page of a dialogue's actions by `(project_id, id)`;
//! - transition: BEGIN, SELECT the action, UPDATE state/version, INSERT a history row
//!   (into `bench_events`, see `tables.rs`), COMMIT — five statements;
//! - history: one SELECT of a page of an entity's events by `(entity_kind, entity_id, seq)`.
//!
//! The two page reads write their LIMIT into the SQL as Concord does (`store::limited`).
use std::time::Duration;

use anyhow::Context;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Index;
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    DbBackend, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Schema,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::tables::{action, bench_event, event};
use concord::store::limited;

const MAX_CONNECTIONS: u32 = 10;

pub async fn serve(database_url: &str, bind: &str) -> anyhow::Result<()> {
    let db = connect(database_url).await?;
    create_history_table(&db).await?;
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/projects/{id}/actions", get(list))
        .route("/api/v1/actions/{id}", get(read))
        .route("/api/v1/actions/{id}/transitions", post(transition))
        .route("/api/v1/actions/{id}/history", get(history))
        .with_state(db);
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("bare server: cannot bind {bind}"))?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// The pool as Concord configures its own, so that the ratio measures the code, not
/// the pool settings.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(Duration::from_secs(2))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(options)
        .await
        .with_context(|| format!("cannot connect to {url}"))
}

async fn create_history_table(db: &DatabaseConnection) -> Result<(), DbErr> {
    let schema = Schema::new(db.get_database_backend());
    let mut table = schema.create_table_from_entity(bench_event::Entity);
    db.execute(table.if_not_exists()).await?;
    let index = Index::create()
        .if_not_exists()
        .name("idx_bench_events_entity")
        .table(bench_event::Entity)
        .col(bench_event::Column::EntityKind)
        .col(bench_event::Column::EntityId)
        .col(bench_event::Column::Seq)
        .to_owned();
    db.execute(&index).await?;
    Ok(())
}

enum BareError {
    NotFound,
    Conflict,
    Unprocessable,
    Db(DbErr),
}

impl From<DbErr> for BareError {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

impl IntoResponse for BareError {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND.into_response(),
            Self::Conflict => StatusCode::CONFLICT.into_response(),
            Self::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
            Self::Db(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        }
    }
}

#[derive(Deserialize)]
struct PageQuery {
    limit: Option<u64>,
    cursor: Option<Uuid>,
}

impl PageQuery {
    fn limit(&self) -> u64 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }
}

#[derive(Serialize)]
struct PageBody<T> {
    items: Vec<T>,
    next_cursor: Option<Uuid>,
}

fn page_of<T>(mut items: Vec<T>, limit: u64, id: impl Fn(&T) -> Uuid) -> PageBody<T> {
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(id)
    } else {
        None
    };
    PageBody { items, next_cursor }
}

async fn list(
    State(db): State<DatabaseConnection>,
    Path(project_id): Path<Uuid>,
    Query(page): Query<PageQuery>,
) -> Result<Json<PageBody<action::Model>>, BareError> {
    let limit = page.limit();
    let mut query = action::Entity::find()
        .filter(action::Column::ProjectId.eq(project_id))
        .order_by_asc(action::Column::Id);
    if let Some(after) = page.cursor {
        query = query.filter(action::Column::Id.gt(after));
    }
    let rows = limited(db.get_database_backend(), query, limit + 1)
        .all(&db)
        .await?;
    Ok(Json(page_of(rows, limit, |a| a.id)))
}

async fn read(
    State(db): State<DatabaseConnection>,
    Path(id): Path<Uuid>,
) -> Result<Json<action::Model>, BareError> {
    action::Entity::find_by_id(id)
        .one(&db)
        .await?
        .map(Json)
        .ok_or(BareError::NotFound)
}

#[derive(Deserialize)]
struct TransitionBody {
    transition: String,
    version: i32,
    reason: Option<String>,
}

async fn transition(
    State(db): State<DatabaseConnection>,
    Path(id): Path<Uuid>,
    Json(body): Json<TransitionBody>,
) -> Result<Json<action::Model>, BareError> {
    let mode = match db.get_database_backend() {
        DbBackend::Sqlite => Some(SqliteTransactionMode::Immediate),
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: mode,
            ..Default::default()
        })
        .await?;
    let row = action::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(BareError::NotFound)?;
    if row.version != body.version {
        return Err(BareError::Conflict);
    }
    let to = match (body.transition.as_str(), row.state.as_str()) {
        ("block", "in_progress") => "blocked",
        ("unblock", "blocked") => "in_progress",
        _ => return Err(BareError::Unprocessable),
    };
    let now = now();
    let from = row.state.clone();
    let mut active = row.into_active_model();
    active.state = Set(to.to_owned());
    active.version = Set(body.version + 1);
    active.updated_at = Set(now);
    if body.transition == "block" {
        active.reason = Set(body.reason.clone());
    }
    let updated = active.update(&txn).await?;
    let data = format!("{{\"version\":{}}}", updated.version);
    // A hash of the row's content, so the row is as wide as Concord's; no chain.
    let hash = hex::encode(Sha256::digest(format!("{id}{to}{data}{now}").as_bytes()));
    bench_event::Entity::insert(bench_event::ActiveModel {
        seq: NotSet,
        id: Set(Uuid::now_v7()),
        entity_kind: Set("action".to_owned()),
        entity_id: Set(id),
        transition: Set(body.transition),
        from_state: Set(Some(from)),
        to_state: Set(Some(to.to_owned())),
        actor_id: Set(None),
        reason: Set(body.reason),
        data: Set(data),
        at: Set(now),
        prev_hash: Set(hash.clone()),
        hash: Set(hash),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(Json(updated))
}

#[derive(Serialize)]
struct HistoryItem {
    at: DateTime<Utc>,
    actor_id: Option<Uuid>,
    transition: String,
    from: Option<String>,
    to: Option<String>,
    reason: Option<String>,
    #[serde(skip)]
    id: Uuid,
}

async fn history(
    State(db): State<DatabaseConnection>,
    Path(id): Path<Uuid>,
    Query(page): Query<PageQuery>,
) -> Result<Json<PageBody<HistoryItem>>, BareError> {
    let limit = page.limit();
    let of_entity = || {
        event::Entity::find()
            .filter(event::Column::EntityKind.eq("action"))
            .filter(event::Column::EntityId.eq(id))
    };
    let mut query = of_entity().order_by_asc(event::Column::Seq);
    if let Some(after) = page.cursor {
        let cursor = of_entity()
            .filter(event::Column::Id.eq(after))
            .one(&db)
            .await?
            .ok_or(BareError::Unprocessable)?;
        query = query.filter(event::Column::Seq.gt(cursor.seq));
    }
    let items = limited(db.get_database_backend(), query, limit + 1)
        .all(&db)
        .await?
        .into_iter()
        .map(|e| HistoryItem {
            at: e.at,
            actor_id: e.actor_id,
            transition: e.transition,
            from: e.from_state,
            to: e.to_state,
            reason: e.reason,
            id: e.id,
        })
        .collect();
    Ok(Json(page_of(items, limit, |e| e.id)))
}

/// Microsecond precision, as the databases keep it.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}
