//! The OpenAPI document at /api/v1/openapi.json against the router that serves it, and
//! the docs page that renders it.
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::spawn_app;

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// The other half of `api::openapi::tests::every_api_route_goes_through_the_document`:
/// every operation the document lists is answered by a handler, not by the router's
/// own 404 (unknown address) or 405 (unknown method). Sent without a token or body,
/// a documented operation answers 401, 415, or (for the open ones) 200/202 — never
/// those two.
#[tokio::test]
async fn every_documented_operation_is_routed() {
    let app = spawn_app().await;
    let doc = app
        .request(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(doc.headers["content-type"], "application/json");
    assert_eq!(doc.body["openapi"], "3.1.0");
    let paths = doc.body["paths"].as_object().expect("paths");
    // The calendar feed answers 404 to any address but a live link, just as the
    // fallback does: it is called at a real link instead, made as a user would.
    let token = app.token("coordinator").await;
    let made = app.post("/api/v1/me/calendar", &token, json!({})).await;
    let feed_url = made.body["url"].as_str().expect("the feed's url");
    let feed_path = &feed_url[feed_url.find("/calendar/").expect("a feed path")..];
    let mut operations = 0;
    for (path, item) in paths {
        let concrete = if path == "/calendar/{file}" {
            feed_path.to_owned()
        } else {
            fill_parameters(path)
        };
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            operations += 1;
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let reply = app.request(method.clone(), &concrete, None, None).await;
            assert!(
                ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&reply.status),
                "{method} {path} is documented but not routed: {} {}",
                reply.status,
                reply.body
            );
            let documented = &item[method.as_str().to_lowercase()]["responses"];
            assert!(
                documented.get(reply.status.as_str()).is_some(),
                "{method} {path} answered {} which it does not document",
                reply.status
            );
        }
    }
    assert!(operations > 50, "only {operations} operations documented");
    // What the assertion above tells apart: an address nobody routes.
    let unrouted = app
        .request(
            Method::GET,
            &fill_parameters("/api/v1/nothing/{id}"),
            None,
            None,
        )
        .await;
    unrouted.assert_problem(404, "not_found");
    let wrong_method = app
        .request(Method::DELETE, "/api/v1/openapi.json", None, None)
        .await;
    wrong_method.assert_problem(405, "request.method_not_allowed");
}

/// `/things/{id}` with a fresh id in every parameter.
fn fill_parameters(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                uuid::Uuid::new_v4().to_string()
            } else if let Some((_, rest)) = segment.split_once('}') {
                // `{id}.ics`-like segments: keep the suffix.
                format!("{}{rest}", uuid::Uuid::new_v4())
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_problem_answer_is_problem_json_and_every_token_route_says_bearer() {
    let app = spawn_app().await;
    let doc = app
        .request(Method::GET, "/api/v1/openapi.json", None, None)
        .await
        .body;
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            let operation = &item[*method];
            for (status, response) in operation["responses"].as_object().expect("responses") {
                if status.starts_with('4') || status.starts_with('5') {
                    checked += 1;
                    assert_eq!(
                        response["content"]["application/problem+json"]["schema"]["$ref"],
                        "#/components/schemas/Problem",
                        "{method} {path} {status}"
                    );
                }
            }
            let open = operation["security"] == serde_json::json!([{}]);
            let says_401 = operation["responses"].get("401").is_some();
            assert!(open || says_401, "{method} {path} takes a token but no 401");
            if !open {
                assert_eq!(operation["security"], serde_json::json!([{"bearer": []}]));
            }
        }
    }
    assert!(checked > 100);
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["bearerFormat"],
        "JWT"
    );
}

#[tokio::test]
async fn the_docs_page_serves_its_own_viewer() {
    let app = spawn_app().await;
    let page = app.request(Method::GET, "/api/docs", None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(policy.starts_with("default-src 'self'"), "{policy}");
    let html = page.body.as_str().expect("html");
    assert!(html.contains(r#"spec-url="/api/v1/openapi.json""#));
    assert!(html.contains("<title>Concord API</title>"), "{html}");
    // Concord's own words follow the visitor's language.
    let french = app
        .client
        .get(format!("{}/api/docs", app.base))
        .header("accept-language", "fr")
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(french.contains(r#"<html lang="fr""#), "{french}");
    assert!(french.contains("<title>API de Concord</title>"), "{french}");
    let script = html
        .split(r#"src="/api/docs/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page loads its script");
    assert!(
        script.starts_with("rapidoc-") && script.ends_with(".js"),
        "{script}"
    );
    let reply = app
        .client
        .get(format!("{}/api/docs/{script}", app.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK);
    assert!(
        reply.headers()["cache-control"]
            .to_str()
            .is_ok_and(|v| v.contains("immutable"))
    );
    assert!(reply.text().await.expect("text").len() > 100_000);
    let stale = app
        .request(
            Method::GET,
            "/api/docs/rapidoc-0000000000000000.js",
            None,
            None,
        )
        .await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
}
