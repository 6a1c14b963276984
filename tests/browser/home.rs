//! The home page in a browser: a focal point goes from "needs my attention" to the
//! workshop, confirms their government's attendance, and the item is gone from home;
//! a manager's overview with the active phase's checklist. Screenshots in English
//! and Persian (`target/screenshots/home-*.png`).
use fantoccini::Locator;

use crate::driver::{Browser, run};
use crate::fixtures::{active_dialogue, scheduled_workshop};
use crate::helpers::spawn_app;
use crate::workshops::{click, switch_to};

/// Switches the page to Persian with the header's switcher and waits for it.
async fn to_persian(b: &Browser) {
    click(b, "button[value='fa']").await;
    b.wait_for("html[lang='fa'][dir='rtl']").await;
}

#[tokio::test]
async fn a_focal_point_confirms_attendance_from_home_and_the_item_goes() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = scheduled_workshop(&app, &d).await;
    let id = path.rsplit('/').next().expect("id").to_owned();
    run("home_focal_point", app, |b| async move {
        switch_to(&b, "fp.ir").await;
        // Home lists the workshop, says why, and links to its attendance.
        let link = format!("#attendance a[href='/workshops/{id}#attendance-heading']");
        b.wait_for(&link).await;
        let why = b.text("#attendance .why").await;
        assert!(
            why.contains("has not yet said whether it will attend"),
            "{why}"
        );
        // Nothing else waits for Iran here: a friendly line, not an empty heading.
        assert!(b.text("#outcomes .nothing").await.contains("Nothing here"));
        b.screenshot("home-focal-point-en").await;

        click(&b, &link).await;
        b.wait_for("#workshop-title").await;
        assert_eq!(b.path().await, format!("/workshops/{id}"));
        // Only Iran's own answer is offered.
        let others = b
            .client
            .find_all(Locator::Css(
                "#attendance-PK-confirmed, #attendance-AF-confirmed",
            ))
            .await
            .expect("searched");
        assert!(others.is_empty(), "another government's answer offered");
        click(&b, "#attendance-IR-confirmed").await;
        b.wait_for("#flash").await;

        // Back home: the item is gone, and the list says nothing needs Iran.
        click(&b, "a.brand").await;
        b.wait_for("#attendance .nothing").await;
        let left = b
            .client
            .find_all(Locator::Css("#attendance a"))
            .await
            .expect("searched");
        assert!(left.is_empty(), "the answered workshop is still listed");
        b.screenshot("home-focal-point-answered-en").await;
        to_persian(&b).await;
        b.wait_for("#attendance .nothing").await;
        b.screenshot("home-focal-point-fa").await;
    })
    .await;
}

#[tokio::test]
async fn a_manager_sees_the_active_phases_checklist_and_follows_it() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let phase = d.initial_phase_id.clone();
    run("home_manager", app, |b| async move {
        switch_to(&b, "manager").await;
        let current = b.wait_for("#dialogues li[aria-current='step']").await;
        let text = current.text().await.expect("text");
        assert!(
            text.contains("Every workshop is concluded or cancelled"),
            "{text}"
        );
        b.screenshot("home-manager-en").await;
        to_persian(&b).await;
        b.wait_for("#dialogues li[aria-current='step'] .checklist")
            .await;
        b.screenshot("home-manager-fa").await;
        // Its numbered lists count in Persian digits too.
        let numbering = b
            .client
            .execute(
                "return getComputedStyle(document.querySelector('ol.phases')).listStyleType;",
                vec![],
            )
            .await
            .expect("style read");
        assert_eq!(numbering, serde_json::json!("persian"));
        // What blocks completion is one click away, on the phase's page.
        click(
            &b,
            &format!("#dialogues a[href='/phases/{phase}#workshops']"),
        )
        .await;
        b.wait_for("#checklist").await;
        assert_eq!(b.path().await, format!("/phases/{phase}"));
    })
    .await;
}
