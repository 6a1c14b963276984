use chrono::{Days, Utc};
use concord::store::entities::outbox;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::{Reply, TestApp, spawn_app};

fn in_days(days: i64) -> String {
    let today = Utc::now().date_naive();
    let date = if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    date.expect("a date in range").to_string()
}

async fn create(app: &TestApp, d: &Dialogue, scope: &str, governments: &[&str]) -> Reply {
    app.post(
        &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
        &d.coordinator,
        json!({"title": "Joint data-sharing protocol", "description": "Draft and sign it",
               "scope": scope, "government_ids": governments, "due_date": in_days(30)}),
    )
    .await
}

/// Creates an action that must succeed and returns its path.
async fn created(app: &TestApp, d: &Dialogue, scope: &str, governments: &[&str]) -> String {
    let reply = create(app, d, scope, governments).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    format!("/api/v1/actions/{}", reply.body["id"].as_str().expect("id"))
}

async fn agree(app: &TestApp, token: &str, path: &str, government_id: &str) -> Reply {
    app.put(
        &format!("{path}/agreement/{government_id}"),
        token,
        json!({"agreed": true}),
    )
    .await
}

fn ids(reply: &Reply) -> Vec<String> {
    reply.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["id"].as_str().map(String::from))
        .collect()
}

fn transitions(history: &Value) -> Vec<String> {
    history["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["transition"].as_str().map(String::from))
        .collect()
}

#[tokio::test]
async fn a_collective_action_is_agreed_by_the_last_government_and_runs_its_course() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = created(&app, &d, "collective", &[]).await;
    let read = app.get(&path, &d.coordinator).await;
    assert_eq!(read.body["state"], "proposed");
    assert_eq!(read.body["version"], 1);
    assert_eq!(
        read.body["government_ids"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(read.body["overdue"], false);

    let (fp_af, fp_ir, fp_pk) = (
        app.token("fp.af").await,
        app.token("fp.ir").await,
        app.token("fp.pk").await,
    );
    for (token, government) in [(&fp_af, &d.af), (&fp_ir, &d.ir)] {
        let reply = agree(&app, token, &path, government).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["state"], "proposed");
    }
    let last = agree(&app, &fp_pk, &path, &d.pk).await;
    assert_eq!(last.status, StatusCode::OK, "{}", last.body);
    assert_eq!(
        last.body["state"], "agreed",
        "the last agreement agrees the action"
    );
    assert_eq!(last.body["version"], 2);
    assert!(
        last.body["agreements"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|a| a["agreed"] == true && a["agreed_at"].is_string())
    );
    let history = app.get(&format!("{path}/history"), &d.coordinator).await;
    assert_eq!(
        transitions(&history.body),
        ["create", "agreement", "agreement", "agreement", "agree"]
    );
    let id = last.body["id"].as_str().expect("id");
    let notices = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("action_agreed"))
        .all(&app.state.db)
        .await
        .expect("outbox rows");
    assert!(
        !notices.is_empty() && notices.iter().all(|n| n.payload.contains(id)),
        "{notices:?}"
    );

    let started = app.apply(&fp_af, &path, "start", json!({})).await;
    assert_eq!(started["state"], "in_progress");
    app.transition(&fp_af, &path, "block", 3, json!({}))
        .await
        .assert_problem(422, "action.reason_required");
    let blocked = app
        .apply(&fp_af, &path, "block", json!({"reason": "awaiting budget"}))
        .await;
    assert_eq!(
        (blocked["state"].as_str(), blocked["reason"].as_str()),
        (Some("blocked"), Some("awaiting budget"))
    );
    assert_eq!(
        app.apply(&fp_ir, &path, "unblock", json!({})).await["state"],
        "in_progress"
    );
    app.transition(&fp_pk, &path, "complete", 5, json!({}))
        .await
        .assert_problem(422, "action.note_required");
    let done = app
        .apply(
            &fp_pk,
            &path,
            "complete",
            json!({"note": "Protocol signed"}),
        )
        .await;
    assert_eq!(
        (done["state"].as_str(), done["completion_note"].as_str()),
        (Some("completed"), Some("Protocol signed"))
    );
    app.transition(&d.coordinator, &path, "drop", 2, json!({"reason": "x"}))
        .await
        .assert_problem(409, "conflict.version");
    let after = app.get(&path, &d.coordinator).await;
    assert_eq!(
        (after.body["state"].as_str(), after.body["version"].as_i64()),
        (Some("completed"), Some(6)),
        "nothing changed"
    );
}

#[tokio::test]
async fn a_bilateral_action_is_hidden_from_the_third_government() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let first = created(&app, &d, "collective", &[]).await;
    let bilateral = created(&app, &d, "bilateral", &[&d.af, &d.pk]).await;
    let last = created(&app, &d, "collective", &[&d.pk, &d.af, &d.ir]).await;
    let (fp_af, fp_ir) = (app.token("fp.af").await, app.token("fp.ir").await);

    app.get(&bilateral, &fp_ir)
        .await
        .assert_problem(404, "not_found");
    for government in [&d.ir, &d.af] {
        agree(&app, &fp_ir, &bilateral, government)
            .await
            .assert_problem(404, "not_found");
    }
    app.get(&format!("{bilateral}/history"), &fp_ir)
        .await
        .assert_problem(404, "not_found");
    app.post(
        &format!("{bilateral}/progress"),
        &fp_ir,
        json!({"note": "x"}),
    )
    .await
    .assert_problem(404, "not_found");
    app.transition(&fp_ir, &bilateral, "start", 1, json!({}))
        .await
        .assert_problem(404, "not_found");

    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    let id_of = |path: &str| path.rsplit('/').next().unwrap_or_default().to_owned();
    assert_eq!(
        ids(&app.get(&list, &fp_ir).await),
        [id_of(&first), id_of(&last)]
    );
    assert_eq!(
        ids(&app.get(&list, &fp_af).await),
        [id_of(&first), id_of(&bilateral), id_of(&last)]
    );
    // Filtered in the query: a one-item page after the first skips straight to the
    // next visible action.
    let page = app.get(&format!("{list}?limit=1"), &fp_ir).await;
    assert_eq!(ids(&page), [id_of(&first)]);
    let cursor = page.body["next_cursor"].as_str().expect("a next page");
    let next = app
        .get(&format!("{list}?limit=1&cursor={cursor}"), &fp_ir)
        .await;
    assert_eq!(ids(&next), [id_of(&last)]);
    assert!(next.body["next_cursor"].is_null());

    let read = app.get(&bilateral, &fp_af).await;
    assert_eq!(read.status, StatusCode::OK);
    agree(&app, &fp_af, &bilateral, &d.pk)
        .await
        .assert_problem(403, "auth.forbidden");
    agree(&app, &d.coordinator, &bilateral, &d.af)
        .await
        .assert_problem(403, "auth.forbidden");
    let reply = create(&app, &d, "bilateral", &[&d.af, &d.ir, &d.pk]).await;
    reply.assert_problem(422, "validation.failed");
    assert!(reply.body["errors"]["government_ids"].is_array());
}

/// The list answers "not yours" from its own query (issue 8: no separate read of the
/// dialogue when the page has rows), so a focal point of a government outside the
/// dialogue gets a 404 whether the dialogue has actions or none, and a party an empty
/// page.
#[tokio::test]
async fn a_dialogue_s_actions_are_listed_only_to_its_parties() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let action = created(&app, &d, "collective", &[]).await;
    let empty = crate::fixtures::draft_dialogue(&app).await;
    let tj_id = uuid::Uuid::parse_str(&app.add_tajikistan().await).expect("uuid");
    app.set_user(
        "fp.pk@demo.test",
        concord::store::entities::user::Column::GovernmentId,
        tj_id,
    )
    .await;
    let (outsider, party) = (app.token("fp.pk").await, app.token("fp.af").await);

    for dialogue in [&d.project_id, &empty.project_id] {
        let list = format!("/api/v1/projects/{dialogue}/actions");
        app.get(&list, &outsider)
            .await
            .assert_problem(404, "not_found");
        app.get(&format!("{list}?limit=1&cursor={dialogue}"), &outsider)
            .await
            .assert_problem(404, "not_found");
    }
    let listed = app
        .get(
            &format!("/api/v1/projects/{}/actions", d.project_id),
            &party,
        )
        .await;
    let id_of = action.rsplit('/').next().unwrap_or_default().to_owned();
    assert_eq!(ids(&listed), [id_of]);
    let none = app
        .get(
            &format!("/api/v1/projects/{}/actions", empty.project_id),
            &party,
        )
        .await;
    assert_eq!(none.status, StatusCode::OK, "{}", none.body);
    assert!(ids(&none).is_empty());
    app.get(
        &format!("/api/v1/projects/{}/actions", uuid::Uuid::now_v7()),
        &d.coordinator,
    )
    .await
    .assert_problem(404, "not_found");
}

/// A token says the role and government its account had at sign-in, and the list
/// acts on that only while the account still has them: moved to another government,
/// made a coordinator or disabled, the same token is answered as the account now is.
#[tokio::test]
async fn a_list_follows_the_account_not_its_token() {
    use concord::store::entities::user::Column;
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let bilateral = created(&app, &d, "bilateral", &[&d.af, &d.pk]).await;
    let collective = created(&app, &d, "collective", &[]).await;
    let id_of = |path: &str| path.rsplit('/').next().unwrap_or_default().to_owned();
    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    let token = app.token("fp.af").await;
    let both = [id_of(&bilateral), id_of(&collective)];
    assert_eq!(ids(&app.get(&list, &token).await), both);

    let email = "fp.af@demo.test";
    let iran = uuid::Uuid::parse_str(&d.ir).expect("uuid");
    app.set_user(email, Column::GovernmentId, iran).await;
    let as_iran = app.get(&list, &token).await;
    assert_eq!(ids(&as_iran), [id_of(&collective)], "{}", as_iran.body);

    app.set_user(email, Column::Role, "coordinator").await;
    app.set_user(email, Column::GovernmentId, Option::<uuid::Uuid>::None)
        .await;
    assert_eq!(ids(&app.get(&list, &token).await), both);

    app.set_user(email, Column::Disabled, true).await;
    app.get(&list, &token)
        .await
        .assert_problem(401, "auth.invalid_token");
}

/// A token signed with the right key but claiming a role its account does not have
/// gets the account's own list, and so does a token from before the claims.
#[tokio::test]
async fn a_list_takes_nothing_on_a_token_s_word() {
    use jsonwebtoken::{EncodingKey, Header, encode};
    let secret = "a-configured-secret-for-this-test-0123456789".to_owned();
    let app = crate::helpers::spawn_app_with(|s| {
        s.auth.jwt_secret = Some(concord::secret::Secret::new(secret.clone()))
    })
    .await;
    let d = active_dialogue(&app).await;
    created(&app, &d, "bilateral", &[&d.af, &d.pk]).await;
    let collective = created(&app, &d, "collective", &[]).await;
    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    let fp_ir = app.token("fp.ir").await;
    let me = app.get("/api/v1/me", &fp_ir).await;
    let auth = &app.state.settings.auth;
    let now = Utc::now().timestamp();
    let signed = |role: Option<&str>| {
        let mut claims = json!({
            "sub": me.body["id"], "iat": now, "exp": now + 600, "iss": auth.jwt_issuer,
            "aud": auth.jwt_audience, "jti": uuid::Uuid::new_v4(),
        });
        if let Some(role) = role {
            claims["role"] = json!(role);
        }
        encode(
            &Header::default(),
            &claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .expect("encode")
    };
    let collective_id = collective.rsplit('/').next().unwrap_or_default().to_owned();
    for token in [signed(Some("coordinator")), signed(None), fp_ir] {
        let listed = app.get(&list, &token).await;
        assert_eq!(
            ids(&listed),
            std::slice::from_ref(&collective_id),
            "{}",
            listed.body
        );
    }
}

/// A transition confirms a token's claims in its lock's own statement: an account
/// no longer holding the role its token claims, or disabled, is answered as it is
/// now, and nothing changes; a missing action is still a 404.
#[tokio::test]
async fn a_transition_follows_the_account_not_its_token() {
    use concord::store::entities::user::Column;
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = created(&app, &d, "collective", &[]).await;
    let token = d.coordinator.clone();
    let reason = json!({"reason": "not needed"});
    let drop = async |path: String| {
        app.transition(&token, &path, "drop", 1, reason.clone())
            .await
    };
    let email = "coordinator@demo.test";

    app.set_user(email, Column::Role, "observer").await;
    let as_observer = drop(path.clone()).await;
    assert_eq!(
        as_observer.status,
        StatusCode::FORBIDDEN,
        "{}",
        as_observer.body
    );
    app.set_user(email, Column::Role, "coordinator").await;
    app.set_user(email, Column::Disabled, true).await;
    drop(path.clone())
        .await
        .assert_problem(401, "auth.invalid_token");
    app.set_user(email, Column::Disabled, false).await;
    let unchanged = app.get(&path, &d.manager).await;
    assert_eq!(unchanged.body["state"], "proposed", "{}", unchanged.body);
    assert_eq!(unchanged.body["version"], 1);

    let missing = format!("/api/v1/actions/{}", uuid::Uuid::now_v7());
    drop(missing).await.assert_problem(404, "not_found");
    let dropped = drop(path.clone()).await;
    assert_eq!(dropped.status, StatusCode::OK, "{}", dropped.body);
    assert_eq!(dropped.body["state"], "dropped");
    assert_eq!(dropped.body["version"], 2);
}

#[tokio::test]
async fn parties_report_and_staff_drop() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = created(&app, &d, "bilateral", &[&d.af, &d.pk]).await;
    let (fp_af, observer) = (app.token("fp.af").await, app.token("observer").await);
    let note = json!({"note": "First draft circulated"});
    app.post(&format!("{path}/progress"), &observer, note.clone())
        .await
        .assert_problem(403, "auth.forbidden");
    let reported = app.post(&format!("{path}/progress"), &fp_af, note).await;
    assert_eq!(reported.status, StatusCode::CREATED, "{}", reported.body);
    assert_eq!(
        reported.body["progress"][0]["note"],
        "First draft circulated"
    );
    app.post(&format!("{path}/progress"), &fp_af, json!({"note": " "}))
        .await
        .assert_problem(422, "validation.failed");
    let refused = app
        .put(
            &format!("{path}/agreement/{}", d.af),
            &fp_af,
            json!({"agreed": false}),
        )
        .await;
    refused.assert_problem(422, "validation.failed");
    assert!(refused.body["errors"]["agreed"].is_array());

    app.transition(&fp_af, &path, "drop", 1, json!({"reason": "no funds"}))
        .await
        .assert_problem(403, "auth.forbidden");
    app.transition(&d.coordinator, &path, "drop", 1, json!({}))
        .await
        .assert_problem(422, "action.reason_required");
    let dropped = app
        .apply(&d.coordinator, &path, "drop", json!({"reason": "no funds"}))
        .await;
    assert_eq!(
        (dropped["state"].as_str(), dropped["reason"].as_str()),
        (Some("dropped"), Some("no funds"))
    );
    app.post(&format!("{path}/progress"), &fp_af, json!({"note": "late"}))
        .await
        .assert_problem(422, "action.closed");
}

#[tokio::test]
async fn overdue_is_derived_from_the_due_date_and_the_state() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let phase = format!("/api/v1/phases/{}/actions", d.initial_phase_id);
    let mut paths = Vec::new();
    for _ in 0..2 {
        let reply = app
            .post(
                &phase,
                &d.coordinator,
                json!({"title": "Late", "scope": "bilateral",
                       "government_ids": [d.af, d.pk], "due_date": in_days(-1)}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        assert_eq!(reply.body["overdue"], true);
        paths.push(format!(
            "/api/v1/actions/{}",
            reply.body["id"].as_str().expect("id")
        ));
    }
    let done = &paths[1];
    let (fp_af, fp_pk) = (app.token("fp.af").await, app.token("fp.pk").await);
    agree(&app, &fp_af, done, &d.af).await;
    assert_eq!(
        agree(&app, &fp_pk, done, &d.pk).await.body["state"],
        "agreed"
    );
    app.apply(&d.coordinator, done, "start", json!({})).await;
    let completed = app
        .apply(&fp_pk, done, "complete", json!({"note": "Done, late"}))
        .await;
    assert_eq!(completed["overdue"], false);
    assert_eq!(app.get(&paths[0], &fp_af).await.body["overdue"], true);
}

#[tokio::test]
async fn action_input_is_validated() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let phase = format!("/api/v1/phases/{}/actions", d.initial_phase_id);
    let reply = app
        .post(
            &phase,
            &d.coordinator,
            json!({"title": "x".repeat(301), "description": "x".repeat(10_001),
                   "scope": "collective", "due_date": in_days(3)}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in ["title", "description"] {
        assert!(reply.body["errors"][field].is_array(), "{}", reply.body);
    }
    for (field, bad) in [
        ("scope", json!("trilateral")),
        ("due_date", json!("31/12/2026")),
    ] {
        let mut body = json!({"title": "T", "scope": "collective", "due_date": in_days(3)});
        body[field] = bad;
        let reply = app.post(&phase, &d.coordinator, body).await;
        reply.assert_problem(422, "validation.failed");
        assert!(reply.body["errors"][field].is_array(), "{}", reply.body);
    }
    let reply = app
        .post(
            &phase,
            &d.coordinator,
            json!({"title": "T", "scope": "collective", "government_ids": [d.af, d.pk],
                   "due_date": in_days(3), "owner_id": uuid::Uuid::new_v4()}),
        )
        .await;
    reply.assert_problem(422, "validation.failed");
    for field in ["government_ids", "owner_id"] {
        assert!(reply.body["errors"][field].is_array(), "{}", reply.body);
    }
    let fp_af = app.token("fp.af").await;
    app.post(
        &phase,
        &fp_af,
        json!({"title": "T", "scope": "collective", "due_date": in_days(3)}),
    )
    .await
    .assert_problem(403, "auth.forbidden");

    let follow_up = format!("/api/v1/phases/{}", d.follow_up_phase_id);
    app.apply(
        &d.coordinator,
        &follow_up,
        "cancel",
        json!({"reason": "not funded"}),
    )
    .await;
    app.post(
        &format!("{follow_up}/actions"),
        &d.coordinator,
        json!({"title": "T", "scope": "collective", "due_date": in_days(3)}),
    )
    .await
    .assert_problem(422, "action.phase_closed");
    assert_eq!(
        ids(&app
            .get(
                &format!("/api/v1/projects/{}/actions", d.project_id),
                &d.coordinator
            )
            .await),
        Vec::<String>::new()
    );
}
