//! What the server itself enforces, before any handler: a header-read timeout, and
//! where and for whom `/metrics` answers.
use std::time::{Duration, Instant};

use concord::{App, Settings};
use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::faults::serve;
use crate::helpers::spawn_app;

/// A second app on a fresh test database, with these settings changed.
async fn app_with(tweak: impl FnOnce(&mut Settings)) -> (App, crate::helpers::TestApp) {
    let first = spawn_app().await;
    let mut settings = (*first.state.settings).clone();
    tweak(&mut settings);
    let app = App::build(settings).await.expect("app builds");
    (app, first)
}

#[tokio::test]
async fn a_half_sent_request_is_dropped_after_the_header_read_timeout() {
    let (app, _db) = app_with(|s| s.server.header_read_timeout_secs = 1).await;
    let addr = app.local_addr().expect("bound");
    let _served = serve(app);

    let mut stream = TcpStream::connect(addr).await.expect("connected");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: concord\r\nX-Slow: ")
        .await
        .expect("half a request sent");
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    // The server may answer 408 before closing; what matters is that it closes.
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => continue,
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the connection was still open after 5 s");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(800) && waited < Duration::from_secs(3),
        "closed after {waited:?}"
    );
}

#[tokio::test]
async fn metrics_need_the_token_when_one_is_configured() {
    let (app, _db) = app_with(|s| {
        s.metrics.token = Some(concord::secret::Secret::new("metrics-token-for-tests"))
    })
    .await;
    let served = serve(app);
    let anonymous = served.request(Method::GET, "/metrics", "", None).await;
    anonymous.assert_problem(401, "metrics.token_required");
    let wrong = served
        .request(Method::GET, "/metrics", "metrics-token-for-test", None)
        .await;
    wrong.assert_problem(401, "metrics.token_required");
    let right = served
        .request(Method::GET, "/metrics", "metrics-token-for-tests", None)
        .await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    // Only /metrics is guarded by it.
    let health = served.request(Method::GET, "/healthz", "", None).await;
    assert_eq!(health.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_can_have_a_listener_of_their_own() {
    let (app, _db) = app_with(|s| {
        s.metrics.bind = Some("127.0.0.1:0".into());
        s.metrics.token = Some(concord::secret::Secret::new("metrics-token-for-tests"));
    })
    .await;
    let metrics_addr = app.metrics_addr().expect("a metrics listener");
    let served = serve(app);
    // Not on the main port any more.
    let main = served
        .request(Method::GET, "/metrics", "metrics-token-for-tests", None)
        .await;
    main.assert_problem(404, "not_found");

    let client = reqwest::Client::new();
    let url = format!("http://{metrics_addr}/metrics");
    let anonymous = client.get(&url).send().await.expect("sent");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let right = client
        .get(&url)
        .bearer_auth("metrics-token-for-tests")
        .send()
        .await
        .expect("sent");
    assert_eq!(right.status(), StatusCode::OK);
    let text = right.text().await.unwrap_or_default();
    assert!(text.contains("http_requests_total"), "{text}");
}
