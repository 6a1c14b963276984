//! Sign-in, tokens and the lockout. Lockout under parallel load is in `lockout`.
mod lockout;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use concord::store::entities::{throttle, user};
use jsonwebtoken::{EncodingKey, Header, encode};
use reqwest::{Method, StatusCode};
use sea_orm::EntityTrait;
use sea_orm::sea_query::Expr;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, spawn_app, spawn_app_with};

async fn refresh(app: &TestApp, token: &str) -> crate::helpers::Reply {
    app.request(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": token})),
    )
    .await
}

/// Ends every throttle window now, instead of waiting for it.
pub(crate) async fn expire_throttles(app: &TestApp) {
    throttle::Entity::update_many()
        .col_expr(
            throttle::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .exec(&app.state.db)
        .await
        .expect("throttles expired");
}

#[track_caller]
pub(crate) fn assert_no_store(reply: &crate::helpers::Reply) {
    assert_eq!(
        reply
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "a response with a token must not be cached"
    );
}

#[tokio::test]
async fn login_returns_tokens_and_me_tells_the_role() {
    let app = spawn_app().await;
    let reply = app.login("Coordinator@Demo.test", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_no_store(&reply);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert!(
        reply.body["refresh_token"]
            .as_str()
            .is_some_and(|t| t.len() == 64)
    );
    let access = reply.body["access_token"].as_str().expect("token");
    let me = app.get("/api/v1/me", access).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["role"], "coordinator");
    assert_eq!(me.body["email"], "coordinator@demo.test");
    assert!(me.body["government_id"].is_null());
    assert_eq!(me.body["notification_preference"], "immediate");

    let fp = app.token("fp.ir").await;
    let me = app.get("/api/v1/me", &fp).await;
    assert_eq!(me.body["role"], "focal_point");
    assert_eq!(me.body["time_zone"], "Asia/Tehran");
    assert!(me.body["government_id"].is_string());
}

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_alike() {
    let app = spawn_app().await;
    let wrong = app.login("manager@demo.test", "not the password").await;
    wrong.assert_problem(401, "auth.invalid_credentials");
    let unknown = app.login("nobody@demo.test", "not the password").await;
    unknown.assert_problem(401, "auth.invalid_credentials");
    assert_eq!(wrong.body, unknown.body, "no account enumeration");
}

/// The stored hash of `email`.
async fn stored_hash(app: &TestApp, email: &str) -> Option<String> {
    use sea_orm::{ColumnTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .expect("read the user")
        .and_then(|u| u.password_hash)
}

/// A hash made under an older argon2 cost is made again under today's by the next
/// sign-in with the right password, and by no other.
#[tokio::test]
async fn a_sign_in_upgrades_a_hash_of_an_older_cost() {
    let app = spawn_app().await;
    let email = "manager@demo.test";
    let older =
        concord::credentials::password::Passwords::with_limit(128, 1, 1).expect("older cost");
    let old_hash = older.hash(PASSWORD.into()).await.expect("old hash");
    app.set_user(email, user::Column::PasswordHash, old_hash.clone())
        .await;

    app.login(email, "not the password")
        .await
        .assert_problem(401, "auth.invalid_credentials");
    assert_eq!(stored_hash(&app, email).await.as_deref(), Some(&*old_hash));

    assert_eq!(app.login(email, PASSWORD).await.status, StatusCode::OK);
    let upgraded = stored_hash(&app, email).await.expect("a hash");
    assert_ne!(upgraded, old_hash);
    assert!(app.state.passwords.is_current(&upgraded), "{upgraded}");
    assert_eq!(app.login(email, PASSWORD).await.status, StatusCode::OK);
    assert_eq!(stored_hash(&app, email).await, Some(upgraded), "once only");
}

#[tokio::test]
async fn five_failures_lock_the_account_until_the_lock_expires() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.login("manager@demo.test", "wrong password")
            .await
            .assert_problem(401, "auth.invalid_credentials");
    }
    // Locked: even the right password is refused, with a Retry-After.
    let locked = app.login("manager@demo.test", PASSWORD).await;
    locked.assert_problem(429, "auth.locked");
    let retry: u64 = locked.headers["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=900).contains(&retry), "retry-after {retry}");
    // Other accounts are unaffected.
    assert_eq!(
        app.login("observer@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );

    // Move the lock into the past instead of waiting 15 minutes.
    expire_throttles(&app).await;
    assert_eq!(
        app.login("manager@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );
    // A success resets the count: four new failures do not lock.
    for _ in 0..4 {
        app.login("manager@demo.test", "wrong password")
            .await
            .assert_problem(401, "auth.invalid_credentials");
    }
    assert_eq!(
        app.login("manager@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn failures_outside_the_window_do_not_add_up() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.login("manager@demo.test", "wrong password").await;
    }
    expire_throttles(&app).await;
    app.login("manager@demo.test", "wrong password")
        .await
        .assert_problem(401, "auth.invalid_credentials");
    assert_eq!(
        app.login("manager@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = spawn_app().await;
    let first = app.login("observer@demo.test", PASSWORD).await.body;
    let r1 = first["refresh_token"].as_str().expect("refresh token");

    let second = refresh(&app, r1).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_no_store(&second);
    let r2 = second.body["refresh_token"].as_str().expect("rotated");
    assert_ne!(r1, r2);
    let access = second.body["access_token"].as_str().expect("access");
    assert_eq!(app.get("/api/v1/me", access).await.status, StatusCode::OK);

    // r1 is spent: presenting it again is a reuse, which revokes r2 as well.
    refresh(&app, r1)
        .await
        .assert_problem(401, "auth.refresh_reused");
    refresh(&app, r2)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");

    // A separate sign-in is its own family and still works.
    let other = app.login("observer@demo.test", PASSWORD).await.body;
    let r3 = other["refresh_token"].as_str().expect("refresh token");
    assert_eq!(refresh(&app, r3).await.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let pair = app.login("observer@demo.test", PASSWORD).await.body;
    let token = pair["refresh_token"].as_str().expect("refresh token");
    let out = app
        .request(
            Method::POST,
            "/api/v1/auth/logout",
            None,
            Some(json!({"refresh_token": token})),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    refresh(&app, token)
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
    refresh(&app, "not-a-token")
        .await
        .assert_problem(401, "auth.invalid_refresh_token");
}

fn claims(app: &TestApp, exp_offset_secs: i64) -> serde_json::Value {
    let auth = &app.state.settings.auth;
    let now = Utc::now().timestamp();
    json!({
        "sub": uuid::Uuid::new_v4(), "iat": now, "exp": now + exp_offset_secs,
        "iss": auth.jwt_issuer, "aud": auth.jwt_audience, "jti": uuid::Uuid::new_v4(),
    })
}

#[tokio::test]
async fn expired_tampered_and_unsigned_tokens_are_refused() {
    // A configured secret, so the test can sign tokens as the server would.
    let secret = "a-configured-secret-for-this-test-0123456789".to_owned();
    let app =
        spawn_app_with(|s| s.auth.jwt_secret = Some(concord::secret::Secret::new(secret.clone())))
            .await;
    let me = app.get("/api/v1/me", &app.token("admin").await).await;
    let mut expired = claims(&app, -3600);
    expired["sub"] = me.body["id"].clone();
    let expired = encode(
        &Header::default(),
        &expired,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("encode");
    app.get("/api/v1/me", &expired)
        .await
        .assert_problem(401, "auth.token_expired");

    // Tampered: a valid token whose payload is swapped for another user's id.
    let valid = app.token("observer").await;
    let parts: Vec<&str> = valid.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
    payload["sub"] = me.body["id"].clone();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    app.get("/api/v1/me", &forged)
        .await
        .assert_problem(401, "auth.invalid_token");

    // alg: none with the admin's id and no signature.
    let mut unsigned = claims(&app, 600);
    unsigned["sub"] = me.body["id"].clone();
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let none = format!("{header}.{}.", URL_SAFE_NO_PAD.encode(unsigned.to_string()));
    app.get("/api/v1/me", &none)
        .await
        .assert_problem(401, "auth.invalid_token");

    // Signed with another secret.
    let other = encode(
        &Header::default(),
        &unsigned,
        &EncodingKey::from_secret(b"another secret that is long enough......"),
    )
    .expect("encode");
    app.get("/api/v1/me", &other)
        .await
        .assert_problem(401, "auth.invalid_token");

    // Right secret, wrong audience.
    let mut wrong_aud = unsigned.clone();
    wrong_aud["aud"] = json!("someone-else");
    let wrong_aud = encode(
        &Header::default(),
        &wrong_aud,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("encode");
    app.get("/api/v1/me", &wrong_aud)
        .await
        .assert_problem(401, "auth.invalid_token");

    app.request(Method::GET, "/api/v1/me", None, None)
        .await
        .assert_problem(401, "auth.missing_token");
}

#[tokio::test]
async fn a_disabled_user_is_refused_at_once() {
    let app = spawn_app().await;
    let token = app.token("manager").await;
    let refresh_token = app.login("manager@demo.test", PASSWORD).await.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    app.set_user("manager@demo.test", user::Column::Disabled, true)
        .await;
    // The still-unexpired access token stops working immediately.
    app.get("/api/v1/me", &token)
        .await
        .assert_problem(401, "auth.invalid_token");
    app.login("manager@demo.test", PASSWORD)
        .await
        .assert_problem(401, "auth.account_disabled");
    refresh(&app, &refresh_token)
        .await
        .assert_problem(401, "auth.account_disabled");
}
