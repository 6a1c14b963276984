//! The action board, the action page and the new-action form over plain HTTP: what
//! each reader sees, every refusal (404 to the third government, 403 for another
//! government's agreement, 422 with the input kept), and the list filters they share
//! with the API.
use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::TestApp;
use crate::work_pages::{form_token, page, signed_in, statements};

/// A bilateral AF–PK action due in a month and a collective one due yesterday
/// (overdue), both in the initial phase; their ids.
async fn two_actions(app: &TestApp, d: &Dialogue) -> (String, String) {
    let today = chrono::Utc::now().date_naive();
    let mut ids = Vec::new();
    for (title, scope, governments, due) in [
        (
            "Joint registration pilot",
            "bilateral",
            json!([d.af, d.pk]),
            today + chrono::Days::new(30),
        ),
        (
            "Shared statistics report",
            "collective",
            json!([]),
            today - chrono::Days::new(1),
        ),
    ] {
        let created = app
            .post(
                &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
                &d.coordinator,
                json!({"title": title, "scope": scope, "government_ids": governments,
                       "due_date": due}),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        ids.push(created.body["id"].as_str().expect("id").to_owned());
    }
    (ids[0].clone(), ids[1].clone())
}

async fn post_form(
    app: &TestApp,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String, Option<String>) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let reply = client
        .post(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .form(form)
        .send()
        .await
        .expect("sent");
    let location = reply
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (reply.status(), reply.text().await.expect("body"), location)
}

#[tokio::test]
async fn a_bilateral_action_is_invisible_to_the_third_government() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let (bilateral, collective) = two_actions(&app, &d).await;
    let board = format!("/dialogues/{}/actions", d.project_id);

    let iran = signed_in(&app, "fp.ir").await;
    let (status, html) = page(&app, &iran, &format!("/actions/{bilateral}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<html") && !html.contains("Joint registration pilot"));
    let (status, html) = page(&app, &iran, &board).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Joint registration pilot"), "{html}");
    assert!(!html.contains(&bilateral));
    assert!(html.contains("Shared statistics report"));
    // Filtering by a party's government shows nothing more.
    let (_, html) = page(&app, &iran, &format!("{board}?government={}", d.af)).await;
    assert!(!html.contains("Joint registration pilot"));
    // The phase page does not list or link it either.
    let (_, html) = page(&app, &iran, &format!("/phases/{}", d.initial_phase_id)).await;
    assert!(!html.contains(&bilateral));
    assert!(html.contains(&format!("/actions/{collective}")));

    let afghanistan = signed_in(&app, "fp.af").await;
    let (status, html) = page(&app, &afghanistan, &board).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("/actions/{bilateral}")));
    assert!(html.contains(r#"id="column-proposed""#));
    assert!(html.len() < 30_000, "{} bytes", html.len());
    let (status, html) = page(&app, &afghanistan, &format!("/actions/{bilateral}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Joint registration pilot"));
    assert!(html.len() < 30_000, "{} bytes", html.len());
}

#[tokio::test]
async fn a_focal_point_agrees_for_their_own_government_only() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let (bilateral, _) = two_actions(&app, &d).await;
    let path = format!("/actions/{bilateral}");
    let afghanistan = signed_in(&app, "fp.af").await;
    let (_, html) = page(&app, &afghanistan, &path).await;
    // Offered for Afghanistan, not for Pakistan.
    assert!(
        html.contains(r#"<button type="submit" id="agree-AF">"#),
        "{html}"
    );
    assert!(!html.contains(r#"id="agree-PK""#));
    let token = form_token(&html);

    // A forged agreement on Pakistan's behalf: 403, as a page, and nothing changed.
    let agreement = format!("{path}/agreement");
    let (status, html, _) = post_form(
        &app,
        &afghanistan,
        &agreement,
        &[("csrf", &token), ("government_id", &d.pk)],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("<html"));
    let read = app.get(&format!("/api/v1{path}"), &d.coordinator).await;
    let agreed: Vec<bool> = read.body["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .map(|a| a["agreed"].as_bool().unwrap_or(true))
        .collect();
    assert_eq!(agreed, [false, false]);

    // Afghanistan agrees; then the button is gone and Pakistan's agreement agrees it.
    let (status, _, location) = post_form(
        &app,
        &afghanistan,
        &agreement,
        &[("csrf", &token), ("government_id", &d.af)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(path.as_str()));
    let (_, html) = page(&app, &afghanistan, &path).await;
    assert!(html.contains(r#"id="agreement-AF""#));
    assert!(!html.contains(r#"<button type="submit" id="agree-AF">"#));
    let pakistan = signed_in(&app, "fp.pk").await;
    let (_, html) = page(&app, &pakistan, &path).await;
    let token = form_token(&html);
    let (status, _, _) = post_form(
        &app,
        &pakistan,
        &agreement,
        &[("csrf", &token), ("government_id", &d.pk)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html) = page(&app, &pakistan, &path).await;
    assert!(html.contains(r#"data-state="agreed""#), "{html}");
    // Nothing is left to agree; the parties may now start it.
    assert!(!html.contains(r#"id="agree-PK""#), "{html}");
    assert!(
        html.contains(r#"<button type="submit" id="action-start">"#),
        "{html}"
    );
}

#[tokio::test]
async fn progress_notes_are_added_and_an_empty_one_is_named() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let (bilateral, _) = two_actions(&app, &d).await;
    let path = format!("/actions/{bilateral}");
    let afghanistan = signed_in(&app, "fp.af").await;
    let (_, html) = page(&app, &afghanistan, &path).await;
    let token = form_token(&html);
    let progress = format!("{path}/progress");
    let (status, html, _) = post_form(
        &app,
        &afghanistan,
        &progress,
        &[("csrf", &token), ("note", "  ")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="note-error""#), "{html}");
    for note in ["Forms printed.", "Pilot started in Torkham."] {
        let (status, _, _) = post_form(
            &app,
            &afghanistan,
            &progress,
            &[("csrf", &token), ("note", note)],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (_, html) = page(&app, &afghanistan, &path).await;
    let newest = html
        .find("Pilot started in Torkham.")
        .expect("newest shown");
    let oldest = html.find("Forms printed.").expect("oldest shown");
    assert!(newest < oldest, "newest first");
    // An observer may not report: the button is disabled with the reason.
    let observer = signed_in(&app, "observer").await;
    let (_, html) = page(&app, &observer, &path).await;
    assert!(html.contains(r#"id="add-note" disabled"#), "{html}");
}

#[tokio::test]
async fn the_new_action_form_is_for_organisers_and_keeps_what_was_typed() {
    let app = crate::helpers::spawn_app().await;
    let d = active_dialogue(&app).await;
    let form_path = format!("/phases/{}/actions/new", d.initial_phase_id);
    let fp = signed_in(&app, "fp.af").await;
    let (status, _) = page(&app, &fp, &form_path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, html) = page(&app, &fp, &format!("/phases/{}", d.initial_phase_id)).await;
    assert!(!html.contains(r#"id="new-action""#));

    let coordinator = signed_in(&app, "coordinator").await;
    let (_, html) = page(
        &app,
        &coordinator,
        &format!("/phases/{}", d.initial_phase_id),
    )
    .await;
    assert!(html.contains(r#"id="new-action""#));
    let (status, html) = page(&app, &coordinator, &form_path).await;
    assert_eq!(status, StatusCode::OK);
    let token = form_token(&html);
    let create = format!("/phases/{}/actions", d.initial_phase_id);
    // Bilateral with one government: 422 on government_ids, the title kept.
    let (status, html, _) = post_form(
        &app,
        &coordinator,
        &create,
        &[
            ("csrf", &token),
            ("title", "Border data exchange"),
            ("description", ""),
            ("scope", "bilateral"),
            ("government_ids", &d.af),
            ("due_date", "2027-03-31"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="government_ids-error""#), "{html}");
    assert!(html.contains(r#"value="Border data exchange""#));
    assert!(html.contains(r#"id="scope-bilateral" checked"#));
    // A due date that is no date: 422 on due_date.
    let (status, html, _) = post_form(
        &app,
        &coordinator,
        &create,
        &[
            ("csrf", &token),
            ("title", "Border data exchange"),
            ("scope", "collective"),
            ("due_date", "soon"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="due_date-error""#), "{html}");
    // Two governments: created, and the page says who must agree.
    let (status, _, location) = post_form(
        &app,
        &coordinator,
        &create,
        &[
            ("csrf", &token),
            ("title", "Border data exchange"),
            ("scope", "bilateral"),
            ("government_ids", &d.af),
            ("government_ids", &d.ir),
            ("due_date", "2027-03-31"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.expect("to the action");
    let (status, html) = page(&app, &coordinator, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"id="agreement-AF""#) && html.contains(r#"id="agreement-IR""#));
    assert!(!html.contains(r#"id="agreement-PK""#));
}

#[tokio::test]
async fn the_board_filters_like_the_api() {
    let (app, counter) = crate::helpers::spawn_counting_app().await;
    let d = active_dialogue(&app).await;
    let (bilateral, collective) = two_actions(&app, &d).await;
    let coordinator = signed_in(&app, "coordinator").await;
    let board = format!("/dialogues/{}/actions", d.project_id);
    let shown = |html: &str| (html.contains(&bilateral), html.contains(&collective));

    let (_, html) = page(&app, &coordinator, &board).await;
    assert_eq!(shown(&html), (true, true));
    let (_, html) = page(&app, &coordinator, &format!("{board}?scope=bilateral")).await;
    assert_eq!(shown(&html), (true, false));
    assert!(html.contains(r#"<option value="bilateral" selected>"#));
    let (_, html) = page(&app, &coordinator, &format!("{board}?overdue=true")).await;
    assert_eq!(shown(&html), (false, true));
    assert!(html.contains(r#"class="overdue""#));
    let (_, html) = page(&app, &coordinator, &format!("{board}?government={}", d.ir)).await;
    assert_eq!(shown(&html), (false, true));
    let phase = format!("{board}?phase={}", d.follow_up_phase_id);
    let (_, html) = page(&app, &coordinator, &phase).await;
    assert_eq!(shown(&html), (false, false));
    assert!(html.contains(r#"id="no-actions""#));
    // One per page: a next-page link that keeps the filters.
    let (_, html) = page(&app, &coordinator, &format!("{board}?limit=1")).await;
    assert_eq!(shown(&html), (true, false));
    assert!(html.contains(r#"id="next-page""#), "{html}");

    // A filter that is not one: 422 naming it, on the page and on the API.
    let (status, html) = page(&app, &coordinator, &format!("{board}?scope=trilateral")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(r#"id="scope-error""#), "{html}");
    let api = format!("/api/v1/projects/{}/actions", d.project_id);
    let reply = app
        .get(&format!("{api}?scope=trilateral"), &d.coordinator)
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(reply.body.to_string().contains("scope"), "{}", reply.body);
    let ids = |reply: &crate::helpers::Reply| -> Vec<String> {
        reply.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let reply = app
        .get(&format!("{api}?overdue=true"), &d.coordinator)
        .await;
    assert_eq!(ids(&reply), [collective.as_str()]);
    let reply = app
        .get(
            &format!("{api}?scope=bilateral&government={}", d.pk),
            &d.coordinator,
        )
        .await;
    assert_eq!(ids(&reply), [bilateral.as_str()]);
    let iran = app.token("fp.ir").await;
    let reply = app.get(&format!("{api}?government={}", d.af), &iran).await;
    assert_eq!(ids(&reply), [collective.as_str()]);

    // The board and the action page cost a fixed number of statements.
    let board_cost = statements(&app, &counter, &coordinator, &board).await;
    let page_cost = statements(
        &app,
        &counter,
        &coordinator,
        &format!("/actions/{bilateral}"),
    )
    .await;
    eprintln!("statements: board = {board_cost}, action page = {page_cost}");
    assert!(
        board_cost <= 15 && page_cost <= 15,
        "{board_cost}, {page_cost}"
    );
}
