//! Email delivery end to end: transitions queue outbox rows, the worker delivers them
//! to a real SMTP listener (see `smtp.rs`) or to .eml files.
use std::collections::{BTreeSet, HashSet};
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use concord::config::MailTransport;
use concord::notify::{message, worker};
use concord::secret::SecretUrl;
use concord::store::entities::outbox;
use concord::{App, AppState, Settings};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

use crate::fixtures::{active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app_with};
use crate::smtp::{Behaviour, SmtpServer};

const INVITED: [&str; 3] = ["fp.af@demo.test", "fp.ir@demo.test", "fp.pk@demo.test"];

pub(crate) fn via_smtp(server: &SmtpServer, worker_enabled: bool) -> impl FnOnce(&mut Settings) {
    let url = server.url();
    move |settings| {
        settings.mail.transport = MailTransport::Smtp;
        settings.mail.smtp_url = Some(SecretUrl::new(url));
        settings.mail.worker_enabled = worker_enabled;
        // One pass takes every row these tests queue.
        settings.mail.batch_size = 100;
    }
}

async fn rows(state: &AppState) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&state.db)
        .await
        .expect("outbox rows")
}

fn message_id(row: &outbox::Model) -> String {
    format!("<outbox-{}@concord>", row.id)
}

/// One delivery pass; how many rows it handled.
async fn pass(state: &AppState) -> usize {
    worker::deliver_due(&state.postroom())
        .await
        .expect("delivery pass")
}

/// Passes until nothing is due; returns how many rows were handled. Only where
/// deliveries succeed: with no backoff in tests a failing row is due again at once.
pub(crate) async fn drain(state: &AppState) -> usize {
    let mut handled = 0;
    loop {
        let n = pass(state).await;
        if n == 0 {
            return handled;
        }
        handled += n;
    }
}

/// Every row sent exactly once: one received message per row, matched by Message-ID.
fn assert_each_row_received_once(rows: &[outbox::Model], server: &SmtpServer) {
    let received: Vec<String> = server
        .received()
        .iter()
        .map(|m| m.header("Message-ID").expect("a Message-ID"))
        .collect();
    let unique: HashSet<&String> = received.iter().collect();
    assert_eq!(unique.len(), received.len(), "duplicates: {received:?}");
    let expected: HashSet<String> = rows.iter().map(message_id).collect();
    assert_eq!(
        received.iter().cloned().collect::<HashSet<_>>(),
        expected,
        "received vs queued"
    );
}

#[tokio::test]
async fn a_scheduled_workshop_invites_each_focal_point_by_email() {
    let server = SmtpServer::start().await;
    // The background worker, as `concord serve` runs it.
    let app = spawn_app_with(via_smtp(&server, true)).await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;

    // Polled, with a bound: the worker runs on its own schedule.
    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(10);
    while !rows(&app.state).await.iter().all(|r| r.status == "sent") {
        assert!(
            tokio::time::Instant::now() < deadline,
            "not all sent in time"
        );
        tokio::time::sleep(StdDuration::from_millis(25)).await;
    }
    let invitations: Vec<_> = rows(&app.state)
        .await
        .into_iter()
        .filter(|r| r.template == "workshop_scheduled")
        .collect();
    assert_eq!(invitations.len(), 3, "one per invited focal point");
    assert_each_row_received_once(&rows(&app.state).await, &server);

    let received = server.received();
    let mut invited = BTreeSet::new();
    for row in &invitations {
        assert_eq!(row.attempts, 1);
        assert!(row.sent_at.is_some() && row.last_error.is_none());
        let mail = received
            .iter()
            .find(|m| m.header("Message-ID") == Some(message_id(row)))
            .expect("the invitation arrived");
        let expected = message::render(&app.state.db, &app.state.settings, row)
            .await
            .expect("renders")
            .expect("has a recipient");
        assert_eq!(mail.rcpt_to, vec![expected.to_email.clone()]);
        assert_eq!(mail.mail_from, app.state.settings.mail.from);
        let to = mail.header("To").expect("To");
        assert!(to.contains(&expected.to_email), "{to}");
        assert_eq!(mail.header("Subject"), Some(expected.subject.clone()));
        assert!(mail.data.contains("multipart/alternative"), "{}", mail.data);
        if expected.calendar.is_some() {
            assert!(
                mail.data.contains("text/calendar; method=REQUEST"),
                "{}",
                mail.data
            );
            assert!(mail.data.contains("invite.ics"), "{}", mail.data);
        }
        invited.insert(expected.to_email);
    }
    assert_eq!(invited, INVITED.iter().map(|s| s.to_string()).collect());
}

#[tokio::test]
async fn messages_wait_out_an_smtp_outage_and_arrive_once() {
    let mut server = SmtpServer::start().await;
    server.stop().await;
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let queued = rows(&app.state).await;
    assert!(queued.len() >= 3);

    assert_eq!(pass(&app.state).await, queued.len(), "one attempt each");
    for row in rows(&app.state).await {
        assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
        let error = row.last_error.unwrap_or_default();
        assert!(error.starts_with("transient:"), "{error}");
    }
    assert!(server.received().is_empty());

    server.restart().await;
    assert_eq!(drain(&app.state).await, queued.len());
    let delivered = rows(&app.state).await;
    assert!(
        delivered
            .iter()
            .all(|r| r.status == "sent" && r.attempts == 2)
    );
    assert_each_row_received_once(&delivered, &server);
    assert_eq!(drain(&app.state).await, 0, "nothing is sent twice");
    assert_eq!(server.received().len(), queued.len());
}

/// A server that refuses with 550 makes every row dead after `max_attempts` passes.
async fn refused_until_dead(behaviour: Behaviour) -> (SmtpServer, TestApp) {
    let server = SmtpServer::start().await;
    server.set_behaviour(behaviour);
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let max_attempts = app.state.settings.mail.max_attempts;
    let queued = rows(&app.state).await.len();
    for attempt in 1..=max_attempts {
        assert_eq!(pass(&app.state).await, queued);
        let expected = if attempt < max_attempts {
            "pending"
        } else {
            "dead"
        };
        for row in rows(&app.state).await {
            assert_eq!((row.status.as_str(), row.attempts), (expected, attempt));
            let error = row.last_error.unwrap_or_default();
            assert!(error.contains("550"), "{error}");
            assert!(error.starts_with("permanent:"), "{error}");
        }
    }
    assert_eq!(pass(&app.state).await, 0, "dead rows are left alone");
    assert!(server.received().is_empty());
    (server, app)
}

#[tokio::test]
async fn a_rejected_recipient_ends_dead_and_an_admin_can_retry_it() {
    let (server, app) = refused_until_dead(Behaviour::RejectRecipient).await;
    let admin = app.token("admin").await;
    let dead = app.get("/api/v1/outbox?status=dead", &admin).await;
    assert_eq!(dead.status, StatusCode::OK, "{}", dead.body);
    let items = dead.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), rows(&app.state).await.len());
    assert!(
        items[0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("550"))
    );
    let pending = app.get("/api/v1/outbox?status=pending", &admin).await;
    assert_eq!(pending.body["items"], json!([]));
    app.get("/api/v1/outbox?status=lost", &admin)
        .await
        .assert_problem(422, "validation.failed");
    let coordinator = app.token("coordinator").await;
    app.get("/api/v1/outbox", &coordinator)
        .await
        .assert_problem(403, "auth.forbidden");

    let id = items[0]["id"].as_str().expect("id").to_owned();
    let retry = format!("/api/v1/outbox/{id}/retry");
    app.post(&retry, &coordinator, json!({}))
        .await
        .assert_problem(403, "auth.forbidden");
    let retried = app.post(&retry, &admin, json!({})).await;
    assert_eq!(retried.status, StatusCode::OK, "{}", retried.body);
    assert_eq!(
        (
            retried.body["status"].as_str(),
            retried.body["attempts"].as_i64()
        ),
        (Some("pending"), Some(0))
    );
    app.post(&retry, &admin, json!({}))
        .await
        .assert_problem(422, "outbox.not_dead");
    app.post(
        &format!("/api/v1/outbox/{}/retry", uuid::Uuid::now_v7()),
        &admin,
        json!({}),
    )
    .await
    .assert_problem(404, "not_found");

    server.set_behaviour(Behaviour::Accept);
    assert_eq!(drain(&app.state).await, 1, "only the retried row");
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("Message-ID"),
        Some(format!("<outbox-{id}@concord>"))
    );
    let sent = app.get("/api/v1/outbox?status=sent", &admin).await;
    assert_eq!(sent.body["items"][0]["id"], id.as_str());
    assert_eq!(sent.body["items"][0]["attempts"], 1);
}

#[tokio::test]
async fn a_rejection_at_data_also_ends_dead() {
    refused_until_dead(Behaviour::RejectData).await;
}

#[tokio::test]
async fn a_refused_or_conflicting_transition_sends_nothing() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    let before = rows(&app.state).await;
    let starts_at = Utc::now() + Duration::days(10);
    let created = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Bilateral?", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(2), "time_zone": "Asia/Kabul",
                   "venue": "Kabul", "government_ids": [d.af]}),
        )
        .await;
    let path = format!(
        "/api/v1/workshops/{}",
        created.body["id"].as_str().expect("id")
    );
    // Refused by the rules, and refused for a stale version: both roll back.
    app.transition(&d.coordinator, &path, "schedule", 1, json!({}))
        .await
        .assert_problem(422, "workshop.too_few_governments");
    app.transition(&d.coordinator, &path, "cancel", 0, json!({"reason": "x"}))
        .await
        .assert_problem(409, "conflict.version");

    let after = rows(&app.state).await;
    assert_eq!(after, before, "no outbox row was written");
    drain(&app.state).await;
    // What the dialogue's own activation queued, and nothing more.
    assert_each_row_received_once(&before, &server);
}

/// Two Concord nodes (two apps with their own pools) on one database deliver every
/// message exactly once: on PostgreSQL through `FOR UPDATE SKIP LOCKED`, on SQLite
/// through its single writer (`BEGIN IMMEDIATE`). The suite runs on both.
#[tokio::test]
async fn two_workers_deliver_each_message_once() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(|settings| {
        via_smtp(&server, false)(settings);
        // Small batches, so both nodes go back for more while the other holds rows.
        settings.mail.batch_size = 2;
    })
    .await;
    let d = active_dialogue(&app).await;
    for _ in 0..4 {
        scheduled_workshop(&app, &d).await;
    }
    let queued = rows(&app.state).await;
    assert!(queued.len() >= 12);

    let second = App::build((*app.state.settings).clone())
        .await
        .expect("a second node on the same database");
    let nodes = [app.state.clone(), second.state().clone()];
    let tasks = nodes.map(|state| tokio::spawn(async move { drain(&state).await }));
    let mut handled = 0;
    for task in tasks {
        handled += task.await.expect("worker task");
    }
    assert_eq!(handled, queued.len(), "each row claimed by one node");
    let delivered = rows(&app.state).await;
    assert!(
        delivered
            .iter()
            .all(|r| r.status == "sent" && r.attempts == 1)
    );
    assert_each_row_received_once(&delivered, &server);
}

#[tokio::test]
async fn the_file_transport_writes_one_eml_per_message() {
    let app = spawn_app_with(|settings| {
        assert_eq!(settings.mail.transport, MailTransport::File);
        settings.mail.worker_enabled = false;
    })
    .await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let queued = rows(&app.state).await;
    assert_eq!(drain(&app.state).await, queued.len());

    let files: Vec<String> = std::fs::read_dir(app.mail_dir.path())
        .expect("mail dir")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .map(|path| std::fs::read_to_string(path).expect("readable .eml"))
        .collect();
    assert_eq!(files.len(), queued.len());
    for row in &queued {
        let id = message_id(row);
        assert_eq!(files.iter().filter(|f| f.contains(&id)).count(), 1, "{id}");
    }
    assert!(rows(&app.state).await.iter().all(|r| r.status == "sent"));
}

#[tokio::test]
async fn a_bad_smtp_url_stops_startup_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = crate::helpers::test_settings();
    settings.database.url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp_url = Some(SecretUrl::new("smtp://mail.example.org:587?tls=sometimes"));
    let error = App::build(settings).await.err().expect("refuses to start");
    assert!(
        format!("{error:#}").contains("CONCORD__MAIL__SMTP_URL"),
        "{error:#}"
    );
}
