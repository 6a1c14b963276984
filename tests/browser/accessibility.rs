//! Pages no story test passes through, checked with axe-core as the others are: the
//! forgotten-password pages, a reset link, a focal point's home and the 404 page. And
//! the checker itself: a page with known violations must fail it.
use crate::driver::run;
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_password_pages_and_the_error_page_pass_axe() {
    run("accessibility_pages", spawn_app().await, |b| async move {
        b.goto("/forgot-password").await;
        b.wait_for("#email").await;
        b.assert_accessible("forgot").await;
        b.assert_focus_visible("forgot").await;
        b.wait_for("#email")
            .await
            .send_keys("fp.af@demo.test")
            .await
            .expect("typed");
        b.wait_for("form.stacked button")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("#sent").await;
        b.assert_accessible("forgot-sent").await;

        b.goto("/reset-password?token=not-a-real-one").await;
        b.wait_for("#new_password").await;
        b.assert_accessible("reset-password").await;
        b.wait_for("#new_password")
            .await
            .send_keys("a long enough new password")
            .await
            .expect("typed");
        b.wait_for("#save-password")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("#link-invalid").await;
        b.assert_accessible("reset-password-invalid").await;

        b.sign_in_as("fp.ir").await;
        b.assert_accessible("home-fp").await;
        b.assert_fits_phone("home-fp").await;
        b.goto("/dialogues/00000000-0000-0000-0000-000000000000")
            .await;
        b.wait_for("#error-message").await;
        b.assert_accessible("error-404").await;
        b.assert_focus_visible("error-404").await;
    })
    .await;
}

/// The checks can fail: a page with a nameless button, an image without text, text
/// too faint to read, a focus ring taken away and a box wider than a phone.
#[tokio::test]
async fn the_checks_fail_on_a_page_that_breaks_them() {
    run(
        "accessibility_self_test",
        spawn_app().await,
        |b| async move {
            b.goto("/sign-in").await;
            b.wait_for("#email").await;
            // Broken through the CSS object model: the page's Content-Security-Policy
            // refuses inline style attributes and style elements, not these.
            let csp_held = b
                .client
                .execute(
                    r#"const main = document.getElementById('main');
                   const add = (tag, id, text) => { const el = document.createElement(tag);
                     if (id) el.id = id; el.textContent = text; main.append(el); return el; };
                   add('button', 'nameless', '');
                   add('img', '', '').src = '/nothing.png';
                   add('p', 'faint', 'faint').style.color = '#ddd';
                   add('div', 'wide', 'wide').style.inlineSize = '900px';
                   const sheet = document.styleSheets[0];
                   sheet.insertRule(':focus, :focus-visible { outline: none !important }',
                                    sheet.cssRules.length);
                   // The page's own scripts are held to 'self': an inline one is refused,
                   // while axe-core, injected as WebDriver's script, runs all the same.
                   const inline = document.createElement('script');
                   inline.textContent = 'window.inlineRan = true;';
                   document.head.append(inline);
                   return window.inlineRan === undefined;"#,
                    vec![],
                )
                .await
                .expect("page broken");
            assert_eq!(
                csp_held,
                serde_json::json!(true),
                "the CSP refuses inline scripts"
            );
            let axe = b.clone();
            let failed = tokio::spawn(async move { axe.assert_accessible("broken").await })
                .await
                .expect_err("axe-core finds the violations");
            let message = panic_text(failed);
            for rule in ["button-name", "image-alt", "color-contrast"] {
                assert!(message.contains(rule), "{rule} named in: {message}");
            }
            assert!(
                message.contains("#nameless"),
                "the element named: {message}"
            );

            let focus = b.clone();
            let failed = tokio::spawn(async move { focus.assert_focus_visible("broken").await })
                .await
                .expect_err("the missing focus ring is found");
            assert!(panic_text(failed).contains("focus not visible"));

            let phone = b.clone();
            let failed = tokio::spawn(async move { phone.assert_fits_phone("broken").await })
                .await
                .expect_err("the sideways scroll is found");
            let message = panic_text(failed);
            assert!(message.contains("div#wide"), "the culprit named: {message}");
        },
    )
    .await;
}

fn panic_text(error: tokio::task::JoinError) -> String {
    let panic = error.into_panic();
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}
