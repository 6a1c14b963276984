//! Common understandings through the API: the lifecycle, edits, lists and input. The
//! governments' positions are tested in `endorsements`.
mod endorsements;

use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use concord::store::entities::outbox;

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::{Reply, TestApp, spawn_app};

/// A draft understanding in the dialogue's initial phase; returns its path.
async fn draft(app: &TestApp, d: &Dialogue, title: &str) -> String {
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            json!({"title": title, "text": "Migration is managed jointly."}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    format!(
        "/api/v1/understandings/{}",
        reply.body["id"].as_str().expect("id")
    )
}

/// A proposed understanding; returns its path.
async fn proposed(app: &TestApp, d: &Dialogue) -> String {
    let path = draft(app, d, "Shared principles").await;
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    path
}

async fn position(
    app: &TestApp,
    token: &str,
    path: &str,
    government_id: &str,
    body: Value,
) -> Reply {
    app.put(&format!("{path}/endorsements/{government_id}"), token, body)
        .await
}

async fn patch(app: &TestApp, token: &str, path: &str, body: Value) -> Reply {
    app.request(Method::PATCH, path, Some(token), Some(body))
        .await
}

fn allowed(body: &Value, transition: &str) -> (bool, String) {
    let entry = body["allowed_transitions"]
        .as_array()
        .and_then(|list| list.iter().find(|t| t["transition"] == transition).cloned())
        .unwrap_or_else(|| panic!("no {transition} in {body}"));
    (
        entry["allowed"].as_bool().unwrap_or(false),
        entry["reason_code"].as_str().unwrap_or("").to_owned(),
    )
}

/// `government_id → (position, revision)`.
fn positions(body: &Value) -> Vec<(String, String, i64)> {
    let mut list: Vec<_> = body["endorsements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["government_id"].as_str().unwrap_or("").to_owned(),
                e["position"].as_str().unwrap_or("").to_owned(),
                e["revision"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    list.sort();
    list
}

fn position_of(body: &Value, government_id: &str) -> String {
    positions(body)
        .into_iter()
        .find(|(g, ..)| g == government_id)
        .map(|(_, p, _)| p)
        .unwrap_or_else(|| panic!("no endorsement of {government_id} in {body}"))
}

async fn transitions(app: &TestApp, token: &str, path: &str) -> Vec<String> {
    let history = app.get(&format!("{path}/history"), token).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.body);
    history.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["transition"].as_str().map(String::from))
        .collect()
}

async fn user_id(app: &TestApp, token: &str) -> String {
    let me = app.get("/api/v1/me", token).await;
    me.body["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn the_last_endorsement_adopts_the_text() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = draft(&app, &d, "Shared principles").await;
    let created = app.get(&path, &d.coordinator).await;
    assert_eq!(created.body["state"], "draft");
    assert_eq!(created.body["revision"], 1);
    assert_eq!(created.body["version"], 1);
    assert_eq!(created.body["project_id"], d.project_id.as_str());
    let mut expected: Vec<_> = [&d.af, &d.ir, &d.pk]
        .iter()
        .map(|g| ((*g).clone(), "pending".to_owned(), 1))
        .collect();
    expected.sort();
    assert_eq!(positions(&created.body), expected);
    assert_eq!(allowed(&created.body, "propose"), (true, String::new()));
    let fp_af = app.token("fp.af").await;
    let seen_by_fp = app.get(&path, &fp_af).await;
    assert_eq!(
        allowed(&seen_by_fp.body, "propose"),
        (false, "permission.role".to_owned())
    );

    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    let (fp_ir, fp_pk) = (app.token("fp.ir").await, app.token("fp.pk").await);
    for (token, government) in [(&fp_af, &d.af), (&fp_ir, &d.ir)] {
        let reply = position(
            &app,
            token,
            &path,
            government,
            json!({"position": "endorsed", "revision": 1}),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["state"], "proposed");
        assert_eq!(position_of(&reply.body, government), "endorsed");
    }
    let last = position(
        &app,
        &fp_pk,
        &path,
        &d.pk,
        json!({"position": "endorsed", "note": "Agreed in Islamabad", "revision": 1}),
    )
    .await;
    assert_eq!(last.status, StatusCode::OK, "{}", last.body);
    assert_eq!(last.body["state"], "adopted");
    assert_eq!(last.body["version"], 3);
    assert_eq!(
        transitions(&app, &d.coordinator, &path).await,
        [
            "create", "propose", "position", "position", "position", "adopt"
        ]
    );

    let id = last.body["id"].as_str().expect("id");
    let notices = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("understanding_adopted"))
        .all(&app.state.db)
        .await
        .expect("outbox rows");
    assert!(notices.iter().all(|n| n.payload.contains(id)));
    let recipients: Vec<String> = notices
        .iter()
        .map(|n| n.recipient_user_id.to_string())
        .collect();
    for token in [&fp_af, &fp_ir, &fp_pk, &d.coordinator, &d.manager] {
        let user = user_id(&app, token).await;
        assert!(
            recipients.contains(&user),
            "{user} not told: {recipients:?}"
        );
    }

    let project = app
        .get(
            &format!("/api/v1/projects/{}", d.project_id),
            &d.coordinator,
        )
        .await;
    assert_eq!(project.body["progress"]["understandings_adopted"], 1);
}

#[tokio::test]
async fn only_drafts_are_edited_and_only_at_the_current_version() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = draft(&app, &d, "Shared principles").await;
    patch(
        &app,
        &d.coordinator,
        &path,
        json!({"text": "Old news", "version": 0}),
    )
    .await
    .assert_problem(409, "conflict.version");
    let fp_af = app.token("fp.af").await;
    patch(
        &app,
        &fp_af,
        &path,
        json!({"text": "Mine now", "version": 1}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    let edited = patch(
        &app,
        &d.coordinator,
        &path,
        json!({"text": "  Better wording  ", "version": 1}),
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(
        (
            edited.body["text"].as_str(),
            edited.body["version"].as_i64()
        ),
        (Some("Better wording"), Some(2))
    );
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    patch(
        &app,
        &d.coordinator,
        &path,
        json!({"text": "Too late", "version": 3}),
    )
    .await
    .assert_problem(422, "understanding.not_draft");

    let reply = app
        .transition(&d.coordinator, &path, "adopt", 3, json!({}))
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(
        reply.body["errors"]["transition"].is_array(),
        "{}",
        reply.body
    );
    app.transition(&d.coordinator, &path, "withdraw", 3, json!({}))
        .await
        .assert_problem(422, "understanding.reason_required");
    let withdrawn = app
        .apply(
            &d.coordinator,
            &path,
            "withdraw",
            json!({"reason": "Superseded"}),
        )
        .await;
    assert_eq!(withdrawn["state"], "withdrawn");
    assert_eq!(withdrawn["withdraw_reason"], "Superseded");
    assert_eq!(
        transitions(&app, &d.coordinator, &path).await,
        ["create", "edit", "propose", "withdraw"]
    );
}

#[tokio::test]
async fn lists_page_and_input_is_validated() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    for title in ["First", "Second", "Third"] {
        draft(&app, &d, title).await;
    }
    let list_path = format!("/api/v1/projects/{}/understandings", d.project_id);
    let first = app
        .get(&format!("{list_path}?limit=2"), &d.coordinator)
        .await;
    let titles: Vec<&str> = first.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["title"].as_str())
        .collect();
    assert_eq!(titles, ["First", "Second"]);
    assert!(
        first.body["items"][0]["endorsements"]
            .as_array()
            .is_some_and(|e| e.len() == 3)
    );
    let cursor = first.body["next_cursor"].as_str().expect("cursor");
    let rest = app
        .get(
            &format!("{list_path}?limit=2&cursor={cursor}"),
            &d.coordinator,
        )
        .await;
    assert_eq!(rest.body["items"][0]["title"], "Third");
    assert!(rest.body["next_cursor"].is_null());

    let create = format!("/api/v1/phases/{}/understandings", d.initial_phase_id);
    let reply = app
        .post(
            &create,
            &d.coordinator,
            json!({"title": "x".repeat(301), "text": "  "}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in ["title", "text"] {
        assert!(
            reply.body["errors"][field].is_array(),
            "{field}: {}",
            reply.body
        );
    }
    let reply = app
        .post(
            &create,
            &d.coordinator,
            json!({"title": "Long", "text": "x".repeat(20_001)}),
        )
        .await;
    assert!(reply.body["errors"]["text"].is_array(), "{}", reply.body);
    let reply = app
        .post(&create, &d.coordinator, json!({"title": "No text"}))
        .await;
    assert!(reply.body["errors"]["text"].is_array(), "{}", reply.body);
    let path = format!(
        "/api/v1/understandings/{}",
        first.body["items"][0]["id"].as_str().expect("id")
    );
    let reply = patch(&app, &d.coordinator, &path, json!({"text": ""})).await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["version"].is_array(), "{}", reply.body);
    let reply = patch(
        &app,
        &d.coordinator,
        &path,
        json!({"text": "", "version": 1}),
    )
    .await;
    assert!(reply.body["errors"]["text"].is_array(), "{}", reply.body);

    // A cancelled phase takes no new texts.
    let follow_up = format!("/api/v1/phases/{}", d.follow_up_phase_id);
    app.apply(
        &d.coordinator,
        &follow_up,
        "cancel",
        json!({"reason": "No funding"}),
    )
    .await;
    app.post(
        &format!("{follow_up}/understandings"),
        &d.coordinator,
        json!({"title": "T", "text": "T"}),
    )
    .await
    .assert_problem(422, "understanding.phase_closed");
}
