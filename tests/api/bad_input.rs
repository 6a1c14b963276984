//! Every write endpoint refuses control characters, NUL, over-long text and dates out
//! of range with a 422 naming the field, and writes nothing — on both databases (NUL
//! used to be a 500 on PostgreSQL and silently stored on SQLite).
use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::TestApp;

const TABLES: [&str; 17] = [
    "users",
    "governments",
    "refresh_tokens",
    "one_time_tokens",
    "projects",
    "project_governments",
    "phases",
    "workshops",
    "workshop_governments",
    "workshop_outcomes",
    "understandings",
    "endorsements",
    "actions",
    "action_governments",
    "action_progress",
    "events",
    "outbox",
];

/// Row counts of every table plus every row's version: a write of any kind moves one.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let db = &app.state.db;
    let mut counts = Vec::new();
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .expect("count")
            .expect("a row");
        counts.push(row.try_get::<i64>("", "n").expect("n"));
    }
    for table in [
        "projects",
        "phases",
        "workshops",
        "understandings",
        "actions",
    ] {
        let sql = format!("SELECT COALESCE(SUM(version), 0) AS n FROM {table}");
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .expect("sum")
            .expect("a row");
        counts.push(row.try_get::<i64>("", "n").expect("n"));
    }
    counts
}

/// A request with a valid body; each case below spoils one field of it.
struct Endpoint {
    method: Method,
    path: String,
    token: Option<String>,
    body: Value,
}

/// What a text field may not hold: which values to try depends on its kind.
fn bad_single_line() -> Vec<Value> {
    vec![
        json!("a\u{0}b"),
        json!("Eve\nX"),
        json!("Eve\r\nX"),
        json!("tab\there"),
        json!("c1\u{85}control"),
        json!("x".repeat(1_001)),
    ]
}

fn bad_multi_line() -> Vec<Value> {
    vec![
        json!("a\u{0}b"),
        json!("windows\r\nline end"),
        json!("bell\u{7}"),
        json!("x".repeat(20_001)),
    ]
}

fn bad_dates() -> Vec<Value> {
    vec![
        json!("0000-01-01"),
        json!("1899-12-31"),
        json!("2201-01-01"),
    ]
}

fn bad_times() -> Vec<Value> {
    vec![json!("0000-01-01T00:00:00Z"), json!("2201-01-01T00:00:00Z")]
}

async fn endpoints(
    app: &TestApp,
    d: &Dialogue,
) -> Vec<(Endpoint, Vec<(&'static str, Vec<Value>)>)> {
    let admin = app.token("admin").await;
    let fp_af = app.token("fp.af").await;
    let coordinator = d.coordinator.clone();
    let phase = d.initial_phase_id.clone();
    let starts_at = Utc::now() + Duration::days(10);

    let workshop = app
        .post(
            &format!("/api/v1/phases/{phase}/workshops"),
            &coordinator,
            json!({"title": "W", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(6), "time_zone": "Asia/Karachi",
                   "venue": "Islamabad", "government_ids": [d.af, d.ir, d.pk]}),
        )
        .await;
    assert_eq!(workshop.status, StatusCode::CREATED, "{}", workshop.body);
    let workshop = workshop.body["id"].as_str().expect("id").to_owned();
    let draft = app
        .post(
            &format!("/api/v1/phases/{phase}/understandings"),
            &coordinator,
            json!({"title": "Draft", "text": "Shared principles"}),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
    let draft = draft.body["id"].as_str().expect("id").to_owned();
    let action = app
        .post(
            &format!("/api/v1/phases/{phase}/actions"),
            &coordinator,
            json!({"title": "A", "scope": "collective", "due_date": "2027-03-01"}),
        )
        .await;
    assert_eq!(action.status, StatusCode::CREATED, "{}", action.body);
    let action = action.body["id"].as_str().expect("id").to_owned();

    let endpoint = |method: Method, path: String, token: Option<&str>, body: Value| Endpoint {
        method,
        path,
        token: token.map(String::from),
        body,
    };
    vec![
        (
            endpoint(
                Method::POST,
                "/api/v1/auth/login".into(),
                None,
                json!({"email": "fp.af@demo.test", "password": "wrong password"}),
            ),
            vec![
                ("email", bad_single_line()),
                ("password", vec![json!("a\u{0}b")]),
            ],
        ),
        (
            endpoint(
                Method::POST,
                "/api/v1/auth/password-reset".into(),
                None,
                json!({"email": "fp.af@demo.test"}),
            ),
            vec![("email", bad_single_line())],
        ),
        (
            endpoint(
                Method::POST,
                "/api/v1/auth/password-reset/confirm".into(),
                None,
                json!({"token": "t", "new_password": "a long enough password"}),
            ),
            vec![
                ("token", bad_single_line()),
                ("new_password", vec![json!("long\u{0}enough password")]),
            ],
        ),
        (
            endpoint(
                Method::POST,
                "/api/v1/governments".into(),
                Some(&admin),
                json!({"code": "TJ", "name": "Tajikistan", "time_zone": "Asia/Dushanbe"}),
            ),
            vec![
                ("name", bad_single_line()),
                ("time_zone", vec![json!("Asia/Kabul\u{0}")]),
            ],
        ),
        (
            endpoint(
                Method::POST,
                "/api/v1/users".into(),
                Some(&admin),
                json!({"email": "new@demo.test", "display_name": "New", "role": "observer",
                            "password": "a long enough password"}),
            ),
            vec![
                ("display_name", bad_single_line()),
                ("email", bad_single_line()),
            ],
        ),
        (
            endpoint(
                Method::POST,
                "/api/v1/projects".into(),
                Some(&coordinator),
                json!({"code": "NEW-1", "title": "New", "summary": "s",
                            "government_ids": [d.af, d.ir]}),
            ),
            vec![
                ("code", bad_single_line()),
                ("title", bad_single_line()),
                ("summary", bad_multi_line()),
            ],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/projects/{}/phases", d.project_id),
                Some(&coordinator),
                json!({"name": "Third", "ordinal": 3}),
            ),
            vec![
                ("name", bad_single_line()),
                ("planned_start", bad_dates()),
                ("planned_end", bad_dates()),
            ],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/phases/{phase}/workshops"),
                Some(&coordinator),
                json!({"title": "W2", "kind": "political", "starts_at": starts_at,
                            "ends_at": starts_at + Duration::hours(6), "time_zone": "Asia/Kabul",
                            "venue": "Kabul", "agenda": "one\ntwo", "government_ids": [d.af, d.ir]}),
            ),
            vec![
                ("title", bad_single_line()),
                ("venue", bad_single_line()),
                ("agenda", bad_multi_line()),
                ("starts_at", bad_times()),
                ("ends_at", bad_times()),
            ],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/workshops/{workshop}/outcomes"),
                Some(&fp_af),
                json!({"text": "Outcome\nin two lines", "submit": false}),
            ),
            vec![("text", bad_multi_line())],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/workshops/{workshop}/transitions"),
                Some(&coordinator),
                json!({"transition": "cancel", "version": 1, "reason": "Postponed"}),
            ),
            vec![
                ("reason", bad_multi_line()),
                ("transition", vec![json!("cancel\u{0}")]),
            ],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/workshops/{workshop}/transitions"),
                Some(&coordinator),
                json!({"transition": "schedule", "version": 1}),
            ),
            vec![("starts_at", bad_times()), ("ends_at", bad_times())],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/phases/{phase}/understandings"),
                Some(&coordinator),
                json!({"title": "T", "text": "Text"}),
            ),
            vec![("title", bad_single_line()), ("text", bad_multi_line())],
        ),
        (
            endpoint(
                Method::PATCH,
                format!("/api/v1/understandings/{draft}"),
                Some(&coordinator),
                json!({"text": "Revised", "version": 1}),
            ),
            vec![("text", bad_multi_line())],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/phases/{phase}/actions"),
                Some(&coordinator),
                json!({"title": "A2", "description": "d", "scope": "collective",
                            "due_date": "2027-03-01"}),
            ),
            vec![
                ("title", bad_single_line()),
                ("description", bad_multi_line()),
                ("due_date", bad_dates()),
            ],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/actions/{action}/progress"),
                Some(&coordinator),
                json!({"note": "Progress"}),
            ),
            vec![("note", bad_multi_line())],
        ),
        (
            endpoint(
                Method::POST,
                format!("/api/v1/projects/{}/transitions", d.project_id),
                Some(&coordinator),
                json!({"transition": "cancel", "version": 2, "reason": "Stopped"}),
            ),
            vec![("reason", bad_multi_line())],
        ),
    ]
}

#[tokio::test]
async fn every_write_endpoint_refuses_bad_text_and_dates_naming_the_field_and_writes_nothing() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let cases = endpoints(&app, &d).await;
    let before = fingerprint(&app).await;
    let mut tried = 0;
    for (endpoint, fields) in cases {
        for (field, values) in fields {
            for value in values {
                let mut body = endpoint.body.clone();
                body[field] = value.clone();
                let reply = app
                    .request(
                        endpoint.method.clone(),
                        &endpoint.path,
                        endpoint.token.as_deref(),
                        Some(body),
                    )
                    .await;
                let shown: String = value.to_string().chars().take(40).collect();
                assert_eq!(
                    reply.status.as_u16(),
                    422,
                    "{} {} {field}={shown}: {}",
                    endpoint.method,
                    endpoint.path,
                    reply.body
                );
                reply.assert_problem(422, "validation.failed");
                assert!(
                    reply.body["errors"][field].is_array(),
                    "{} {field}={shown} names {}",
                    endpoint.path,
                    reply.body["errors"]
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 60, "only {tried} cases");
    assert_eq!(
        fingerprint(&app).await,
        before,
        "a refused request wrote something"
    );
}

#[tokio::test]
async fn free_text_keeps_its_line_feeds_and_tabs() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let text = "First principle:\n\tshared responsibility.\nSecond: دیالوگ";
    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Principles — اصول", "text": text}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["text"], text);
}
