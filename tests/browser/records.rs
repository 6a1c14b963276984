//! The record pages in a browser: the Framework of common understandings and a
//! dialogue's whole history, opened from the dialogue's page, in English and in
//! Persian (right to left), with screenshots to look at.
use reqwest::StatusCode;
use serde_json::json;

use crate::driver::{Browser, run};
use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;
use crate::workshops::{click, switch_to};

async fn no_sideways_scrolling(b: &Browser) {
    let overflow = b
        .client
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        overflow,
        serde_json::Value::Bool(false),
        "no sideways scrolling"
    );
}

#[tokio::test]
async fn the_framework_and_the_history_read_in_english_and_persian() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    // One text adopted by all three governments, one still proposed.
    let texts = format!("/api/v1/phases/{}/understandings", d.initial_phase_id);
    let mut ids = Vec::new();
    for (title, text) in [
        (
            "Voluntary return",
            "Return is voluntary, safe and dignified.",
        ),
        ("Labour mobility", "Seasonal work is facilitated."),
    ] {
        let created = app
            .post(
                &texts,
                &d.coordinator,
                json!({"title": title, "text": text}),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let path = format!(
            "/api/v1/understandings/{}",
            created.body["id"].as_str().expect("id")
        );
        app.apply(&d.coordinator, &path, "propose", json!({})).await;
        ids.push(path);
    }
    for (who, government) in [("fp.af", &d.af), ("fp.ir", &d.ir), ("fp.pk", &d.pk)] {
        let token = app.token(who).await;
        let reply = app
            .put(
                &format!("{}/endorsements/{government}", ids[0]),
                &token,
                json!({"position": "endorsed", "revision": 1}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let project_id = d.project_id.clone();
    run("records", app, |b| async move {
        switch_to(&b, "admin").await;
        b.goto(&format!("/dialogues/{project_id}")).await;
        click(&b, "#framework-link").await;
        assert!(b.text("#framework-title").await.contains("Framework"));
        let sections = b
            .client
            .find_all(fantoccini::Locator::Css("section.adopted"))
            .await
            .expect("searched");
        assert_eq!(sections.len(), 1, "only the adopted text");
        assert_eq!(b.text("code.sha256").await.len(), 64, "a SHA-256 in hex");
        assert!(
            b.text("#how-to-check")
                .await
                .contains("concord audit verify")
        );
        b.screenshot("framework-en").await;

        click(&b, "#back-link").await;
        click(&b, "#whole-history-link").await;
        assert!(b.text("#chain-badge").await.contains("Chain verified"));
        assert!(
            b.text("#history tbody tr:first-child")
                .await
                .contains("Adopted"),
            "newest first"
        );
        b.screenshot("history-en").await;

        // In Persian: right to left, Solar Hijri dates first.
        click(&b, "button[value='fa']").await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        let when = b.text("#history tbody tr:first-child td:first-child").await;
        assert!(
            when.contains('۱') || when.contains('۰') || when.contains('۲') || when.contains('۹'),
            "Persian digits: {when}"
        );
        assert!(b.text("#chain-badge").await.contains("زنجیره"));
        b.screenshot("history-fa").await;
        b.goto(&format!("/dialogues/{project_id}/framework")).await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        assert!(b.text("#framework-title").await.contains("چارچوب"));
        b.screenshot("framework-fa").await;

        b.client.set_window_size(360, 740).await.expect("resized");
        no_sideways_scrolling(&b).await;
        b.screenshot("framework-fa-360").await;
    })
    .await;
}
