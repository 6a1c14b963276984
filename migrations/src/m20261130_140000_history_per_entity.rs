//! One hash chain per entity instead of one global chain (issue 8: the global chain
//! needed a lock every transition waited on). Adds the entity heads and the checkpoints
//! that chain them, and re-hashes existing events into per-entity chains: Concord is
//! pre-production, so rewriting history once, here, is simpler than keeping a second,
//! legacy verification path alive forever.
//!
//! The hashing below is a copy of `store::history` as of this migration, on purpose: a
//! migration is a snapshot in time, and if the application's canonical form ever
//! changes, a new migration re-hashes with the new one.
use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::{prelude::*, schema::*};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HistoryHeads {
    Table,
    EntityKind,
    EntityId,
    HeadHash,
    EventCount,
}

#[derive(DeriveIden)]
enum HistoryCheckpoints {
    Table,
    Seq,
    PrevHash,
    Hash,
    Heads,
    At,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Seq,
    Id,
    EntityKind,
    EntityId,
    Transition,
    FromState,
    ToState,
    ActorId,
    Reason,
    Data,
    At,
    PrevHash,
    Hash,
}

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HistoryHeads::Table)
                    .col(string(HistoryHeads::EntityKind))
                    .col(uuid(HistoryHeads::EntityId))
                    .col(string(HistoryHeads::HeadHash))
                    .col(big_integer(HistoryHeads::EventCount))
                    .primary_key(
                        Index::create()
                            .col(HistoryHeads::EntityKind)
                            .col(HistoryHeads::EntityId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HistoryCheckpoints::Table)
                    .col(big_pk_auto(HistoryCheckpoints::Seq))
                    // Unique: two concurrent checkpoints cannot both extend the same
                    // predecessor, so the checkpoints stay one chain, never a fork.
                    .col(string_uniq(HistoryCheckpoints::PrevHash))
                    .col(string(HistoryCheckpoints::Hash))
                    .col(text(HistoryCheckpoints::Heads))
                    .col(timestamp_with_time_zone(HistoryCheckpoints::At))
                    .to_owned(),
            )
            .await?;
        rehash_per_entity(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HistoryCheckpoints::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(HistoryHeads::Table).to_owned())
            .await
    }
}

#[derive(Serialize)]
struct Canonical {
    id: Uuid,
    entity_kind: String,
    entity_id: Uuid,
    transition: String,
    from_state: Option<String>,
    to_state: Option<String>,
    actor_id: Option<Uuid>,
    reason: Option<String>,
    data: String,
    at: String,
}

fn chain_hash(prev_hash: &str, row: &Canonical) -> Result<String, DbErr> {
    let bytes = serde_json::to_vec(row).map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(bytes);
    Ok(hex::encode(hasher.finalize()))
}

/// Rewrites every event's `prev_hash`/`hash` into its entity's own chain (in `seq`
/// order) and records each entity's head. Public so a test can prove this copy of the
/// hashing agrees with the application's: scramble the hashes, run it, verify.
pub async fn rehash_per_entity<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let select = Query::select()
        .columns([
            Events::Seq,
            Events::Id,
            Events::EntityKind,
            Events::EntityId,
            Events::Transition,
            Events::FromState,
            Events::ToState,
            Events::ActorId,
            Events::Reason,
            Events::Data,
            Events::At,
        ])
        .from(Events::Table)
        .order_by(Events::Seq, Order::Asc)
        .to_owned();
    let rows = db.query_all(&select).await?;
    let mut heads: BTreeMap<(String, Uuid), (String, i64)> = BTreeMap::new();
    for row in rows {
        let seq: i64 = row.try_get("", "seq")?;
        let at: DateTime<Utc> = row.try_get("", "at")?;
        let canonical = Canonical {
            id: row.try_get("", "id")?,
            entity_kind: row.try_get("", "entity_kind")?,
            entity_id: row.try_get("", "entity_id")?,
            transition: row.try_get("", "transition")?,
            from_state: row.try_get("", "from_state")?,
            to_state: row.try_get("", "to_state")?,
            actor_id: row.try_get("", "actor_id")?,
            reason: row.try_get("", "reason")?,
            data: row.try_get("", "data")?,
            at: at.to_rfc3339_opts(SecondsFormat::Micros, true),
        };
        let head = heads
            .entry((canonical.entity_kind.clone(), canonical.entity_id))
            .or_insert_with(|| (GENESIS_HASH.to_owned(), 0));
        let hash = chain_hash(&head.0, &canonical)?;
        let update = Query::update()
            .table(Events::Table)
            .value(Events::PrevHash, head.0.clone())
            .value(Events::Hash, hash.clone())
            .and_where(Expr::col(Events::Seq).eq(seq))
            .to_owned();
        db.execute(&update).await?;
        *head = (hash, head.1 + 1);
    }
    // Replaces any heads already there, so running this on scrambled history (the
    // test) leaves exactly one head per entity.
    db.execute(&Query::delete().from_table(HistoryHeads::Table).to_owned())
        .await?;
    for ((kind, id), (hash, count)) in heads {
        let insert = Query::insert()
            .into_table(HistoryHeads::Table)
            .columns([
                HistoryHeads::EntityKind,
                HistoryHeads::EntityId,
                HistoryHeads::HeadHash,
                HistoryHeads::EventCount,
            ])
            .values([kind.into(), id.into(), hash.into(), count.into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        db.execute(&insert).await?;
    }
    Ok(())
}
