use chrono::{Duration, Utc};
use concord::store::entities::{outbox, workshop};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::TestApp;
use crate::helpers::spawn_app;

async fn new_workshop(
    app: &TestApp,
    d: &Dialogue,
    governments: &[&str],
    starts_in: Duration,
) -> (String, Value) {
    let starts_at = Utc::now() + starts_in;
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Joint technical workshop", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(6), "time_zone": "Asia/Karachi",
                   "venue": "Islamabad", "agenda": "Return and reintegration", "government_ids": governments}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.body["id"].as_str().expect("id").to_owned();
    (format!("/api/v1/workshops/{id}"), reply.body)
}

/// Moves the workshop's start into the past, as the passing of time would.
pub async fn start_now(app: &TestApp, path: &str) {
    let id: uuid::Uuid = path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    workshop::Entity::update_many()
        .col_expr(
            workshop::Column::StartsAt,
            Expr::value(Utc::now() - Duration::minutes(5)),
        )
        .filter(workshop::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .expect("moved");
}

async fn outbox_count(app: &TestApp, template: &str) -> u64 {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn schedule_hold_log_outcomes_conclude() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let (path, created) = new_workshop(&app, &d, &[&d.af, &d.ir, &d.pk], Duration::days(10)).await;
    assert_eq!(created["state"], "draft");
    assert_eq!(created["venue_local"]["time_zone"], "Asia/Karachi");
    assert!(
        created["venue_local"]["starts_at"]
            .as_str()
            .is_some_and(|s| s.ends_with("+05:00"))
    );

    let scheduled = app
        .apply(&d.coordinator, &path, "schedule", json!({}))
        .await;
    assert_eq!(
        (scheduled["state"].as_str(), scheduled["sequence"].as_i64()),
        (Some("scheduled"), Some(0))
    );
    assert_eq!(
        outbox_count(&app, "workshop_scheduled").await,
        3,
        "one invitation per focal point"
    );

    let later = Utc::now() + Duration::days(12);
    let moved = app
        .apply(
            &d.coordinator,
            &path,
            "reschedule",
            json!({"starts_at": later, "ends_at": later + Duration::hours(5)}),
        )
        .await;
    assert_eq!(moved["sequence"], 1);
    assert_eq!(outbox_count(&app, "workshop_rescheduled").await, 3);
    let fp_af = app.token("fp.af").await;
    let ics = app.get(&format!("{path}/invite.ics"), &fp_af).await;
    let text = ics.body.as_str().expect("text");
    let calendar: icalendar::Calendar = text.parse().expect("parseable ics");
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("a VEVENT");
    use icalendar::Component;
    assert_eq!(event.get_sequence(), Some(1));
    assert!(text.contains("ATTENDEE:mailto:fp.af@demo.test"));

    // RSVP before, the record once it started.
    let attendance = |gov: &str| format!("{path}/attendance/{gov}");
    let rsvp = app
        .put(&attendance(&d.af), &fp_af, json!({"status": "confirmed"}))
        .await;
    assert_eq!(rsvp.status, StatusCode::OK, "{}", rsvp.body);
    app.put(&attendance(&d.ir), &fp_af, json!({"status": "confirmed"}))
        .await
        .assert_problem(403, "auth.forbidden");
    app.put(&attendance(&d.af), &fp_af, json!({"status": "attended"}))
        .await
        .assert_problem(422, "workshop.not_started");
    app.transition(&d.coordinator, &path, "hold", 3, json!({}))
        .await
        .assert_problem(422, "workshop.not_started");

    start_now(&app, &path).await;
    app.transition(&d.coordinator, &path, "hold", 3, json!({}))
        .await
        .assert_problem(422, "workshop.attendance_missing");
    for (gov, status) in [(&d.af, "attended"), (&d.ir, "attended"), (&d.pk, "absent")] {
        assert_eq!(
            app.put(&attendance(gov), &d.coordinator, json!({"status": status}))
                .await
                .status,
            StatusCode::OK
        );
    }
    let held = app.apply(&d.coordinator, &path, "hold", json!({})).await;
    assert_eq!(held["state"], "held");
    assert_eq!(
        outbox_count(&app, "workshop_outcomes_requested").await,
        2,
        "only the governments that attended are asked for outcomes"
    );

    let outcomes = format!("{path}/outcomes");
    app.transition(&d.coordinator, &path, "conclude", 4, json!({}))
        .await
        .assert_problem(422, "workshop.outcomes_missing");
    let logged = app
        .post(
            &outcomes,
            &fp_af,
            json!({"text": "AF: agreed on data exchange", "submit": true}),
        )
        .await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
    app.post(
        &outcomes,
        &fp_af,
        json!({"text": "changed my mind", "submit": true}),
    )
    .await
    .assert_problem(422, "workshop.outcome_submitted");
    app.post(
        &outcomes,
        &fp_af,
        json!({"government_id": d.ir, "text": "for IR"}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    let fp_pk = app.token("fp.pk").await;
    app.post(&outcomes, &fp_pk, json!({"text": "PK notes"}))
        .await
        .assert_problem(422, "workshop.government_not_attending");
    let fp_ir = app.token("fp.ir").await;
    assert_eq!(
        app.post(
            &outcomes,
            &fp_ir,
            json!({"text": "IR: draft", "submit": false})
        )
        .await
        .status,
        StatusCode::CREATED
    );
    app.transition(&d.coordinator, &path, "conclude", 4, json!({}))
        .await
        .assert_problem(422, "workshop.outcomes_missing");
    assert_eq!(
        app.post(
            &outcomes,
            &fp_ir,
            json!({"text": "IR: final", "submit": true})
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let concluded = app
        .apply(&d.coordinator, &path, "conclude", json!({}))
        .await;
    assert_eq!(concluded["state"], "concluded");
    assert_eq!(concluded["outcomes"].as_array().map(Vec::len), Some(2));

    let history = app.get(&format!("{path}/history"), &d.coordinator).await;
    let transitions: Vec<&str> = history.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["transition"].as_str())
        .filter(|t| !matches!(*t, "attendance" | "outcome"))
        .collect();
    assert_eq!(
        transitions,
        ["create", "schedule", "reschedule", "hold", "conclude"]
    );
}

#[tokio::test]
async fn scheduling_refusals_change_nothing() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let (lonely, _) = new_workshop(&app, &d, &[&d.af], Duration::days(3)).await;
    app.transition(&d.coordinator, &lonely, "schedule", 1, json!({}))
        .await
        .assert_problem(422, "workshop.too_few_governments");
    let (late, _) = new_workshop(&app, &d, &[&d.af, &d.pk], Duration::days(3)).await;
    start_now(&app, &late).await;
    app.transition(&d.coordinator, &late, "schedule", 1, json!({}))
        .await
        .assert_problem(422, "workshop.start_in_past");
    let read = app.get(&late, &d.coordinator).await;
    assert_eq!(
        (read.body["state"].as_str(), read.body["version"].as_i64()),
        (Some("draft"), Some(1))
    );
    assert_eq!(outbox_count(&app, "workshop_scheduled").await, 0);
    let fp_af = app.token("fp.af").await;
    app.transition(&fp_af, &lonely, "cancel", 1, json!({"reason": "x"}))
        .await
        .assert_problem(403, "auth.forbidden");
}

#[tokio::test]
async fn cancelling_a_scheduled_workshop_tells_the_invitees() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let (path, _) = new_workshop(&app, &d, &[&d.af, &d.ir], Duration::days(5)).await;
    app.apply(&d.coordinator, &path, "schedule", json!({}))
        .await;
    app.transition(&d.coordinator, &path, "cancel", 2, json!({}))
        .await
        .assert_problem(422, "workshop.reason_required");
    let cancelled = app
        .apply(
            &d.coordinator,
            &path,
            "cancel",
            json!({"reason": "venue unavailable"}),
        )
        .await;
    assert_eq!(
        (cancelled["state"].as_str(), cancelled["sequence"].as_i64()),
        (Some("cancelled"), Some(1))
    );
    assert_eq!(cancelled["cancel_reason"], "venue unavailable");
    assert_eq!(outbox_count(&app, "workshop_cancelled").await, 2);
    let ics = app.get(&format!("{path}/invite.ics"), &d.coordinator).await;
    assert!(
        ics.body
            .as_str()
            .is_some_and(|t| t.contains("METHOD:CANCEL"))
    );
}

#[tokio::test]
async fn a_coordinator_may_conclude_without_outcomes_by_saying_why() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let (path, _) = new_workshop(&app, &d, &[&d.af, &d.ir], Duration::days(5)).await;
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
    let done = app
        .apply(
            &d.coordinator,
            &path,
            "conclude",
            json!({"override_reason": "delegations left early"}),
        )
        .await;
    assert_eq!(
        (done["state"].as_str(), done["override_reason"].as_str()),
        (Some("concluded"), Some("delegations left early"))
    );
    let history = app.get(&format!("{path}/history"), &d.coordinator).await;
    let last = history.body["items"]
        .as_array()
        .and_then(|items| items.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (last["transition"].as_str(), last["reason"].as_str()),
        (Some("conclude"), Some("delegations left early"))
    );
}

#[tokio::test]
async fn workshop_input_is_validated() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let now = Utc::now();
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "", "kind": "social", "starts_at": now, "ends_at": now, "time_zone": "Asia/Atlantis",
                   "venue": "x", "government_ids": []}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["kind"].is_array(), "{}", reply.body);
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "", "kind": "joint", "starts_at": now, "ends_at": now, "time_zone": "Asia/Atlantis",
                   "venue": "x", "government_ids": [d.af, d.af]}),
        )
        .await;
    for field in ["title", "ends_at", "time_zone", "government_ids"] {
        assert!(
            reply.body["errors"][field].is_array(),
            "{field}: {}",
            reply.body
        );
    }
    let manager = app.token("manager").await;
    let ok_body = json!({"title": "T", "kind": "joint", "starts_at": now + Duration::days(1),
                         "ends_at": now + Duration::days(2), "time_zone": "Asia/Kabul", "venue": "Kabul",
                         "government_ids": [d.af, d.ir]});
    app.post(
        &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
        &manager,
        ok_body,
    )
    .await
    .assert_problem(403, "auth.forbidden");
}
