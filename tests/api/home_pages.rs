//! The home page's "needs my attention" lists over plain HTTP: each role is shown
//! what waits for it, with why and where to act, and never what belongs to another
//! government.
use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::{Dialogue, active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app};
use crate::work_pages::{page, signed_in};
use concord::store::entities::user;

/// A running Concord with the demo dialogue Q33-805 loaded.
async fn demo_app() -> TestApp {
    let app = crate::helpers::spawn_app().await;
    app.seed_demo_dialogue().await;
    app
}

/// The home page of `who`, which must answer 200 and stay light.
async fn home(app: &TestApp, who: &str) -> String {
    let cookie = signed_in(app, who).await;
    let (status, html) = page(app, &cookie, "/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.len() < 30_000,
        "{who}'s home weighs {} bytes",
        html.len()
    );
    html
}

/// The part of the page inside the `<section>` with this id; empty when there is none.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    html.split(&format!(r#"id="{id}""#))
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or("")
}

const NOTHING: &str = "Nothing here needs you right now.";
const POLITICAL: &str = "Joint political workshop on a migration framework";
const DATA_TEXT: &str = "Sharing of migration data";
const COLLECTIVE: &str = "Trilateral working group on return and reintegration";
const BILATERAL: &str = "Joint registration pilot at a border crossing";

/// The id in the first link of `html` to `/{kind}/…`.
fn first_id(html: &str, kind: &str) -> String {
    html.split(&format!(r#"href="/{kind}/"#))
        .nth(1)
        .and_then(|rest| rest.split(['#', '"']).next())
        .unwrap_or_else(|| panic!("no link to /{kind}/ in {html}"))
        .to_owned()
}

#[tokio::test]
async fn a_focal_point_sees_what_their_government_owes_and_nothing_of_the_others() {
    let app = demo_app().await;
    let iran = home(&app, "fp.ir").await;
    let pakistan = home(&app, "fp.pk").await;

    // The demo's scheduled political workshop awaits both answers, with a reason and
    // a link to the workshop's attendance.
    for html in [&iran, &pakistan] {
        let attendance = section(html, "attendance");
        assert!(attendance.contains(POLITICAL), "{attendance}");
        assert!(attendance.contains("has not yet said whether it will attend"));
        assert!(attendance.contains("#attendance-heading"));
        // The concluded workshop has every outcome in: nothing to log.
        assert!(section(html, "outcomes").contains(NOTHING));
        // Staff's lists are not a focal point's.
        assert!(section(html, "to-hold").is_empty());
        assert!(!html.contains(r#"id="dialogues""#));
    }
    // Iran gave a reservation on the data text: only Pakistan is still asked.
    assert!(section(&iran, "positions").contains(NOTHING));
    let positions = section(&pakistan, "positions");
    assert!(positions.contains(DATA_TEXT), "{positions}");
    assert!(positions.contains("/understandings/"));
    // The collective action awaits both; the bilateral AF–PK one only Pakistan, and
    // Iran does not even learn that it exists.
    let (ir_agree, pk_agree) = (
        section(&iran, "agreements"),
        section(&pakistan, "agreements"),
    );
    assert!(ir_agree.contains(COLLECTIVE) && pk_agree.contains(COLLECTIVE));
    assert!(pk_agree.contains(BILATERAL), "{pk_agree}");
    assert!(
        !iran.contains(BILATERAL),
        "Iran sees a bilateral action of others"
    );
    assert!(pk_agree.contains(r#"href="/actions/"#));

    // Pakistan answers: its item goes, Iran's stays.
    let workshop = first_id(section(&pakistan, "attendance"), "workshops");
    let token = app.token("fp.pk").await;
    let pk = app.government_id(&token, "PK").await;
    let reply = app
        .put(
            &format!("/api/v1/workshops/{workshop}/attendance/{pk}"),
            &token,
            json!({"status": "confirmed"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let pakistan = home(&app, "fp.pk").await;
    assert!(section(&pakistan, "attendance").contains(NOTHING));
    assert!(section(&home(&app, "fp.ir").await, "attendance").contains(POLITICAL));
}

/// A collective action of the dialogue's initial phase, due on `due`.
async fn action_due(app: &TestApp, d: &Dialogue, title: &str, due: &str) -> String {
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": title, "description": "For tests", "scope": "collective", "due_date": due}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn a_coordinator_sees_each_next_step_and_whom_it_waits_for() {
    let app = demo_app().await;
    let d = active_dialogue(&app).await;
    // A draft, to schedule.
    let starts_at = chrono::Utc::now() + chrono::Duration::days(20);
    let draft = app
        .post(
            &format!("/api/v1/phases/{}/workshops", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Draft workshop on statistics", "kind": "joint", "starts_at": starts_at,
                   "ends_at": starts_at + chrono::Duration::hours(3), "time_zone": "Asia/Kabul",
                   "venue": "Kabul", "government_ids": [d.af, d.ir, d.pk]}),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.body);
    // A scheduled one whose start has passed, to hold, with Afghanistan's attendance
    // recorded and the two others' missing.
    let path = scheduled_workshop(&app, &d).await;
    let id: uuid::Uuid = path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let started = chrono::Utc::now() - chrono::Duration::hours(2);
    concord::store::workshops::move_dates(
        &app.state.db,
        id,
        started,
        started + chrono::Duration::hours(6),
    )
    .await
    .expect("moved");
    let reply = app
        .put(
            &format!("{path}/attendance/{}", d.af),
            &d.coordinator,
            json!({"status": "attended"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    action_due(&app, &d, "Late report on returns", "2020-01-15").await;
    action_due(&app, &d, "Report due next year", "2099-01-15").await;

    let html = home(&app, "coordinator").await;
    let schedule = section(&html, "to-schedule");
    assert!(
        schedule.contains("Draft workshop on statistics"),
        "{schedule}"
    );
    assert!(
        !schedule.contains(POLITICAL),
        "a scheduled workshop is not a draft"
    );
    let hold = section(&html, "to-hold");
    assert!(hold.contains("Joint technical workshop"), "{hold}");
    assert!(hold.contains("Iran") && hold.contains("Pakistan"), "{hold}");
    assert!(
        !hold.contains("Afghanistan"),
        "its attendance is in: {hold}"
    );
    assert!(!hold.contains(POLITICAL), "its start is ahead: {hold}");
    assert!(hold.contains(&format!("/workshops/{id}#transitions-heading")));
    assert!(section(&html, "to-conclude").contains(NOTHING));
    // The demo's data text waits on Pakistan only (Iran has a reservation).
    let texts = section(&html, "texts");
    assert!(
        texts.contains(DATA_TEXT) && texts.contains("Pakistan"),
        "{texts}"
    );
    assert!(!texts.contains("Iran"), "{texts}");
    let overdue = section(&html, "overdue-all");
    assert!(overdue.contains("Late report on returns"), "{overdue}");
    assert!(!overdue.contains("Report due next year"), "{overdue}");
    assert!(section(&html, "blocked").contains(NOTHING));
    // A focal point's lists are not a coordinator's; nor the managers' overview.
    assert!(section(&html, "attendance").is_empty());
    assert!(!html.contains(r#"id="dialogues""#));

    // The overdue collective action is each government's too.
    let afghanistan = home(&app, "fp.af").await;
    assert!(section(&afghanistan, "overdue").contains("Late report on returns"));
    assert!(!section(&afghanistan, "overdue").contains("Report due next year"));
}

#[tokio::test]
async fn managers_see_each_running_dialogue_with_the_active_phases_checklist() {
    let app = demo_app().await;
    let html = home(&app, "manager").await;
    let dialogues = section(&html, "dialogues");
    assert!(dialogues.contains("Q33-805"), "{dialogues}");
    assert!(dialogues.contains(r#"aria-current="step""#));
    // The initial phase's workshop and texts are open: the checklist says so and
    // links to them on the phase's page.
    assert!(dialogues.contains("Every workshop is concluded or cancelled"));
    assert!(dialogues.contains("#workshops\""), "{dialogues}");
    assert!(dialogues.contains("#understandings\""));
    // Only the active phase has a checklist.
    assert_eq!(dialogues.matches(r#"class="checklist""#).count(), 1);
    // No list of a coordinator's steps.
    assert!(section(&html, "to-hold").is_empty());
    // Observers read the same overview; admins have it beside the coordinator's lists.
    assert!(section(&home(&app, "observer").await, "dialogues").contains("Q33-805"));
    let admin = home(&app, "admin").await;
    assert!(section(&admin, "dialogues").contains("Q33-805"));
    assert!(section(&admin, "texts").contains(DATA_TEXT));
}

#[tokio::test]
async fn the_home_page_speaks_persian_right_to_left() {
    let app = demo_app().await;
    let cookie = signed_in(&app, "fp.pk").await;
    // The switcher sets the person's language, which wins over the browser's.
    let (_, english) = page(&app, &cookie, "/").await;
    let token = english
        .split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token");
    let switched = app
        .client
        .post(format!("{}/language", app.base))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf", token), ("lang", "fa"), ("next", "/")])
        .send()
        .await
        .expect("sent");
    assert!(switched.status().is_success() || switched.status().is_redirection());
    let reply = app
        .client
        .get(format!("{}/", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK);
    let html = reply.text().await.expect("body");
    assert!(html.contains(r#"dir="rtl""#));
    assert!(html.contains("کارهایی که به شما نیاز دارند"), "{html}");
    assert!(!html.contains(NOTHING), "English left on a Persian page");
}

#[tokio::test]
async fn governments_are_listed_with_the_readers_comma() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Shared registration standards", "description": "All three.",
                   "scope": "collective", "due_date": "2030-03-01"}),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
    let dialogue = format!("/dialogues/{}", d.project_id);
    let board = format!("/dialogues/{}/actions", d.project_id);
    let cookie = signed_in(&app, "coordinator").await;
    // The text between `start` and the next `end`.
    let between = |html: &str, start: &str, end: &str| {
        html.split(start)
            .nth(1)
            .and_then(|rest| rest.split(end).next())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no {start} in {html}"))
    };
    let governments = |html: &str| between(html, r#"id="governments">"#, "</dd>");
    let card = |html: &str| {
        between(
            html,
            "Shared registration standards</bdi></a><br>",
            "</span>",
        )
    };

    let (_, english) = page(&app, &cookie, &dialogue).await;
    let list = governments(&english);
    assert_eq!(list.matches("</bdi>), <bdi>").count(), 2, "{list}");
    let (_, english) = page(&app, &cookie, &board).await;
    let list = card(&english);
    assert_eq!(list.matches("</bdi>, <bdi").count(), 2, "{list}");

    app.set_user("coordinator@demo.test", user::Column::Locale, "fa")
        .await;
    // Three governments joined by two Persian commas, and no Latin one.
    let persian_list = |list: String, joint: &str| {
        assert_eq!(list.matches(joint).count(), 2, "{list}");
        assert!(
            !list.contains(','),
            "a Latin comma on a Persian page: {list}"
        );
    };
    let (_, persian) = page(&app, &cookie, &dialogue).await;
    persian_list(governments(&persian), "</bdi>)، <bdi>");
    let (_, persian) = page(&app, &cookie, &board).await;
    persian_list(card(&persian), "</bdi>، <bdi");
}
