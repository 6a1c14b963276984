//! Page sessions seen from plain HTTP: the web door's face, and when a session ends.
use chrono::{Duration, Utc};
use concord::store::entities::{session, user};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::password::{confirm, reset, token_from_email};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// Signs in through the page's form; the session cookie's `name=value`.
async fn sign_in(app: &TestApp, email: &str) -> String {
    let reply = no_redirects()
        .post(format!("{}/sign-in", app.base))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", email), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("concord_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn me(app: &TestApp, cookie: &str) -> StatusCode {
    app.client
        .get(format!("{}/api/v1/me", app.base))
        .header("cookie", cookie)
        .send()
        .await
        .expect("sent")
        .status()
}

#[tokio::test]
async fn pages_answer_in_html_and_send_strangers_to_sign_in() {
    let app = spawn_app().await;
    let client = no_redirects();
    let home = client
        .get(format!("{}/", app.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(home.status(), StatusCode::SEE_OTHER);
    assert_eq!(home.headers()["location"], "/sign-in?next=%2F");
    let missing = client
        .get(format!("{}/no-such-page", app.base))
        .header("accept-language", "fr")
        .send()
        .await
        .expect("sent");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    let body = missing.text().await.unwrap_or_default();
    assert!(
        body.contains("lang=\"fr\"") && body.contains("Il n’y a rien ici"),
        "{body}"
    );
    // The API keeps its own face.
    app.request(reqwest::Method::GET, "/api/v1/no-such-thing", None, None)
        .await
        .assert_problem(404, "not_found");
    // Another site's form cannot even sign someone in.
    let reply = client
        .post(format!("{}/sign-in", app.base))
        .header("origin", "http://evil.example")
        .form(&[("email", "coordinator@demo.test"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
    assert!(reply.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn a_session_ends_with_a_new_password_when_idle_and_when_disabled() {
    let app = spawn_app().await;
    let cookie = sign_in(&app, "observer@demo.test").await;
    assert_eq!(me(&app, &cookie).await, StatusCode::OK);
    assert_eq!(
        reset(&app, "observer@demo.test").await,
        StatusCode::ACCEPTED
    );
    let token = token_from_email(&app, "password_reset").await;
    assert_eq!(
        confirm(&app, &token, "a brand new password").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        me(&app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "a new password ends it"
    );

    // Idle past session_idle_secs (8 h by default): ended; just under: alive.
    let cookie = sign_in(&app, "manager@demo.test").await;
    let last_seen = |hours: i64| {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                Expr::value(Utc::now() - Duration::hours(hours)),
            )
            .exec(&app.state.db)
    };
    last_seen(7).await.expect("updated");
    assert_eq!(me(&app, &cookie).await, StatusCode::OK);
    last_seen(9).await.expect("updated");
    assert_eq!(
        me(&app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "idle too long"
    );

    let cookie = sign_in(&app, "coordinator@demo.test").await;
    app.set_user("coordinator@demo.test", user::Column::Disabled, true)
        .await;
    assert_eq!(me(&app, &cookie).await, StatusCode::UNAUTHORIZED);
    let live = session::Entity::find()
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::LastSeenAt.gt(Utc::now() - Duration::hours(1)))
        .all(&app.state.db)
        .await
        .expect("rows");
    assert!(
        live.is_empty(),
        "the disabled person's sessions are revoked: {live:?}"
    );
    app.set_user("coordinator@demo.test", user::Column::Disabled, false)
        .await;
    assert_eq!(
        me(&app, &cookie).await,
        StatusCode::UNAUTHORIZED,
        "and stay so"
    );
}
