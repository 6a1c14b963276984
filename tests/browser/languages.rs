use fantoccini::Locator;

use crate::driver::{Browser, run};
use crate::helpers::spawn_app;

/// The horizontal extent of an element: (start x, end x).
async fn span(b: &Browser, css: &str) -> (f64, f64) {
    let (x, _, width, _) = b.wait_for(css).await.rectangle().await.expect("a box");
    (x, x + width)
}

#[tokio::test]
async fn persian_pages_are_right_to_left_and_the_choice_is_kept() {
    run("languages", spawn_app().await, |b| async move {
        b.goto("/sign-in").await;
        b.wait_for("html[lang='en'][dir='ltr']").await;
        let (brand, languages) = (span(&b, ".brand").await, span(&b, ".languages").await);
        assert!(
            brand.1 < languages.0,
            "ltr: brand {brand:?} left of the switcher {languages:?}"
        );
        b.screenshot("layout-en").await;
        b.assert_accessible("sign-in-en").await;

        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        assert_eq!(b.text("h1").await, "ورود");
        let (brand, nav, languages) = (
            span(&b, ".brand").await,
            span(&b, "#nav").await,
            span(&b, ".languages").await,
        );
        // Mirrored: the header starts on the right, brand first, then the navigation,
        // and the switcher at the far (left) end.
        assert!(
            brand.0 > nav.1,
            "rtl: brand {brand:?} right of the nav {nav:?}"
        );
        assert!(
            nav.0 > languages.1,
            "rtl: nav {nav:?} right of the switcher {languages:?}"
        );
        assert!(
            brand.1 > 900.0,
            "the brand sits at the right edge: {brand:?}"
        );
        b.screenshot("layout-fa").await;
        b.assert_accessible("sign-in-fa").await;
        b.assert_focus_visible("sign-in-fa").await;

        // An anonymous visitor's choice is remembered on the next page.
        b.goto("/forgot-password").await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        b.assert_accessible("forgot-fa").await;

        // Usable at 360 px: nothing wider than the screen.
        b.assert_fits_phone("layout-fa").await;
    })
    .await;
}

#[tokio::test]
async fn a_signed_in_persons_choice_becomes_their_setting() {
    run("language_setting", spawn_app().await, |b| async move {
        b.sign_in_as("fp.af").await;
        b.wait_for("html[lang='en']").await;
        b.client
            .find(Locator::Css("button[value='fr']"))
            .await
            .expect("the switcher")
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fr'][dir='ltr']").await;
        assert!(b.text("#greeting").await.starts_with("Bienvenue"));
        b.assert_accessible("home-fr").await;
        b.goto("/api/v1/me").await;
        assert!(b.text("body").await.contains("\"locale\":\"fr\""));
    })
    .await;
}
