//! The trilateral story, clicked through from start to end as its people would do it:
//! the coordinator creates a dialogue with two phases and schedules a workshop; each
//! focal point confirms attendance and logs an outcome from their home page; the
//! coordinator concludes the workshop and proposes a common understanding; each focal
//! point endorses it from their home page and it is adopted; the manager completes the
//! initial phase from the checklist; the follow-up phase starts; a bilateral action is
//! agreed by its two governments and stays invisible to the third. axe-core checks
//! every page on the way.
use chrono::{Duration, Utc};
use fantoccini::Locator;

use crate::dialogues::add_phase;
use crate::driver::{Browser, run};
use crate::helpers::spawn_app;
use crate::workshops::{click, set_value, start_now, switch_to, type_into, wait_attr};

const FOCAL_POINTS: [(&str, &str); 3] = [("fp.af", "AF"), ("fp.ir", "IR"), ("fp.pk", "PK")];

/// The id at the end of the current path.
async fn id_here(b: &Browser) -> String {
    b.path()
        .await
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the element `id` says `word` (the dialogue's and phase's state are
/// words, not attributes).
async fn wait_says(b: &Browser, id: &str, word: &str) {
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(&format!(
            "//*[@id='{id}' and contains(., '{word}')]"
        )))
        .await
        .unwrap_or_else(|e| panic!("#{id} never said {word}: {e}"));
}

/// From home, follows the first link of the list `section` that leads to `path`.
async fn from_home(b: &Browser, section: &str, path: &str) {
    b.goto("/").await;
    let link = format!("#{section} a[href^='{path}']");
    b.wait_for(&link).await;
    b.assert_accessible(&format!("story-home-{section}")).await;
    click(b, &link).await;
    b.wait_for("main h1").await;
    assert_eq!(
        b.path().await,
        path,
        "home's link leads to the page to act on"
    );
}

#[tokio::test]
async fn the_trilateral_story_by_clicking() {
    run("story", spawn_app().await, |b| async move {
        // The coordinator creates the dialogue with the three governments.
        switch_to(&b, "coordinator").await;
        b.assert_accessible("story-home-coordinator").await;
        click(&b, "#nav a[href='/dialogues']").await;
        b.assert_accessible("story-dialogues").await;
        click(&b, "#new-dialogue").await;
        b.assert_accessible("story-new-dialogue").await;
        type_into(&b, "#code", "Q33-900").await;
        type_into(&b, "#title", "Trilateral consultation on migration").await;
        type_into(&b, "#budget_usd", "250000").await;
        for code in ["AF", "IR", "PK"] {
            click(&b, &format!("#gov-{code}")).await;
        }
        click(&b, "#create-dialogue").await;
        b.wait_for("#flash.notice").await;
        let dialogue = id_here(&b).await;
        let today = Utc::now().date_naive();
        let day = |days: i64| {
            (today + Duration::days(days))
                .format("%Y-%m-%d")
                .to_string()
        };
        add_phase(&b, "Initial phase", &day(0), &day(180)).await;
        add_phase(&b, "Follow-up phase", &day(181), &day(540)).await;
        click(&b, "#project-activate").await;
        wait_says(&b, "dialogue-state", "active").await;
        b.assert_accessible("story-dialogue").await;

        // The initial phase starts; the coordinator creates and schedules a workshop.
        click(&b, "#phase-1").await;
        let initial = id_here(&b).await;
        click(&b, "#phase-activate").await;
        wait_says(&b, "phase-state", "active").await;
        b.assert_accessible("story-phase").await;
        click(&b, "#new-workshop").await;
        b.assert_accessible("story-new-workshop").await;
        type_into(&b, "#title", "Joint technical workshop").await;
        type_into(&b, "#venue", "Islamabad").await;
        type_into(&b, "#time_zone", "Asia/Karachi").await;
        let on = (Utc::now() + Duration::days(10)).format("%Y-%m-%d");
        set_value(&b, "starts_at", &format!("{on}T09:00")).await;
        set_value(&b, "ends_at", &format!("{on}T15:00")).await;
        click(&b, "#create-workshop").await;
        b.wait_for("#flash").await;
        let workshop_path = b.path().await;
        let workshop: uuid::Uuid = id_here(&b).await.parse().expect("a workshop id");
        click(&b, "#workshop-schedule").await;
        wait_attr(&b, "#workshop-state", "data-state", "scheduled").await;
        b.assert_accessible("story-workshop-scheduled").await;

        // Each focal point confirms attendance from their home page.
        for (who, code) in FOCAL_POINTS {
            switch_to(&b, who).await;
            from_home(&b, "attendance", &workshop_path).await;
            click(&b, &format!("#attendance-{code}-confirmed")).await;
            wait_attr(
                &b,
                &format!("#attendance-{code} .status"),
                "data-status",
                "confirmed",
            )
            .await;
        }

        // The day comes: each records being there, the coordinator holds it.
        start_now(&b, workshop).await;
        for (who, code) in FOCAL_POINTS {
            switch_to(&b, who).await;
            b.goto(&workshop_path).await;
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
        b.goto(&workshop_path).await;
        click(&b, "#workshop-hold").await;
        wait_attr(&b, "#workshop-state", "data-state", "held").await;

        // Each logs their outcome, reached from home's "outcomes to log".
        for (who, code) in FOCAL_POINTS {
            switch_to(&b, who).await;
            from_home(&b, "outcomes", &workshop_path).await;
            type_into(
                &b,
                &format!("#outcome-text-{code}"),
                &format!("{code}: registration of returnees agreed in principle."),
            )
            .await;
            click(&b, &format!("#outcome-submit-{code}")).await;
            b.wait_for(&format!("#outcome-{code} [data-submitted='true']"))
                .await;
        }

        // The coordinator concludes it and proposes a common understanding.
        switch_to(&b, "coordinator").await;
        b.goto(&workshop_path).await;
        click(&b, "#workshop-conclude").await;
        wait_attr(&b, "#workshop-state", "data-state", "concluded").await;
        b.assert_accessible("story-workshop-concluded").await;
        b.goto(&format!("/phases/{initial}")).await;
        click(&b, "#new-understanding").await;
        b.assert_accessible("story-new-understanding").await;
        type_into(&b, "#title", "Voluntary and dignified return").await;
        type_into(&b, "#text", "Return is voluntary, safe and dignified.").await;
        click(&b, "#create-understanding").await;
        b.wait_for("#flash").await;
        let understanding_path = b.path().await;
        click(&b, "#understanding-propose").await;
        wait_attr(&b, "#understanding-state", "data-state", "proposed").await;

        // Each focal point endorses it from their home page; the last adopts it.
        for (who, code) in FOCAL_POINTS {
            switch_to(&b, who).await;
            from_home(&b, "positions", &understanding_path).await;
            click(&b, "#position-endorsed").await;
            click(&b, "#give-position").await;
            wait_attr(
                &b,
                &format!("#position-{code} .position"),
                "data-position",
                "endorsed",
            )
            .await;
        }
        wait_attr(&b, "#understanding-state", "data-state", "adopted").await;
        b.assert_accessible("story-understanding-adopted").await;

        // The manager completes the initial phase from the checklist on home.
        switch_to(&b, "manager").await;
        b.wait_for("#dialogues li[aria-current='step'] .checklist")
            .await;
        b.assert_accessible("story-home-manager").await;
        click(
            &b,
            &format!("#dialogues li[aria-current='step'] a[href='/phases/{initial}']"),
        )
        .await;
        for item in [
            "workshops_closed",
            "understandings_settled",
            "something_adopted",
        ] {
            b.wait_for(&format!("#checklist #check-{item}.met")).await;
        }
        click(&b, "#phase-complete").await;
        wait_says(&b, "phase-state", "completed").await;

        // The follow-up phase may now start.
        switch_to(&b, "coordinator").await;
        b.goto(&format!("/dialogues/{dialogue}")).await;
        click(&b, "#phase-2").await;
        let follow_up = id_here(&b).await;
        click(&b, "#phase-activate").await;
        wait_says(&b, "phase-state", "active").await;

        // A bilateral action between Afghanistan and Pakistan.
        click(&b, "#new-action").await;
        b.assert_accessible("story-new-action").await;
        type_into(&b, "#title", "Joint registration at Torkham").await;
        type_into(&b, "#description", "Register returnees together.").await;
        set_value(&b, "due_date", &day(120)).await;
        click(&b, "#scope-bilateral").await;
        click(&b, "#party-AF").await;
        click(&b, "#party-PK").await;
        click(&b, "#create-action").await;
        b.wait_for("#flash").await;
        let action_path = b.path().await;
        assert!(action_path.starts_with("/actions/"), "{action_path}");
        for (who, code) in [("fp.af", "AF"), ("fp.pk", "PK")] {
            switch_to(&b, who).await;
            from_home(&b, "agreements", &action_path).await;
            click(&b, &format!("#agree-{code}")).await;
            wait_attr(
                &b,
                &format!("#agreement-{code} .agreement"),
                "data-agreed",
                "true",
            )
            .await;
        }
        wait_attr(&b, "#action-state", "data-state", "agreed").await;
        b.assert_accessible("story-action-agreed").await;
        click(&b, "#board-link").await;
        b.wait_for("#column-agreed a").await;
        b.assert_accessible("story-board").await;

        // Iran's focal point sees neither the action nor a trace of it.
        switch_to(&b, "fp.ir").await;
        b.goto(&format!("/phases/{follow_up}")).await;
        b.wait_for("#phase-state").await;
        let listed = b
            .client
            .find_all(Locator::Css(&format!("a[href='{action_path}']")))
            .await
            .expect("searched");
        assert!(
            listed.is_empty(),
            "the third government sees the action listed"
        );
        b.goto(&action_path).await;
        let body = b.text("main").await;
        assert!(!body.contains("Torkham"), "{body}");

        // The deliverable: the Framework lists the adopted text.
        b.goto(&format!("/dialogues/{dialogue}/framework")).await;
        let framework = b.text("main").await;
        assert!(framework.contains("Return is voluntary, safe and dignified."));
        b.assert_accessible("story-framework").await;
        b.screenshot("story-framework").await;
    })
    .await;
}
