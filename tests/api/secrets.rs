//! No instance signs with a key anyone can read: with none configured, Concord makes
//! its own on first start and keeps it in the database, where every node finds it.
use chrono::Utc;
use concord::App;
use jsonwebtoken::{EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::json;
use tokio::sync::oneshot;

use crate::helpers::{send, spawn_app};

/// The secret that used to ship in `config/default.toml`.
const PUBLISHED: &str = "concord-development-secret-do-not-use-in-production";

#[tokio::test]
async fn a_token_forged_with_the_published_secret_is_refused_and_nodes_share_their_own() {
    let app = spawn_app().await;
    assert_eq!(app.state.settings.auth.jwt_secret, None, "none configured");
    let admin = app.token("admin").await;
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["role"], "admin");

    let auth = &app.state.settings.auth;
    let now = Utc::now().timestamp();
    let claims = json!({"sub": me.body["id"], "iat": now, "exp": now + 600,
                        "iss": auth.jwt_issuer, "aud": auth.jwt_audience,
                        "jti": uuid::Uuid::new_v4()});
    let forged = encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(PUBLISHED.as_bytes()),
    )
    .expect("encode");
    app.get("/api/v1/me", &forged)
        .await
        .assert_problem(401, "auth.invalid_token");

    // A second node on the same database (or this one restarted) takes the same key:
    // the first node's token works there.
    let mut settings = (*app.state.settings).clone();
    settings.server.bind = "127.0.0.1:0".into();
    let second = App::build(settings).await.expect("second node builds");
    let base = format!("http://{}", second.local_addr().expect("bound"));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(second.run_until(async {
        let _ = stopped.await;
    }));
    let reply = send(
        &app.client,
        &base,
        Method::GET,
        "/api/v1/me",
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(reply.status.as_u16(), 200);
    assert_eq!(reply.body["role"], "admin");
    let _ = stop.send(());
}
