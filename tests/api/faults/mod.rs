//! Faults Concord recovers from by itself, and reports honestly (503
//! `storage.unavailable` with Retry-After, readiness 503) — never a 500 or a 404.
mod disk_full;
mod outage;
mod read_only;

use concord::App;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::helpers::{Reply, TestApp, send};

/// An app the test built itself (on a database it broke on purpose), served until
/// dropped.
pub struct Served {
    pub base: String,
    client: reqwest::Client,
    _stop: oneshot::Sender<()>,
}

pub fn serve(app: App) -> Served {
    let base = format!("http://{}", app.local_addr().expect("bound"));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    Served {
        base,
        client: reqwest::Client::new(),
        _stop: stop,
    }
}

impl Served {
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Reply {
        let token = Some(token).filter(|t| !t.is_empty());
        send(&self.client, &self.base, method, path, token, body).await
    }
}

/// Asserts the answer to a request that met a storage outage.
#[track_caller]
pub fn assert_storage_unavailable(reply: &Reply) {
    reply.assert_problem(503, "storage.unavailable");
    let retry_after = reply
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(
        retry_after.is_some_and(|secs| secs > 0),
        "Retry-After: {:?}",
        reply.headers.get("retry-after")
    );
}

/// A write through the API: a new draft dialogue.
pub async fn create_dialogue(app: &TestApp, token: &str) -> Reply {
    let code = format!("F-{}", uuid::Uuid::new_v4().simple());
    app.post(
        "/api/v1/projects",
        token,
        json!({"code": code, "title": "Fault test", "summary": "Written while storage fails",
               "budget_usd": 1000, "government_ids": []}),
    )
    .await
}

/// A write that must succeed; returns the new dialogue's id.
pub async fn created_dialogue(app: &TestApp, token: &str) -> String {
    let reply = create_dialogue(app, token).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["id"].as_str().unwrap_or_default().to_owned()
}
