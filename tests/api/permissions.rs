//! Every role × every write endpoint → the expected status. Each case gets a fresh
//! dialogue in the state its endpoint needs, so a 200 for one role never turns the
//! next role's case into a state refusal.
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::{TestApp, spawn_app};

const ROLES: [&str; 6] = [
    "admin",
    "coordinator",
    "manager",
    "observer",
    "fp.af",
    "fp.ir",
];

#[derive(Clone, Copy, Debug)]
enum Endpoint {
    CreateGovernment,
    CreateUser,
    CreateProject,
    CreatePhase,
    SuspendProject,
    CompletePhase,
    CreateWorkshop,
    ScheduleWorkshop,
    AttendanceForAf,
    CreateUnderstanding,
    EditUnderstanding,
    EndorseForAf,
    CreateAction,
    AgreeForAf,
    ActionProgress,
    AuditVerify,
}

/// (endpoint, expected status for admin, coordinator, manager, observer, fp.af, fp.ir)
const MATRIX: [(Endpoint, [u16; 6]); 16] = [
    (Endpoint::CreateGovernment, [201, 403, 403, 403, 403, 403]),
    (Endpoint::CreateUser, [201, 403, 403, 403, 403, 403]),
    (Endpoint::CreateProject, [201, 201, 403, 403, 403, 403]),
    (Endpoint::CreatePhase, [201, 201, 403, 403, 403, 403]),
    (Endpoint::SuspendProject, [200, 200, 403, 403, 403, 403]),
    (Endpoint::CompletePhase, [403, 403, 200, 403, 403, 403]),
    (Endpoint::CreateWorkshop, [201, 201, 403, 403, 403, 403]),
    (Endpoint::ScheduleWorkshop, [200, 200, 403, 403, 403, 403]),
    (Endpoint::AttendanceForAf, [200, 200, 403, 403, 200, 403]),
    (
        Endpoint::CreateUnderstanding,
        [201, 201, 403, 403, 403, 403],
    ),
    (Endpoint::EditUnderstanding, [200, 200, 403, 403, 403, 403]),
    (Endpoint::EndorseForAf, [403, 403, 403, 403, 200, 403]),
    (Endpoint::CreateAction, [201, 201, 403, 403, 403, 403]),
    (Endpoint::AgreeForAf, [403, 403, 403, 403, 200, 403]),
    (Endpoint::ActionProgress, [201, 201, 403, 403, 201, 201]),
    (Endpoint::AuditVerify, [200, 403, 403, 403, 403, 403]),
];

async fn post_201(app: &TestApp, path: &str, token: &str, body: Value) -> String {
    let reply = app.post(path, token, body).await;
    assert_eq!(reply.status.as_u16(), 201, "{path}: {}", reply.body);
    reply.body["id"].as_str().expect("id").to_owned()
}

async fn workshop(app: &TestApp, d: &Dialogue) -> String {
    let starts_at = Utc::now() + Duration::days(5);
    post_201(
        app,
        &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
        &d.coordinator,
        json!({"title": "W", "kind": "joint", "starts_at": starts_at, "ends_at": starts_at + Duration::hours(3),
               "time_zone": "Asia/Kabul", "venue": "Kabul", "government_ids": [d.af, d.ir, d.pk]}),
    )
    .await
}

async fn understanding(app: &TestApp, d: &Dialogue) -> String {
    let path = format!("/api/v1/phases/{}/understandings", d.initial_phase_id);
    post_201(
        app,
        &path,
        &d.coordinator,
        json!({"title": "U", "text": "Shared principle"}),
    )
    .await
}

async fn collective_action(app: &TestApp, d: &Dialogue) -> String {
    post_201(
        app,
        &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
        &d.coordinator,
        json!({"title": "A", "description": "D", "scope": "collective", "government_ids": [], "due_date": "2030-01-01"}),
    )
    .await
}

/// Sets up what `endpoint` needs, then calls it as `token`; returns the status.
async fn call(app: &TestApp, endpoint: Endpoint, token: &str, n: usize) -> u16 {
    let d = active_dialogue(app).await;
    let reply = match endpoint {
        Endpoint::CreateGovernment => {
            let code = ["TJ", "TM", "UZ", "KG", "KZ", "IN"][n];
            app.post(
                "/api/v1/governments",
                token,
                json!({"code": code, "name": code, "time_zone": "UTC"}),
            )
            .await
        }
        Endpoint::CreateUser => {
            let body = json!({"email": format!("new{n}@demo.test"), "display_name": "New", "role": "observer"});
            app.post("/api/v1/users", token, body).await
        }
        Endpoint::CreateProject => {
            let body = json!({"code": format!("P-{n}-{}", d.project_id), "title": "P", "government_ids": [d.af, d.ir]});
            app.post("/api/v1/projects", token, body).await
        }
        Endpoint::CreatePhase => {
            let path = format!("/api/v1/projects/{}/phases", d.project_id);
            app.post(&path, token, json!({"name": "Third", "ordinal": 3}))
                .await
        }
        Endpoint::SuspendProject => {
            app.transition(
                token,
                &format!("/api/v1/projects/{}", d.project_id),
                "suspend",
                2,
                json!({}),
            )
            .await
        }
        Endpoint::CompletePhase => {
            app.transition(
                token,
                &format!("/api/v1/phases/{}", d.initial_phase_id),
                "complete",
                2,
                json!({}),
            )
            .await
        }
        Endpoint::CreateWorkshop => {
            let starts_at = Utc::now() + Duration::days(5);
            let body = json!({"title": "W", "kind": "joint", "starts_at": starts_at,
                              "ends_at": starts_at + Duration::hours(3), "time_zone": "Asia/Kabul",
                              "venue": "Kabul", "government_ids": [d.af, d.ir]});
            app.post(
                &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
                token,
                body,
            )
            .await
        }
        Endpoint::ScheduleWorkshop => {
            let id = workshop(app, &d).await;
            app.transition(
                token,
                &format!("/api/v1/workshops/{id}"),
                "schedule",
                1,
                json!({}),
            )
            .await
        }
        Endpoint::AttendanceForAf => {
            let id = workshop(app, &d).await;
            app.apply(
                &d.coordinator,
                &format!("/api/v1/workshops/{id}"),
                "schedule",
                json!({}),
            )
            .await;
            app.put(
                &format!("/api/v1/workshops/{id}/attendance/{}", d.af),
                token,
                json!({"status": "confirmed"}),
            )
            .await
        }
        Endpoint::CreateUnderstanding => {
            let path = format!("/api/v1/phases/{}/understandings", d.initial_phase_id);
            app.post(&path, token, json!({"title": "U", "text": "T"}))
                .await
        }
        Endpoint::EditUnderstanding => {
            let id = understanding(app, &d).await;
            let path = format!("/api/v1/understandings/{id}");
            let body = json!({"text": "Revised principle", "version": 1});
            app.request(reqwest::Method::PATCH, &path, Some(token), Some(body))
                .await
        }
        Endpoint::EndorseForAf => {
            let id = understanding(app, &d).await;
            app.apply(
                &d.coordinator,
                &format!("/api/v1/understandings/{id}"),
                "propose",
                json!({}),
            )
            .await;
            let path = format!("/api/v1/understandings/{id}/endorsements/{}", d.af);
            app.put(&path, token, json!({"position": "endorsed", "revision": 1}))
                .await
        }
        Endpoint::CreateAction => {
            let body = json!({"title": "A", "description": "D", "scope": "bilateral",
                              "government_ids": [d.af, d.pk], "due_date": "2030-01-01"});
            app.post(
                &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
                token,
                body,
            )
            .await
        }
        Endpoint::AgreeForAf => {
            let id = collective_action(app, &d).await;
            app.put(
                &format!("/api/v1/actions/{id}/agreement/{}", d.af),
                token,
                json!({"agreed": true}),
            )
            .await
        }
        Endpoint::ActionProgress => {
            let id = collective_action(app, &d).await;
            app.post(
                &format!("/api/v1/actions/{id}/progress"),
                token,
                json!({"note": "Met in Kabul"}),
            )
            .await
        }
        Endpoint::AuditVerify => app.get("/api/v1/audit/verify", token).await,
    };
    reply.status.as_u16()
}

#[tokio::test]
async fn every_role_on_every_write_endpoint() {
    let app = spawn_app().await;
    let mut tokens = Vec::new();
    for role in ROLES {
        tokens.push(app.token(role).await);
    }
    let mut mismatches = Vec::new();
    for (endpoint, expected) in MATRIX {
        for (n, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
            let status = call(&app, endpoint, token, n).await;
            if status != expected[n] {
                mismatches.push(format!(
                    "{endpoint:?} as {role}: got {status}, expected {}",
                    expected[n]
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Who may never create is told so before anything about what they sent (403 before
/// 422), and someone outside the dialogue learns only that it is not there (404);
/// staff sending the same body hear what is wrong with it.
#[tokio::test]
async fn creating_answers_sight_then_role_then_input() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let (observer, fp_ir) = (app.token("observer").await, app.token("fp.ir").await);
    let phase = format!("/api/v1/phases/{}", d.initial_phase_id);
    let project = format!("/api/v1/projects/{}", d.project_id);
    // Well-formed bodies whose values fail validation (blank texts, bad numbers).
    let cases = [
        (
            "/api/v1/projects".to_owned(),
            json!({"code": " ", "title": "", "government_ids": []}),
        ),
        (
            format!("{project}/phases"),
            json!({"name": " ", "ordinal": 0}),
        ),
        (
            format!("{phase}/workshops"),
            json!({"title": " ", "kind": "joint", "starts_at": "2031-01-02T10:00:00Z",
                   "ends_at": "2031-01-01T10:00:00Z", "time_zone": "Nowhere/City",
                   "venue": " ", "government_ids": []}),
        ),
        (
            format!("{phase}/understandings"),
            json!({"title": " ", "text": ""}),
        ),
        (
            format!("{phase}/actions"),
            json!({"title": " ", "scope": "bilateral", "government_ids": [], "due_date": "2030-01-01"}),
        ),
    ];
    for (path, body) in &cases {
        for token in [&observer, &fp_ir] {
            app.post(path, token, body.clone())
                .await
                .assert_problem(403, "auth.forbidden");
        }
        app.post(path, &d.coordinator, body.clone())
            .await
            .assert_problem(422, "validation.failed");
    }

    // A dialogue without Iran: its focal point does not see it, whatever their role.
    let coordinator = &d.coordinator;
    let hidden = app
        .post(
            "/api/v1/projects",
            coordinator,
            json!({"code": "HIDDEN-1", "title": "AF and PK only", "government_ids": [d.af, d.pk]}),
        )
        .await;
    assert_eq!(hidden.status.as_u16(), 201, "{}", hidden.body);
    let hidden_id = hidden.body["id"].as_str().expect("id");
    let hidden_phase = app
        .post(
            &format!("/api/v1/projects/{hidden_id}/phases"),
            coordinator,
            json!({"name": "Only", "ordinal": 1}),
        )
        .await;
    assert_eq!(hidden_phase.status.as_u16(), 201, "{}", hidden_phase.body);
    let hidden_phase = format!(
        "/api/v1/phases/{}",
        hidden_phase.body["id"].as_str().expect("id")
    );
    for (kind, body) in cases
        .iter()
        .skip(1)
        .map(|(path, body)| (path.rsplit('/').next().unwrap_or_default().to_owned(), body))
    {
        let path = if kind == "phases" {
            format!("/api/v1/projects/{hidden_id}/phases")
        } else {
            format!("{hidden_phase}/{kind}")
        };
        app.post(&path, &fp_ir, body.clone())
            .await
            .assert_problem(404, "not_found");
    }
}
