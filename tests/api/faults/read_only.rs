//! A database that reads but refuses every write. On SQLite the file is opened with
//! `mode=ro`: the tests run as root, whom file permissions do not stop, and SQLite
//! opens a file it may not write exactly so (read-only, answering SQLITE_READONLY to
//! every write). On PostgreSQL the test database gets `default_transaction_read_only`,
//! as on a standby: every write answers SQLSTATE 25006.
use std::time::{Duration, Instant};

use concord::{App, Settings, store};
use reqwest::{Method, StatusCode};
use sea_orm::ConnectionTrait;

use super::{assert_storage_unavailable, created_dialogue, serve};
use crate::helpers::{TestApp, spawn_app};

/// Settings that reach the test's database read-only from now on.
async fn read_only_settings(app: &TestApp) -> Settings {
    let mut settings = (*app.state.settings).clone();
    let url = settings.database.url.clone();
    if url.starts_with("sqlite:") {
        settings.database.url = url.replace("mode=rwc", "mode=ro");
    } else {
        let name = url.rsplit('/').next().unwrap_or_default();
        app.state
            .db
            .execute_unprepared(&format!(
                "ALTER DATABASE \"{name}\" SET default_transaction_read_only = on"
            ))
            .await
            .expect("database made read-only");
    }
    settings
}

#[tokio::test]
async fn serve_refuses_to_start_on_a_read_only_database() {
    let app = spawn_app().await;
    let settings = read_only_settings(&app).await;
    let refused = App::build(settings).await;
    let Err(err) = refused else {
        panic!("Concord started on a database that refuses every write");
    };
    let reason = format!("{err:#}");
    assert!(reason.contains("does not take writes"), "{reason}");
    assert!(!reason.contains('\n'), "one line: {reason}");
}

#[tokio::test]
async fn readyz_answers_503_while_the_database_refuses_writes() {
    let app = spawn_app().await;
    let token = app.token("coordinator").await;
    let existing = created_dialogue(&app, &token).await;
    let settings = read_only_settings(&app).await;
    // As if the file system went read-only after start: no startup check stops it.
    let db = store::connect(&settings.database)
        .await
        .expect("read-only connection");
    let read_only = serve(App::build_with(settings, db).await.expect("app builds"));

    let started = Instant::now();
    let ready = read_only.request(Method::GET, "/readyz", "", None).await;
    ready.assert_problem(503, "service.unavailable");
    assert!(started.elapsed() < Duration::from_secs(1));

    let write = read_only
        .request(
            Method::POST,
            "/api/v1/projects",
            &token,
            Some(
                serde_json::json!({"code": "RO-1", "title": "Read-only", "summary": "Refused",
                                    "government_ids": []}),
            ),
        )
        .await;
    assert_storage_unavailable(&write);
    let read = read_only
        .request(
            Method::GET,
            &format!("/api/v1/projects/{existing}"),
            &token,
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
}
