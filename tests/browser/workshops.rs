//! The workshop pages, clicked through as the coordinator and the three focal points
//! would: create, schedule, confirm, record attendance, hold, log outcomes, conclude.
use chrono::{Duration, Utc};
use concord::store::entities::workshop;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::driver::{Browser, run};
use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;

/// Signs the browser out (if anyone is in) and in again as a demo account.
pub async fn switch_to(b: &Browser, who: &str) {
    b.goto("/").await;
    if b.path().await == "/" {
        b.wait_for("#sign-out")
            .await
            .click()
            .await
            .expect("signed out");
        b.wait_for("#email").await;
    }
    b.sign_in_as(who).await;
}

pub async fn click(b: &Browser, css: &str) {
    b.wait_for(css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking `{css}`: {e}"));
}

/// Sets a form field's value the way the browser's picker would (a `datetime-local`
/// box takes keys in the locale's own order, which a test should not depend on).
pub async fn set_value(b: &Browser, id: &str, value: &str) {
    b.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1]",
            vec![json!(id), json!(value)],
        )
        .await
        .expect("value set");
}

pub async fn type_into(b: &Browser, css: &str, text: &str) {
    let field = b.wait_for(css).await;
    field.clear().await.expect("cleared");
    field.send_keys(text).await.expect("typed");
}

/// The element's text without the bidi isolation marks Fluent puts around names.
pub async fn plain_text(b: &Browser, css: &str) -> String {
    b.text(css).await.replace(['\u{2068}', '\u{2069}'], "")
}

/// Waits until the element's `data-*` attribute reads `value`.
pub async fn wait_attr(b: &Browser, css: &str, attr: &str, value: &str) {
    b.wait_for(&format!("{css}[{attr}='{value}']")).await;
}

/// Moves the workshop's start into the past, as the passing of time would.
pub async fn start_now(b: &Browser, id: uuid::Uuid) {
    workshop::Entity::update_many()
        .col_expr(
            workshop::Column::StartsAt,
            Expr::value(Utc::now() - Duration::minutes(5)),
        )
        .filter(workshop::Column::Id.eq(id))
        .exec(&b.app.state.db)
        .await
        .expect("moved");
}

#[tokio::test]
async fn a_workshop_from_creation_to_conclusion_by_clicking() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    run("workshop_story", app, |b| async move {
        // The coordinator creates the workshop; a field left wrong is said beside it,
        // with what was typed kept.
        switch_to(&b, "coordinator").await;
        b.goto(&format!("/phases/{}", d.initial_phase_id)).await;
        click(&b, "#new-workshop").await;
        b.wait_for("#create-workshop").await;
        b.assert_accessible("workshop-new").await;
        type_into(&b, "#title", "Joint technical workshop").await;
        type_into(&b, "#venue", "Islamabad").await;
        type_into(&b, "#time_zone", "Asia/Karachi").await;
        type_into(&b, "#agenda", "Return and reintegration").await;
        let start = (Utc::now() + Duration::days(10))
            .format("%Y-%m-%dT09:00")
            .to_string();
        let end = (Utc::now() + Duration::days(10))
            .format("%Y-%m-%dT15:00")
            .to_string();
        set_value(&b, "starts_at", &start).await;
        set_value(&b, "ends_at", &start).await;
        click(&b, "#create-workshop").await;
        let error = b.text("#ends_at-error").await;
        assert!(error.contains("after"), "{error}");
        b.assert_accessible("workshop-new-refused").await;
        b.assert_focus_visible("workshop-new-refused").await;
        let ends = b.wait_for("#ends_at").await;
        assert_eq!(
            ends.attr("aria-describedby")
                .await
                .ok()
                .flatten()
                .as_deref(),
            Some("times-hint ends_at-error")
        );
        assert_eq!(
            b.wait_for("#venue")
                .await
                .prop("value")
                .await
                .ok()
                .flatten()
                .as_deref(),
            Some("Islamabad")
        );
        set_value(&b, "ends_at", &end).await;
        click(&b, "#create-workshop").await;
        b.wait_for("#flash").await;
        let path = b.path().await;
        let id: uuid::Uuid = path
            .strip_prefix("/workshops/")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("on the workshop page: {path}"));
        wait_attr(&b, "#workshop-state", "data-state", "draft").await;
        let venue = plain_text(&b, "#when-venue").await;
        assert!(
            venue.contains("09:00–15:00 (Asia/Karachi, UTC+05:00)"),
            "{venue}"
        );
        // Hold is not possible yet: a disabled button with the domain's reason.
        let hold = b.wait_for("#workshop-hold").await;
        assert!(hold.attr("disabled").await.ok().flatten().is_some());
        assert!(!b.text("#workshop-hold-why").await.is_empty());
        b.assert_usable("workshop-draft").await;
        click(&b, "#workshop-schedule").await;
        wait_attr(&b, "#workshop-state", "data-state", "scheduled").await;

        // Each focal point confirms their own government's attendance, and no other's.
        for (who, code) in [("fp.af", "AF"), ("fp.ir", "IR"), ("fp.pk", "PK")] {
            switch_to(&b, who).await;
            b.goto(&path).await;
            let others = b
                .client
                .find_all(fantoccini::Locator::Css("#attendance button"))
                .await
                .expect("buttons");
            assert_eq!(
                others.len(),
                2,
                "{who}: confirm and decline for their own only"
            );
            click(&b, &format!("#attendance-{code}-confirmed")).await;
            wait_attr(
                &b,
                &format!("#attendance-{code} .status"),
                "data-status",
                "confirmed",
            )
            .await;
            if code == "IR" {
                // Tehran is not the venue's zone: the reader's time is given too.
                let reader = plain_text(&b, "#when-reader").await;
                assert!(reader.contains("Asia/Tehran, UTC+03:30"), "{reader}");
            }
        }

        // The day comes; each records attendance, the coordinator for Pakistan.
        start_now(&b, id).await;
        for (who, code) in [("fp.af", "AF"), ("fp.ir", "IR")] {
            switch_to(&b, who).await;
            b.goto(&path).await;
            click(&b, &format!("#attendance-{code}-attended")).await;
            wait_attr(
                &b,
                &format!("#attendance-{code} .status"),
                "data-status",
                "attended",
            )
            .await;
        }
        switch_to(&b, "coordinator").await;
        b.goto(&path).await;
        click(&b, "#attendance-PK-attended").await;
        wait_attr(&b, "#attendance-PK .status", "data-status", "attended").await;
        click(&b, "#workshop-hold").await;
        wait_attr(&b, "#workshop-state", "data-state", "held").await;
        b.assert_accessible("workshop-held").await;

        // Each focal point logs their outcome; an empty one is refused beside the box.
        for (who, code) in [("fp.af", "AF"), ("fp.ir", "IR"), ("fp.pk", "PK")] {
            switch_to(&b, who).await;
            b.goto(&path).await;
            if code == "AF" {
                b.assert_accessible("workshop-held-fp").await;
                click(&b, "#outcome-submit-AF").await;
                assert!(!b.text("#outcome-error-AF").await.is_empty());
                b.assert_accessible("workshop-outcome-refused").await;
            }
            type_into(
                &b,
                &format!("#outcome-text-{code}"),
                &format!("Outcome of {code}"),
            )
            .await;
            click(&b, &format!("#outcome-submit-{code}")).await;
            b.wait_for("#flash").await;
            b.wait_for(&format!("#outcome-{code} [data-submitted='true']"))
                .await;
        }

        // The coordinator concludes it; calendar file and reader's date in place.
        switch_to(&b, "coordinator").await;
        b.goto(&path).await;
        click(&b, "#workshop-conclude").await;
        wait_attr(&b, "#workshop-state", "data-state", "concluded").await;
        let href = b
            .wait_for("#calendar")
            .await
            .attr("href")
            .await
            .ok()
            .flatten();
        assert_eq!(href, Some(format!("/api/v1/workshops/{id}/invite.ics")));
        b.screenshot("workshop-en").await;
        b.assert_usable("workshop-en").await;

        // In Persian, for Iran's focal point: right to left, Solar Hijri dates first.
        switch_to(&b, "fp.ir").await;
        b.goto(&path).await;
        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        let venue = plain_text(&b, "#when-venue").await;
        // Both years in Persian digits: the Solar Hijri one is ۱۴.., the Gregorian ۲۰...
        let gregorian = venue.find("۲۰۲").unwrap_or(0);
        let solar = venue.find("۱۴۰").unwrap_or(usize::MAX);
        assert!(solar < gregorian, "Solar Hijri first: {venue}");
        b.wait_for("#attendance-IR bdi").await;
        b.screenshot("workshop-fa").await;
        b.assert_usable("workshop-fa").await;
    })
    .await;
}
