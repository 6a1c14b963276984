//! The administration and account pages in a real browser: an admin invites someone
//! and disables another; a person turns their pages Persian from the account page.
use fantoccini::Locator;

use crate::driver::{Browser, run};
use crate::helpers::spawn_app;

async fn click(b: &Browser, css: &str) {
    b.wait_for(css).await.click().await.expect("clicked");
}

async fn type_into(b: &Browser, css: &str, text: &str) {
    let field = b.wait_for(css).await;
    field.clear().await.expect("cleared");
    field.send_keys(text).await.expect("typed");
}

/// The horizontal extent of an element: (start x, end x).
async fn span(b: &Browser, css: &str) -> (f64, f64) {
    let (x, _, width, _) = b.wait_for(css).await.rectangle().await.expect("a box");
    (x, x + width)
}

#[tokio::test]
async fn an_admin_invites_someone_and_disables_another() {
    run("admin_users", spawn_app().await, |b| async move {
        b.sign_in_as("admin").await;
        click(&b, "#nav a[href='/admin/users']").await;
        b.wait_for("#users").await;
        // Their own row offers the button disabled, with the reason beside it.
        let own = "tr[data-email='admin@demo.test'] button[disabled]";
        let why = b
            .wait_for(own)
            .await
            .attr("aria-describedby")
            .await
            .expect("attr");
        let why = why.expect("described by the reason");
        assert!(
            b.text(&format!("#{why}"))
                .await
                .contains("your own account")
        );

        type_into(&b, "#display_name", "Zarmina Wardak").await;
        type_into(&b, "#email", "zarmina@example.org").await;
        click(&b, "#role option[value='observer']").await;
        click(&b, "#locale option[value='fa']").await;
        click(&b, "#invite").await;
        b.wait_for("#flash.notice").await;
        assert!(b.text("#flash").await.contains("zarmina@example.org"));
        let invited = b.text("tr[data-email='zarmina@example.org'] .status").await;
        assert_eq!(invited, "invited, no password yet");

        click(&b, "tr[data-email='observer@demo.test'] button").await;
        b.wait_for("tr[data-email='observer@demo.test'][data-disabled='true']")
            .await;
        assert!(b.text("#flash").await.contains("is disabled"));
        b.screenshot("admin-users-en").await;

        // The other administration pages, in Persian.
        click(&b, "button[value='fa']").await;
        b.wait_for("html[lang='fa'][dir='rtl'] #users").await;
        b.client.set_window_size(1024, 1600).await.expect("resized");
        b.screenshot("admin-users-fa").await;
        click(&b, "nav.subnav a[href='/admin/outbox']").await;
        b.wait_for("#filter-dead[aria-current='page']").await;
        click(&b, "#filter-all").await;
        b.wait_for("#filter-all[aria-current='page']").await;
        b.screenshot("admin-outbox-fa").await;
        click(&b, "nav.subnav a[href='/admin/governments']").await;
        b.wait_for("#government-AF").await;
        b.screenshot("admin-governments-fa").await;
    })
    .await;
}

#[tokio::test]
async fn a_person_turns_their_pages_persian_from_the_account_page() {
    run("account_language", spawn_app().await, |b| async move {
        b.sign_in_as("fp.af").await;
        assert!(
            b.client
                .find(Locator::Css("#nav a[href='/admin/users']"))
                .await
                .is_err(),
            "no administration link for a focal point"
        );
        click(&b, "#nav a[href='/account']").await;
        b.wait_for("html[lang='en'][dir='ltr'] #save-profile").await;
        b.screenshot("account-en").await;
        type_into(&b, "#time_zone", "Asia/Nowhere").await;
        click(&b, "#save-profile").await;
        b.wait_for("#time_zone-error").await;
        assert_eq!(
            b.wait_for("#time_zone")
                .await
                .attr("aria-invalid")
                .await
                .expect("attr"),
            Some("true".to_owned())
        );

        type_into(&b, "#time_zone", "Asia/Kabul").await;
        click(&b, "#locale option[value='fa']").await;
        click(&b, "#save-profile").await;
        b.wait_for("html[lang='fa'][dir='rtl'] #flash.notice").await;
        assert_eq!(b.text("h1").await, "حساب شما");
        // Mirrored: the brand at the right, the navigation to its left.
        let (brand, nav) = (span(&b, ".brand").await, span(&b, "#nav").await);
        assert!(
            brand.0 > nav.1,
            "rtl: brand {brand:?} right of the nav {nav:?}"
        );
        // The whole page, its four forms, for the screenshot.
        b.client.set_window_size(1024, 1900).await.expect("resized");
        b.screenshot("account-fa").await;
        // The setting holds on every page, not only this one.
        b.goto("/dialogues").await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
    })
    .await;
}
