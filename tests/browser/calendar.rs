//! The account page's calendar section: pressing the button shows the subscription
//! link (webcal:// and the https address to copy) once, in English and in Persian,
//! and the link serves the feed.
use crate::driver::{Browser, run};
use crate::helpers::spawn_app;

/// Presses "create/reset" and returns the webcal link the page then shows.
async fn make_link(b: &Browser) -> String {
    b.wait_for("#calendar-reset")
        .await
        .click()
        .await
        .expect("clicked");
    let link = b
        .wait_for("#calendar-webcal")
        .await
        .attr("href")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(link.starts_with("webcal://"), "{link}");
    assert!(link.ends_with(".ics"), "{link}");
    let copy = b
        .wait_for("#calendar-url")
        .await
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert_eq!(
        copy.split_once("://").map(|(_, rest)| rest),
        link.strip_prefix("webcal://"),
        "the address to copy is the same link"
    );
    copy
}

#[tokio::test]
async fn the_account_page_shows_the_webcal_link_after_the_button() {
    run("calendar-en", spawn_app().await, |b| async move {
        b.sign_in_as("coordinator").await;
        b.goto("/account").await;
        b.wait_for("#calendar-none").await;
        let url = make_link(&b).await;
        assert!(b.text("#calendar-new").await.contains("only this once"));
        b.assert_accessible("account-calendar-en").await;

        // A calendar program, signed in as nobody, reads the feed (on this test's
        // server: the link starts with the configured public address).
        let path = url
            .split_once("/calendar/")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let feed = reqwest::get(b.url(&format!("/calendar/{path}")))
            .await
            .expect("fetched");
        assert_eq!(feed.status().as_u16(), 200);
        let text = feed.text().await.expect("body");
        assert!(text.contains("METHOD:PUBLISH"), "{text}");

        // Shown once: the page now only says a link exists.
        b.goto("/account").await;
        b.wait_for("#calendar-active").await;
        let body = b.text("main").await;
        assert!(!body.contains("webcal://"), "{body}");
        let token = url.rsplit('/').next().unwrap_or_default();
        assert!(!b.client.source().await.expect("source").contains(token));
    })
    .await;
}

#[tokio::test]
async fn the_webcal_link_is_shown_in_persian_too() {
    run("calendar-fa", spawn_app().await, |b| async move {
        b.sign_in_as("fp.ir").await;
        b.goto("/account").await;
        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        assert_eq!(b.text("#calendar-heading").await, "تقویم");
        make_link(&b).await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        assert!(b.text("#calendar-new").await.contains("پیوند اشتراک"));
        b.screenshot("account-calendar-fa").await;
        b.assert_accessible("account-calendar-fa").await;
        b.assert_fits_phone("account-calendar-fa").await;
    })
    .await;
}
