use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn admin_creates_users_and_others_may_not() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let governments = app.get("/api/v1/governments", &admin).await;
    let pk = governments.body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|g| g["code"] == "PK"))
        .map(|g| g["id"].clone())
        .expect("PK");

    let new = json!({"email": "Deputy.PK@demo.test", "display_name": "Deputy PK", "role": "focal_point",
                     "government_id": pk, "password": "a long enough password"});
    for who in ["coordinator", "manager", "observer", "fp.pk"] {
        let token = app.token(who).await;
        app.post("/api/v1/users", &token, new.clone())
            .await
            .assert_problem(403, "auth.forbidden");
    }
    let created = app.post("/api/v1/users", &admin, new.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["email"], "deputy.pk@demo.test");
    assert_eq!(
        created.body["time_zone"], "Asia/Karachi",
        "a focal point takes the government's zone"
    );
    assert_eq!(
        app.login("deputy.pk@demo.test", "a long enough password")
            .await
            .status,
        StatusCode::OK
    );

    let again = app.post("/api/v1/users", &admin, new).await;
    again.assert_problem(422, "validation.failed");
    assert!(again.body["errors"]["email"].is_array());
}

#[tokio::test]
async fn user_input_is_validated_field_by_field() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let reply = app
        .post("/api/v1/users", &admin, json!({"email": "nope", "display_name": "", "role": "focal_point",
                                               "locale": "de", "time_zone": "Nowhere/City", "password": "short"}))
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in [
        "email",
        "display_name",
        "government_id",
        "locale",
        "time_zone",
        "password",
    ] {
        assert!(
            reply.body["errors"][field].is_array(),
            "{field}: {}",
            reply.body
        );
    }
    let reply = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "a@b.org", "display_name": "A", "role": "king"}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["role"].is_array());
    let reply = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "a@b.org", "display_name": "A", "role": "manager",
                                               "government_id": uuid::Uuid::new_v4()}),
        )
        .await;
    assert!(reply.body["errors"]["government_id"].is_array());
}

#[tokio::test]
async fn lists_paginate_with_a_cursor() {
    let app = spawn_app().await;
    let coordinator = app.token("coordinator").await;
    let first = app.get("/api/v1/users?limit=4", &coordinator).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body["items"].as_array().map(Vec::len), Some(4));
    let cursor = first.body["next_cursor"].as_str().expect("more pages");
    let second = app
        .get(
            &format!("/api/v1/users?limit=4&cursor={cursor}"),
            &coordinator,
        )
        .await;
    assert_eq!(second.body["items"].as_array().map(Vec::len), Some(3));
    assert!(second.body["next_cursor"].is_null());
    let mut emails: Vec<String> = [&first, &second]
        .iter()
        .flat_map(|r| r.body["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|u| u["email"].as_str().map(String::from))
        .collect();
    emails.sort();
    emails.dedup();
    assert_eq!(emails.len(), 7, "every demo account exactly once");

    let bad = app
        .get("/api/v1/users?limit=0&cursor=zzz", &coordinator)
        .await;
    bad.assert_problem(422, "validation.failed");
    assert!(bad.body["errors"]["limit"].is_array() && bad.body["errors"]["cursor"].is_array());
    app.get("/api/v1/users", &app.token("fp.af").await)
        .await
        .assert_problem(403, "auth.forbidden");
}
