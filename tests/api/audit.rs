use concord::store::entities::event;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn verify_finds_a_history_row_altered_in_the_database() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let admin = app.token("admin").await;
    let clean = app.get("/api/v1/audit/verify", &admin).await;
    assert_eq!(clean.status, StatusCode::OK);
    assert_eq!(clean.body["ok"], true);
    let checked = clean.body["events_checked"].as_u64().expect("count");
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
    let report = app.get("/api/v1/audit/verify", &admin).await;
    assert_eq!(report.body["ok"], false);
    assert_eq!(report.body["first_bad_event"], json!(target.id));

    app.get("/api/v1/audit/verify", &d.coordinator)
        .await
        .assert_problem(403, "auth.forbidden");
}

#[tokio::test]
async fn verify_finds_a_deleted_history_row() {
    let app = spawn_app().await;
    active_dialogue(&app).await;
    let admin = app.token("admin").await;
    let second = event::Entity::find()
        .order_by_asc(event::Column::Seq)
        .all(&app.state.db)
        .await
        .expect("events")
        .into_iter()
        .nth(3)
        .expect("enough events");
    event::Entity::delete_by_id(second.seq)
        .exec(&app.state.db)
        .await
        .expect("deleted");
    let report = app.get("/api/v1/audit/verify", &admin).await;
    assert_eq!(report.body["ok"], false, "{}", report.body);
}
