//! The pages' weight as a browser receives it (compressed), against issue 9's budget:
//! the first page of a session with its stylesheet at most 100 KB, every later page at
//! most 30 KB. Measured on the bytes that cross the wire, not the decompressed HTML.
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING};

use crate::fixtures::{active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app};
use crate::work_pages::signed_in;

const FIRST_PAGE_BUDGET: usize = 100_000;
const LATER_PAGE_BUDGET: usize = 30_000;

/// The bytes as sent, asking for what browsers accept; and whether they came compressed.
async fn transferred(app: &TestApp, cookie: &str, path: &str) -> (usize, bool) {
    let reply = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK, "{path}");
    let compressed = reply.headers().contains_key(CONTENT_ENCODING);
    let body = reply.bytes().await.expect("body");
    (body.len(), compressed)
}

#[tokio::test]
async fn every_page_is_within_its_budget_as_transferred() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let workshop = scheduled_workshop(&app, &d).await;
    let workshop_id = workshop.rsplit('/').next().expect("id");
    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            serde_json::json!({"title": "Voluntary return", "text": "The governments agree."}),
        )
        .await;
    let understanding_id = created.body["id"].as_str().expect("id");
    let created = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            serde_json::json!({"title": "Joint registration", "scope": "collective",
                               "due_date": "2030-01-31"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let action_id = created.body["id"].as_str().expect("id");

    for who in ["coordinator", "fp.af", "manager", "admin"] {
        let cookie = signed_in(&app, who).await;
        let (home, _) = transferred(&app, &cookie, "/").await;
        let home_html = app
            .client
            .get(format!("{}/", app.base))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("sent")
            .text()
            .await
            .expect("body");
        let stylesheet = home_html
            .split(r#"rel="stylesheet" href=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a stylesheet link");
        let (css, css_compressed) = transferred(&app, &cookie, stylesheet).await;
        assert!(css_compressed, "the stylesheet is compressed");
        assert!(
            home + css <= FIRST_PAGE_BUDGET,
            "{who}: first page {home} + {css} bytes"
        );

        let pages = [
            "/dialogues".to_owned(),
            format!("/dialogues/{}", d.project_id),
            format!("/phases/{}", d.initial_phase_id),
            format!("/phases/{}", d.follow_up_phase_id),
            format!("/workshops/{workshop_id}"),
            format!("/understandings/{understanding_id}"),
            format!("/dialogues/{}/actions", d.project_id),
            format!("/actions/{action_id}"),
            format!("/dialogues/{}/history/all", d.project_id),
            format!("/workshops/{workshop_id}/history"),
            format!("/dialogues/{}/framework", d.project_id),
            "/account".to_owned(),
        ];
        for path in &pages {
            let (bytes, compressed) = transferred(&app, &cookie, path).await;
            eprintln!("{who} {path}: {bytes} bytes");
            assert!(compressed, "{path} is compressed");
            assert!(bytes <= LATER_PAGE_BUDGET, "{who} {path}: {bytes} bytes");
        }
        if who == "admin" {
            for path in ["/admin/users", "/admin/governments", "/admin/outbox"] {
                let (bytes, _) = transferred(&app, &cookie, path).await;
                assert!(bytes <= LATER_PAGE_BUDGET, "{path}: {bytes} bytes");
            }
        }
    }
}
