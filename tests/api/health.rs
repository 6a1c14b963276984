use reqwest::{Method, StatusCode};

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_ready_and_metrics() {
    let app = spawn_app().await;
    let health = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!(health.status, StatusCode::OK);
    // Every response carries a request id and the security headers.
    assert!(health.headers.get("x-request-id").is_some());
    assert_eq!(health.headers["x-content-type-options"], "nosniff");
    assert_eq!(health.headers["x-frame-options"], "DENY");

    assert_eq!(
        app.request(Method::GET, "/readyz", None, None).await.status,
        StatusCode::OK
    );
    app.login("nobody@demo.test", "whatever password").await;
    let metrics = app.request(Method::GET, "/metrics", None, None).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = metrics.body.as_str().expect("text");
    assert!(
        text.contains(
            r#"http_requests_total{method="POST",route="/api/v1/auth/login",status="401"}"#
        ),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
}

#[tokio::test]
async fn a_request_id_sent_by_the_client_is_kept() {
    let app = spawn_app().await;
    let reply = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.headers()["x-request-id"], "trace-me-123");
}

#[tokio::test]
async fn readyz_answers_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.state.db.close_by_ref().await.expect("pool closed");
    let ready = app.request(Method::GET, "/readyz", None, None).await;
    ready.assert_problem(503, "service.unavailable");
    // The process itself is still up.
    assert_eq!(
        app.request(Method::GET, "/healthz", None, None)
            .await
            .status,
        StatusCode::OK
    );
}
