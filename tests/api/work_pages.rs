//! The workshop and common-understanding pages over plain HTTP: who is offered what,
//! and a refusal that names the domain's reason and changes nothing.
use reqwest::StatusCode;

use crate::fixtures::{active_dialogue, scheduled_workshop};
use concord::store::entities::user;

use crate::helpers::{TestApp, spawn_app};
pub use crate::page_client::{form_token, sign_in as signed_in};

pub async fn page(app: &TestApp, cookie: &str, path: &str) -> (StatusCode, String) {
    let reply = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sent");
    (reply.status(), reply.text().await.expect("body"))
}

#[tokio::test]
async fn only_organisers_get_the_new_workshop_form_and_it_invites_the_dialogues_governments() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = format!("/phases/{}/workshops/new", d.initial_phase_id);
    let fp = signed_in(&app, "fp.af").await;
    let (status, html) = page(&app, &fp, &path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("<html"), "a page, not JSON");
    let coordinator = signed_in(&app, "coordinator").await;
    let (status, html) = page(&app, &coordinator, &path).await;
    assert_eq!(status, StatusCode::OK);
    for government in [&d.af, &d.ir, &d.pk] {
        assert!(
            html.contains(&format!(r#"value="{government}""#)),
            "{government} offered"
        );
    }
    let (status, _) = page(&app, &coordinator, "/phases/not-an-id/workshops/new").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_focal_point_answers_for_their_own_government_only() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let api_path = scheduled_workshop(&app, &d).await;
    let id = api_path.rsplit('/').next().expect("id").to_owned();
    let fp = signed_in(&app, "fp.af").await;
    let (status, html) = page(&app, &fp, &format!("/workshops/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    // A light page: well within the 30 KB a later page of a session may weigh.
    assert!(html.len() < 30_000, "{} bytes", html.len());
    // The calendar file the page links to answers the cookie too.
    let ics = app
        .client
        .get(format!("{}/api/v1/workshops/{id}/invite.ics", app.base))
        .header("cookie", &fp)
        .send()
        .await
        .expect("sent");
    assert_eq!(ics.status(), StatusCode::OK);
    assert!(ics.text().await.expect("body").contains("BEGIN:VCALENDAR"));
    // Offered for Afghanistan only.
    assert!(html.contains("attendance-AF-confirmed"));
    assert!(!html.contains("attendance-IR-confirmed"));
    let token = form_token(&html);

    // A forged answer for Iran: refused as the API refuses it (403), as a page, and
    // nothing changed.
    let reply = app
        .client
        .post(format!("{}/workshops/{id}/attendance", app.base))
        .header("cookie", &fp)
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", token.as_str()),
            ("government_id", d.ir.as_str()),
            ("status", "confirmed"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
    let html = reply.text().await.expect("body");
    assert!(html.contains("<html"), "{html}");
    let read = app.get(&api_path, &d.coordinator).await;
    let iran = read.body["attendance"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|g| g["government_id"] == d.ir.as_str())
                .cloned()
        })
        .expect("Iran invited");
    assert_eq!(iran["status"], "invited");

    // Before the day, "attended" is refused with the domain's sentence on the page.
    let reply = app
        .client
        .post(format!("{}/workshops/{id}/attendance", app.base))
        .header("cookie", &fp)
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", token.as_str()),
            ("government_id", d.af.as_str()),
            ("status", "attended"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = reply.text().await.expect("body");
    let refusal = html
        .split(r#"<p id="refusal">"#)
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the refusal shown");
    assert!(!refusal.trim().is_empty());
}

#[tokio::test]
async fn a_stale_text_edit_says_someone_changed_it_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            serde_json::json!({"title": "Voluntary return", "text": "Return is voluntary."}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let coordinator = signed_in(&app, "coordinator").await;
    let (_, html) = page(&app, &coordinator, &format!("/understandings/{id}")).await;
    assert!(
        html.contains(r#"id="edit-form""#),
        "a draft's text is editable"
    );
    // Someone else edits first (version 1 → 2).
    let edited = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/understandings/{id}"),
            Some(&d.coordinator),
            Some(serde_json::json!({"text": "Return is voluntary and safe.", "version": 1})),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let reply = app
        .client
        .post(format!("{}/understandings/{id}/text", app.base))
        .header("cookie", &coordinator)
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf", form_token(&html).as_str()),
            ("version", "1"),
            ("text", "My own wording."),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::CONFLICT);
    let html = reply.text().await.expect("body");
    assert!(html.contains(r#"id="trouble""#), "the conflict is said");
    assert!(html.contains("My own wording."), "what was typed is kept");
    assert!(
        html.contains("Return is voluntary and safe."),
        "the text as it is now"
    );
    let read = app
        .get(&format!("/api/v1/understandings/{id}"), &d.coordinator)
        .await;
    assert_eq!(read.body["text"], "Return is voluntary and safe.");
}

#[tokio::test]
async fn a_reschedule_takes_the_venues_wall_clock_times() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let api_path = scheduled_workshop(&app, &d).await;
    let id = api_path.rsplit('/').next().expect("id").to_owned();
    let coordinator = signed_in(&app, "coordinator").await;
    let (_, html) = page(&app, &coordinator, &format!("/workshops/{id}")).await;
    assert!(
        html.contains(r#"id="reschedule""#),
        "the reschedule form is offered"
    );
    let day = (chrono::Utc::now() + chrono::Duration::days(20)).date_naive();
    let post = |version: &'static str, starts: String| {
        let token = form_token(&html);
        let cookie = coordinator.clone();
        let base = app.base.clone();
        let id = id.clone();
        let client = crate::page_client::no_redirects();
        async move {
            client
                .post(format!("{base}/workshops/{id}/reschedule"))
                .header("cookie", cookie)
                .header("sec-fetch-site", "same-origin")
                .form(&[
                    ("csrf", token),
                    ("version", version.to_owned()),
                    ("starts_at", starts),
                    ("ends_at", format!("{day}T16:00")),
                ])
                .send()
                .await
                .expect("sent")
        }
    };
    // A time the form cannot read is said beside its box, with what was typed kept.
    let unreadable = post("2", "next week".into()).await;
    assert_eq!(unreadable.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = unreadable.text().await.expect("body");
    assert!(body.contains(r#"id="starts_at-error""#) && body.contains("next week"));
    // Islamabad is UTC+05:00: 10:00 there is 05:00 UTC.
    let done = post("2", format!("{day}T10:00")).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let read = app.get(&api_path, &d.coordinator).await;
    let starts = read.body["starts_at"]
        .as_str()
        .expect("starts_at")
        .to_owned();
    assert!(starts.starts_with(&format!("{day}T05:00:00")), "{starts}");
}

/// Statements run while a page is answered.
pub async fn statements(
    app: &TestApp,
    counter: &std::sync::atomic::AtomicUsize,
    cookie: &str,
    path: &str,
) -> usize {
    use std::sync::atomic::Ordering;
    let before = counter.load(Ordering::SeqCst);
    let (status, _) = page(app, cookie, path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    counter.load(Ordering::SeqCst) - before
}

#[tokio::test]
async fn the_pages_cost_a_fixed_number_of_statements_however_long_the_history() {
    let (app, counter) = crate::helpers::spawn_counting_app().await;
    let d = active_dialogue(&app).await;
    let workshop = scheduled_workshop(&app, &d).await;
    let workshop_id = workshop.rsplit('/').next().expect("id").to_owned();
    let coordinator = signed_in(&app, "coordinator").await;
    let workshop_page = statements(
        &app,
        &counter,
        &coordinator,
        &format!("/workshops/{workshop_id}"),
    )
    .await;

    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            serde_json::json!({"title": "Voluntary return", "text": "Revision one."}),
        )
        .await;
    let id = created.body["id"].as_str().expect("id").to_owned();
    let path = format!("/understandings/{id}");
    let one = statements(&app, &counter, &coordinator, &path).await;
    // Two more revisions: propose, revise, edit, twice.
    for text in ["Revision two.", "Revision three."] {
        let api = format!("/api/v1{path}");
        app.apply(&d.coordinator, &api, "propose", serde_json::json!({}))
            .await;
        let revised = app
            .apply(&d.coordinator, &api, "revise", serde_json::json!({}))
            .await;
        let version = revised["version"].as_i64().expect("version");
        let edited = app
            .request(
                reqwest::Method::PATCH,
                &api,
                Some(&d.coordinator),
                Some(serde_json::json!({"text": text, "version": version})),
            )
            .await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    }
    let three = statements(&app, &counter, &coordinator, &path).await;
    eprintln!(
        "statements: workshop page = {workshop_page}, understanding page = {one} (1 revision), {three} (3 revisions)"
    );
    assert_eq!(one, three, "a statement per revision somewhere");
    assert!(
        workshop_page <= 15 && three <= 15,
        "{workshop_page}, {three}"
    );
}

#[tokio::test]
async fn a_disabled_button_gives_the_domains_reason_in_the_readers_language() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = format!("/phases/{}", d.follow_up_phase_id);
    let cookie = signed_in(&app, "coordinator").await;
    let (status, english) = page(&app, &cookie, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        english.contains("The previous phase has not been completed"),
        "{english}"
    );

    app.set_user("coordinator@demo.test", user::Column::Locale, "fr")
        .await;
    let (status, french) = page(&app, &cookie, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        french.contains("La phase précédente n’est pas achevée"),
        "the refusal is said in French"
    );
    assert!(!french.contains("The previous phase has not been completed"));
}
