//! The big data set, written straight into the tables (through HTTP it would take an
//! hour): 10,000 more actions in the measured dialogue, each with the ten events
//! Concord itself writes for an action that was created, agreed by its three
//! governments, started, then blocked and unblocked twice — 100,000 events — and the
//! agreement rows and history heads that go with them.
//!
//! The rows must be ones Concord could have written: each action's events form its
//! hash chain exactly as `store/history` computes it (the canonical form below is a
//! copy of the one there) and its head names the last hash and the count. The run
//! checks this with `concord audit verify` before measuring; if Concord's canonical
//! form changes, that check fails and says so rather than measuring broken data.
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::setup::Scenario;
use crate::tables::{action, action_government, event, history_head};

pub const ACTIONS: usize = 10_000;
pub const EVENTS_PER_ACTION: usize = 10;
const BATCH: usize = 100;
const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A copy of `Canonical` in `src/store/history/mod.rs`: the fields hashed, in order.
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

fn chain_hash(prev_hash: &str, event: &event::Model) -> anyhow::Result<String> {
    let canonical = Canonical {
        id: event.id,
        entity_kind: &event.entity_kind,
        entity_id: event.entity_id,
        transition: &event.transition,
        from_state: event.from_state.as_deref(),
        to_state: event.to_state.as_deref(),
        actor_id: event.actor_id,
        reason: event.reason.as_deref(),
        data: &event.data,
        at: event.at.to_rfc3339_opts(SecondsFormat::Micros, true),
    };
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(serde_json::to_vec(&canonical)?);
    Ok(hex::encode(hasher.finalize()))
}

struct Step {
    transition: &'static str,
    from: &'static str,
    to: &'static str,
    actor: Actor,
    data: serde_json::Value,
    reason: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum Actor {
    Coordinator,
    FocalPoint(usize),
}

/// The ten events of one action, as Concord writes them (see `store/actions.rs` and
/// `store/actions/commitments.rs`): a create fact, one agreement fact per government,
/// the agree transition recorded for the last to agree, start, block, unblock, block,
/// unblock. The action ends `in_progress` at version 7.
fn steps(scenario: &Scenario, row: &action::Model) -> Vec<Step> {
    let fact = |transition, actor, data| Step {
        transition,
        from: "proposed",
        to: "proposed",
        actor,
        data,
        reason: None,
    };
    let transition = |transition, from, to, version: i32, reason| Step {
        transition,
        from,
        to,
        actor: Actor::Coordinator,
        data: json!({ "version": version }),
        reason,
    };
    let governments: Vec<Uuid> = scenario.governments.iter().map(|(g, _)| *g).collect();
    let mut steps = vec![fact(
        "create",
        Actor::Coordinator,
        json!({
            "project_id": row.project_id,
            "phase_id": row.phase_id,
            "title": row.title,
            "scope": row.scope,
            "government_ids": governments,
            "due_date": row.due_date,
            "owner_id": row.owner_id,
        }),
    )];
    for (n, government) in governments.iter().enumerate() {
        steps.push(fact(
            "agreement",
            Actor::FocalPoint(n),
            json!({"government_id": government, "agreed": true}),
        ));
    }
    let last = governments.len().saturating_sub(1);
    steps.push(Step {
        actor: Actor::FocalPoint(last),
        ..transition("agree", "proposed", "agreed", 2, None)
    });
    steps.push(transition("start", "agreed", "in_progress", 3, None));
    steps.push(transition(
        "block",
        "in_progress",
        "blocked",
        4,
        Some(BLOCK_REASON),
    ));
    steps.push(transition("unblock", "blocked", "in_progress", 5, None));
    steps.push(transition(
        "block",
        "in_progress",
        "blocked",
        6,
        Some(BLOCK_REASON),
    ));
    steps.push(transition("unblock", "blocked", "in_progress", 7, None));
    steps
}

const BLOCK_REASON: &str = "Waiting for the partner ministry's budget line";

pub async fn fill(db: &DatabaseConnection, scenario: &Scenario) -> anyhow::Result<()> {
    // Events dated over the past ten weeks, one minute apart per action.
    let start = crate::bare::now() - TimeDelta::days(70);
    let mut written = 0;
    while written < ACTIONS {
        let n = BATCH.min(ACTIONS - written);
        write_batch(db, scenario, written, n, start).await?;
        written += n;
    }
    if db.get_database_backend() == DbBackend::Postgres {
        // What autovacuum would do shortly after such a load; without it the planner
        // still believes the tables are as small as before.
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}

async fn write_batch(
    db: &DatabaseConnection,
    scenario: &Scenario,
    first: usize,
    n: usize,
    start: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut actions = Vec::with_capacity(n);
    let mut links = Vec::with_capacity(n * scenario.governments.len());
    let mut events = Vec::with_capacity(n * EVENTS_PER_ACTION);
    let mut heads = Vec::with_capacity(n);
    for k in first..first + n {
        let created = start + TimeDelta::minutes(i64::try_from(k)?);
        let mut row = action::Model {
            id: Uuid::now_v7(),
            phase_id: scenario.phase_id,
            project_id: scenario.project_id,
            title: format!("Filled action {k:05}"),
            description: "A follow-up action written by the benchmark's fill.".to_owned(),
            scope: "collective".to_owned(),
            due_date: chrono::NaiveDate::from_ymd_opt(2031, 6, 30).unwrap_or_default(),
            owner_id: None,
            state: String::new(),
            version: 0,
            completion_note: None,
            reason: None,
            created_at: created,
            updated_at: created,
        };
        let mut prev_hash = GENESIS_HASH.to_owned();
        let mut at = created;
        for step in steps(scenario, &row) {
            let actor_id = match step.actor {
                Actor::Coordinator => scenario.coordinator_id,
                Actor::FocalPoint(i) => scenario.governments[i].1,
            };
            let mut model = event::Model {
                seq: 0,
                id: Uuid::now_v7(),
                entity_kind: "action".to_owned(),
                entity_id: row.id,
                project_id: Some(row.project_id),
                transition: step.transition.to_owned(),
                from_state: Some(step.from.to_owned()),
                to_state: Some(step.to.to_owned()),
                actor_id: Some(actor_id),
                reason: step.reason.map(str::to_owned),
                data: step.data.to_string(),
                at,
                prev_hash: prev_hash.clone(),
                hash: String::new(),
            };
            model.hash = chain_hash(&prev_hash, &model)?;
            prev_hash = model.hash.clone();
            row.state = step.to.to_owned();
            if let Some(version) = step.data["version"].as_i64() {
                row.version = i32::try_from(version)?;
            } else if row.version == 0 {
                row.version = 1;
            }
            if step.reason.is_some() {
                row.reason = step.reason.map(str::to_owned);
            }
            row.updated_at = at;
            events.push(model);
            at += TimeDelta::seconds(6);
        }
        for (government_id, focal_point) in &scenario.governments {
            links.push(action_government::ActiveModel {
                action_id: Set(row.id),
                government_id: Set(*government_id),
                agreed: Set(true),
                agreed_by: Set(Some(*focal_point)),
                agreed_at: Set(Some(created)),
            });
        }
        heads.push(history_head::ActiveModel {
            entity_kind: Set("action".to_owned()),
            entity_id: Set(row.id),
            head_hash: Set(prev_hash),
            event_count: Set(EVENTS_PER_ACTION as i64),
        });
        actions.push(action::ActiveModel::from(row));
    }
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
    action::Entity::insert_many(actions)
        .exec_without_returning(&txn)
        .await?;
    action_government::Entity::insert_many(links)
        .exec_without_returning(&txn)
        .await?;
    // The rows' copies of their agreements, as the migration that added them writes
    // them (Concord writes them itself with each agreement).
    migration::summarise_actions(&txn).await?;
    // In chain order: each entity's events must get increasing `seq`.
    for chunk in events.chunks(500) {
        let rows = chunk.iter().map(|e| event::ActiveModel {
            seq: NotSet,
            id: Set(e.id),
            entity_kind: Set(e.entity_kind.clone()),
            entity_id: Set(e.entity_id),
            project_id: Set(e.project_id),
            transition: Set(e.transition.clone()),
            from_state: Set(e.from_state.clone()),
            to_state: Set(e.to_state.clone()),
            actor_id: Set(e.actor_id),
            reason: Set(e.reason.clone()),
            data: Set(e.data.clone()),
            at: Set(e.at),
            prev_hash: Set(e.prev_hash.clone()),
            hash: Set(e.hash.clone()),
        });
        event::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    history_head::Entity::insert_many(heads)
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
