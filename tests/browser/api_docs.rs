//! `/api/docs`: the vendored viewer renders the OpenAPI document, offline (the
//! browser reaches nothing but the test's own server).
use std::time::Duration;

use crate::driver::run;
use crate::helpers::spawn_app;

/// The text RapiDoc rendered into its shadow DOM, once it holds `needle` (or after
/// 20 seconds, whatever it holds then).
async fn rendered_text(b: &crate::driver::Browser, needle: &str) -> String {
    let script = "const doc = document.querySelector('rapi-doc'); \
                  return doc && doc.shadowRoot ? doc.shadowRoot.textContent : '';";
    let mut text = String::new();
    for _ in 0..40 {
        text = b
            .client
            .execute(script, vec![])
            .await
            .expect("script runs")
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if text.contains(needle) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    text
}

#[tokio::test]
async fn the_api_docs_page_renders_the_operations() {
    run("api_docs", spawn_app().await, |b| async move {
        b.goto("/api/docs").await;
        b.wait_for("rapi-doc").await;
        let text = rendered_text(&b, "Set up a dialogue").await;
        // Operations from a handler's own annotation, from the machines' shared
        // routes (built with utoipa's builders) and the document's title.
        for summary in [
            "Set up a dialogue",
            "Take a transition of a workshop",
            "The history of a phase",
            "Concord API",
        ] {
            assert!(
                text.contains(summary),
                "`{summary}` not rendered: {text:.2000}"
            );
        }
        b.assert_accessible("api-docs").await;
    })
    .await;
}
