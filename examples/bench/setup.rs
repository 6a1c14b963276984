//! The small data set, built through Concord's own API on top of the demo: the demo
//! dialogue Q33-805 gets 48 more actions in its follow-up phase (50 in all, one list
//! page), 33 of them agreed by the three focal points and started — 16 for Concord's
//! transitions, 16 for the bare server's, one to become the busy action — and 16
//! observer accounts sign in concurrently for the memory figure.
use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::load::Toggle;

pub const DEMO_PASSWORD: &str = "concord-demo";
pub const SIGN_IN_PASSWORD: &str = "benchmark-password";
pub const LIST_SIZE: usize = 50;
pub const CONNECTIONS: usize = 16;

pub struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    pub fn new(base: &str) -> anyhow::Result<Self> {
        Ok(Self {
            base: base.to_owned(),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()?,
        })
    }

    pub async fn login(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let answer = self
            .send(
                None,
                reqwest::Method::POST,
                "/api/v1/auth/login",
                Some(json!({"email": email, "password": password})),
            )
            .await?;
        answer["access_token"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("no access_token in {answer}"))
    }

    pub async fn get(&self, token: &str, path: &str) -> anyhow::Result<Value> {
        self.send(Some(token), reqwest::Method::GET, path, None)
            .await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        self.send(Some(token), reqwest::Method::POST, path, Some(body))
            .await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> anyhow::Result<Value> {
        self.send(Some(token), reqwest::Method::PUT, path, Some(body))
            .await
    }

    async fn send(
        &self,
        token: Option<&str>,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            bail!("{method} {path} answered {status}: {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("{method} {path}: not JSON: {text}"))
    }
}

fn id_of(value: &Value, field: &str) -> anyhow::Result<Uuid> {
    value[field]
        .as_str()
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("no `{field}` id in {value}"))
}

pub struct Scenario {
    pub project_id: Uuid,
    pub phase_id: Uuid,
    pub coordinator_id: Uuid,
    /// (government id, its focal point's user id)
    pub governments: Vec<(Uuid, Uuid)>,
    pub concord_toggles: Vec<Toggle>,
    pub bare_toggles: Vec<Toggle>,
    pub busy: Toggle,
    pub sign_in_emails: Vec<String>,
}

pub async fn build(api: &Api) -> anyhow::Result<Scenario> {
    let coordinator = api.login("coordinator@demo.test", DEMO_PASSWORD).await?;
    let coordinator_id = id_of(&api.get(&coordinator, "/api/v1/me").await?, "id")?;
    let projects = api.get(&coordinator, "/api/v1/projects").await?;
    let project = projects["items"]
        .as_array()
        .and_then(|items| items.iter().find(|p| p["code"] == "Q33-805"))
        .context("the demo dialogue Q33-805 is missing")?;
    let project_id = id_of(project, "id")?;
    let actions_path = format!("/api/v1/projects/{project_id}/actions?limit=200");
    let existing = api.get(&coordinator, &actions_path).await?;
    let existing = existing["items"].as_array().cloned().unwrap_or_default();
    let phase_id = id_of(
        existing.first().context("the demo has no actions")?,
        "phase_id",
    )?;

    let mut focal_points = Vec::new();
    for code in ["af", "ir", "pk"] {
        let token = api
            .login(&format!("fp.{code}@demo.test"), DEMO_PASSWORD)
            .await?;
        let me = api.get(&token, "/api/v1/me").await?;
        focal_points.push((id_of(&me, "government_id")?, id_of(&me, "id")?, token));
    }

    let mut created = Vec::new();
    for n in existing.len()..LIST_SIZE {
        let action = api
            .post(
                &coordinator,
                &format!("/api/v1/phases/{phase_id}/actions"),
                json!({
                    "title": format!("Benchmark action {n:02}"),
                    "description": "A collective follow-up action created by the benchmark.",
                    "scope": "collective",
                    "due_date": "2031-06-30",
                }),
            )
            .await?;
        created.push(id_of(&action, "id")?);
    }
    let mut started = Vec::new();
    for id in created.iter().take(2 * CONNECTIONS + 1) {
        started.push(start(api, &coordinator, &focal_points, *id).await?);
    }
    let busy = started.pop().context("no action to make busy")?;
    let bare_toggles = started.split_off(CONNECTIONS);
    let busy = grow_history(api, &coordinator, busy, 60).await?;

    let admin = api.login("admin@demo.test", DEMO_PASSWORD).await?;
    let mut sign_in_emails = Vec::new();
    for n in 0..CONNECTIONS {
        let email = format!("observer{n:02}@bench.test");
        api.post(
            &admin,
            "/api/v1/users",
            json!({
                "email": email,
                "display_name": format!("Benchmark observer {n:02}"),
                "role": "observer",
                "password": SIGN_IN_PASSWORD,
            }),
        )
        .await?;
        sign_in_emails.push(email);
    }

    Ok(Scenario {
        project_id,
        phase_id,
        coordinator_id,
        governments: focal_points.iter().map(|(g, u, _)| (*g, *u)).collect(),
        concord_toggles: started,
        bare_toggles,
        busy,
        sign_in_emails,
    })
}

/// Every involved government agrees (the last agreement agrees the action), then the
/// coordinator starts it: `in_progress`, ready to block.
async fn start(
    api: &Api,
    coordinator: &str,
    focal_points: &[(Uuid, Uuid, String)],
    id: Uuid,
) -> anyhow::Result<Toggle> {
    let mut answer = Value::Null;
    for (government_id, _, token) in focal_points {
        answer = api
            .put(
                token,
                &format!("/api/v1/actions/{id}/agreement/{government_id}"),
                json!({"agreed": true}),
            )
            .await?;
    }
    if answer["state"] == "proposed" {
        answer = api
            .post(
                coordinator,
                &format!("/api/v1/actions/{id}/transitions"),
                json!({"transition": "agree", "version": answer["version"]}),
            )
            .await?;
    }
    let answer = api
        .post(
            coordinator,
            &format!("/api/v1/actions/{id}/transitions"),
            json!({"transition": "start", "version": answer["version"]}),
        )
        .await?;
    let mut toggle = Toggle {
        id,
        blocked: false,
        version: 0,
    };
    crate::load::apply(&mut toggle, &answer).map_err(anyhow::Error::msg)?;
    anyhow::ensure!(
        answer["state"] == "in_progress",
        "action {id} did not start: {answer}"
    );
    Ok(toggle)
}

/// Blocks and unblocks the action through the API until its history has at least
/// `events` events: every one of them written by Concord itself.
pub async fn grow_history(
    api: &Api,
    token: &str,
    mut toggle: Toggle,
    events: usize,
) -> anyhow::Result<Toggle> {
    let path = format!("/api/v1/actions/{}/transitions", toggle.id);
    let mut count = history_len(api, token, toggle.id).await?;
    while count < events {
        let body = if toggle.blocked {
            json!({"transition": "unblock", "version": toggle.version})
        } else {
            json!({"transition": "block", "version": toggle.version, "reason": "benchmark"})
        };
        let answer = api.post(token, &path, body).await?;
        crate::load::apply(&mut toggle, &answer).map_err(anyhow::Error::msg)?;
        count += 1;
    }
    Ok(toggle)
}

/// How many events an entity's history has, counted through the API's pages.
pub async fn history_len(api: &Api, token: &str, id: Uuid) -> anyhow::Result<usize> {
    let mut count = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/actions/{id}/history?limit=200");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = api.get(token, &path).await?;
        count += page["items"].as_array().map_or(0, Vec::len);
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return Ok(count),
        }
    }
}
