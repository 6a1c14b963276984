//! Small leaks: a count that reveals a hidden action, a 409 that tells a person "reload"
//! about a transition they may never make.
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn counts_cover_only_the_actions_the_reader_may_see() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let actions = format!("/api/v1/phases/{}/actions", d.initial_phase_id);
    for body in [
        json!({"title": "Joint data exchange", "scope": "collective", "due_date": "2027-03-01"}),
        json!({"title": "AF–PK border desk", "scope": "bilateral", "government_ids": [d.af, d.pk],
               "due_date": "2027-03-01"}),
    ] {
        let created = app.post(&actions, &d.coordinator, body).await;
        assert_eq!(created.status.as_u16(), 201, "{}", created.body);
    }
    let project = format!("/api/v1/projects/{}", d.project_id);
    let phase = format!("/api/v1/phases/{}", d.initial_phase_id);
    for (who, expected) in [
        ("fp.ir", 1),
        ("fp.af", 2),
        ("manager", 2),
        ("coordinator", 2),
    ] {
        let token = app.token(who).await;
        let list = app.get(&format!("{project}/actions"), &token).await.body["items"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(list, expected, "{who} lists");
        let progress = &app.get(&project, &token).await.body["progress"];
        assert_eq!(progress["actions_total"], expected, "{who}: {progress}");
        let open = &app.get(&phase, &token).await.body["open_actions"];
        assert_eq!(open, expected, "{who} phase open_actions");
    }
}

#[tokio::test]
async fn a_transition_one_may_never_make_is_403_whatever_the_version() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let fp_af = app.token("fp.af").await;
    let phase = format!("/api/v1/phases/{}", d.initial_phase_id);
    let project = format!("/api/v1/projects/{}", d.project_id);
    for (path, transition) in [(&phase, "complete"), (&project, "suspend")] {
        let stale = app
            .transition(&fp_af, path, transition, 999, json!({"reason": "x"}))
            .await;
        stale.assert_problem(403, "auth.forbidden");
    }
    // Someone who may make it, with a stale version, is told to reload.
    app.transition(&d.manager, &phase, "complete", 999, json!({}))
        .await
        .assert_problem(409, "conflict.version");
}
