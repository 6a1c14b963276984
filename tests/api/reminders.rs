use chrono::{Duration, Utc};
use concord::notify::reminders::queue_due;
use concord::store::entities::{action, outbox, workshop};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::{TestApp, spawn_app};
use crate::workshops::start_now;

async fn count(app: &TestApp, template: &str) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_workshop_is_reminded_48_hours_ahead_once_per_schedule() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let starts_at = Utc::now() + Duration::hours(47);
    let created = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Soon", "kind": "joint", "starts_at": starts_at, "ends_at": starts_at + Duration::hours(2),
                   "time_zone": "Asia/Tehran", "venue": "Tehran", "government_ids": [d.af, d.ir, d.pk]}),
        )
        .await;
    let path = format!(
        "/api/v1/workshops/{}",
        created.body["id"].as_str().expect("id")
    );
    app.apply(&d.coordinator, &path, "schedule", json!({}))
        .await;
    let fp_pk = app.token("fp.pk").await;
    let declined = app
        .put(
            &format!("{path}/attendance/{}", d.pk),
            &fp_pk,
            json!({"status": "declined"}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK);

    // Seen from two hours earlier the workshop is 49 hours away: not yet. Nothing is
    // queued for it, so this is the 48-hour bound speaking, not the dedupe key.
    assert_eq!(
        queue_due(&app.state.db, Utc::now() - Duration::hours(2))
            .await
            .expect("queued"),
        0,
        "more than 48 hours ahead"
    );
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        2,
        "AF and IR; PK declined"
    );
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        0,
        "never twice"
    );
    assert_eq!(count(&app, "workshop_reminder").await, 2);

    // Rescheduled to another time within 48 hours: a new reminder for the new time.
    let moved = Utc::now() + Duration::hours(30);
    app.apply(
        &d.coordinator,
        &path,
        "reschedule",
        json!({"starts_at": moved, "ends_at": moved + Duration::hours(2)}),
    )
    .await;
    // The new time is again held to the bound (49 hours away, seen 19 hours earlier)…
    assert_eq!(
        queue_due(&app.state.db, Utc::now() - Duration::hours(19))
            .await
            .expect("queued"),
        0,
        "the new time is more than 48 hours ahead"
    );
    // …and reminded once within it.
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        2
    );
}

#[tokio::test]
async fn missing_outcomes_are_reminded_three_days_after_the_workshop() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let starts_at = Utc::now() + Duration::days(2);
    let created = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Held", "kind": "technical", "starts_at": starts_at, "ends_at": starts_at + Duration::hours(2),
                   "time_zone": "Asia/Kabul", "venue": "Kabul", "government_ids": [d.af, d.ir]}),
        )
        .await;
    let id = created.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/workshops/{id}");
    app.apply(&d.coordinator, &path, "schedule", json!({}))
        .await;
    start_now(&app, &path).await;
    for gov in [&d.af, &d.ir] {
        app.put(
            &format!("{path}/attendance/{gov}"),
            &d.coordinator,
            json!({"status": "attended"}),
        )
        .await;
    }
    app.apply(&d.coordinator, &path, "hold", json!({})).await;
    let fp_af = app.token("fp.af").await;
    app.post(
        &format!("{path}/outcomes"),
        &fp_af,
        json!({"text": "done", "submit": true}),
    )
    .await;

    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        0,
        "too early"
    );
    let id: uuid::Uuid = id.parse().expect("uuid");
    workshop::Entity::update_many()
        .col_expr(
            workshop::Column::UpdatedAt,
            Expr::value(Utc::now() - Duration::days(4)),
        )
        .filter(workshop::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .expect("aged");
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        1,
        "only Iran is missing"
    );
    assert_eq!(count(&app, "outcomes_reminder").await, 1);
}

#[tokio::test]
async fn actions_are_reminded_when_due_soon_and_daily_when_overdue() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let due = (Utc::now() + Duration::days(3)).date_naive();
    let created = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Pilot", "description": "D", "scope": "bilateral", "government_ids": [d.af, d.pk],
                   "due_date": due}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id: uuid::Uuid = created.body["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        2,
        "AF and PK focal points"
    );
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        0
    );

    let yesterday = (Utc::now() - Duration::days(1)).date_naive();
    action::Entity::update_many()
        .col_expr(action::Column::DueDate, Expr::value(yesterday))
        .filter(action::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .expect("moved");
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        2
    );
    assert_eq!(
        queue_due(&app.state.db, Utc::now()).await.expect("queued"),
        0,
        "at most once a day"
    );
    assert_eq!(
        queue_due(&app.state.db, Utc::now() + Duration::days(1))
            .await
            .expect("queued"),
        2,
        "next day"
    );
    assert_eq!(count(&app, "action_overdue").await, 4);
}
