use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::draft_dialogue;
use crate::helpers::spawn_app;

/// A known failure of SQLite-backed trackers: concurrent writers get "database is
/// locked" 500s. With a busy timeout and BEGIN IMMEDIATE every one succeeds.
#[tokio::test]
async fn sixteen_writers_on_different_rows_all_succeed() {
    let app = spawn_app().await;
    let mut dialogues = Vec::new();
    for _ in 0..16 {
        dialogues.push(draft_dialogue(&app).await);
    }
    let replies = join_all(dialogues.iter().map(|d| {
        let path = format!("/api/v1/projects/{}", d.project_id);
        let app = &app;
        async move {
            app.transition(&d.coordinator, &path, "activate", 1, json!({}))
                .await
        }
    }))
    .await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["state"], "active");
    }
}

/// Two clients race for the same row with the same version: exactly one wins, the
/// other is told its version is stale, and the history holds one event.
#[tokio::test]
async fn two_transitions_on_one_row_yield_exactly_one_success() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}", d.project_id);
    app.apply(&d.coordinator, &path, "activate", json!({}))
        .await;
    let (a, b) = tokio::join!(
        app.transition(&d.coordinator, &path, "suspend", 2, json!({})),
        app.transition(
            &d.coordinator,
            &path,
            "cancel",
            2,
            json!({"reason": "race"})
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    loser.assert_problem(409, "conflict.version");
    let read = app.get(&path, &d.coordinator).await;
    assert_eq!(read.body["version"], 3);
    let history = app.get(&format!("{path}/history"), &d.coordinator).await;
    assert_eq!(
        history.body["items"].as_array().map(Vec::len),
        Some(3),
        "create, activate and one winner"
    );
}
