use crate::driver::run;
use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_coordinator_signs_in_sees_their_role_uses_the_api_and_signs_out() {
    run("sign_in", spawn_app().await, |b| async move {
        // A page that needs a person sends the browser to sign in, and back after.
        b.goto("/").await;
        b.wait_for("#email").await;
        assert_eq!(b.path().await, "/sign-in");
        b.assert_accessible("sign-in").await;
        b.assert_focus_visible("sign-in").await;
        b.wait_for("#email")
            .await
            .send_keys("coordinator@demo.test")
            .await
            .expect("typed");
        b.wait_for("#password")
            .await
            .send_keys(PASSWORD)
            .await
            .expect("typed");
        b.wait_for("#sign-in").await.click().await.expect("clicked");
        assert!(b.text("#greeting").await.contains("Demo Coordinator"));
        assert!(b.text("#role").await.contains("coordinator"));
        assert_eq!(b.path().await, "/");
        b.assert_accessible("home-coordinator").await;

        // The API answers the cookie too.
        b.goto("/api/v1/me").await;
        let body = b.text("body").await;
        assert!(
            body.contains("\"email\":\"coordinator@demo.test\""),
            "{body}"
        );

        b.goto("/").await;
        b.wait_for("#sign-out")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("#notice").await;
        assert_eq!(b.path().await, "/sign-in");
        b.goto("/").await;
        b.wait_for("#email").await;
        assert_eq!(
            b.path().await,
            "/sign-in",
            "signed out: home needs signing in again"
        );
        b.goto("/api/v1/me").await;
        assert!(b.text("body").await.contains("auth.missing_token"));
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_is_said_on_the_page() {
    run("wrong_password", spawn_app().await, |b| async move {
        b.sign_in("coordinator@demo.test", "not the password").await;
        let error = b.text("#sign-in-error").await;
        assert_eq!(error, "The email or password is wrong.");
        b.assert_accessible("sign-in-refused").await;
        // What was typed stays; the password does not.
        let email = b.wait_for("#email").await;
        assert_eq!(
            email.prop("value").await.ok().flatten().as_deref(),
            Some("coordinator@demo.test")
        );
    })
    .await;
}

#[tokio::test]
async fn a_locked_address_is_told_how_long_to_wait_even_with_the_right_password() {
    let app = spawn_app_with(|s| s.auth.lockout_threshold = 2).await;
    run("locked_out", app, |b| async move {
        for _ in 0..2 {
            b.sign_in("manager@demo.test", "not the password").await;
            assert!(b.text("#sign-in-error").await.contains("wrong"));
        }
        b.sign_in("manager@demo.test", PASSWORD).await;
        // Without the bidi isolation marks around the number.
        let error = b
            .text("#sign-in-error")
            .await
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(error.starts_with("Too many attempts"), "{error}");
        assert!(error.contains("15 minutes"), "{error}");
        b.assert_accessible("sign-in-locked").await;
    })
    .await;
}
