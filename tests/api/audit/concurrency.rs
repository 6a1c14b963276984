//! Appends for different entities must not wait for each other (issue 8: the global
//! chain lock made every transition wait on every other).
use std::time::Duration;

use concord::store::history::{self, NewEvent};
use concord::store::{self, entities::event};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

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

        let db_again = db.clone();
        let again_a = tokio::spawn(async move { append_committed(&db_again, a).await });
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !again_a.is_finished(),
            "a second append for A must queue behind A's open transaction"
        );
        holding_a.commit().await.expect("commit A");
        tokio::time::timeout(Duration::from_secs(5), again_a)
            .await
            .expect("A's second append finishes once A commits")
            .expect("task");
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
