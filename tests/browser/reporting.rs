//! The IATI reporting page: the coordinator fills in the fields (one wrong first, its
//! error beside it), the page shows the identifier and the download link; checked with
//! axe-core with and without errors, and in Persian (right to left).
use serde_json::json;

use crate::driver::run;
use crate::fixtures::draft_dialogue;
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_coordinator_sets_the_iati_fields_on_the_reporting_page() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    run("reporting", app, |b| async move {
        b.sign_in_as("coordinator").await;
        b.goto(&format!("/dialogues/{}", d.project_id)).await;
        b.wait_for("#reporting-link")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("#iati-not-set").await;
        b.assert_usable("reporting-empty").await;
        for (id, value) in [
            (
                "reporting_org_name",
                "International Organization for Migration",
            ),
            ("reporting_org_ref", "XM-DAC-47066"),
            ("reporting_org_type", "40"),
            ("currency", "US dollars"),
            ("budget_amount", "135000"),
        ] {
            b.wait_for(&format!("#{id}"))
                .await
                .send_keys(value)
                .await
                .expect("typed");
        }
        // Dates set directly: the picker's typing order depends on the machine's locale.
        for (id, value) in [
            ("planned_start", "2022-07-01"),
            ("planned_end", "2024-06-30"),
        ] {
            b.client
                .execute(
                    "document.getElementById(arguments[0]).value = arguments[1];",
                    vec![json!(id), json!(value)],
                )
                .await
                .expect("date set");
        }
        b.wait_for("#save-reporting")
            .await
            .click()
            .await
            .expect("clicked");
        let error = b.text("#currency-error").await;
        assert!(error.contains("USD"), "{error}");
        b.assert_accessible("reporting-errors").await;
        let currency = b.wait_for("#currency").await;
        currency.clear().await.expect("cleared");
        currency.send_keys("USD").await.expect("typed");
        b.wait_for("#save-reporting")
            .await
            .click()
            .await
            .expect("clicked");
        let identifier = b.text("#iati-identifier").await;
        assert!(identifier.starts_with("XM-DAC-47066-T-"), "{identifier}");
        b.wait_for("#iati-download").await;
        b.assert_accessible("reporting-saved").await;

        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        let heading = b.text("h1").await;
        assert!(heading.contains("گزارش‌دهی"), "{heading}");
        b.assert_accessible("reporting-fa").await;
        b.assert_fits_phone("reporting-fa").await;
    })
    .await;
}
