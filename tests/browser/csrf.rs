use axum::response::Html;
use axum::routing::get;
use reqwest::StatusCode;

use crate::driver::{Browser, run};
use crate::helpers::spawn_app;

/// The session's form token, as a page of Concord carries it.
async fn form_token(b: &Browser) -> String {
    b.goto("/").await;
    b.wait_for("input[name='csrf']")
        .await
        .attr("value")
        .await
        .ok()
        .flatten()
        .expect("a form token")
}

/// Serves a page on another port of the same host (so the browser sends the
/// SameSite=Lax cookie with its form post: same site, other origin).
async fn attacker_page(target: String) -> String {
    let page = format!(
        r#"<!doctype html><title>Win a prize</title>
<form method="post" action="{target}/sign-out-everywhere">
<input type="hidden" name="csrf" value="guessed"><button id="go">Claim</button></form>"#
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base = format!("http://{}", listener.local_addr().expect("bound"));
    let router = axum::Router::new().route("/", get(move || async move { Html(page) }));
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

#[tokio::test]
async fn a_form_posted_from_another_origin_is_refused_and_changes_nothing() {
    run("csrf_cross_site", spawn_app().await, |b| async move {
        b.sign_in_as("coordinator").await;
        let evil = attacker_page(b.app.base.clone()).await;
        b.client.goto(&evil).await.expect("the other site opens");
        b.wait_for("#go").await.click().await.expect("clicked");
        let message = b.text("#error-message").await;
        assert!(message.contains("did not come from Concord"), "{message}");
        b.assert_accessible("error-403").await;
        // Still signed in: the sessions were not revoked.
        b.goto("/").await;
        assert!(b.text("#greeting").await.contains("Demo Coordinator"));
    })
    .await;
}

#[tokio::test]
async fn cookie_requests_without_the_form_token_or_from_elsewhere_are_refused() {
    run("csrf_token", spawn_app().await, |b| async move {
        b.sign_in_as("manager").await;
        let token = form_token(&b).await;
        let cookie = format!("concord_session={}", b.session_cookie().await);
        let http = reqwest::Client::new();
        let preference = |body: &'static str| {
            http.put(b.url("/api/v1/me/notifications"))
                .header("cookie", &cookie)
                .header("content-type", "application/json")
                .body(body)
        };
        let daily = r#"{"preference":"daily_digest"}"#;

        // A page's form without its token: 403, and the session is still there.
        let reply = http
            .post(b.url("/sign-out-everywhere"))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .form(&[("next", "/")])
            .send()
            .await
            .expect("sent");
        assert_eq!(reply.status(), StatusCode::FORBIDDEN);
        assert!(
            reply.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .starts_with("text/html")
        );

        // An API call by cookie: without the token, with it but from another origin.
        let reply = preference(daily)
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .expect("sent");
        assert_eq!(reply.status(), StatusCode::FORBIDDEN);
        let body: serde_json::Value = reply.json().await.expect("problem+json");
        assert_eq!(body["code"], "auth.cross_site");
        let reply = preference(daily)
            .header("origin", "http://evil.example")
            .header("x-csrf-token", &token)
            .send()
            .await
            .expect("sent");
        assert_eq!(reply.status(), StatusCode::FORBIDDEN);
        let reply = preference(daily)
            .header("sec-fetch-site", "cross-site")
            .header("x-csrf-token", &token)
            .send()
            .await
            .expect("sent");
        assert_eq!(reply.status(), StatusCode::FORBIDDEN);

        // Nothing changed.
        let now = http
            .get(b.url("/api/v1/me/notifications"))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("sent");
        assert_eq!(now.status(), StatusCode::OK);
        let now: serde_json::Value = now.json().await.expect("json");
        assert_eq!(now["preference"], "immediate");

        // Same origin with the token: done.
        let reply = preference(daily)
            .header("sec-fetch-site", "same-origin")
            .header("x-csrf-token", &token)
            .send()
            .await
            .expect("sent");
        assert_eq!(reply.status(), StatusCode::OK);
        let body: serde_json::Value = reply.json().await.expect("json");
        assert_eq!(body["preference"], "daily_digest");
        b.goto("/").await;
        assert!(b.text("#greeting").await.contains("Demo Manager"));
    })
    .await;
}
