//! An entity's history pages like every list: `?limit=&cursor=`, oldest first, each
//! event once, and `next_cursor` null on the last page.
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn history_is_paged_oldest_first_each_event_once() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let project = format!("/api/v1/projects/{}", d.project_id);
    for transition in ["suspend", "resume", "suspend", "resume"] {
        app.apply(
            &d.coordinator,
            &project,
            transition,
            json!({"reason": "pause"}),
        )
        .await;
    }
    let whole = app
        .get(&format!("{project}/history?limit=200"), &d.coordinator)
        .await;
    let all: Vec<String> = whole.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["transition"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(all.len() >= 6, "{all:?}");
    assert_eq!(whole.body["next_cursor"], serde_json::Value::Null);

    let mut paged = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    loop {
        let reply = app
            .get(
                &format!("{project}/history?limit=2&cursor={cursor}"),
                &d.coordinator,
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let items = reply.body["items"].as_array().expect("items");
        assert!(items.len() <= 2);
        paged.extend(
            items
                .iter()
                .map(|e| e["transition"].as_str().unwrap_or_default().to_owned()),
        );
        pages += 1;
        match reply.body["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
        assert!(pages < 20, "paging does not end");
    }
    assert_eq!(
        paged, all,
        "the pages, joined, are the whole history in order"
    );
    assert_eq!(pages, all.len().div_ceil(2));

    // A cursor that is not an event of this entity names the field.
    let phase = format!("/api/v1/phases/{}", d.initial_phase_id);
    let phase_event = app
        .get(&format!("{phase}/history?limit=1"), &d.coordinator)
        .await;
    let foreign = phase_event.body["next_cursor"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    for bad in [foreign.as_str(), "not-a-cursor"] {
        let reply = app
            .get(&format!("{project}/history?cursor={bad}"), &d.coordinator)
            .await;
        reply.assert_problem(422, "validation.failed");
        assert!(reply.body["errors"]["cursor"].is_array(), "{}", reply.body);
    }
}
