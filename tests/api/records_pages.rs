//! The record pages over plain HTTP: histories newest first and paged, only what the
//! reader may see, the admin's chain badge, and the Framework's adopted texts with
//! hashes a reader can recompute.
use std::sync::atomic::{AtomicUsize, Ordering};

use concord::store::entities::event;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::fixtures::{Dialogue, active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app, spawn_counting_app};
use crate::work_pages::{page, signed_in};

/// Where `needle` first appears in `html` (panics when it does not).
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not on the page"))
}

/// How many rows the history table shows.
fn rows(html: &str) -> usize {
    html.matches(r#"<tr id="event-"#).count()
}

async fn new_text(app: &TestApp, d: &Dialogue, title: &str, text: &str) -> String {
    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            json!({"title": title, "text": text}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_str().expect("id").to_owned()
}

/// Proposes the text and has every government endorse it: adopted.
async fn adopt(app: &TestApp, d: &Dialogue, id: &str) {
    let path = format!("/api/v1/understandings/{id}");
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    for (who, government) in [("fp.af", &d.af), ("fp.ir", &d.ir), ("fp.pk", &d.pk)] {
        let token = app.token(who).await;
        let reply = app
            .put(
                &format!("{path}/endorsements/{government}"),
                &token,
                json!({"position": "endorsed", "revision": 1}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let read = app.get(&path, &d.coordinator).await;
    assert_eq!(read.body["state"], "adopted", "{}", read.body);
}

#[tokio::test]
async fn histories_are_newest_first_and_paged_at_a_fixed_cost() {
    let (app, counter) = spawn_counting_app().await;
    let d = active_dialogue(&app).await;
    let workshop = scheduled_workshop(&app, &d).await;
    let workshop_id = workshop.rsplit('/').next().expect("id").to_owned();
    let coordinator = signed_in(&app, "coordinator").await;

    let (status, html) = page(
        &app,
        &coordinator,
        &format!("/workshops/{workshop_id}/history"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows(&html), 2, "created, then scheduled");
    assert!(
        at(&html, "Schedule the workshop") < at(&html, "Created"),
        "newest first"
    );
    // Each state isolated for bidi (FSI … PDI) around the arrow.
    assert!(
        html.contains("draft\u{2069} → \u{2068}scheduled"),
        "the change in words"
    );
    assert!(!html.contains(r#"id="older-page""#), "one page only");

    let (_, own) = page(
        &app,
        &coordinator,
        &format!("/dialogues/{}/history", d.project_id),
    )
    .await;
    assert!(at(&own, "Activate the dialogue") < at(&own, "Created"));
    assert!(
        !own.contains("Joint technical workshop"),
        "the dialogue's own events only"
    );

    let whole_path = format!("/dialogues/{}/history/all", d.project_id);
    let cost = |counter: &AtomicUsize, before: usize| counter.load(Ordering::SeqCst) - before;
    let before = counter.load(Ordering::SeqCst);
    let (status, whole) = page(&app, &coordinator, &whole_path).await;
    let few = cost(&counter, before);
    assert_eq!(status, StatusCode::OK);
    // The workshop was scheduled after the initial phase was started, which was after
    // the dialogue was activated.
    let scheduled = at(&whole, "Schedule the workshop");
    let started = at(&whole, "Start the phase");
    let activated = at(&whole, "Activate the dialogue");
    assert!(scheduled < started && started < activated, "newest first");
    assert!(whole.contains(&format!(r#"href="/workshops/{workshop_id}""#)));

    // 51 edits of a draft text: more than a page.
    let id = new_text(&app, &d, "Voluntary return", "Edit 0").await;
    let api = format!("/api/v1/understandings/{id}");
    for n in 1..=51 {
        let edited = app
            .request(
                reqwest::Method::PATCH,
                &api,
                Some(&d.coordinator),
                Some(json!({"text": format!("Edit {n}"), "version": n})),
            )
            .await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    }
    let history = format!("/understandings/{id}/history");
    let (_, first) = page(&app, &coordinator, &history).await;
    assert_eq!(rows(&first), 50);
    let older = first
        .split(r#"href=""#)
        .find_map(|rest| {
            let href = rest.split('"').next()?;
            href.starts_with(&format!("{history}?before="))
                .then(|| href.to_owned())
        })
        .expect("an older link");
    assert!(first.contains(r#"id="older-page""#));
    let (status, second) = page(&app, &coordinator, &older).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows(&second), 2, "52 events in all");
    assert!(second.contains("Created") && !second.contains(r#"id="older-page""#));
    assert!(second.contains(r#"id="newest-page""#));
    let (status, _) = page(&app, &coordinator, &format!("{history}?before=yesterday")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a cursor that is not one"
    );

    let before = counter.load(Ordering::SeqCst);
    let (_, whole) = page(&app, &coordinator, &whole_path).await;
    let many = cost(&counter, before);
    assert_eq!(rows(&whole), 50);
    eprintln!("statements: whole history of a few events = {few}, of 50 = {many}");
    assert!(
        many <= few + 1 && many <= 12,
        "{few} then {many}: a statement per event?"
    );
}

#[tokio::test]
async fn a_focal_point_cannot_read_the_history_of_a_bilateral_action_of_others() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let created = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Border data protocol", "scope": "bilateral",
                   "government_ids": [d.af, d.pk], "due_date": "2027-03-01"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let path = format!("/actions/{id}/history");

    let fp_ir = signed_in(&app, "fp.ir").await;
    let (status, html) = page(&app, &fp_ir, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<html") && !html.contains("Border data protocol"));
    let whole = format!("/dialogues/{}/history/all", d.project_id);
    let (status, html) = page(&app, &fp_ir, &whole).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("Border data protocol"),
        "not in the dialogue's history either"
    );
    assert!(html.contains("Start the phase"), "the rest is there");

    let fp_af = signed_in(&app, "fp.af").await;
    let (status, html) = page(&app, &fp_af, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Border data protocol") && html.contains("Created"));
    let (_, html) = page(&app, &fp_af, &whole).await;
    assert!(
        html.contains("Border data protocol"),
        "its own government's action"
    );

    // A dialogue out of sight is not found at all.
    let (status, _) = page(
        &app,
        &fp_ir,
        "/dialogues/0193a000-0000-7000-8000-000000000000/history/all",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_admins_see_the_chain_badge_and_it_says_when_the_chain_is_broken() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let whole = format!("/dialogues/{}/history/all", d.project_id);
    let admin = signed_in(&app, "admin").await;
    let (status, html) = page(&app, &admin, &whole).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"id="chain-badge""#), "the admin's badge");
    assert!(html.contains("Chain verified:"), "{html}");
    let (_, own) = page(
        &app,
        &admin,
        &format!("/dialogues/{}/history", d.project_id),
    )
    .await;
    assert!(
        !own.contains(r#"id="chain-badge""#),
        "only on the whole history"
    );
    for who in ["coordinator", "manager", "observer", "fp.af"] {
        let cookie = signed_in(&app, who).await;
        let (status, html) = page(&app, &cookie, &whole).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(!html.contains(r#"id="chain-badge""#), "{who} sees no badge");
    }

    // Someone edits a recorded reason behind Concord's back.
    app.state
        .db
        .writer()
        .execute_unprepared("UPDATE events SET reason = 'rewritten' WHERE entity_kind = 'project'")
        .await
        .expect("tampered");
    let (_, html) = page(&app, &admin, &whole).await;
    assert!(
        html.contains("Chain broken:") && html.contains("event.altered"),
        "{html}"
    );
    assert!(html.contains(r#"class="badge broken""#));
}

#[tokio::test]
async fn the_framework_lists_only_adopted_texts_with_the_hash_of_each() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let adopted_text =
        "Return is voluntary, safe and dignified.\nEach government informs the others.";
    let adopted = new_text(&app, &d, "Voluntary return", adopted_text).await;
    adopt(&app, &d, &adopted).await;
    let proposed = new_text(&app, &d, "Labour mobility", "Seasonal work is facilitated.").await;
    app.apply(
        &d.coordinator,
        &format!("/api/v1/understandings/{proposed}"),
        "propose",
        json!({}),
    )
    .await;

    let observer = signed_in(&app, "observer").await;
    let path = format!("/dialogues/{}/framework", d.project_id);
    let (status, html) = page(&app, &observer, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.len() < 30_000, "{} bytes", html.len());
    assert!(
        html.contains("Voluntary return") && html.contains("Each government informs the others.")
    );
    assert!(
        !html.contains("Labour mobility"),
        "a proposed text is not in the Framework"
    );
    assert!(
        html.contains("concord audit verify"),
        "how to check a printed copy"
    );

    let sha256 = hex::encode(Sha256::digest(adopted_text.as_bytes()));
    let shown = html
        .split(r#"<code class="hash sha256" dir="ltr">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a SHA-256 shown");
    assert_eq!(shown, sha256);

    let adoption = event::Entity::find()
        .filter(event::Column::EntityId.eq(uuid::Uuid::parse_str(&adopted).expect("uuid")))
        .filter(event::Column::Transition.eq("adopt"))
        .one(app.state.db.reader())
        .await
        .expect("read")
        .expect("an adoption event");
    assert!(
        html.contains(&adoption.id.to_string()),
        "the adopting event's id"
    );
    assert!(html.contains(&adoption.hash), "the adopting event's hash");
    for code in ["AF", "IR", "PK"] {
        assert!(
            html.contains(&format!(r#"<bdi dir="ltr">{code}</bdi>"#)),
            "{code} endorsed"
        );
    }

    // The dialogue page links to it; a focal point of another dialogue's government
    // gets nothing.
    let (_, dialogue) = page(&app, &observer, &format!("/dialogues/{}", d.project_id)).await;
    assert!(dialogue.contains(&format!(r#"href="{path}""#)));
    let (status, _) = page(&app, &observer, "/dialogues/not-an-id/framework").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
