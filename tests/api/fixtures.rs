//! A fresh trilateral dialogue built through the API, for workflow tests.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::TestApp;

pub struct Dialogue {
    pub project_id: String,
    /// Ordinal 1, active after `active_dialogue`.
    pub initial_phase_id: String,
    /// Ordinal 2, planned.
    pub follow_up_phase_id: String,
    /// Government ids by ISO code.
    pub af: String,
    pub ir: String,
    pub pk: String,
    pub coordinator: String,
    pub manager: String,
}

impl TestApp {
    /// Government id by ISO code.
    pub async fn government_id(&self, token: &str, code: &str) -> String {
        let list = self.get("/api/v1/governments", token).await;
        list.body["items"]
            .as_array()
            .and_then(|items| items.iter().find(|g| g["code"] == code))
            .and_then(|g| g["id"].as_str())
            .map(String::from)
            .unwrap_or_else(|| panic!("no government {code}: {}", list.body))
    }

    /// Requests a transition and returns the reply.
    pub async fn transition(
        &self,
        token: &str,
        path: &str,
        name: &str,
        version: i64,
        extra: Value,
    ) -> crate::helpers::Reply {
        let mut body = json!({"transition": name, "version": version});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        self.post(&format!("{path}/transitions"), token, body).await
    }

    /// Applies a transition that must succeed; returns the updated resource.
    pub async fn apply(&self, token: &str, path: &str, name: &str, extra: Value) -> Value {
        let current = self.get(path, token).await;
        assert_eq!(current.status, StatusCode::OK, "{path}: {}", current.body);
        let version = current.body["version"].as_i64().expect("version");
        let reply = self.transition(token, path, name, version, extra).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{name} on {path}: {}",
            reply.body
        );
        reply.body
    }
}

impl TestApp {
    /// The demo dialogue Q33-805, seeded as `concord serve --demo` seeds it.
    pub async fn seed_demo_dialogue(&self) -> concord::demo::dialogue::DemoDialogue {
        let cast = concord::demo::cast_from_accounts(&self.state.db)
            .await
            .expect("cast");
        concord::demo::dialogue::seed(&self.state.db, &cast)
            .await
            .expect("demo dialogue seeds")
    }

    /// Tajikistan, a government in no dialogue yet, added by the admin; its id.
    pub async fn add_tajikistan(&self) -> String {
        let admin = self.token("admin").await;
        let tj = self
            .post(
                "/api/v1/governments",
                &admin,
                json!({"code": "TJ", "name": "Tajikistan", "time_zone": "Asia/Dushanbe"}),
            )
            .await;
        assert_eq!(tj.status, StatusCode::CREATED, "{}", tj.body);
        tj.body["id"].as_str().expect("id").to_owned()
    }
}

/// A draft dialogue with AF, IR, PK and two planned phases.
pub async fn draft_dialogue(app: &TestApp) -> Dialogue {
    let coordinator = app.token("coordinator").await;
    let manager = app.token("manager").await;
    let (af, ir, pk) = (
        app.government_id(&coordinator, "AF").await,
        app.government_id(&coordinator, "IR").await,
        app.government_id(&coordinator, "PK").await,
    );
    let code = format!("T-{}", uuid::Uuid::new_v4().simple());
    let project = app
        .post(
            "/api/v1/projects",
            &coordinator,
            json!({"code": code, "title": "Test dialogue", "summary": "For tests",
                   "budget_usd": 135000, "government_ids": [af, ir, pk]}),
        )
        .await;
    assert_eq!(project.status, StatusCode::CREATED, "{}", project.body);
    let project_id = project.body["id"].as_str().expect("id").to_owned();
    let mut phase_ids = Vec::new();
    for (ordinal, name) in [(1, "Initial phase"), (2, "Follow-up phase")] {
        let phase = app
            .post(
                &format!("/api/v1/projects/{project_id}/phases"),
                &coordinator,
                json!({"name": name, "ordinal": ordinal}),
            )
            .await;
        assert_eq!(phase.status, StatusCode::CREATED, "{}", phase.body);
        phase_ids.push(phase.body["id"].as_str().expect("id").to_owned());
    }
    Dialogue {
        project_id,
        initial_phase_id: phase_ids[0].clone(),
        follow_up_phase_id: phase_ids[1].clone(),
        af,
        ir,
        pk,
        coordinator,
        manager,
    }
}

/// The dialogue active, and its initial phase active.
pub async fn active_dialogue(app: &TestApp) -> Dialogue {
    let d = draft_dialogue(app).await;
    app.apply(
        &d.coordinator,
        &format!("/api/v1/projects/{}", d.project_id),
        "activate",
        json!({}),
    )
    .await;
    app.apply(
        &d.coordinator,
        &format!("/api/v1/phases/{}", d.initial_phase_id),
        "activate",
        json!({}),
    )
    .await;
    d
}

/// A joint technical workshop of the initial phase, ten days ahead in Islamabad,
/// inviting all three governments, scheduled; its path.
pub async fn scheduled_workshop(app: &TestApp, d: &Dialogue) -> String {
    let starts_at = chrono::Utc::now() + chrono::Duration::days(10);
    let created = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Joint technical workshop", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + chrono::Duration::hours(6), "time_zone": "Asia/Karachi",
                   "venue": "Islamabad", "government_ids": [d.af, d.ir, d.pk]}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let path = format!(
        "/api/v1/workshops/{}",
        created.body["id"].as_str().expect("id")
    );
    app.apply(&d.coordinator, &path, "schedule", json!({}))
        .await;
    path
}
