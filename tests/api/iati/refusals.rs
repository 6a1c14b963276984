use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{export, minimal_fields, version};
use crate::fixtures::draft_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn each_bad_field_is_a_422_naming_it_and_nothing_is_written() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}/reporting", d.project_id);
    let v = version(&app, &d.coordinator, &d.project_id).await;
    let cases = [
        ("currency", json!("XYZ"), "currency"),
        ("currency", json!("usd"), "currency"),
        ("reporting_org_ref", json!("IOM 47066"), "reporting_org_ref"),
        ("reporting_org_type", json!("41"), "reporting_org_type"),
        ("planned_end", json!("2025-02-28"), "planned_end"),
        ("budget_amount", json!("-10"), "budget_amount"),
        ("sector_code", json!("1519"), "sector_code"),
        ("planned_start", json!("1800-01-01"), "planned_start"),
    ];
    for (field, value, named) in cases {
        let mut body = minimal_fields(v);
        body["currency"] = json!("USD");
        body[field] = value.clone();
        let reply = app.put(&path, &d.coordinator, body).await;
        reply.assert_problem(422, "validation.failed");
        assert!(
            reply.body["errors"][named].is_array(),
            "{field}={value}: {}",
            reply.body
        );
    }
    let mut body = minimal_fields(v);
    body["actual_start"] = json!("2025-05-02");
    body["actual_end"] = json!("2025-05-01");
    let reply = app.put(&path, &d.coordinator, body).await;
    reply.assert_problem(422, "validation.failed");
    assert!(
        reply.body["errors"]["actual_end"].is_array(),
        "{}",
        reply.body
    );
    let after = app.get(&path, &d.coordinator).await;
    assert_eq!(after.body["reporting"], serde_json::Value::Null);
    assert_eq!(after.body["version"], v, "nothing written");

    // A government's code must be a country of IATI's list.
    let admin = app.token("admin").await;
    let made_up = app
        .post(
            "/api/v1/governments",
            &admin,
            json!({"code": "QQ", "name": "Nowhere", "time_zone": "Asia/Kabul"}),
        )
        .await;
    made_up.assert_problem(422, "validation.failed");
    assert!(
        made_up.body["errors"]["code"].is_array(),
        "{}",
        made_up.body
    );
}

#[tokio::test]
async fn who_may_read_set_and_export_the_reporting_fields() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}/reporting", d.project_id);
    let xml = format!("/api/v1/projects/{}/iati.xml", d.project_id);
    let v = version(&app, &d.coordinator, &d.project_id).await;

    // Signed out: 401 everywhere.
    for (method, address) in [
        (Method::GET, &path),
        (Method::PUT, &path),
        (Method::GET, &xml),
    ] {
        let reply = app
            .request(method, address, None, Some(minimal_fields(v)))
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{address}");
    }
    // A manager and an observer read but may not set (403 before anything else).
    for who in ["manager", "observer", "fp.af"] {
        let token = app.token(who).await;
        assert_eq!(app.get(&path, &token).await.status, StatusCode::OK, "{who}");
        let reply = app.put(&path, &token, minimal_fields(v)).await;
        reply.assert_problem(403, "auth.forbidden");
    }
    let saved = app.put(&path, &d.coordinator, minimal_fields(v)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // A stale version is a 409 and changes nothing.
    let mut stale = minimal_fields(v);
    stale["reporting_org_name"] = json!("Someone else");
    let reply = app.put(&path, &d.coordinator, stale).await;
    reply.assert_problem(409, "conflict.version");
    let now = app.get(&path, &d.manager).await;
    assert_eq!(
        now.body["reporting"]["reporting_org_name"],
        "Example Agency"
    );

    // A focal point of a government outside the dialogue: 404 for all three.
    let (af, ir) = (
        app.government_id(&d.coordinator, "AF").await,
        app.government_id(&d.coordinator, "IR").await,
    );
    let two = app
        .post(
            "/api/v1/projects",
            &d.coordinator,
            json!({"code": "AF-IR", "title": "Two governments", "government_ids": [af, ir]}),
        )
        .await;
    assert_eq!(two.status, StatusCode::CREATED, "{}", two.body);
    let two_id = two.body["id"].as_str().expect("id").to_owned();
    let two_path = format!("/api/v1/projects/{two_id}/reporting");
    let saved = app.put(&two_path, &d.coordinator, minimal_fields(1)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let outsider = app.token("fp.pk").await;
    assert_eq!(
        app.get(&two_path, &outsider).await.status,
        StatusCode::NOT_FOUND
    );
    app.put(&two_path, &outsider, minimal_fields(2))
        .await
        .assert_problem(404, "not_found");
    let (status, _, _) = export(&app, &outsider, &two_id).await;
    assert_eq!(status, 404);
    // A focal point whose government takes part exports it.
    let insider = app.token("fp.ir").await;
    let (status, _, xml) = export(&app, &insider, &two_id).await;
    assert_eq!(status, 200, "{xml}");
    super::assert_valid(&xml);
}
