use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::{active_dialogue, draft_dialogue};
use crate::helpers::spawn_app;

fn allowed(body: &serde_json::Value, transition: &str) -> (bool, String) {
    let entry = body["allowed_transitions"]
        .as_array()
        .and_then(|list| list.iter().find(|t| t["transition"] == transition).cloned())
        .unwrap_or_else(|| panic!("no {transition} in {body}"));
    (
        entry["allowed"].as_bool().unwrap_or(false),
        entry["reason_code"].as_str().unwrap_or("").to_owned(),
    )
}

#[tokio::test]
async fn a_dialogue_starts_with_its_phases_in_order() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let project = app
        .get(
            &format!("/api/v1/projects/{}", d.project_id),
            &d.coordinator,
        )
        .await;
    assert_eq!(project.body["state"], "draft");
    assert_eq!(
        project.body["government_ids"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(project.body["phases"].as_array().map(Vec::len), Some(2));
    assert_eq!(allowed(&project.body, "activate"), (true, String::new()));
    assert_eq!(
        allowed(&project.body, "complete").1,
        "project.invalid_state"
    );

    // The initial phase cannot start while the dialogue is a draft.
    let phase = format!("/api/v1/phases/{}", d.initial_phase_id);
    let reply = app
        .transition(&d.coordinator, &phase, "activate", 1, json!({}))
        .await;
    reply.assert_problem(422, "phase.project_not_active");

    app.apply(
        &d.coordinator,
        &format!("/api/v1/projects/{}", d.project_id),
        "activate",
        json!({}),
    )
    .await;
    // The follow-up phase cannot start before the initial one is completed.
    let follow_up = format!("/api/v1/phases/{}", d.follow_up_phase_id);
    let read = app.get(&follow_up, &d.coordinator).await;
    assert_eq!(
        allowed(&read.body, "activate"),
        (false, "phase.previous_not_completed".to_owned())
    );
    app.transition(&d.coordinator, &follow_up, "activate", 1, json!({}))
        .await
        .assert_problem(422, "phase.previous_not_completed");
    let after = app.get(&follow_up, &d.coordinator).await;
    assert_eq!(
        (after.body["state"].as_str(), after.body["version"].as_i64()),
        (Some("planned"), Some(1)),
        "nothing changed"
    );

    let active = app
        .apply(&d.coordinator, &phase, "activate", json!({}))
        .await;
    assert_eq!(active["state"], "active");
    assert_eq!(active["version"], 2);
    // A phase with nothing open completes at the manager's approval only.
    app.transition(&d.coordinator, &phase, "complete", 2, json!({}))
        .await
        .assert_problem(403, "auth.forbidden");
    let done = app.apply(&d.manager, &phase, "complete", json!({})).await;
    assert_eq!(done["state"], "completed");
    assert_eq!(
        app.apply(&d.coordinator, &follow_up, "activate", json!({}))
            .await["state"],
        "active"
    );

    let history = app.get(&format!("{phase}/history"), &d.coordinator).await;
    let transitions: Vec<&str> = history.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["transition"].as_str())
        .collect();
    assert_eq!(transitions, ["create", "activate", "complete"]);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}", d.project_id);
    app.apply(&d.coordinator, &path, "activate", json!({}))
        .await;
    let reply = app
        .transition(&d.coordinator, &path, "suspend", 1, json!({}))
        .await;
    reply.assert_problem(409, "conflict.version");
    let read = app.get(&path, &d.coordinator).await;
    assert_eq!(
        (read.body["state"].as_str(), read.body["version"].as_i64()),
        (Some("active"), Some(2))
    );
}

#[tokio::test]
async fn refusals_name_the_rule() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}", d.project_id);
    let reply = app
        .transition(&d.coordinator, &path, "complete", 2, json!({}))
        .await;
    reply.assert_problem(422, "project.phases_open");
    app.transition(&d.coordinator, &path, "cancel", 2, json!({}))
        .await
        .assert_problem(422, "project.reason_required");
    let reply = app
        .transition(&d.coordinator, &path, "explode", 2, json!({}))
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["transition"].is_array());
    let cancelled = app
        .apply(
            &d.coordinator,
            &path,
            "cancel",
            json!({"reason": "donor withdrew"}),
        )
        .await;
    assert_eq!(cancelled["cancel_reason"], "donor withdrew");
}

#[tokio::test]
async fn focal_points_see_only_their_dialogues() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let tj_id = app.add_tajikistan().await;
    let other = app
        .post(
            "/api/v1/projects",
            &d.coordinator,
            json!({"code": "AF-TJ", "title": "Another", "government_ids": [d.af, tj_id]}),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED);
    let other_id = other.body["id"].as_str().expect("id");

    let fp_pk = app.token("fp.pk").await;
    let list = app.get("/api/v1/projects", &fp_pk).await;
    let ids: Vec<&str> = list.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids, [d.project_id.as_str()]);
    app.get(&format!("/api/v1/projects/{other_id}"), &fp_pk)
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/projects/{other_id}/history"), &fp_pk)
        .await
        .assert_problem(404, "not_found");
    let fp_af = app.token("fp.af").await;
    assert_eq!(
        app.get("/api/v1/projects", &fp_af).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let observer = app.token("observer").await;
    assert_eq!(
        app.get("/api/v1/projects", &observer).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn project_input_is_validated() {
    let app = spawn_app().await;
    let coordinator = app.token("coordinator").await;
    let reply = app
        .post(
            "/api/v1/projects",
            &coordinator,
            json!({"code": "", "title": " ", "budget_usd": -1,
                                                        "government_ids": [uuid::Uuid::new_v4()]}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in ["code", "title", "budget_usd", "government_ids"] {
        assert!(
            reply.body["errors"][field].is_array(),
            "{field}: {}",
            reply.body
        );
    }
    let observer = app.token("observer").await;
    app.post(
        "/api/v1/projects",
        &observer,
        json!({"code": "X", "title": "X", "government_ids": []}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    assert_eq!(
        app.get("/api/v1/projects", &coordinator).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn closed_dialogues_and_phases_take_no_new_work() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let phase = format!("/api/v1/phases/{}", d.follow_up_phase_id);
    app.apply(
        &d.coordinator,
        &phase,
        "cancel",
        json!({"reason": "no funding"}),
    )
    .await;
    let starts_at = chrono::Utc::now() + chrono::Duration::days(3);
    let workshop = json!({"title": "W", "kind": "joint", "starts_at": starts_at,
                          "ends_at": starts_at + chrono::Duration::hours(2), "time_zone": "Asia/Kabul",
                          "venue": "Kabul", "government_ids": [d.af, d.ir]});
    app.post(&format!("{phase}/workshops"), &d.coordinator, workshop)
        .await
        .assert_problem(422, "workshop.phase_closed");

    let project = format!("/api/v1/projects/{}", d.project_id);
    app.apply(
        &d.coordinator,
        &project,
        "cancel",
        json!({"reason": "donor withdrew"}),
    )
    .await;
    app.post(
        &format!("{project}/phases"),
        &d.coordinator,
        json!({"name": "Third", "ordinal": 3}),
    )
    .await
    .assert_problem(422, "project.closed");
    let read = app.get(&project, &d.coordinator).await;
    assert_eq!(
        read.body["phases"].as_array().map(Vec::len),
        Some(2),
        "nothing was added"
    );
}
