//! `audit verify` and `audit checkpoint`: walk every entity's chain against its head
//! and against the heads sealed by the checkpoints (see the top of `history/mod.rs`).
use crate::store::Db;
use std::collections::BTreeMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    AccessMode, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseTransaction, DbBackend, DbErr, EntityTrait, IsolationLevel, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::tables::{checkpoint, head};
use super::{GENESIS_HASH, canonical_at, canonical_of, chain_hash, sha256_hex};
use crate::store::entities::event;

const CHECKPOINT_PAGE: u64 = 100;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EntityRef {
    pub kind: String,
    pub id: Uuid,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CheckpointRef {
    pub seq: i64,
    pub hash: String,
}

/// What was wrong, for a person reading the report and for tests to assert on.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Problem {
    /// The event's content does not hash to its stored hash.
    #[serde(rename = "event.altered")]
    EventAltered,
    /// The event does not follow its entity's previous event: one was removed,
    /// inserted or moved before it.
    #[serde(rename = "event.out_of_chain")]
    EventOutOfChain,
    /// The chain is intact but does not end at the entity's recorded head.
    #[serde(rename = "entity.head_mismatch")]
    HeadMismatch,
    /// Events exist for an entity that has no head.
    #[serde(rename = "entity.no_head")]
    NoHead,
    /// A head sealed by the newest checkpoint is not a prefix of today's chain.
    #[serde(rename = "entity.behind_checkpoint")]
    BehindCheckpoint,
    /// An entity sealed by a checkpoint has no history any more.
    #[serde(rename = "entity.missing")]
    EntityMissing,
    /// A checkpoint does not hash to its stored hash or does not follow the previous.
    #[serde(rename = "checkpoint.broken")]
    CheckpointBroken,
    /// The event is filed under a dialogue other than its entity's (or under one when
    /// its entity belongs to none), which would move it off a dialogue's history page.
    #[serde(rename = "event.misfiled")]
    EventMisfiled,
}

/// An event whose `project_id` is not its entity's dialogue. The column is outside
/// the hash (chains written before it existed must still verify), so this check is
/// what keeps an edit of it from hiding an event from a dialogue's history. (Events
/// of a row that does not exist are the other checks' business.)
const MISFILED: &str = "\
    (events.entity_kind = 'project' AND (events.project_id IS NULL \
        OR events.project_id <> events.entity_id)) \
    OR (events.entity_kind = 'phase' AND EXISTS (SELECT 1 FROM phases t WHERE t.id = events.entity_id \
        AND (events.project_id IS NULL OR t.project_id <> events.project_id))) \
    OR (events.entity_kind = 'workshop' AND EXISTS (SELECT 1 FROM workshops t WHERE t.id = events.entity_id \
        AND (events.project_id IS NULL OR t.project_id <> events.project_id))) \
    OR (events.entity_kind = 'understanding' AND EXISTS (SELECT 1 FROM understandings t WHERE t.id = events.entity_id \
        AND (events.project_id IS NULL OR t.project_id <> events.project_id))) \
    OR (events.entity_kind = 'action' AND EXISTS (SELECT 1 FROM actions t WHERE t.id = events.entity_id \
        AND (events.project_id IS NULL OR t.project_id <> events.project_id))) \
    OR (events.entity_kind NOT IN ('project', 'phase', 'workshop', 'understanding', 'action') \
        AND events.project_id IS NOT NULL)";

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VerifyReport {
    pub ok: bool,
    pub events_checked: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_event: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bad_entity: Option<EntityRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// The newest checkpoint checked against (or written, or the broken one). Keep its
    /// hash outside the database: it is what pins the history up to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<CheckpointRef>,
}

/// One entity's head as a checkpoint seals it; field order is the hashed order.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SealedHead {
    kind: String,
    id: Uuid,
    count: i64,
    head: String,
}

/// The result of a walk: the report, and what a new checkpoint would seal.
struct Walk {
    report: VerifyReport,
    changed: Vec<SealedHead>,
}

impl Walk {
    fn bad(
        mut self,
        problem: Problem,
        event: Option<Uuid>,
        entity: Option<(&str, Uuid)>,
    ) -> Result<Walk, DbErr> {
        self.report.ok = false;
        self.report.problem = Some(problem);
        self.report.first_bad_event = event;
        self.report.bad_entity = entity.map(|(kind, id)| EntityRef {
            kind: kind.to_owned(),
            id,
        });
        Ok(self)
    }
}

/// Checks the whole history in one consistent snapshot, so appends committed while it
/// runs are not mistaken for a mismatch between a chain and its head.
pub async fn verify(db: &Db) -> Result<VerifyReport, DbErr> {
    let txn = snapshot(db).await?;
    let walk = walk(&txn).await?;
    txn.commit().await?;
    Ok(walk.report)
}

/// `verify` on a connection or transaction the caller controls (tests tamper inside a
/// transaction and roll back). Outside one snapshot it may report appends in flight.
pub async fn verify_in<C: ConnectionTrait>(conn: &C) -> Result<VerifyReport, DbErr> {
    Ok(walk(conn).await?.report)
}

/// Verifies, and only if the history is intact seals the heads that changed since the
/// newest checkpoint into a new one. Sealing after a clean walk means a checkpoint
/// never vouches for tampered history. The write is a short transaction of its own;
/// the unique `prev_hash` refuses a concurrent checkpoint that would fork the chain.
pub async fn checkpoint(db: &Db) -> Result<VerifyReport, DbErr> {
    let txn = snapshot(db).await?;
    let mut walk = walk(&txn).await?;
    txn.commit().await?;
    if !walk.report.ok || walk.changed.is_empty() {
        return Ok(walk.report);
    }
    let prev_hash = walk
        .report
        .checkpoint
        .as_ref()
        .map_or_else(|| GENESIS_HASH.to_owned(), |c| c.hash.clone());
    let heads = serde_json::to_string(&walk.changed).map_err(|e| DbErr::Json(e.to_string()))?;
    let at = crate::store::now();
    let hash = sha256_hex(&[
        prev_hash.as_bytes(),
        canonical_at(at).as_bytes(),
        heads.as_bytes(),
    ]);
    let write = crate::store::begin_write(db).await?;
    let sealed = checkpoint::Entity::insert(checkpoint::ActiveModel {
        seq: NotSet,
        prev_hash: Set(prev_hash),
        hash: Set(hash),
        heads: Set(heads),
        at: Set(at),
    })
    .exec_with_returning(&write)
    .await?;
    write.commit().await?;
    walk.report.checkpoint = Some(CheckpointRef {
        seq: sealed.seq,
        hash: sealed.hash,
    });
    Ok(walk.report)
}

async fn snapshot(db: &Db) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.reader()
                .begin_with_config(
                    Some(IsolationLevel::RepeatableRead),
                    Some(AccessMode::ReadOnly),
                )
                .await
        }
        // A SQLite read transaction in WAL mode already sees one snapshot.
        _ => db.reader().begin().await,
    }
}

async fn walk<C: ConnectionTrait>(conn: &C) -> Result<Walk, DbErr> {
    let mut walk = Walk {
        report: VerifyReport {
            ok: true,
            events_checked: 0,
            first_bad_event: None,
            bad_entity: None,
            problem: None,
            checkpoint: None,
        },
        changed: Vec::new(),
    };
    // 1. The checkpoints, folded into the newest sealed head of each entity.
    let mut sealed: BTreeMap<(String, Uuid), (i64, String)> = BTreeMap::new();
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut last_seq = i64::MIN;
    loop {
        let page = checkpoint::Entity::find()
            .filter(checkpoint::Column::Seq.gt(last_seq))
            .order_by_asc(checkpoint::Column::Seq)
            .limit(CHECKPOINT_PAGE)
            .all(conn)
            .await?;
        if page.is_empty() {
            break;
        }
        for cp in page {
            walk.report.checkpoint = Some(CheckpointRef {
                seq: cp.seq,
                hash: cp.hash.clone(),
            });
            let recomputed = sha256_hex(&[
                cp.prev_hash.as_bytes(),
                canonical_at(cp.at).as_bytes(),
                cp.heads.as_bytes(),
            ]);
            let heads = serde_json::from_str::<Vec<SealedHead>>(&cp.heads);
            let (true, Ok(heads)) = (
                cp.prev_hash == expected_prev && cp.hash == recomputed,
                heads,
            ) else {
                return walk.bad(Problem::CheckpointBroken, None, None);
            };
            for h in heads {
                sealed.insert((h.kind, h.id), (h.count, h.head));
            }
            expected_prev = cp.hash;
            last_seq = cp.seq;
        }
    }
    // 2. Every entity's chain, against its head and its sealed head. Heads are few
    // (one per entity) and a chain is one entity's history, so each fits in memory.
    let heads = head::Entity::find()
        .order_by_asc(head::Column::EntityKind)
        .order_by_asc(head::Column::EntityId)
        .all(conn)
        .await?;
    for h in heads {
        let key = (h.entity_kind.clone(), h.entity_id);
        let seal = sealed.remove(&key);
        let entity = Some((h.entity_kind.as_str(), h.entity_id));
        let chain = event::Entity::find()
            .filter(event::Column::EntityKind.eq(h.entity_kind.as_str()))
            .filter(event::Column::EntityId.eq(h.entity_id))
            .order_by_asc(event::Column::Seq)
            .all(conn)
            .await?;
        let mut prev = GENESIS_HASH.to_owned();
        let mut count = 0i64;
        let mut sealed_prefix_found = false;
        for row in &chain {
            walk.report.events_checked += 1;
            count += 1;
            if row.prev_hash != prev {
                return walk.bad(Problem::EventOutOfChain, Some(row.id), entity);
            }
            if row.hash != chain_hash(&row.prev_hash, &canonical_of(row)) {
                return walk.bad(Problem::EventAltered, Some(row.id), entity);
            }
            sealed_prefix_found |= seal
                .as_ref()
                .is_some_and(|(n, hash)| *n == count && *hash == row.hash);
            prev.clone_from(&row.hash);
        }
        // The head is the nearer evidence, so its mismatch is reported first; the
        // checkpoint catches what a consistent rewrite of events and head hides.
        if prev != h.head_hash || count != h.event_count {
            return walk.bad(Problem::HeadMismatch, None, entity);
        }
        if seal.is_some() && !sealed_prefix_found {
            return walk.bad(Problem::BehindCheckpoint, None, entity);
        }
        if seal.is_none_or(|(n, hash)| n != h.event_count || hash != h.head_hash) {
            walk.changed.push(SealedHead {
                kind: h.entity_kind,
                id: h.entity_id,
                count: h.event_count,
                head: h.head_hash,
            });
        }
    }
    // 3. Events no head accounts for (their head row was deleted).
    let orphan = event::Entity::find()
        .filter(Expr::cust(
            "NOT EXISTS (SELECT 1 FROM history_heads h \
             WHERE h.entity_kind = events.entity_kind AND h.entity_id = events.entity_id)",
        ))
        .order_by_asc(event::Column::Seq)
        .one(conn)
        .await?;
    if let Some(row) = orphan {
        let entity = Some((row.entity_kind.as_str(), row.entity_id));
        return walk.bad(Problem::NoHead, Some(row.id), entity);
    }
    // 4. Entities a checkpoint sealed that have neither head nor history now.
    if let Some(((kind, id), _)) = sealed.iter().next() {
        return walk.bad(Problem::EntityMissing, None, Some((kind.as_str(), *id)));
    }
    // 5. Events filed under the wrong dialogue.
    let misfiled = event::Entity::find()
        .filter(Expr::cust(MISFILED))
        .order_by_asc(event::Column::Seq)
        .one(conn)
        .await?;
    if let Some(row) = misfiled {
        let entity = Some((row.entity_kind.as_str(), row.entity_id));
        return walk.bad(Problem::EventMisfiled, Some(row.id), entity);
    }
    Ok(walk)
}
