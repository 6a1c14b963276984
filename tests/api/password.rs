//! Password reset and invitation links. Throttling of reset requests is in `throttle`.
mod throttle;

use chrono::{Duration, Utc};
use concord::store::entities::{one_time_token, outbox};
use reqwest::{Method, StatusCode};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, spawn_app};

/// The token from the newest email of `template`, as the recipient would click it.
pub(crate) async fn token_from_email(app: &TestApp, template: &str) -> String {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .all(&app.state.db)
        .await
        .expect("rows");
    let row = rows.last().expect("an email was queued");
    let payload: serde_json::Value = serde_json::from_str(&row.payload).expect("json");
    let link = payload["link"].as_str().expect("link").to_owned();
    link.split("token=")
        .nth(1)
        .expect("token in link")
        .to_owned()
}

pub(crate) async fn reset(app: &TestApp, email: &str) -> StatusCode {
    app.request(
        Method::POST,
        "/api/v1/auth/password-reset",
        None,
        Some(json!({"email": email})),
    )
    .await
    .status
}

pub(crate) async fn confirm(app: &TestApp, token: &str, password: &str) -> crate::helpers::Reply {
    let body = json!({"token": token, "new_password": password});
    app.request(
        Method::POST,
        "/api/v1/auth/password-reset/confirm",
        None,
        Some(body),
    )
    .await
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once() {
    let app = spawn_app().await;
    assert_eq!(reset(&app, "nobody@demo.test").await, StatusCode::ACCEPTED);
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("password_reset"))
        .all(&app.state.db)
        .await;
    assert_eq!(
        queued.map(|r| r.len()).ok(),
        Some(0),
        "no email for an unknown account"
    );

    let before = app.login("observer@demo.test", PASSWORD).await.body;
    let (old_session, old_access) = (
        before["refresh_token"].clone(),
        before["access_token"].as_str().expect("access").to_owned(),
    );
    assert_eq!(
        app.get("/api/v1/me", &old_access).await.status,
        StatusCode::OK
    );
    assert_eq!(
        reset(&app, "Observer@demo.test").await,
        StatusCode::ACCEPTED
    );
    let token = token_from_email(&app, "password_reset").await;
    let short = confirm(&app, &token, "short").await;
    short.assert_problem(422, "validation.failed");
    assert!(short.body["errors"]["new_password"].is_array());

    assert_eq!(
        confirm(&app, &token, "a brand new passphrase").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.login("observer@demo.test", "a brand new passphrase")
            .await
            .status,
        StatusCode::OK
    );
    app.login("observer@demo.test", PASSWORD)
        .await
        .assert_problem(401, "auth.invalid_credentials");
    // The access token from before the reset ended with the old password.
    app.get("/api/v1/me", &old_access)
        .await
        .assert_problem(401, "auth.invalid_token");
    // Single use, and the sessions from before the reset are gone.
    confirm(&app, &token, "yet another passphrase")
        .await
        .assert_problem(422, "auth.invalid_reset_token");
    let refresh = app
        .request(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": old_session})),
        )
        .await;
    refresh.assert_problem(401, "auth.invalid_refresh_token");
    confirm(&app, "not-a-token", "yet another passphrase")
        .await
        .assert_problem(422, "auth.invalid_reset_token");
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = spawn_app().await;
    reset(&app, "manager@demo.test").await;
    let token = token_from_email(&app, "password_reset").await;
    one_time_token::Entity::update_many()
        .col_expr(
            one_time_token::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.state.db)
        .await
        .expect("expired");
    confirm(&app, &token, "a brand new passphrase")
        .await
        .assert_problem(422, "auth.invalid_reset_token");
    assert_eq!(
        app.login("manager@demo.test", PASSWORD).await.status,
        StatusCode::OK,
        "nothing changed"
    );
}

#[tokio::test]
async fn an_invited_user_sets_a_password_from_the_invitation() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let created = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"email": "donor@example.org", "display_name": "Donor", "role": "manager"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    app.login("donor@example.org", "anything at all")
        .await
        .assert_problem(401, "auth.invalid_credentials");
    let token = token_from_email(&app, "account_invitation").await;
    assert_eq!(
        confirm(&app, &token, "my own passphrase").await.status,
        StatusCode::NO_CONTENT
    );
    let me = app
        .get("/api/v1/me", &{
            let reply = app.login("donor@example.org", "my own passphrase").await;
            reply.body["access_token"]
                .as_str()
                .expect("token")
                .to_owned()
        })
        .await;
    assert_eq!(me.body["role"], "manager");
}

#[tokio::test]
async fn a_sent_reset_email_leaves_no_token_in_the_outbox() {
    let app = spawn_app().await;
    reset(&app, "observer@demo.test").await;
    let token = token_from_email(&app, "password_reset").await;
    let handled = concord::notify::worker::deliver_due(&app.state.postroom())
        .await
        .expect("delivered");
    assert!(handled >= 1);
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Template.eq("password_reset"))
        .all(&app.state.db)
        .await
        .expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, "sent");
    assert!(!rows[0].payload.contains(&token), "{}", rows[0].payload);
    // The emailed link still works: only the copy at rest is gone.
    assert_eq!(
        confirm(&app, &token, "a brand new passphrase").await.status,
        StatusCode::NO_CONTENT
    );
}
