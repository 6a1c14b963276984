//! `audit verify` against each kind of tampering with the per-entity history chains,
//! asserting which event or entity the report names.
mod chains;
mod concurrency;
mod property;

use concord::store::entities::event;
use concord::store::history::tables::head;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::{TestApp, spawn_app};
use chains::{a_chain_of_at_least, swap_positions};

async fn verify(app: &TestApp) -> Value {
    let admin = app.token("admin").await;
    let report = app.get("/api/v1/audit/verify", &admin).await;
    assert_eq!(report.status, StatusCode::OK);
    report.body
}

fn entity_of(row: &event::Model) -> Value {
    json!({ "kind": row.entity_kind, "id": row.entity_id })
}

#[tokio::test]
async fn verify_finds_a_history_row_altered_in_the_database() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let clean = verify(&app).await;
    assert_eq!(clean["ok"], true, "{clean}");
    let checked = clean["events_checked"].as_u64().expect("count");
    assert!(checked >= 14, "demo + dialogue events: {checked}");

    // Someone with database access rewrites who activated the dialogue.
    let target = event::Entity::find()
        .filter(event::Column::Transition.eq("activate"))
        .order_by_asc(event::Column::Seq)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("an activate event");
    event::Entity::update_many()
        .col_expr(
            event::Column::Reason,
            Expr::value("approved by the minister"),
        )
        .filter(event::Column::Id.eq(target.id))
        .exec(&app.state.db)
        .await
        .expect("tampered");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false);
    assert_eq!(report["problem"], "event.altered");
    assert_eq!(report["first_bad_event"], json!(target.id));
    assert_eq!(report["bad_entity"], entity_of(&target));

    app.get("/api/v1/audit/verify", &d.coordinator)
        .await
        .assert_problem(403, "auth.forbidden");
    app.post("/api/v1/audit/checkpoint", &d.coordinator, json!({}))
        .await
        .assert_problem(403, "auth.forbidden");
}

#[tokio::test]
async fn verify_names_the_event_after_a_deleted_middle_row() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    event::Entity::delete_by_id(chain[1].seq)
        .exec(&app.state.db)
        .await
        .expect("deleted");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "event.out_of_chain");
    assert_eq!(report["first_bad_event"], json!(chain[2].id));
    assert_eq!(report["bad_entity"], entity_of(&chain[2]));
}

#[tokio::test]
async fn verify_names_the_first_of_two_swapped_rows() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    swap_positions(&app.state.db, &chain[1], &chain[2]).await;
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "event.out_of_chain");
    // The later event now comes first, and does not follow chain[0].
    assert_eq!(report["first_bad_event"], json!(chain[2].id));
    assert_eq!(report["bad_entity"], entity_of(&chain[1]));
}

#[tokio::test]
async fn verify_names_an_entity_whose_tail_was_truncated() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    let last = chain.last().expect("a last event");
    event::Entity::delete_by_id(last.seq)
        .exec(&app.state.db)
        .await
        .expect("deleted");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "entity.head_mismatch");
    assert_eq!(report["bad_entity"], entity_of(last));
    assert!(report.get("first_bad_event").is_none(), "{report}");
}

#[tokio::test]
async fn a_checkpoint_catches_a_truncation_whose_head_was_rolled_back_too() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let sealed = checkpoint(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    let last = chain.last().expect("a last event");
    let before = &chain[chain.len() - 2];
    event::Entity::delete_by_id(last.seq)
        .exec(&app.state.db)
        .await
        .expect("deleted");
    // The careful attacker makes the head agree with the shortened chain.
    head::Entity::update_many()
        .col_expr(head::Column::HeadHash, Expr::value(before.hash.clone()))
        .col_expr(
            head::Column::EventCount,
            Expr::value(chain.len() as i64 - 1),
        )
        .filter(head::Column::EntityKind.eq(last.entity_kind.as_str()))
        .filter(head::Column::EntityId.eq(last.entity_id))
        .exec(&app.state.db)
        .await
        .expect("head rolled back");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "entity.behind_checkpoint");
    assert_eq!(report["bad_entity"], entity_of(last));
    assert_eq!(report["checkpoint"], sealed);
}

#[tokio::test]
async fn a_checkpoint_catches_an_entity_whose_whole_history_was_deleted() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    checkpoint(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    let gone = &chain[0];
    event::Entity::delete_many()
        .filter(event::Column::EntityKind.eq(gone.entity_kind.as_str()))
        .filter(event::Column::EntityId.eq(gone.entity_id))
        .exec(&app.state.db)
        .await
        .expect("history deleted");
    head::Entity::delete_many()
        .filter(head::Column::EntityKind.eq(gone.entity_kind.as_str()))
        .filter(head::Column::EntityId.eq(gone.entity_id))
        .exec(&app.state.db)
        .await
        .expect("head deleted");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "entity.missing");
    assert_eq!(report["bad_entity"], entity_of(gone));
}

#[tokio::test]
async fn verify_names_events_whose_head_was_deleted() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let chain = a_chain_of_at_least(&app, 3).await;
    head::Entity::delete_many()
        .filter(head::Column::EntityKind.eq(chain[0].entity_kind.as_str()))
        .filter(head::Column::EntityId.eq(chain[0].entity_id))
        .exec(&app.state.db)
        .await
        .expect("head deleted");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "entity.no_head");
    assert_eq!(report["first_bad_event"], json!(chain[0].id));
}

#[tokio::test]
async fn checkpoints_chain_and_an_edited_one_is_named() {
    use concord::store::history::tables::checkpoint as cp;
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let first = checkpoint(&app).await;
    // Nothing changed since: no new checkpoint, the same one is reported.
    assert_eq!(checkpoint(&app).await, first);
    app.apply(
        &d.coordinator,
        &format!("/api/v1/projects/{}", d.project_id),
        "suspend",
        json!({}),
    )
    .await;
    let second = checkpoint(&app).await;
    assert_ne!(second, first);
    assert_eq!(verify(&app).await["ok"], true);

    // Editing the sealed heads of the first checkpoint breaks it.
    cp::Entity::update_many()
        .col_expr(cp::Column::Heads, Expr::value("[]"))
        .filter(cp::Column::Seq.eq(first["seq"].as_i64().expect("seq")))
        .exec(&app.state.db)
        .await
        .expect("checkpoint edited");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "checkpoint.broken");
    assert_eq!(report["checkpoint"], first);
}

#[tokio::test]
async fn the_migration_hashes_exactly_as_the_application_does() {
    let app = spawn_app().await;
    busy_dialogue(&app).await;
    let db = &app.state.db;
    let hashes = || async {
        event::Entity::find()
            .order_by_asc(event::Column::Seq)
            .all(db)
            .await
            .expect("events")
            .into_iter()
            .map(|e| (e.prev_hash, e.hash))
            .collect::<Vec<_>>()
    };
    let before = hashes().await;
    // Scramble every link and drop the heads; the migration's re-hash must rebuild
    // exactly what the application wrote.
    event::Entity::update_many()
        .col_expr(event::Column::PrevHash, Expr::value("scrambled"))
        .col_expr(event::Column::Hash, Expr::value("scrambled"))
        .exec(db)
        .await
        .expect("scrambled");
    head::Entity::delete_many()
        .exec(db)
        .await
        .expect("heads dropped");
    assert_eq!(verify(&app).await["ok"], false);
    migration::rehash_per_entity(db).await.expect("re-hash");
    assert_eq!(hashes().await, before);
    assert_eq!(verify(&app).await["ok"], true);
}

/// An active dialogue suspended and resumed, so its own chain has at least four events
/// (created, activate, suspend, resume) to delete from the middle of and reorder.
async fn busy_dialogue(app: &TestApp) -> Dialogue {
    let d = active_dialogue(app).await;
    let path = format!("/api/v1/projects/{}", d.project_id);
    for step in ["suspend", "resume"] {
        app.apply(&d.coordinator, &path, step, json!({})).await;
    }
    d
}

/// Seals a checkpoint through the API and returns its `{seq, hash}`.
async fn checkpoint(app: &TestApp) -> Value {
    let admin = app.token("admin").await;
    let reply = app
        .post("/api/v1/audit/checkpoint", &admin, json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body["ok"], true, "{}", reply.body);
    reply.body["checkpoint"].clone()
}

#[tokio::test]
async fn verify_names_an_event_moved_to_another_dialogue() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let other = active_dialogue(&app).await;
    assert_eq!(verify(&app).await["ok"], true);
    // The dialogue column is outside the hash: moving an event to another dialogue
    // would take it off this dialogue's history page without breaking its chain.
    let target = event::Entity::find()
        .filter(event::Column::EntityKind.eq("phase"))
        .filter(event::Column::Transition.eq("activate"))
        .order_by_asc(event::Column::Seq)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("a phase's activate event");
    assert_eq!(
        target.project_id.map(|id| id.to_string()),
        Some(d.project_id.clone())
    );
    let elsewhere: uuid::Uuid = other.project_id.parse().expect("an id");
    event::Entity::update_many()
        .col_expr(event::Column::ProjectId, Expr::value(elsewhere))
        .filter(event::Column::Id.eq(target.id))
        .exec(&app.state.db)
        .await
        .expect("tampered");
    let report = verify(&app).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["problem"], "event.misfiled");
    assert_eq!(report["first_bad_event"], json!(target.id));
    assert_eq!(report["bad_entity"], entity_of(&target));
}
