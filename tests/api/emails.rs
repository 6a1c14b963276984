//! What the outbox rows of a workshop's life say to each focal point, rendered as the
//! worker renders them: language, time zones, and the calendar invitation, update and
//! cancellation.
use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use concord::config::MailTransport;
use concord::notify::message::{self, Email};
use concord::notify::{ics, worker};
use concord::store::entities::{outbox, user};
use icalendar::{Calendar, Component};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::fixtures::{active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app_with};
use crate::smtp::SmtpServer;

/// Each row of `template`, rendered, by recipient address.
async fn rendered(app: &TestApp, template: &str) -> HashMap<String, Email> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .order_by_asc(outbox::Column::Id)
        .all(&app.state.db)
        .await
        .expect("outbox rows");
    assert!(!rows.is_empty(), "no {template} rows");
    let mut emails = HashMap::new();
    for row in &rows {
        let email = message::render(&app.state.db, &app.state.settings, row)
            .await
            .unwrap_or_else(|e| panic!("{template} renders: {e:#}"))
            .expect("a recipient");
        emails.insert(email.to_email.clone(), email);
    }
    emails
}

/// The calendar part, parsed: (METHOD, UID, SEQUENCE, ATTENDEE).
fn calendar_of(email: &Email) -> (String, String, u32, String) {
    let part = email.calendar.as_ref().expect("a calendar part");
    let calendar: Calendar = part.content.parse().expect("a parseable .ics");
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("a VEVENT");
    (
        calendar
            .property_value("METHOD")
            .expect("METHOD")
            .to_owned(),
        event.get_uid().expect("UID").to_owned(),
        event.get_sequence().expect("SEQUENCE"),
        // ATTENDEE may repeat, so the parser keeps it among the multi-properties.
        event
            .multi_properties()
            .get("ATTENDEE")
            .and_then(|all| all.first())
            .map(|p| p.value().to_owned())
            .expect("ATTENDEE"),
    )
}

fn workshop_id(path: &str) -> uuid::Uuid {
    path.rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("a workshop id")
}

#[tokio::test]
async fn a_workshop_is_announced_updated_and_cancelled_in_each_readers_language() {
    let app = spawn_app_with(|s| s.mail.worker_enabled = false).await;
    let d = active_dialogue(&app).await;
    // Rows are rendered at delivery, so a language chosen now applies to them all.
    app.set_user("fp.ir@demo.test", user::Column::Locale, "fr")
        .await;
    app.set_user("fp.pk@demo.test", user::Column::Locale, "fa")
        .await;
    let path = scheduled_workshop(&app, &d).await;
    let uid = ics::uid(workshop_id(&path));

    let invitations = rendered(&app, "workshop_scheduled").await;
    assert_eq!(invitations.len(), 3, "one per focal point");
    let af = &invitations["fp.af@demo.test"];
    assert_eq!(af.to_name, "Focal Point Afghanistan", "{af:?}");
    // "Open in Concord" opens the workshop's page, not its JSON.
    let public_url = app.state.settings.server.public_url.trim_end_matches('/');
    let page = format!("{public_url}/workshops/{}", workshop_id(&path));
    assert!(
        af.text.contains(&page) && af.html.contains(&page),
        "{}",
        af.text
    );
    assert!(
        af.subject
            .starts_with("Invitation: Joint technical workshop, "),
        "{}",
        af.subject
    );
    // Kabul is the reader's zone, Karachi the venue's, beside it.
    assert!(
        af.text.contains(" (Asia/Kabul); at the venue: ") && af.text.contains(" (Asia/Karachi)"),
        "{}",
        af.text
    );
    assert_eq!(
        calendar_of(af),
        (
            "REQUEST".into(),
            uid.clone(),
            0,
            "mailto:fp.af@demo.test".into()
        )
    );

    let ir = &invitations["fp.ir@demo.test"];
    assert!(
        ir.subject
            .starts_with("Invitation : Joint technical workshop, "),
        "{}",
        ir.subject
    );
    assert!(ir.text.starts_with("Bonjour "), "{}", ir.text);
    assert!(
        ir.text.contains("(Asia/Tehran) ; heure du lieu : "),
        "{}",
        ir.text
    );
    assert!(
        ir.html.contains(r#"<html lang="fr" dir="ltr">"#),
        "{}",
        ir.html
    );
    let pk = &invitations["fp.pk@demo.test"];
    assert!(
        pk.subject.starts_with("دعوت‌نامه: Joint technical workshop"),
        "{}",
        pk.subject
    );
    assert!(
        pk.html.contains(r#"<html lang="fa" dir="rtl">"#),
        "{}",
        pk.html
    );
    // Reader and venue share a zone: one time, not two.
    assert!(!pk.text.contains("به وقت محل برگزاری"), "{}", pk.text);
    // The day as on the Persian pages: the Solar Hijri date, then the Gregorian.
    let day = (Utc::now() + Duration::days(10))
        .with_timezone(&chrono_tz::Asia::Karachi)
        .date_naive();
    let year = |y: i32| concord::present::solar_hijri::persian_digits(&y.to_string());
    let solar = concord::present::solar_hijri::SolarHijri::from_gregorian(day).expect("a day");
    let (solar_at, gregorian_at) = (
        pk.text.find(&year(solar.year)),
        pk.text.find(&year(chrono::Datelike::year(&day))),
    );
    assert!(
        solar_at.is_some() && gregorian_at.is_some() && solar_at < gregorian_at,
        "{}",
        pk.text
    );
    assert_eq!(calendar_of(pk).3, "mailto:fp.pk@demo.test");

    // The invitation was rendered before the reschedule; now the update.
    let later = Utc::now() + Duration::days(12);
    app.apply(
        &d.coordinator,
        &path,
        "reschedule",
        json!({"starts_at": later, "ends_at": later + Duration::hours(5)}),
    )
    .await;
    let updates = rendered(&app, "workshop_rescheduled").await;
    let af = &updates["fp.af@demo.test"];
    assert!(
        af.subject
            .starts_with("New time: Joint technical workshop, "),
        "{}",
        af.subject
    );
    assert!(af.text.contains("It was planned for "), "{}", af.text);
    assert_eq!(
        calendar_of(af),
        (
            "REQUEST".into(),
            uid.clone(),
            1,
            "mailto:fp.af@demo.test".into()
        )
    );
    assert!(
        updates["fp.ir@demo.test"]
            .subject
            .starts_with("Nouvel horaire : ")
    );

    app.apply(
        &d.coordinator,
        &path,
        "cancel",
        json!({"reason": "The venue is unavailable"}),
    )
    .await;
    let cancellations = rendered(&app, "workshop_cancelled").await;
    let af = &cancellations["fp.af@demo.test"];
    assert_eq!(af.subject, "Cancelled: Joint technical workshop");
    assert!(
        af.text.contains("Reason: The venue is unavailable"),
        "{}",
        af.text
    );
    let (method, cancelled_uid, sequence, attendee) = calendar_of(af);
    assert_eq!((method.as_str(), cancelled_uid), ("CANCEL", uid));
    assert!(
        sequence > 1,
        "a cancellation outranks the update: {sequence}"
    );
    assert_eq!(attendee, "mailto:fp.af@demo.test");
    let pk = &cancellations["fp.pk@demo.test"];
    assert!(pk.subject.starts_with("لغو شد: "), "{}", pk.subject);
    assert!(pk.html.contains(r#"dir="rtl""#));
}

#[tokio::test]
async fn untranslated_messages_are_english_and_disabled_readers_get_none() {
    let app = spawn_app_with(|s| s.mail.worker_enabled = false).await;
    // Activating the dialogue and its first phase told everyone on it.
    active_dialogue(&app).await;
    app.set_user("fp.ir@demo.test", user::Column::Locale, "fr")
        .await;
    app.set_user("fp.pk@demo.test", user::Column::Locale, "fa")
        .await;
    let phase = rendered(&app, "phase_activated").await;
    for reader in ["fp.ir@demo.test", "fp.pk@demo.test"] {
        let email = &phase[reader];
        assert_eq!(email.subject, "Phase started: Initial phase");
        assert!(email.text.starts_with("Hello "), "{}", email.text);
        assert!(
            email.html.contains(r#"<html lang="en" dir="ltr">"#),
            "{}",
            email.html
        );
        assert!(email.calendar.is_none());
    }
    let project = rendered(&app, "project_changed").await;
    assert_eq!(
        project["fp.af@demo.test"].subject,
        "Test dialogue: now active"
    );

    app.set_user("fp.af@demo.test", user::Column::Disabled, true)
        .await;
    let row = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("phase_activated"))
        .all(&app.state.db)
        .await
        .expect("rows");
    let mut nobody = 0;
    for row in &row {
        if message::render(&app.state.db, &app.state.settings, row)
            .await
            .expect("renders")
            .is_none()
        {
            nobody += 1;
        }
    }
    assert_eq!(nobody, 1, "only the disabled focal point is skipped");
}

#[tokio::test]
async fn the_invitation_arrives_over_smtp_with_its_calendar_part() {
    let server = SmtpServer::start().await;
    let url = server.url();
    let app = spawn_app_with(move |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_url = Some(concord::secret::SecretUrl::new(url));
        s.mail.worker_enabled = false;
        s.mail.batch_size = 100;
    })
    .await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(10);
    while worker::deliver_due(&app.state.postroom())
        .await
        .expect("a pass")
        > 0
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "delivery never ends"
        );
    }
    let expected = &rendered(&app, "workshop_scheduled").await["fp.af@demo.test"];
    let received = server.received();
    let mail = received
        .iter()
        .find(|m| {
            m.rcpt_to == ["fp.af@demo.test"]
                && m.header("Subject").as_deref() == Some(expected.subject.as_str())
        })
        .unwrap_or_else(|| panic!("no invitation among {} messages", received.len()));
    assert!(
        mail.data.contains("text/calendar; method=REQUEST"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("invite.ics"), "{}", mail.data);
}
