//! The append-only history, as one hash chain per entity.
//!
//! Why per entity: a single global chain needs every append to know the one previous
//! hash, so every transition of every entity queued on one lock until COMMIT (issue 8:
//! 5.2–5.7 of 5.8 active PostgreSQL sessions waited on it). Here an event's
//! `hash = sha256(prev_hash ‖ canonical event)` where `prev_hash` is the previous
//! event *of the same entity* (genesis: 64 zeros), and the entity's head (newest hash
//! and event count) lives in `history_heads`, updated in the appending transaction.
//! The append locks only that head row (an upsert), after the entity row the
//! transition runner already holds, so appends for different entities never wait for
//! each other and appends for one entity queue exactly as its transitions already do.
//! PostgreSQL does all of it in one statement, hashing in SQL (`chained_in_sql`); SQLite
//! reads the head and chains in Rust, its single writer serialising appends anyway.
//!
//! Checkpoints (`history_checkpoints`, written by `concord audit checkpoint` or
//! `POST /api/v1/audit/checkpoint`, only after a clean verify) chain the heads:
//! `hash = sha256(prev checkpoint ‖ at ‖ heads changed since it)`.
//!
//! What `verify` detects, and how:
//! - altered event (any hashed field): its hash no longer matches its content;
//!   re-hashing it breaks the next event's `prev_hash`, or the head.
//! - deleted event in the middle: the next event's `prev_hash` names a missing hash.
//! - reordered events (of one entity): the first one out of place has the wrong
//!   `prev_hash`. Moving an event to another entity changes its hashed entity id.
//! - truncated tail: the chain ends before the head's hash and count.
//! - truncated tail *and* head rolled back, or an entity's whole history deleted
//!   (events and head): caught if a checkpoint sealed that entity's longer head — the
//!   sealed head must be a prefix of today's chain; a missing entity is named.
//! - events with no head row, a broken or edited checkpoint: named as such.
//!
//! What it does not protect against: someone with write access who rewrites
//! consistently (events, heads) everything after the newest checkpoint, or who also
//! deletes or rewrites the newest checkpoints. Only a checkpoint hash kept outside the
//! database (the CLI prints it; verify reports the newest) pins history up to it.
//! Nor does it order events of *different* entities against each other: each chain
//! orders its own; their `at` times are hashed but not chained across entities.
use crate::store::Db;
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QueryTrait, Statement, Value,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::entities::event;
use super::{Page, PageRequest, limited};

pub mod tables;
mod verify;

pub use verify::{CheckpointRef, EntityRef, Problem, VerifyReport, checkpoint, verify, verify_in};

use tables::head;

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, before it is chained.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub entity_kind: &'static str,
    pub entity_id: Uuid,
    pub transition: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub actor_id: Option<Uuid>,
    pub reason: Option<String>,
    pub data: serde_json::Value,
    /// The dialogue the entity belongs to, if any: where its dialogue's history finds
    /// it. Not hashed (see the `event_dialogues` migration).
    pub project_id: Option<Uuid>,
}

/// The exact bytes that are hashed, in a fixed field order. The migration
/// `m20261130_140000_history_per_entity` holds a copy; a test checks they agree.
#[derive(Serialize)]
struct Canonical<'a> {
    id: Uuid,
    entity_kind: &'a str,
    entity_id: Uuid,
    transition: &'a str,
    from_state: Option<&'a str>,
    to_state: Option<&'a str>,
    actor_id: Option<Uuid>,
    reason: Option<&'a str>,
    data: &'a str,
    at: String,
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

fn chain_hash(prev_hash: &str, row: &Canonical<'_>) -> String {
    sha256_hex(&[prev_hash.as_bytes(), &canonical_bytes(row)])
}

/// What is hashed after the previous hash: the row's canonical JSON.
fn canonical_bytes(row: &Canonical<'_>) -> Vec<u8> {
    // Serialising a struct of strings, ids and options cannot fail.
    serde_json::to_vec(row).unwrap_or_default()
}

fn canonical_at(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn canonical_of(model: &event::Model) -> Canonical<'_> {
    Canonical {
        id: model.id,
        entity_kind: &model.entity_kind,
        entity_id: model.entity_id,
        transition: &model.transition,
        from_state: model.from_state.as_deref(),
        to_state: model.to_state.as_deref(),
        actor_id: model.actor_id,
        reason: model.reason.as_deref(),
        data: &model.data,
        at: canonical_at(model.at),
    }
}

/// Appends one event to its entity's chain inside the caller's write transaction, and
/// answers its id.
pub async fn append(txn: &DatabaseTransaction, new: NewEvent) -> Result<Uuid, DbErr> {
    let mut model = unchained(new);
    if txn.get_database_backend() == DbBackend::Postgres
        && txn
            .execute_raw(chained_in_sql(&model))
            .await?
            .rows_affected()
            == 1
    {
        return Ok(model.id);
    }
    // SQLite (which has no SHA-256 in SQL), or a PostgreSQL head that moved on under
    // the statement above: read the head, then chain here.
    let head = lock_head(txn, &model.entity_kind, model.entity_id).await?;
    model.prev_hash = head.head_hash;
    let id = model.id;
    let [insert, advance] = chained_after(model, txn.get_database_backend());
    txn.execute_raw(insert).await?;
    txn.execute_raw(advance).await?;
    Ok(id)
}

/// The head hash of the entity whose row a statement reads, as a column named
/// [`HEAD_HASH`] to select beside the row, so that a transition on SQLite learns its
/// chain's head with its lock instead of in a trip of its own (issue 8: the single
/// writer's turns are mostly trips). NULL when the entity has no history yet.
pub fn head_hash_of(entity_kind: &str, entity_id: Uuid) -> Expr {
    Expr::cust_with_values(
        r#"(SELECT "head_hash" FROM "history_heads" WHERE "entity_kind" = ? AND "entity_id" = ?)"#,
        [Value::from(entity_kind), Value::from(entity_id)],
    )
}

/// The alias of [`head_hash_of`]'s column.
pub const HEAD_HASH: &str = "history_head_hash";

/// Appends one event after `head` (its entity's head hash, read earlier in this write
/// transaction by [`head_hash_of`]) and runs `alongside` (an update of exactly one
/// row: the transition's own) in the same trip to the database: the three statements
/// go as one. The head advances only if it still is `head`; should anything have
/// appended to the entity since it was read, nothing is left half-done: the error
/// rolls the caller's transaction back. SQLite only: PostgreSQL chains in SQL.
pub async fn append_after(
    txn: &DatabaseTransaction,
    head: String,
    new: NewEvent,
    alongside: Statement,
) -> Result<Uuid, DbErr> {
    let mut model = unchained(new);
    model.prev_hash = head;
    let (id, kind, entity) = (model.id, model.entity_kind.clone(), model.entity_id);
    let [insert, advance] = chained_after(model, DbBackend::Sqlite);
    let trip = one_trip([alongside, insert, advance]);
    match txn.execute_raw(trip).await?.rows_affected() {
        3 => Ok(id),
        _ => Err(DbErr::Custom(format!(
            "the history head of {kind} {entity} moved during its transition"
        ))),
    }
}

/// SQLite statements sent as one: the driver runs them in order and binds the values
/// of each in turn (its `?` parameters are positional), and the rows they change add up.
fn one_trip<const N: usize>(statements: [Statement; N]) -> Statement {
    let mut sql = Vec::with_capacity(N);
    let mut values = Vec::new();
    for statement in statements {
        sql.push(statement.sql);
        values.extend(statement.values.map(|v| v.0).unwrap_or_default());
    }
    Statement::from_sql_and_values(DbBackend::Sqlite, sql.join(";\n"), values)
}

/// `model` hashed after its `prev_hash`: the event's insert, and its head's advance,
/// which changes the head only if it still is `prev_hash`.
fn chained_after(mut model: event::Model, backend: DbBackend) -> [Statement; 2] {
    model.hash = chain_hash(&model.prev_hash, &canonical_of(&model));
    let advance = head::Entity::update_many()
        .col_expr(head::Column::HeadHash, Expr::value(model.hash.clone()))
        .col_expr(
            head::Column::EventCount,
            Expr::col(head::Column::EventCount).add(1),
        )
        .filter(head::Column::EntityKind.eq(model.entity_kind.clone()))
        .filter(head::Column::EntityId.eq(model.entity_id))
        .filter(head::Column::HeadHash.eq(model.prev_hash.clone()));
    let insert = event::Entity::insert(event::ActiveModel {
        seq: NotSet,
        id: Set(model.id),
        entity_kind: Set(model.entity_kind),
        entity_id: Set(model.entity_id),
        transition: Set(model.transition),
        from_state: Set(model.from_state),
        to_state: Set(model.to_state),
        actor_id: Set(model.actor_id),
        reason: Set(model.reason),
        data: Set(model.data),
        at: Set(model.at),
        prev_hash: Set(model.prev_hash),
        hash: Set(model.hash),
        project_id: Set(model.project_id),
    });
    [insert.build(backend), advance.build(backend)]
}

/// `new` as a row, stamped now, before it is chained.
fn unchained(new: NewEvent) -> event::Model {
    event::Model {
        seq: 0,
        id: Uuid::now_v7(),
        entity_kind: new.entity_kind.to_owned(),
        entity_id: new.entity_id,
        transition: new.transition,
        from_state: new.from_state,
        to_state: new.to_state,
        actor_id: new.actor_id,
        reason: new.reason,
        data: new.data.to_string(),
        at: super::now(),
        prev_hash: String::new(),
        hash: String::new(),
        project_id: new.project_id,
    }
}

/// PostgreSQL appends in one statement (issue 8 counts a transition's round trips;
/// this was two, the head's lock and then the event with the new head): it locks the
/// head, chains the event with the same `sha256(prev_hash ‖ canonical event)` that
/// `chain_hash` computes (the canonical bytes are made here, so the SQL only
/// concatenates and hashes), advances the head and inserts the event. A first event
/// inserts the head. The head advances only if it still is the hash chained from, so
/// a concurrent first append for the same new entity cannot fork the chain: then the
/// statement writes nothing and answers 0 rows, and `append` chains again the slow
/// way.
fn chained_in_sql(model: &event::Model) -> Statement {
    let canonical = canonical_bytes(&canonical_of(model));
    let sql = format!(
        r#"WITH "prior" AS (
    SELECT "head_hash" FROM "history_heads"
    WHERE "entity_kind" = $1 AND "entity_id" = $2 FOR UPDATE
), "chained" AS (
    SELECT COALESCE((SELECT "head_hash" FROM "prior"), '{GENESIS_HASH}') AS "prev"
), "advanced" AS (
    INSERT INTO "history_heads" ("entity_kind", "entity_id", "head_hash", "event_count")
    SELECT $1, $2, encode(sha256(convert_to("prev", 'UTF8') || $3), 'hex'), 1 FROM "chained"
    ON CONFLICT ("entity_kind", "entity_id") DO UPDATE
    SET "head_hash" = EXCLUDED."head_hash", "event_count" = "history_heads"."event_count" + 1
    WHERE "history_heads"."head_hash" = (SELECT "prev" FROM "chained")
    RETURNING "head_hash"
)
INSERT INTO "events" ("id", "entity_kind", "entity_id", "transition", "from_state",
    "to_state", "actor_id", "reason", "data", "at", "prev_hash", "hash", "project_id")
SELECT $4, $1, $2, $5, $6, $7, $8, $9, $10, $11, "chained"."prev", "advanced"."head_hash", $12
FROM "chained", "advanced""#
    );
    Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [
            model.entity_kind.clone().into(),
            model.entity_id.into(),
            canonical.into(),
            model.id.into(),
            model.transition.clone().into(),
            model.from_state.clone().into(),
            model.to_state.clone().into(),
            model.actor_id.into(),
            model.reason.clone().into(),
            model.data.clone().into(),
            model.at.into(),
            model.project_id.into(),
        ],
    )
}

/// The entity's head, locked until the transaction ends. One statement whether or not
/// the entity has history yet: the no-op `DO UPDATE` takes the row lock (PostgreSQL
/// waits there for a concurrent append to the same entity and then sees its head), and
/// a first event for a new entity inserts the genesis head instead of racing a
/// read-then-insert.
async fn lock_head(
    txn: &DatabaseTransaction,
    entity_kind: &str,
    entity_id: Uuid,
) -> Result<head::Model, DbErr> {
    let genesis = head::ActiveModel {
        entity_kind: Set(entity_kind.to_owned()),
        entity_id: Set(entity_id),
        head_hash: Set(GENESIS_HASH.to_owned()),
        event_count: Set(0),
    };
    head::Entity::insert(genesis)
        .on_conflict(
            OnConflict::columns([head::Column::EntityKind, head::Column::EntityId])
                .update_column(head::Column::EntityKind)
                .to_owned(),
        )
        .exec_with_returning(txn)
        .await
}

/// One page of an entity's history, oldest first, after the event `page.after` (an
/// event id, as lists take a row id). `None` when that cursor is not an event of this
/// entity. Served by the (entity_kind, entity_id, seq) index, so a page costs the same
/// however long the history grows.
pub async fn page_for_entity(
    db: &Db,
    entity_kind: &str,
    entity_id: Uuid,
    page: PageRequest,
) -> Result<Option<Page<event::Model>>, DbErr> {
    let of_entity = || {
        event::Entity::find()
            .filter(event::Column::EntityKind.eq(entity_kind))
            .filter(event::Column::EntityId.eq(entity_id))
    };
    let mut query = of_entity().order_by_asc(event::Column::Seq);
    if let Some(after) = page.after {
        let Some(cursor) = of_entity()
            .filter(event::Column::Id.eq(after))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        query = query.filter(event::Column::Seq.gt(cursor.seq));
    }
    let mut items = limited(db.get_database_backend(), query, page.limit + 1)
        .all(db)
        .await?;
    let next_cursor = if items.len() as u64 > page.limit {
        items.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
        items.last().map(|e| e.id)
    } else {
        None
    };
    Ok(Some(Page { items, next_cursor }))
}
