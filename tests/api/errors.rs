use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn each_problem_status_is_problem_json() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let observer = app.token("observer").await;

    // 400: malformed JSON.
    let reply = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    assert_eq!(reply.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = reply.json().await.expect("json");
    assert_eq!(body["code"], "request.malformed");

    // 401: no token.
    app.request(Method::GET, "/api/v1/governments", None, None)
        .await
        .assert_problem(401, "auth.missing_token");

    // 403: a known user without the right.
    let new = json!({"code": "TJ", "name": "Tajikistan", "time_zone": "Asia/Dushanbe"});
    app.post("/api/v1/governments", &observer, new.clone())
        .await
        .assert_problem(403, "auth.forbidden");

    // 404: nothing there; 405: a known address, the wrong method.
    app.get("/api/v1/nothing-here", &admin)
        .await
        .assert_problem(404, "not_found");
    app.request(Method::DELETE, "/api/v1/governments", Some(&admin), None)
        .await
        .assert_problem(405, "request.method_not_allowed");

    // 422: wrong type, missing field, bad values: each names its field.
    let reply = app
        .post(
            "/api/v1/governments",
            &admin,
            json!({"code": 7, "name": "x", "time_zone": "UTC"}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["code"].is_array());
    let reply = app
        .post(
            "/api/v1/governments",
            &admin,
            json!({"name": "x", "time_zone": "UTC"}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["code"].is_array());
    let reply = app
        .post(
            "/api/v1/governments",
            &admin,
            json!({"code": "tj", "name": " ", "time_zone": "Asia/Nowhere"}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in ["code", "name", "time_zone"] {
        assert!(
            reply.body["errors"][field].is_array(),
            "{field}: {}",
            reply.body
        );
    }

    // And nothing was written by any of them.
    let list = app.get("/api/v1/governments", &admin).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(3));

    // The good request goes through; the same code again is refused, not a 500.
    assert_eq!(
        app.post("/api/v1/governments", &admin, new.clone())
            .await
            .status,
        StatusCode::CREATED
    );
    let again = app.post("/api/v1/governments", &admin, new).await;
    again.assert_problem(422, "validation.failed");
    assert!(again.body["errors"]["code"].is_array());
}

#[tokio::test]
async fn wrong_content_type_and_oversized_bodies_are_refused() {
    let app = spawn_app_small_body().await;
    let reply = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let big = json!({"email": "x".repeat(4096), "password": "y"});
    app.request(Method::POST, "/api/v1/auth/login", None, Some(big))
        .await
        .assert_problem(413, "request.too_large");
}

async fn spawn_app_small_body() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|s| s.server.body_limit_bytes = 1024).await
}
