//! The sign-in lockout holds under parallel guesses, and treats an address without an
//! account exactly like one with an account.
use concord::store::entities::throttle;
use futures_util::future::join_all;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

use super::expire_throttles;
use crate::helpers::{PASSWORD, Reply, TestApp, spawn_app};

/// Sends `n` sign-ins at once and counts the answers by status.
async fn burst(app: &TestApp, email: &str, password: &str, n: usize) -> Vec<Reply> {
    join_all((0..n).map(|_| app.login(email, password))).await
}

fn count(replies: &[Reply], status: u16) -> usize {
    replies
        .iter()
        .filter(|r| r.status.as_u16() == status)
        .count()
}

#[tokio::test]
async fn parallel_wrong_guesses_are_checked_at_most_five_times() {
    let app = spawn_app().await;
    let replies = burst(&app, "manager@demo.test", "wrong password", 40).await;
    assert_eq!(count(&replies, 401), 5, "only five guesses may be checked");
    assert_eq!(count(&replies, 429), 35);
    for reply in replies.iter().filter(|r| r.status.as_u16() == 429) {
        reply.assert_problem(429, "auth.locked");
        assert!(reply.headers.contains_key("retry-after"));
    }
    app.login("manager@demo.test", PASSWORD)
        .await
        .assert_problem(429, "auth.locked");
}

#[tokio::test]
async fn a_burst_of_right_passwords_after_five_failures_gets_none_in() {
    let app = spawn_app().await;
    // The five failures arrive together too: each must count.
    let wrong = burst(&app, "manager@demo.test", "wrong password", 5).await;
    assert_eq!(count(&wrong, 401), 5);
    let replies = burst(&app, "manager@demo.test", PASSWORD, 30).await;
    assert_eq!(count(&replies, 429), 30, "every one is refused");
}

#[tokio::test]
async fn an_unknown_address_is_locked_like_a_known_one() {
    let app = spawn_app().await;
    let mut locked = Vec::new();
    for email in ["manager@demo.test", "nobody@demo.test"] {
        for _ in 0..5 {
            app.login(email, "wrong password")
                .await
                .assert_problem(401, "auth.invalid_credentials");
        }
        let reply = app.login(email, "wrong password").await;
        reply.assert_problem(429, "auth.locked");
        locked.push(reply);
    }
    let retry = |r: &Reply| -> u64 {
        r.headers["retry-after"]
            .to_str()
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let (known, unknown) = (&locked[0], &locked[1]);
    assert!((890..=900).contains(&retry(known)), "{}", retry(known));
    assert!((890..=900).contains(&retry(unknown)), "{}", retry(unknown));
    assert_eq!(known.body["title"], unknown.body["title"]);

    // In parallel too, an unknown address has only five guesses checked.
    let replies = burst(&app, "ghost@demo.test", "wrong password", 20).await;
    assert_eq!(count(&replies, 401), 5);
    assert_eq!(count(&replies, 429), 15);
}

#[tokio::test]
async fn a_lock_ends_with_its_window_and_counts_by_normalised_address() {
    let app = spawn_app().await;
    // Case and spaces do not make a new address to guess against.
    for email in [
        "manager@demo.test",
        "Manager@Demo.test",
        " MANAGER@demo.test",
        "manager@DEMO.TEST",
        "Manager@demo.test ",
    ] {
        app.login(email, "wrong password")
            .await
            .assert_problem(401, "auth.invalid_credentials");
    }
    app.login("MANAGER@DEMO.TEST", PASSWORD)
        .await
        .assert_problem(429, "auth.locked");
    expire_throttles(&app).await;
    assert_eq!(
        app.login("manager@demo.test", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_new_password_from_a_reset_link_lifts_the_lock() {
    let app = spawn_app().await;
    let replies = burst(&app, "manager@demo.test", "wrong password", 6).await;
    assert_eq!(count(&replies, 429), 1);
    crate::password::reset(&app, "manager@demo.test").await;
    let token = crate::password::token_from_email(&app, "password_reset").await;
    let set = crate::password::confirm(&app, &token, "a brand new passphrase").await;
    assert_eq!(set.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.login("manager@demo.test", "a brand new passphrase")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn rows_of_ended_windows_are_pruned_when_a_new_window_opens() {
    let app = spawn_app().await;
    for n in 0..3 {
        app.login(&format!("gone{n}@demo.test"), "wrong password")
            .await
            .assert_problem(401, "auth.invalid_credentials");
    }
    expire_throttles(&app).await;
    app.login("fresh@demo.test", "wrong password")
        .await
        .assert_problem(401, "auth.invalid_credentials");
    let left = throttle::Entity::find()
        .all(&app.state.db)
        .await
        .expect("throttle rows");
    assert_eq!(left.len(), 1, "only the fresh address is still counted");
    assert_eq!(left[0].hits, 1);
}
