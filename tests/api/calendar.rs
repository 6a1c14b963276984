//! Personal calendar feeds (`/calendar/{token}.ics`), read by a real iCalendar parser
//! (the `icalendar` crate's): the same UID and SEQUENCE as the invitations, cancelled
//! workshops kept, ETag/304, reset and revoke, what a focal point may see, and the
//! account page's link.
use chrono::{Duration, Utc};
use icalendar::{Calendar, CalendarComponent, Component, EventStatus};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::fixtures::{Dialogue, active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app};
use crate::page_client::{form_token, no_redirects, page, sign_in, submit};

/// The feed's path on the test server, from the URL the API answered.
fn path_of(app: &TestApp, url: &str) -> String {
    let path = url
        .split_once("/calendar/")
        .map(|(_, rest)| format!("/calendar/{rest}"))
        .expect("a feed URL");
    assert!(!app.base.is_empty());
    path
}

/// Makes (or replaces) `token`'s holder's feed; its path.
async fn new_feed(app: &TestApp, token: &str) -> String {
    let made = app.post("/api/v1/me/calendar", token, json!({})).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let url = made.body["url"].as_str().expect("url");
    let webcal = made.body["webcal_url"].as_str().expect("webcal_url");
    assert!(url.ends_with(".ics"), "{url}");
    assert_eq!(
        webcal.strip_prefix("webcal://"),
        url.split_once("://").map(|(_, rest)| rest),
        "the same address under webcal://"
    );
    path_of(app, url)
}

struct Fetched {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: String,
}

/// A calendar program's request: no sign-in, maybe a validator.
async fn fetch(app: &TestApp, path: &str, if_none_match: Option<&str>) -> Fetched {
    let mut request = no_redirects().get(format!("{}{path}", app.base));
    if let Some(etag) = if_none_match {
        request = request.header("if-none-match", etag);
    }
    let reply = request.send().await.expect("sent");
    Fetched {
        status: reply.status(),
        headers: reply.headers().clone(),
        body: reply.text().await.expect("body"),
    }
}

fn header<'a>(fetched: &'a Fetched, name: &str) -> &'a str {
    fetched
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn parse(text: &str) -> Calendar {
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("not iCalendar ({e}): {text}"))
}

fn events(calendar: &Calendar) -> Vec<&icalendar::Event> {
    calendar
        .components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .collect()
}

/// (UID, SEQUENCE, cancelled) of each event.
fn summary(calendar: &Calendar) -> Vec<(String, u32, bool)> {
    events(calendar)
        .iter()
        .map(|e| {
            (
                e.get_uid().unwrap_or_default().to_owned(),
                e.get_sequence().unwrap_or(u32::MAX),
                e.get_status() == Some(EventStatus::Cancelled),
            )
        })
        .collect()
}

/// The invitation download of a workshop, parsed: its one event's UID and SEQUENCE.
async fn invitation(app: &TestApp, token: &str, workshop_path: &str) -> (String, u32, Calendar) {
    let reply = no_redirects()
        .get(format!("{}{workshop_path}/invite.ics", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK);
    let calendar = parse(&reply.text().await.expect("body"));
    let event = events(&calendar).first().map(|e| {
        (
            e.get_uid().unwrap_or_default().to_owned(),
            e.get_sequence().unwrap_or(u32::MAX),
        )
    });
    let (uid, sequence) = event.expect("one event");
    (uid, sequence, calendar)
}

/// A second active dialogue, with IR and PK only (not AF), and a scheduled workshop
/// in it; that workshop's path.
async fn dialogue_without_af(app: &TestApp, d: &Dialogue) -> String {
    let project = app
        .post(
            "/api/v1/projects",
            &d.coordinator,
            json!({"code": format!("IRPK-{}", uuid::Uuid::new_v4().simple()),
                   "title": "Bilateral dialogue", "summary": "IR and PK only",
                   "budget_usd": 1000, "government_ids": [d.ir, d.pk]}),
        )
        .await;
    assert_eq!(project.status, StatusCode::CREATED, "{}", project.body);
    let project_id = project.body["id"].as_str().expect("id").to_owned();
    let phase = app
        .post(
            &format!("/api/v1/projects/{project_id}/phases"),
            &d.coordinator,
            json!({"name": "Only phase", "ordinal": 1}),
        )
        .await;
    assert_eq!(phase.status, StatusCode::CREATED, "{}", phase.body);
    let phase_id = phase.body["id"].as_str().expect("id").to_owned();
    let project_path = format!("/api/v1/projects/{project_id}");
    app.apply(&d.coordinator, &project_path, "activate", json!({}))
        .await;
    let phase_path = format!("/api/v1/phases/{phase_id}");
    app.apply(&d.coordinator, &phase_path, "activate", json!({}))
        .await;
    let starts_at = Utc::now() + Duration::days(20);
    let created = app
        .post(
            &format!("/api/v1/phases/{phase_id}/workshops"),
            &d.coordinator,
            json!({"title": "IR–PK workshop", "kind": "technical", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(4), "time_zone": "Asia/Tehran",
                   "venue": "Tehran", "government_ids": [d.ir, d.pk]}),
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

fn uid_of(workshop_path: &str) -> String {
    let id = workshop_path.rsplit('/').next().unwrap_or_default();
    format!("workshop-{id}@concord")
}

#[tokio::test]
async fn the_feed_carries_the_invitations_uid_and_sequence_and_keeps_cancellations() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let moved = scheduled_workshop(&app, &d).await;
    let later = Utc::now() + Duration::days(12);
    app.apply(
        &d.coordinator,
        &moved,
        "reschedule",
        json!({"starts_at": later, "ends_at": later + Duration::hours(5)}),
    )
    .await;
    let called_off = scheduled_workshop(&app, &d).await;
    app.apply(
        &d.coordinator,
        &called_off,
        "cancel",
        json!({"reason": "Venue unavailable"}),
    )
    .await;
    // A draft is not announced yet: no invitation, and not in the feed.
    let starts_at = Utc::now() + Duration::days(30);
    let draft = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Draft", "kind": "joint", "starts_at": starts_at,
                   "ends_at": starts_at + Duration::hours(2), "time_zone": "Asia/Kabul",
                   "venue": "Kabul", "government_ids": [d.af, d.ir]}),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);

    let fp_af = app.token("fp.af").await;
    let (moved_uid, moved_sequence, _) = invitation(&app, &fp_af, &moved).await;
    let (off_uid, off_sequence, off_file) = invitation(&app, &fp_af, &called_off).await;
    assert_eq!(moved_sequence, 1, "rescheduled once");
    assert_eq!(off_sequence, 1, "the cancellation outranks the invitation");
    assert_eq!(off_file.property_value("METHOD"), Some("CANCEL"));

    let feed = new_feed(&app, &fp_af).await;
    let fetched = fetch(&app, &feed, None).await;
    assert_eq!(fetched.status, StatusCode::OK, "{}", fetched.body);
    assert!(header(&fetched, "content-type").starts_with("text/calendar"));
    assert_eq!(header(&fetched, "cache-control"), "private");
    let calendar = parse(&fetched.body);
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
    assert_eq!(calendar.property_value("X-PUBLISHED-TTL"), Some("PT1H"));
    assert_eq!(
        calendar.property_value("X-WR-CALNAME"),
        Some("Concord — workshops")
    );
    let refresh = calendar
        .properties
        .iter()
        .find(|p| p.key() == "REFRESH-INTERVAL")
        .expect("REFRESH-INTERVAL");
    assert_eq!(refresh.value(), "PT1H");
    assert!(
        fetched
            .body
            .contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H"),
        "{}",
        fetched.body
    );
    let mut seen = summary(&calendar);
    seen.sort();
    let mut expected = vec![
        (moved_uid, moved_sequence, false),
        (off_uid, off_sequence, true),
    ];
    expected.sort();
    assert_eq!(seen, expected, "{}", fetched.body);
    assert!(!fetched.body.contains("ATTENDEE"), "a feed invites nobody");

    // The calendar already has this version: 304, until a workshop changes.
    let etag = header(&fetched, "etag").to_owned();
    assert!(etag.starts_with("W/\"") && etag.len() > 10, "{etag}");
    let again = fetch(&app, &feed, Some(&etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(header(&again, "etag"), etag);
    let other = fetch(&app, &feed, Some("\"something-else\"")).await;
    assert_eq!(other.status, StatusCode::OK);
    let later = Utc::now() + Duration::days(14);
    app.apply(
        &d.coordinator,
        &moved,
        "reschedule",
        json!({"starts_at": later, "ends_at": later + Duration::hours(5)}),
    )
    .await;
    let changed = fetch(&app, &feed, Some(&etag)).await;
    assert_eq!(
        changed.status,
        StatusCode::OK,
        "a change makes a new version"
    );
    assert_ne!(header(&changed, "etag"), etag);
    let sequences = summary(&parse(&changed.body));
    assert!(
        sequences.contains(&(uid_of(&moved), 2, false)),
        "{sequences:?}"
    );
}

#[tokio::test]
async fn a_reset_ends_the_old_link_at_once_and_unknown_links_are_404() {
    let app = spawn_app().await;
    let coordinator = app.token("coordinator").await;
    let first = new_feed(&app, &coordinator).await;
    assert_eq!(fetch(&app, &first, None).await.status, StatusCode::OK);

    let second = new_feed(&app, &coordinator).await;
    assert_ne!(first, second);
    assert_eq!(
        fetch(&app, &first, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(fetch(&app, &second, None).await.status, StatusCode::OK);

    let revoked = app
        .request(
            Method::DELETE,
            "/api/v1/me/calendar",
            Some(&coordinator),
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(
        fetch(&app, &second, None).await.status,
        StatusCode::NOT_FOUND
    );

    let unknown = format!("/calendar/{}.ics", "ab".repeat(32));
    app.request(Method::GET, &unknown, None, None)
        .await
        .assert_problem(404, "not_found");
    for odd in ["/calendar/nothing.ics", "/calendar/x", "/calendar/%00.ics"] {
        assert_eq!(
            fetch(&app, odd, None).await.status,
            StatusCode::NOT_FOUND,
            "{odd}"
        );
    }
    // Making a link needs someone signed in.
    app.request(Method::POST, "/api/v1/me/calendar", None, None)
        .await
        .assert_problem(401, "auth.missing_token");
}

#[tokio::test]
async fn a_focal_points_feed_keeps_to_their_governments_dialogues() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let shared = scheduled_workshop(&app, &d).await;
    let elsewhere = dialogue_without_af(&app, &d).await;

    let fp_af = app.token("fp.af").await;
    let theirs = summary(&parse(
        &fetch(&app, &new_feed(&app, &fp_af).await, None).await.body,
    ));
    let uids: Vec<&str> = theirs.iter().map(|(uid, ..)| uid.as_str()).collect();
    assert_eq!(
        uids,
        vec![uid_of(&shared)],
        "AF is not in the IR–PK dialogue"
    );
    // As the API's list: the other dialogue is out of AF's sight.
    app.get(&format!("{elsewhere}/invite.ics"), &fp_af)
        .await
        .assert_problem(404, "not_found");

    let fp_ir = app.token("fp.ir").await;
    let ir = summary(&parse(
        &fetch(&app, &new_feed(&app, &fp_ir).await, None).await.body,
    ));
    assert_eq!(ir.len(), 2, "IR takes part in both: {ir:?}");
    let manager = app.token("manager").await;
    let all = summary(&parse(
        &fetch(&app, &new_feed(&app, &manager).await, None)
            .await
            .body,
    ));
    let uids: Vec<&str> = all.iter().map(|(uid, ..)| uid.as_str()).collect();
    assert!(uids.contains(&uid_of(&elsewhere).as_str()), "{uids:?}");
}

#[tokio::test]
async fn a_disabled_accounts_feed_is_404() {
    let app = spawn_app().await;
    let fp_pk = app.token("fp.pk").await;
    let feed = new_feed(&app, &fp_pk).await;
    assert_eq!(fetch(&app, &feed, None).await.status, StatusCode::OK);
    let id = app.get("/api/v1/me", &fp_pk).await.body["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let admin = app.token("admin").await;
    let disabled = app
        .post(&format!("/api/v1/users/{id}/disable"), &admin, json!({}))
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.body);
    let gone = fetch(&app, &feed, None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(!gone.body.contains("BEGIN:VCALENDAR"));
    // Enabled again, the same link works: disabling did not reset it.
    let enabled = app
        .post(&format!("/api/v1/users/{id}/enable"), &admin, json!({}))
        .await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
    assert_eq!(fetch(&app, &feed, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_account_page_shows_the_link_once_and_wants_the_form_token() {
    let app = spawn_app().await;
    let cookie = sign_in(&app, "observer").await;
    let (status, before) = page(&app, &cookie, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains(r#"id="calendar-none""#), "no link yet");
    assert!(!before.contains("webcal://"));

    let reply = no_redirects()
        .post(format!("{}/account/calendar", app.base))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", form_token(&before))])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK);
    let cache = reply.headers().get("cache-control").cloned();
    assert_eq!(
        cache.as_ref().and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "the page with the secret is not cached"
    );
    let made = reply.text().await.expect("body");
    let link = made
        .split(r#"href="webcal://"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a webcal link");
    let path = path_of(&app, link);
    // The same address to copy, over http(s).
    assert!(
        ["http", "https"]
            .iter()
            .any(|scheme| made.contains(&format!(r#"value="{scheme}://{link}""#))),
        "{made}"
    );

    assert_eq!(fetch(&app, &path, None).await.status, StatusCode::OK);

    // Shown once: afterwards the page says a link exists, never what it is.
    let (_, after) = page(&app, &cookie, "/account").await;
    assert!(after.contains(r#"id="calendar-active""#));
    let token = path
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    assert!(!after.contains(token));

    // Without the form token nothing happens, and the link still works.
    let forged = no_redirects()
        .post(format!("{}/account/calendar", app.base))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[("x", "y")])
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(fetch(&app, &path, None).await.status, StatusCode::OK);

    let stopped = submit(&app, &cookie, "/account/calendar/stop", &[]).await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER);
    assert_eq!(fetch(&app, &path, None).await.status, StatusCode::NOT_FOUND);
}

/// The feed's one query is served by indexes on SQLite (as `plans.rs` checks the
/// lists): no scan of the workshops, no sort, for a focal point and for staff.
#[tokio::test]
async fn the_feed_query_is_served_by_an_index() {
    use concord::domain::role::Role;
    use concord::domain::transition::Actor;
    use sea_orm::{ConnectionTrait, Database, QueryTrait, Statement};

    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("feed.db").display());
    let db = Database::connect(&url).await.expect("connect");
    concord::store::migrate(&concord::store::Db::shared(db.clone()))
        .await
        .expect("migrate");
    for (role, government_id) in [
        (Role::FocalPoint, Some(uuid::Uuid::now_v7())),
        (Role::Coordinator, None),
    ] {
        let actor = Actor {
            id: uuid::Uuid::now_v7(),
            role,
            government_id,
        };
        let built = concord::store::calendar_feeds::feed_query(&actor, Utc::now())
            .build(sea_orm::DbBackend::Sqlite);
        let explain = Statement::from_sql_and_values(
            sea_orm::DbBackend::Sqlite,
            format!("EXPLAIN QUERY PLAN {}", built.sql),
            built.values.map(|v| v.0).unwrap_or_default(),
        );
        let rows = db.query_all_raw(explain).await.expect("explain");
        let plan = rows
            .iter()
            .map(|row| row.try_get::<String>("", "detail").expect("detail"))
            .collect::<Vec<_>>()
            .join(" | ");
        assert!(!plan.contains("TEMP B-TREE"), "{role:?} sorts: {plan}");
        assert!(!plan.contains("SCAN "), "{role:?} scans: {plan}");
        assert!(
            plan.contains("SEARCH workshops USING INDEX idx_workshops_starts_at"),
            "{role:?}: {plan}"
        );
    }
}

/// The demo dialogue Q33-805, as its coordinator and Iran's focal point would
/// subscribe to it: the feed parses, and holds exactly the announced (not draft)
/// workshops the API lists to that reader, each under its invitation's UID.
#[tokio::test]
async fn the_demo_dialogues_feed_parses_and_holds_its_announced_workshops() {
    let app = spawn_app().await;
    let seeded = app.seed_demo_dialogue().await;
    for who in ["coordinator", "fp.ir"] {
        let token = app.token(who).await;
        let listed = app
            .get(
                &format!("/api/v1/projects/{}/workshops?limit=100", seeded.project_id),
                &token,
            )
            .await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
        let mut announced: Vec<String> = listed.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|w| w["state"] != "draft")
            .map(|w| format!("workshop-{}@concord", w["id"].as_str().expect("id")))
            .collect();
        announced.sort();
        assert!(!announced.is_empty(), "the demo announces workshops");
        let feed = fetch(&app, &new_feed(&app, &token).await, None).await;
        assert_eq!(feed.status, StatusCode::OK);
        let calendar = parse(&feed.body);
        let mut uids: Vec<String> = summary(&calendar)
            .into_iter()
            .map(|(uid, ..)| uid)
            .collect();
        uids.sort();
        assert_eq!(uids, announced, "{who}'s feed");
    }
}
