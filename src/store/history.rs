//! The append-only history: every event's hash covers the previous event's hash, so
//! altering, removing or reordering a row breaks the chain from there on.
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use sea_orm::{ColumnTrait, DatabaseConnection};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::entities::event;

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Arbitrary constant naming the PostgreSQL advisory lock that serialises appends.
const CHAIN_LOCK_KEY: i64 = 0x0063_6f6e_636f_7264;
const VERIFY_PAGE: u64 = 1000;

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
}

/// The exact bytes that are hashed, in a fixed field order.
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

fn chain_hash(prev_hash: &str, row: &Canonical<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    // Serialising a struct of strings, ids and options cannot fail.
    hasher.update(serde_json::to_vec(row).unwrap_or_default());
    hex::encode(hasher.finalize())
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

/// Appends one event inside the caller's write transaction.
pub async fn append(txn: &DatabaseTransaction, new: NewEvent) -> Result<event::Model, DbErr> {
    // SQLite serialises writers at BEGIN IMMEDIATE; PostgreSQL needs this lock so two
    // transactions never chain onto the same previous hash.
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [CHAIN_LOCK_KEY.into()],
        ))
        .await?;
    }
    let prev_hash = event::Entity::find()
        .order_by_desc(event::Column::Seq)
        .one(txn)
        .await?
        .map_or_else(|| GENESIS_HASH.to_owned(), |last| last.hash);
    let mut model = event::Model {
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
        prev_hash,
        hash: String::new(),
    };
    model.hash = chain_hash(&model.prev_hash, &canonical_of(&model));
    let active = event::ActiveModel {
        seq: NotSet,
        id: Set(model.id),
        entity_kind: Set(model.entity_kind.clone()),
        entity_id: Set(model.entity_id),
        transition: Set(model.transition.clone()),
        from_state: Set(model.from_state.clone()),
        to_state: Set(model.to_state.clone()),
        actor_id: Set(model.actor_id),
        reason: Set(model.reason.clone()),
        data: Set(model.data.clone()),
        at: Set(model.at),
        prev_hash: Set(model.prev_hash.clone()),
        hash: Set(model.hash.clone()),
    };
    event::Entity::insert(active).exec_with_returning(txn).await
}

/// The history of one entity, oldest first.
pub async fn for_entity(
    db: &DatabaseConnection,
    entity_kind: &str,
    entity_id: Uuid,
) -> Result<Vec<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::EntityKind.eq(entity_kind))
        .filter(event::Column::EntityId.eq(entity_id))
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VerifyReport {
    pub ok: bool,
    pub events_checked: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_event: Option<Uuid>,
}

/// Walks the whole chain in order, a page at a time, and reports the first event whose
/// link or hash does not match.
pub async fn verify(db: &DatabaseConnection) -> Result<VerifyReport, DbErr> {
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut last_seq = i64::MIN;
    let mut checked = 0;
    loop {
        let page = event::Entity::find()
            .filter(event::Column::Seq.gt(last_seq))
            .order_by_asc(event::Column::Seq)
            .limit(VERIFY_PAGE)
            .all(db)
            .await?;
        if page.is_empty() {
            return Ok(VerifyReport {
                ok: true,
                events_checked: checked,
                first_bad_event: None,
            });
        }
        for row in &page {
            checked += 1;
            let recomputed = chain_hash(&row.prev_hash, &canonical_of(row));
            if row.prev_hash != expected_prev || row.hash != recomputed {
                return Ok(VerifyReport {
                    ok: false,
                    events_checked: checked,
                    first_bad_event: Some(row.id),
                });
            }
            expected_prev = row.hash.clone();
            last_seq = row.seq;
        }
    }
}
