//! Email preferences: each person reads and sets their own; `daily_digest` holds
//! messages until 07:00 in their zone and sends them as one, `off` sends none — but
//! invitations and password resets always go.
use chrono::{Duration, Timelike, Utc};
use concord::notify::{digest, message};
use concord::store::entities::{event, outbox, user};
use reqwest::{Method, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use crate::fixtures::{active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::mail::{drain, via_smtp};
use crate::smtp::{Received, SmtpServer};

const PATH: &str = "/api/v1/me/notifications";

async fn set_preference(app: &TestApp, who: &str, preference: &str) {
    let token = app.token(who).await;
    let reply = app
        .put(PATH, &token, json!({"preference": preference}))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body, json!({"preference": preference}));
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .expect("users")
        .expect("the demo account")
        .id
}

/// The outbox rows for one person, oldest first.
async fn rows_for(app: &TestApp, recipient: Uuid) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::RecipientUserId.eq(recipient))
        .order_by_asc(outbox::Column::Id)
        .all(&app.state.db)
        .await
        .expect("outbox rows")
}

/// Messages received for `email` after the first `since` the server got.
fn received_by(server: &SmtpServer, since: usize, email: &str) -> Vec<Received> {
    server
        .received()
        .into_iter()
        .skip(since)
        .filter(|m| m.rcpt_to == [email])
        .collect()
}

/// Makes a row due now, as the clock reaching its time would.
async fn make_due(app: &TestApp, id: Uuid) {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .expect("row moved");
}

/// The text/plain part of a received message, its transfer encoding undone.
fn plain_text(mail: &Received) -> String {
    use base64::Engine;
    let start = mail
        .data
        .find("Content-Type: text/plain")
        .unwrap_or_else(|| panic!("no text part: {}", mail.data));
    let part = &mail.data[start..];
    let (head, body) = part.split_once("\r\n\r\n").expect("part headers");
    let body = body.split("\r\n--").next().unwrap_or_default();
    let head = head.to_ascii_lowercase();
    if head.contains("content-transfer-encoding: base64") {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body.replace("\r\n", ""))
            .expect("base64 body");
        String::from_utf8(bytes).expect("utf-8 body")
    } else if head.contains("content-transfer-encoding: quoted-printable") {
        let joined = body.replace("=\r\n", "");
        let mut bytes = Vec::with_capacity(joined.len());
        let mut rest = joined.as_bytes();
        while let Some((&byte, tail)) = rest.split_first() {
            if byte == b'=' && tail.len() >= 2 {
                let hex = std::str::from_utf8(&tail[..2]).expect("hex");
                bytes.push(u8::from_str_radix(hex, 16).expect("an escape"));
                rest = &tail[2..];
            } else {
                bytes.push(byte);
                rest = tail;
            }
        }
        String::from_utf8(bytes).expect("utf-8 body")
    } else {
        body.to_owned()
    }
}

#[tokio::test]
async fn each_user_reads_and_sets_their_own_preference() {
    let app = spawn_app().await;
    let fp_af = app.token("fp.af").await;
    let coordinator = app.token("coordinator").await;
    let read = app.get(PATH, &fp_af).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.body, json!({"preference": "immediate"}));

    set_preference(&app, "fp.af", "daily_digest").await;
    assert_eq!(
        app.get(PATH, &fp_af).await.body,
        json!({"preference": "daily_digest"})
    );
    // Asking again for the same changes nothing, and so records nothing.
    set_preference(&app, "fp.af", "daily_digest").await;
    set_preference(&app, "fp.af", "off").await;
    assert_eq!(
        app.get(PATH, &coordinator).await.body,
        json!({"preference": "immediate"}),
        "one's own only"
    );

    let id = user_id(&app, "fp.af@demo.test").await;
    let events = event::Entity::find()
        .filter(event::Column::EntityKind.eq("user"))
        .filter(event::Column::EntityId.eq(id))
        .filter(event::Column::Transition.eq("notification_preference"))
        .order_by_asc(event::Column::Seq)
        .all(&app.state.db)
        .await
        .expect("events");
    let changes: Vec<(Option<Uuid>, serde_json::Value)> = events
        .iter()
        .map(|e| (e.actor_id, serde_json::from_str(&e.data).expect("json")))
        .collect();
    assert_eq!(
        changes,
        [
            (
                Some(id),
                json!({"previous": "immediate", "preference": "daily_digest"})
            ),
            (
                Some(id),
                json!({"previous": "daily_digest", "preference": "off"})
            ),
        ]
    );

    for bad in [
        json!({"preference": "weekly"}),
        json!({"preference": 1}),
        json!({}),
    ] {
        let reply = app.put(PATH, &fp_af, bad).await;
        reply.assert_problem(422, "validation.failed");
        assert!(
            reply.body["errors"]["preference"].is_array(),
            "{}",
            reply.body
        );
    }
    assert_eq!(
        app.get(PATH, &fp_af).await.body,
        json!({"preference": "off"})
    );
    app.request(Method::GET, PATH, None, None)
        .await
        .assert_problem(401, "auth.missing_token");
}

#[tokio::test]
async fn a_digest_reader_gets_one_message_at_seven_in_their_zone() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    drain(&app.state).await;
    let af = user_id(&app, "fp.af@demo.test").await;
    set_preference(&app, "fp.af", "daily_digest").await;
    let before = server.received().len();

    let path = scheduled_workshop(&app, &d).await;
    drain(&app.state).await;
    for other in ["fp.ir@demo.test", "fp.pk@demo.test"] {
        let got = received_by(&server, before, other);
        assert_eq!(got.len(), 1, "{other} is invited at once");
        let subject = got[0].header("Subject").unwrap_or_default();
        assert!(subject.starts_with("Invitation:"), "{subject}");
    }
    assert!(received_by(&server, before, "fp.af@demo.test").is_empty());
    let held = rows_for(&app, af).await;
    let invitation = held.last().expect("the invitation row").clone();
    assert_eq!(invitation.template, "workshop_scheduled");
    assert_eq!(
        (
            invitation.status.as_str(),
            invitation.digest,
            invitation.attempts
        ),
        ("pending", true, 0)
    );
    let at = invitation.next_attempt_at;
    let in_kabul = at.with_timezone(&chrono_tz::Asia::Kabul);
    assert_eq!((in_kabul.hour(), in_kabul.minute()), (7, 0), "{in_kabul}");
    assert!(
        at > Utc::now() && at <= Utc::now() + Duration::hours(24),
        "{at}"
    );

    let moved = Utc::now() + Duration::days(12);
    app.apply(
        &d.coordinator,
        &path,
        "reschedule",
        json!({"starts_at": moved, "ends_at": moved + Duration::hours(6)}),
    )
    .await;
    drain(&app.state).await;
    assert_eq!(received_by(&server, before, "fp.ir@demo.test").len(), 2);
    assert!(received_by(&server, before, "fp.af@demo.test").is_empty());
    let held = rows_for(&app, af).await;
    let update = held.last().expect("the update row").clone();
    assert_eq!(update.template, "workshop_rescheduled");
    assert_eq!((update.status.as_str(), update.digest), ("pending", true));
    assert_eq!(update.next_attempt_at, at, "the same digest");

    // 07:00 in Kabul comes.
    make_due(&app, invitation.id).await;
    make_due(&app, update.id).await;
    assert_eq!(drain(&app.state).await, 2, "both rows, in one digest");
    let digests = received_by(&server, before, "fp.af@demo.test");
    assert_eq!(digests.len(), 1, "exactly one message");
    let mail = &digests[0];
    assert_eq!(
        mail.header("Message-ID"),
        Some(format!("<outbox-{}@concord>", invitation.id))
    );
    let mut items = Vec::new();
    for row in [&invitation, &update] {
        let email = message::render(&app.state.db, &app.state.settings, row)
            .await
            .expect("renders")
            .expect("a recipient");
        items.push(digest::item(&email));
    }
    let recipient = user::Entity::find_by_id(af)
        .one(&app.state.db)
        .await
        .expect("users")
        .expect("fp.af");
    let expected =
        digest::compose(&recipient, items, &app.state.settings, Utc::now()).expect("composes");
    assert_eq!(mail.header("Subject"), Some(expected.subject.clone()));
    assert!(expected.subject.contains('2'), "{}", expected.subject);
    let text = plain_text(mail);
    for subject in [
        "Invitation: Joint technical workshop",
        "New time: Joint technical workshop",
    ] {
        assert!(text.contains(subject), "{subject} in {text}");
    }
    for row in rows_for(&app, af).await {
        assert_eq!(row.status, "sent", "{}", row.template);
    }
    assert_eq!(drain(&app.state).await, 0, "nothing is sent twice");
}

#[tokio::test]
async fn off_sends_nothing_but_security_messages() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    drain(&app.state).await;
    let pk = user_id(&app, "fp.pk@demo.test").await;
    set_preference(&app, "fp.pk", "off").await;
    let before = server.received().len();

    scheduled_workshop(&app, &d).await;
    drain(&app.state).await;
    assert_eq!(received_by(&server, before, "fp.af@demo.test").len(), 1);
    assert!(received_by(&server, before, "fp.pk@demo.test").is_empty());
    let invitation = rows_for(&app, pk).await.pop().expect("a row");
    assert_eq!(
        (invitation.template.as_str(), invitation.status.as_str()),
        ("workshop_scheduled", "skipped")
    );
    let admin = app.token("admin").await;
    let listed = app.get("/api/v1/outbox?status=skipped", &admin).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body["items"][0]["id"], invitation.id.to_string());

    let reset = app
        .request(
            Method::POST,
            "/api/v1/auth/password-reset",
            None,
            Some(json!({"email": "fp.pk@demo.test"})),
        )
        .await;
    assert_eq!(reset.status, StatusCode::ACCEPTED);
    assert_eq!(drain(&app.state).await, 1);
    let got = received_by(&server, before, "fp.pk@demo.test");
    assert_eq!(got.len(), 1, "the reset goes whatever the preference");
    let row = rows_for(&app, pk).await.pop().expect("the reset row");
    assert_eq!(
        (row.template.as_str(), row.status.as_str()),
        ("password_reset", "sent")
    );
    assert_eq!(
        got[0].header("Message-ID"),
        Some(format!("<outbox-{}@concord>", row.id))
    );
}

#[tokio::test]
async fn a_preference_changed_while_a_digest_waits_is_the_one_applied() {
    let server = SmtpServer::start().await;
    let app = spawn_app_with(via_smtp(&server, false)).await;
    let d = active_dialogue(&app).await;
    drain(&app.state).await;
    let af = user_id(&app, "fp.af@demo.test").await;
    set_preference(&app, "fp.af", "daily_digest").await;
    let before = server.received().len();
    scheduled_workshop(&app, &d).await;
    drain(&app.state).await;
    let held = rows_for(&app, af).await.pop().expect("held row");
    assert!(held.digest && held.status == "pending");

    set_preference(&app, "fp.af", "off").await;
    make_due(&app, held.id).await;
    drain(&app.state).await;
    let row = rows_for(&app, af).await.pop().expect("the row");
    assert_eq!(row.status, "skipped");
    assert!(received_by(&server, before, "fp.af@demo.test").is_empty());
}
