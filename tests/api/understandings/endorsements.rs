//! Positions: only a government's own focal point answers, on the current revision,
//! and only in a dialogue their government takes part in.
use reqwest::StatusCode;
use serde_json::json;

use super::{draft, patch, position, position_of, positions, proposed, transitions};
use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn an_objection_keeps_it_proposed_and_a_revise_starts_over() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = proposed(&app, &d).await;
    let (fp_af, fp_ir, fp_pk) = (
        app.token("fp.af").await,
        app.token("fp.ir").await,
        app.token("fp.pk").await,
    );
    let endorse = json!({"position": "endorsed", "revision": 1});
    position(&app, &fp_af, &path, &d.af, endorse.clone()).await;
    let objection = position(
        &app,
        &fp_ir,
        &path,
        &d.ir,
        json!({"position": "objection", "note": "Article 3 is too broad", "revision": 1}),
    )
    .await;
    assert_eq!(objection.status, StatusCode::OK, "{}", objection.body);
    let mixed = position(&app, &fp_pk, &path, &d.pk, endorse.clone()).await;
    assert_eq!(mixed.body["state"], "proposed");
    assert_eq!(position_of(&mixed.body, &d.ir), "objection");

    let revised = app
        .apply(
            &d.coordinator,
            &path,
            "revise",
            json!({"reason": "Narrow article 3"}),
        )
        .await;
    assert_eq!(revised["state"], "draft");
    assert_eq!(revised["revision"], 2);
    assert!(
        positions(&revised)
            .iter()
            .all(|(_, p, r)| p == "pending" && *r == 2),
        "{revised}"
    );
    assert!(
        revised["endorsements"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["note"].is_null())
    );

    position(
        &app,
        &fp_af,
        &path,
        &d.af,
        json!({"position": "endorsed", "revision": 2}),
    )
    .await
    .assert_problem(422, "understanding.not_proposed");
    let edited = patch(
        &app,
        &d.coordinator,
        &path,
        json!({"text": "Article 3, narrowed.", "version": revised["version"]}),
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.body["text"], "Article 3, narrowed.");
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    position(&app, &fp_af, &path, &d.af, endorse)
        .await
        .assert_problem(422, "understanding.stale_revision");
    let current = position(
        &app,
        &fp_af,
        &path,
        &d.af,
        json!({"position": "endorsed", "revision": 2}),
    )
    .await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.body);
    assert_eq!(position_of(&current.body, &d.af), "endorsed");
    assert_eq!(current.body["state"], "proposed");
}

#[tokio::test]
async fn focal_points_answer_only_for_their_own_government() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = draft(&app, &d, "Shared principles").await;
    let fp_af = app.token("fp.af").await;
    position(
        &app,
        &fp_af,
        &path,
        &d.af,
        json!({"position": "endorsed", "revision": 1}),
    )
    .await
    .assert_problem(422, "understanding.not_proposed");
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    let before = app.get(&path, &d.coordinator).await;

    position(
        &app,
        &fp_af,
        &path,
        &d.ir,
        json!({"position": "endorsed", "revision": 1}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    position(
        &app,
        &d.coordinator,
        &path,
        &d.af,
        json!({"position": "endorsed", "revision": 1}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    let reply = position(
        &app,
        &fp_af,
        &path,
        &d.af,
        json!({"position": "pending", "revision": 1}),
    )
    .await;
    reply.assert_problem(422, "validation.failed");
    assert!(
        reply.body["errors"]["position"].is_array(),
        "{}",
        reply.body
    );
    let reply = position(&app, &fp_af, &path, &d.af, json!({"position": "maybe"})).await;
    reply.assert_problem(422, "validation.failed");
    assert!(
        reply.body["errors"]["position"].is_array(),
        "{}",
        reply.body
    );

    let after = app.get(&path, &d.coordinator).await;
    assert_eq!(
        positions(&after.body),
        positions(&before.body),
        "nothing changed"
    );
    assert_eq!(after.body["version"], before.body["version"]);
    assert_eq!(
        transitions(&app, &d.coordinator, &path).await,
        ["create", "propose"]
    );
}

#[tokio::test]
async fn a_focal_point_outside_the_dialogue_sees_nothing() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = proposed(&app, &d).await;
    let admin = app.token("admin").await;
    let tj_id = app.add_tajikistan().await;
    let user = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "fp.tj@demo.test", "display_name": "FP TJ", "role": "focal_point",
                   "government_id": tj_id, "password": "a long enough password"}),
        )
        .await;
    assert_eq!(user.status, StatusCode::CREATED, "{}", user.body);
    let login = app.login("fp.tj@demo.test", "a long enough password").await;
    let fp_tj = login.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();

    app.get(&path, &fp_tj)
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("{path}/history"), &fp_tj)
        .await
        .assert_problem(404, "not_found");
    app.get(
        &format!("/api/v1/projects/{}/understandings", d.project_id),
        &fp_tj,
    )
    .await
    .assert_problem(404, "not_found");
    position(
        &app,
        &fp_tj,
        &path,
        &tj_id,
        json!({"position": "endorsed", "revision": 1}),
    )
    .await
    .assert_problem(404, "not_found");
    app.post(
        &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
        &fp_tj,
        json!({"title": "T", "text": "T"}),
    )
    .await
    .assert_problem(404, "not_found");
    let fp_af = app.token("fp.af").await;
    app.post(
        &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
        &fp_af,
        json!({"title": "T", "text": "T"}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
    let list = app
        .get(
            &format!("/api/v1/projects/{}/understandings", d.project_id),
            &fp_af,
        )
        .await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1));
}
