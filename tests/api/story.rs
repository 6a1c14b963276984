//! The trilateral story end to end through the API, as its people would live it.
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;
use crate::workshops::start_now;

#[tokio::test]
async fn the_trilateral_consultation_from_first_workshop_to_completed_actions() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let fps = [
        (app.token("fp.af").await, d.af.clone()),
        (app.token("fp.ir").await, d.ir.clone()),
        (app.token("fp.pk").await, d.pk.clone()),
    ];
    let initial = format!("/api/v1/phases/{}", d.initial_phase_id);
    let follow_up = format!("/api/v1/phases/{}", d.follow_up_phase_id);

    // The follow-up phase may not start before the initial phase succeeded.
    app.transition(&d.coordinator, &follow_up, "activate", 1, json!({}))
        .await
        .assert_problem(422, "phase.previous_not_completed");

    // A joint technical workshop: scheduled, held, outcomes logged, concluded.
    let starts_at = Utc::now() + Duration::days(14);
    let created = app
        .post(
            &format!("{initial}/workshops"),
            &d.coordinator,
            json!({"title": "Joint technical workshop", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(6), "time_zone": "Asia/Kabul", "venue": "Kabul",
                   "government_ids": [d.af, d.ir, d.pk]}),
        )
        .await;
    let workshop = format!(
        "/api/v1/workshops/{}",
        created.body["id"].as_str().expect("id")
    );
    app.apply(&d.coordinator, &workshop, "schedule", json!({}))
        .await;
    for (token, government) in &fps {
        let rsvp = app
            .put(
                &format!("{workshop}/attendance/{government}"),
                token,
                json!({"status": "confirmed"}),
            )
            .await;
        assert_eq!(rsvp.status, StatusCode::OK, "{}", rsvp.body);
    }
    start_now(&app, &workshop).await;
    for (token, government) in &fps {
        app.put(
            &format!("{workshop}/attendance/{government}"),
            token,
            json!({"status": "attended"}),
        )
        .await;
    }
    app.apply(&d.coordinator, &workshop, "hold", json!({}))
        .await;
    // The phase cannot complete while the workshop is open.
    app.transition(&d.manager, &initial, "complete", 2, json!({}))
        .await
        .assert_problem(422, "phase.workshops_open");
    for (token, _) in &fps {
        let logged = app
            .post(
                &format!("{workshop}/outcomes"),
                token,
                json!({"text": "Our outcome", "submit": true}),
            )
            .await;
        assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
    }
    assert_eq!(
        app.apply(&d.coordinator, &workshop, "conclude", json!({}))
            .await["state"],
        "concluded"
    );

    // A common understanding: proposed, endorsed by all three, adopted.
    let proposed = app
        .post(&format!("{initial}/understandings"), &d.coordinator,
              json!({"title": "Voluntary return", "text": "Return is voluntary, safe and dignified."}))
        .await;
    let understanding = format!(
        "/api/v1/understandings/{}",
        proposed.body["id"].as_str().expect("id")
    );
    app.apply(&d.coordinator, &understanding, "propose", json!({}))
        .await;
    app.transition(&d.manager, &initial, "complete", 2, json!({}))
        .await
        .assert_problem(422, "phase.understandings_open");
    for (n, (token, government)) in fps.iter().enumerate() {
        let reply = app
            .put(
                &format!("{understanding}/endorsements/{government}"),
                token,
                json!({"position": "endorsed", "revision": 1}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let expected = if n == 2 { "adopted" } else { "proposed" };
        assert_eq!(reply.body["state"], expected);
    }

    // The manager approves completion; then the follow-up phase may start.
    let phase = app.get(&initial, &d.manager).await;
    let complete = phase.body["allowed_transitions"]
        .as_array()
        .and_then(|l| l.iter().find(|t| t["transition"] == "complete").cloned())
        .expect("complete listed");
    assert_eq!(complete["allowed"], true, "{}", phase.body);
    app.transition(&d.coordinator, &initial, "complete", 2, json!({}))
        .await
        .assert_problem(403, "auth.forbidden");
    assert_eq!(
        app.apply(&d.manager, &initial, "complete", json!({})).await["state"],
        "completed"
    );
    assert_eq!(
        app.apply(&d.coordinator, &follow_up, "activate", json!({}))
            .await["state"],
        "active"
    );

    // A bilateral action between Afghanistan and Pakistan: agreed, started, completed.
    let action = app
        .post(&format!("{follow_up}/actions"), &d.coordinator,
              json!({"title": "Joint registration pilot", "description": "At one border crossing",
                     "scope": "bilateral", "government_ids": [d.af, d.pk], "due_date": "2030-06-30"}))
        .await;
    assert_eq!(action.status, StatusCode::CREATED, "{}", action.body);
    let action = format!(
        "/api/v1/actions/{}",
        action.body["id"].as_str().expect("id")
    );
    app.get(&action, &fps[1].0)
        .await
        .assert_problem(404, "not_found");
    for (token, government) in [&fps[0], &fps[2]] {
        let agreed = app
            .put(
                &format!("{action}/agreement/{government}"),
                token,
                json!({"agreed": true}),
            )
            .await;
        assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    }
    assert_eq!(
        app.get(&action, &d.coordinator).await.body["state"],
        "agreed"
    );
    app.apply(&fps[0].0, &action, "start", json!({})).await;
    let done = app
        .apply(
            &fps[2].0,
            &action,
            "complete",
            json!({"note": "Pilot ran for three months"}),
        )
        .await;
    assert_eq!(done["state"], "completed");

    let project = app
        .get(&format!("/api/v1/projects/{}", d.project_id), &d.manager)
        .await;
    let progress = &project.body["progress"];
    assert_eq!(
        (
            progress["phases_completed"].as_u64(),
            progress["workshops_concluded"].as_u64(),
            progress["understandings_adopted"].as_u64(),
            progress["actions_completed"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1)),
        "{progress}"
    );
    let admin = app.token("admin").await;
    assert_eq!(
        app.get("/api/v1/audit/verify", &admin).await.body["ok"],
        true
    );
}
