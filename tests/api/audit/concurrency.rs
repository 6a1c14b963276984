//! Appends for different entities must not wait for each other (issue 8: the global
//! chain lock made every transition wait on every other).
use std::time::Duration;

use concord::store::history::tables::head;
use concord::store::history::{self, NewEvent};
use concord::store::{
    self,
    entities::{event, project},
    workflow,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

fn fact(entity_id: Uuid) -> NewEvent {
    NewEvent {
        entity_kind: "action",
        entity_id,
        transition: "progress".to_owned(),
        from_state: None,
        to_state: None,
        actor_id: None,
        reason: None,
        data: json!({ "note": "test" }),
        project_id: None,
    }
}

/// Appends one event for `entity` in a write transaction of its own and commits.
async fn append_committed(db: &store::Db, entity: Uuid) {
    let txn = store::begin_write(db).await.expect("begin");
    history::append(&txn, fact(entity)).await.expect("append");
    txn.commit().await.expect("commit");
}

/// On PostgreSQL: while a transaction that appended for A is still open, an append
/// for B commits at once, and a second append for A waits (so the bound means
/// something) and then chains correctly. On SQLite there is one writer by design, so
/// concurrency cannot be shown; there the same appends run one after the other and
/// the chains must verify.
#[tokio::test]
async fn appends_for_different_entities_do_not_wait_for_each_other() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    // Both entities have a head already: the usual case of a transition.
    append_committed(&db, a).await;
    append_committed(&db, b).await;

    if db.get_database_backend() == DbBackend::Postgres {
        let holding_a = store::begin_write(&db).await.expect("begin A");
        history::append(&holding_a, fact(a))
            .await
            .expect("append A");

        let for_b = tokio::time::timeout(Duration::from_secs(2), append_committed(&db, b)).await;
        assert!(
            for_b.is_ok(),
            "an append for B waited on A's open transaction"
        );

        queues_behind(&db, holding_a, a).await;
    } else {
        append_committed(&db, a).await;
        append_committed(&db, b).await;
        append_committed(&db, a).await;
    }

    for (entity, expected) in [(a, 3), (b, 2)] {
        let count = event::Entity::find()
            .filter(event::Column::EntityId.eq(entity))
            .count(&db)
            .await
            .expect("count");
        assert_eq!(count, expected);
    }
    let report = history::verify(&db).await.expect("verify");
    assert!(report.ok, "{report:?}");
}

/// Two transactions that both append an entity's *first* event: on PostgreSQL the
/// second one's single-statement append (`chained_in_sql`) starts from the genesis
/// hash, waits on the head row the first inserted, and then finds the head moved on;
/// it must fall back to reading the head and chain after the first event, not fork
/// the chain nor fail. (Creating an entity appends its first event in the creating
/// transaction, so this race needs two writers of one new id: rare, but the fallback
/// is the only thing between it and a broken chain.) On SQLite the single writer
/// runs them one after the other, and the chain must come out the same.
#[tokio::test]
async fn two_first_appends_for_one_entity_chain_one_after_the_other() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let entity = Uuid::now_v7();
    if db.get_database_backend() == DbBackend::Postgres {
        let first = store::begin_write(&db).await.expect("begin the first");
        history::append(&first, fact(entity))
            .await
            .expect("the first append");
        queues_behind(&db, first, entity).await;
    } else {
        append_committed(&db, entity).await;
        append_committed(&db, entity).await;
    }

    let mut chain = event::Entity::find()
        .filter(event::Column::EntityId.eq(entity))
        .all(&db)
        .await
        .expect("the entity's events");
    chain.sort_by_key(|e| e.seq);
    assert_eq!(chain.len(), 2, "{chain:?}");
    assert_eq!(
        chain[0].prev_hash,
        "0".repeat(64),
        "the first starts the chain"
    );
    assert_eq!(
        chain[1].prev_hash, chain[0].hash,
        "the second follows the first"
    );
    let report = history::verify(&db).await.expect("verify");
    assert!(report.ok, "{report:?}");
}

/// On PostgreSQL: a second append for `entity`, started while `holding` (which has
/// appended for it) is still open, must wait on the head row until `holding` commits,
/// and then finish.
async fn queues_behind(db: &store::Db, holding: store::WriteTxn, entity: Uuid) {
    let db_again = db.clone();
    let second = tokio::spawn(async move { append_committed(&db_again, entity).await });
    assert!(
        waits_on_a_lock(db).await,
        "the second append never waited on the open transaction's head row"
    );
    assert!(
        !second.is_finished(),
        "a second append must queue behind the open transaction"
    );
    holding.commit().await.expect("commit the open transaction");
    tokio::time::timeout(Duration::from_secs(5), second)
        .await
        .expect("the second append finishes once the first commits")
        .expect("task");
}

/// Whether, within five seconds, some session of this test's own database waits on a
/// row lock (PostgreSQL's `pg_stat_activity`).
async fn waits_on_a_lock(db: &store::Db) -> bool {
    use sea_orm::Statement;
    let waiting = Statement::from_string(
        DbBackend::Postgres,
        "SELECT COUNT(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    for _ in 0..100 {
        let n = db
            .query_one_raw(waiting.clone())
            .await
            .expect("read pg_stat_activity")
            .map_or(0, |row| row.try_get::<i64>("", "n").expect("a count"));
        if n > 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// SQLite's transitions read their chain's head with the row's lock and append after
/// it in the same trip as the row's update (`history::append_after`). Should the head
/// have moved in between, nothing may be written: no event chained after a stale
/// hash, and not the update sent beside it. After the right head it chains as
/// `append` does. PostgreSQL chains in SQL and never takes this path: there a
/// transition's lock reads no head, which keeps it off it.
#[tokio::test]
async fn an_append_after_a_stale_head_writes_nothing() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let dialogue = active_dialogue(&app).await;
    let dialogue_id: Uuid = dialogue.project_id.parse().expect("an id");
    let txn = store::begin_write(&db).await.expect("begin");
    let (row, read_head) =
        workflow::lock_for_transition::<project::Entity>(&txn, "project", dialogue_id, None)
            .await
            .expect("the lock")
            .expect("the dialogue");
    drop(txn);
    assert_eq!(row.id, dialogue_id);
    let newest = chain_of(&db, dialogue_id).await.pop().expect("its history");
    let expected = (!postgres).then_some(newest.hash);
    assert_eq!(read_head, expected, "the head read with the lock");
    if postgres {
        return;
    }

    let entity = Uuid::now_v7();
    append_committed(&db, entity).await;
    append_committed(&db, entity).await;
    let chain = chain_of(&db, entity).await;
    let (stale, head) = (chain[0].hash.clone(), chain[1].hash.clone());

    // Beside the event goes an update of one row: a head's count set to 1000, so
    // that what a trip left behind shows in it.
    let alongside = |of: Uuid| {
        head::Entity::update_many()
            .col_expr(head::Column::EventCount, Expr::val(1000))
            .filter(head::Column::EntityId.eq(of))
            .build(DbBackend::Sqlite)
    };
    let other = Uuid::now_v7();
    append_committed(&db, other).await;
    let txn = store::begin_write(&db).await.expect("begin");
    let refused = history::append_after(&txn, stale, fact(entity), alongside(other)).await;
    assert!(refused.is_err(), "chained after a stale head: {refused:?}");
    txn.rollback().await.expect("roll back");

    let txn = store::begin_write(&db).await.expect("begin");
    history::append_after(&txn, head.clone(), fact(entity), alongside(entity))
        .await
        .expect("append after the head");
    // Committed, so the refused trip's fate is on disk too.
    txn.commit().await.expect("commit");
    let chain = chain_of(&db, entity).await;
    assert_eq!(chain.len(), 3, "the refused event was written: {chain:?}");
    assert_eq!(
        chain[2].prev_hash, head,
        "chained after the head it was given"
    );
    assert_eq!(
        head_count(&db, other).await,
        Some(1),
        "the update sent beside the refused event was written"
    );
    // The head counted on from the update beside it: both statements ran, in order.
    assert_eq!(head_count(&db, entity).await, Some(1001));
}

/// `entity`'s events, oldest first.
async fn chain_of(db: &store::Db, entity: Uuid) -> Vec<event::Model> {
    event::Entity::find()
        .filter(event::Column::EntityId.eq(entity))
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await
        .expect("the entity's events")
}

/// The event count `entity`'s head holds.
async fn head_count(db: &store::Db, entity: Uuid) -> Option<i64> {
    head::Entity::find()
        .filter(head::Column::EntityId.eq(entity))
        .one(db)
        .await
        .expect("the head")
        .map(|h| h.event_count)
}
