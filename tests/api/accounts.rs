//! Accounts after they exist: an administrator disables and enables them, and each
//! person changes their own name, language, time zone and password (issue 9).
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::fixtures::active_dialogue;
use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::page_client::{form_token, no_redirects, page, sign_in, sign_in_with, submit};

async fn user_id(app: &TestApp, who: &str) -> String {
    let token = app.token(who).await;
    let me = app.get("/api/v1/me", &token).await;
    me.body["id"].as_str().expect("an id").to_owned()
}

async fn refresh(app: &TestApp, refresh_token: &str) -> crate::helpers::Reply {
    let body = json!({"refresh_token": refresh_token});
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(body))
        .await
}

/// `GET /api/v1/me` with a page session's cookie.
async fn me_by_cookie(app: &TestApp, cookie: &str) -> StatusCode {
    app.client
        .get(format!("{}/api/v1/me", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sent")
        .status()
}

#[tokio::test]
async fn disabling_an_account_ends_every_way_in_at_once() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let id = user_id(&app, "fp.af").await;
    let login = app.login("fp.af@demo.test", PASSWORD).await;
    let access = login.body["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    let refresh_token = login.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    let cookie = sign_in(&app, "fp.af").await;
    assert_eq!(app.get("/api/v1/me", &access).await.status, StatusCode::OK);
    assert_eq!(me_by_cookie(&app, &cookie).await, StatusCode::OK);

    // Only an admin may, and nothing changes when anyone else asks.
    for who in ["coordinator", "manager", "fp.ir"] {
        let token = app.token(who).await;
        app.post(&format!("/api/v1/users/{id}/disable"), &token, json!({}))
            .await
            .assert_problem(403, "auth.forbidden");
    }
    assert_eq!(app.get("/api/v1/me", &access).await.status, StatusCode::OK);

    let disabled = app
        .post(&format!("/api/v1/users/{id}/disable"), &admin, json!({}))
        .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.body);
    assert_eq!(disabled.body["disabled"], true);

    // The access token already handed out, the session and the refresh token: all refused.
    app.get("/api/v1/me", &access)
        .await
        .assert_problem(401, "auth.invalid_token");
    assert_eq!(me_by_cookie(&app, &cookie).await, StatusCode::UNAUTHORIZED);
    let (status, _) = page(&app, &cookie, "/").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "the page sends it to sign in"
    );
    refresh(&app, &refresh_token)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
    // Signing in again, by the API or the page, is refused with the right password.
    app.login("fp.af@demo.test", PASSWORD)
        .await
        .assert_problem(401, "auth.account_disabled");
    let reply = no_redirects()
        .post(format!("{}/sign-in", app.base))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", "fp.af@demo.test"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    assert!(reply.text().await.unwrap_or_default().contains("disabled"));
    let listed = app.get("/api/v1/users?limit=100", &admin).await;
    let row = listed.body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|u| u["id"] == id.as_str()))
        .cloned()
        .expect("listed");
    assert_eq!(row["disabled"], true);

    // Enabled again: a new sign-in works; what was revoked stays revoked.
    let enabled = app
        .post(&format!("/api/v1/users/{id}/enable"), &admin, json!({}))
        .await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
    assert_eq!(enabled.body["disabled"], false);
    assert_eq!(
        app.login("fp.af@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );
    assert_eq!(me_by_cookie(&app, &cookie).await, StatusCode::UNAUTHORIZED);
    refresh(&app, &refresh_token)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
    // Enabling by a non-admin is refused too.
    let coordinator = app.token("coordinator").await;
    app.post(
        &format!("/api/v1/users/{id}/enable"),
        &coordinator,
        json!({}),
    )
    .await
    .assert_problem(403, "auth.forbidden");
}

/// "Sign out on every device" ends the access tokens already handed out too, on every
/// way they are read: the account read per request (`/me`), and the hot paths that
/// take the token's claims and confirm them in their own statement (the action list
/// and a transition). Another account's tokens are untouched.
#[tokio::test]
async fn signing_out_everywhere_ends_the_access_tokens_already_handed_out() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    let proposed = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Joint return desk", "scope": "collective", "due_date": "2027-03-01"}),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let action = format!(
        "/api/v1/actions/{}",
        proposed.body["id"].as_str().expect("id")
    );
    let version = proposed.body["version"].as_i64().expect("version");
    let (api, other_api, manager) = (
        app.token("coordinator").await,
        app.token("coordinator").await,
        app.token("manager").await,
    );
    for token in [&api, &other_api] {
        assert_eq!(app.get("/api/v1/me", token).await.status, StatusCode::OK);
        let page = app.get(&list, token).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.body["items"].as_array().map(Vec::len), Some(1));
    }

    let browser = sign_in(&app, "coordinator").await;
    let posted = submit(&app, &browser, "/sign-out-everywhere", &[]).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);

    for token in [&api, &other_api] {
        app.get("/api/v1/me", token)
            .await
            .assert_problem(401, "auth.invalid_token");
        app.get(&list, token)
            .await
            .assert_problem(401, "auth.invalid_token");
        app.transition(
            token,
            &action,
            "drop",
            version,
            json!({"reason": "not needed"}),
        )
        .await
        .assert_problem(401, "auth.invalid_token");
    }
    let fresh = app.token("coordinator").await;
    let unchanged = app.get(&action, &fresh).await;
    assert_eq!(
        unchanged.body["version"].as_i64(),
        Some(version),
        "{}",
        unchanged.body
    );
    assert_eq!(unchanged.body["state"], proposed.body["state"]);
    // A new sign-in works at once, and other accounts never noticed.
    assert_eq!(app.get(&list, &fresh).await.status, StatusCode::OK);
    assert_eq!(app.get(&list, &manager).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_admin_cannot_disable_themselves() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let own = user_id(&app, "admin").await;
    let reply = app
        .post(&format!("/api/v1/users/{own}/disable"), &admin, json!({}))
        .await;
    reply.assert_problem(422, "user.cannot_disable_self");
    assert!(
        reply.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("your own account")),
        "{}",
        reply.body
    );
    assert_eq!(app.get("/api/v1/me", &admin).await.body["disabled"], false);
    let nobody = uuid::Uuid::now_v7();
    app.post(
        &format!("/api/v1/users/{nobody}/disable"),
        &admin,
        json!({}),
    )
    .await
    .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_password_change_keeps_this_session_and_ends_every_other() {
    let app = spawn_app().await;
    let here = sign_in(&app, "fp.af").await;
    let elsewhere = sign_in(&app, "fp.af").await;
    let api = app.login("fp.af@demo.test", PASSWORD).await;
    let old_refresh = api.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    let (_, html) = page(&app, &here, "/").await;
    let token = form_token(&html);
    let change = |body: serde_json::Value| {
        app.client
            .post(format!("{}/api/v1/me/password", app.base))
            .header("cookie", &here)
            .header("sec-fetch-site", "same-origin")
            .header("x-csrf-token", &token)
            .json(&body)
            .send()
    };

    // A wrong current password is a 422 on that field, and changes nothing.
    let wrong = change(json!({"current_password": "not the password",
                              "new_password": "a brand new phrase"}))
    .await
    .expect("sent");
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = wrong.json().await.expect("json");
    assert!(body["errors"]["current_password"].is_array(), "{body}");
    assert_eq!(me_by_cookie(&app, &elsewhere).await, StatusCode::OK);
    // Too short, and the second box disagreeing: both named in one reply.
    let short = change(
        json!({"current_password": PASSWORD, "new_password": "short",
                              "new_password_again": "shorter"}),
    )
    .await
    .expect("sent");
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = short.json().await.expect("json");
    assert!(body["errors"]["new_password"].is_array(), "{body}");
    assert!(body["errors"]["new_password_again"].is_array(), "{body}");
    assert_eq!(
        app.login("fp.af@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );

    let done = change(json!({"current_password": PASSWORD,
                             "new_password": "a brand new phrase"}))
    .await
    .expect("sent");
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me_by_cookie(&app, &here).await,
        StatusCode::OK,
        "this session is kept"
    );
    assert_eq!(
        me_by_cookie(&app, &elsewhere).await,
        StatusCode::UNAUTHORIZED,
        "the other browser is signed out"
    );
    refresh(&app, &old_refresh)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
    app.login("fp.af@demo.test", PASSWORD)
        .await
        .assert_problem(401, "auth.invalid_credentials");
    sign_in_with(&app, "fp.af@demo.test", "a brand new phrase").await;
}

#[tokio::test]
async fn a_bearer_client_that_changes_the_password_gets_a_new_pair() {
    let app = spawn_app().await;
    let login = app.login("observer@demo.test", PASSWORD).await;
    let access = login.body["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    let old_refresh = login.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    let browser = sign_in(&app, "observer").await;
    let reply = app
        .post(
            "/api/v1/me/password",
            &access,
            json!({"current_password": PASSWORD, "new_password": "another long phrase"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let new_refresh = reply.body["refresh_token"]
        .as_str()
        .expect("a new refresh token");
    assert_eq!(refresh(&app, new_refresh).await.status, StatusCode::OK);
    // The old access token ended with the old password; the new one works.
    app.get("/api/v1/me", &access)
        .await
        .assert_problem(401, "auth.invalid_token");
    let new_access = reply.body["access_token"].as_str().expect("access");
    assert_eq!(
        app.get("/api/v1/me", new_access).await.status,
        StatusCode::OK
    );
    refresh(&app, &old_refresh)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
    assert_eq!(me_by_cookie(&app, &browser).await, StatusCode::UNAUTHORIZED);
    // The wrong current password, by the API: 422 naming it.
    let wrong = app
        .post(
            "/api/v1/me/password",
            new_access,
            json!({"current_password": PASSWORD, "new_password": "yet another phrase"}),
        )
        .await;
    wrong.assert_problem(422, "validation.failed");
    assert!(wrong.body["errors"]["current_password"].is_array());
}

#[tokio::test]
async fn patch_me_validates_each_field_and_changes_only_what_is_sent() {
    let app = spawn_app().await;
    let token = app.token("fp.ir").await;
    let patch = |body: serde_json::Value| {
        app.request(Method::PATCH, "/api/v1/me", Some(&token), Some(body))
    };
    let bad = patch(json!({"time_zone": "Asia/Atlantis"})).await;
    bad.assert_problem(422, "validation.failed");
    assert!(bad.body["errors"]["time_zone"].is_array(), "{}", bad.body);
    let bad = patch(json!({"locale": "de", "display_name": " "})).await;
    bad.assert_problem(422, "validation.failed");
    assert!(
        bad.body["errors"]["locale"].is_array() && bad.body["errors"]["display_name"].is_array()
    );
    let before = app.get("/api/v1/me", &token).await.body;
    assert_eq!(before["time_zone"], "Asia/Tehran", "nothing changed");

    let done = patch(json!({"time_zone": "Europe/Paris", "locale": "fa"})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let after = app.get("/api/v1/me", &token).await.body;
    assert_eq!(after["time_zone"], "Europe/Paris");
    assert_eq!(after["locale"], "fa");
    assert_eq!(
        after["display_name"], before["display_name"],
        "left as it was"
    );
    let renamed = patch(json!({"display_name": "  Parisa  "})).await;
    assert_eq!(renamed.body["display_name"], "Parisa");
    // Without a token: 401.
    app.request(
        Method::PATCH,
        "/api/v1/me",
        None,
        Some(json!({"locale": "fr"})),
    )
    .await
    .assert_problem(401, "auth.missing_token");
}

/// Guessing the current password through change-password counts against the sign-in
/// lockout: after the threshold even the right one is refused with the wait, and the
/// lockout holds at sign-in too.
#[tokio::test]
async fn guessing_the_current_password_locks_the_account_as_sign_in_does() {
    let app = spawn_app().await;
    let token = app.token("fp.pk").await;
    let threshold = app.state.settings.auth.lockout_threshold;
    for guess in 0..threshold {
        app.post(
            "/api/v1/me/password",
            &token,
            json!({"current_password": format!("guess number {guess}"),
                   "new_password": "a brand new phrase"}),
        )
        .await
        .assert_problem(422, "validation.failed");
    }
    app.post(
        "/api/v1/me/password",
        &token,
        json!({"current_password": PASSWORD, "new_password": "a brand new phrase"}),
    )
    .await
    .assert_problem(429, "auth.locked");
    app.login("fp.pk@demo.test", PASSWORD)
        .await
        .assert_problem(429, "auth.locked");
}
