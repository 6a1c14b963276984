//! One recipient whose stored name would break a mail header must not stop email for
//! everyone: their message goes dead with a reason, the others arrive, and the worker
//! keeps running (it used to panic inside lettre and stay dead, `/readyz` still 200).
use std::time::Duration;

use concord::store::entities::{outbox, user};
use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with};
use crate::mail::via_smtp;
use crate::smtp::SmtpServer;

async fn rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .all(&app.state.db)
        .await
        .expect("outbox rows")
}

/// Waits, bounded, until no row is pending.
async fn settled(app: &TestApp) -> Vec<outbox::Model> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let rows = rows(app).await;
        if !rows.is_empty() && rows.iter().all(|r| r.status != "pending") {
            return rows;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "rows still pending: {:?}",
            rows.iter()
                .map(|r| (&r.template, &r.status, &r.last_error))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_name_that_breaks_a_header_kills_its_message_not_the_worker() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(via_smtp(&server, true)).await;
    let admin = app.token("admin").await;

    // The API refuses such a name outright…
    for name in ["Eve\nX", "Eve\r\nX"] {
        app.post(
            "/api/v1/users",
            &admin,
            json!({"email": "eve@demo.test", "display_name": name, "role": "observer"}),
        )
        .await
        .assert_problem(422, "validation.failed");
    }
    // …so one stored before that rule (or by other means) is made here directly.
    let eve = user::Entity::find()
        .filter(user::Column::Email.eq("observer@demo.test"))
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("observer");
    let eve_id = eve.id;
    let mut row = eve.into_active_model();
    row.display_name = Set("Eve\r\nBcc: everyone@example.org".into());
    row.update(&app.state.db).await.expect("name stored");

    // Mail for her first, then for others.
    for who in [
        "observer@demo.test",
        "fp.af@demo.test",
        "fp.ir@demo.test",
        "manager@demo.test",
    ] {
        let reply = app
            .request(
                Method::POST,
                "/api/v1/auth/password-reset",
                None,
                Some(json!({"email": who})),
            )
            .await;
        assert_eq!(reply.status, StatusCode::ACCEPTED);
    }

    let rows = settled(&app).await;
    let (hers, others): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.recipient_user_id == eve_id);
    assert_eq!(hers.len(), 1, "her reset message");
    assert_eq!(hers[0].status, "dead");
    let reason = hers[0].last_error.as_deref().unwrap_or_default();
    assert!(reason.contains("name"), "a readable reason: {reason}");
    assert_eq!(others.len(), 3);
    assert!(others.iter().all(|r| r.status == "sent"), "{others:?}");
    let received = server.received();
    assert_eq!(received.len(), 3, "the others arrived, and nothing for her");
    assert!(
        received
            .iter()
            .all(|m| !m.data.contains("everyone@example.org"))
    );

    // The worker is alive and says so; later mail still goes out.
    assert!(app.state.worker_health.is_running());
    assert_eq!(
        app.request(Method::GET, "/readyz", None, None).await.status,
        StatusCode::OK
    );
    let metrics = app.request(Method::GET, "/metrics", None, None).await;
    let text = metrics.body.as_str().unwrap_or_default();
    assert!(text.contains("outbox_worker_alive"), "{text}");
    assert!(text.contains("outbox_oldest_due_seconds"), "{text}");
    app.request(
        Method::POST,
        "/api/v1/auth/password-reset",
        None,
        Some(json!({"email": "fp.pk@demo.test"})),
    )
    .await;
    let pk = user::Entity::find()
        .filter(user::Column::Email.eq("fp.pk@demo.test"))
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("fp.pk");
    let rows = settled(&app).await;
    assert!(
        rows.iter()
            .any(|r| r.recipient_user_id == pk.id && r.status == "sent"),
        "mail after the bad row still goes out"
    );
}
