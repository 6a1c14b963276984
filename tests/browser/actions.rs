//! The follow-up action pages, clicked through: the coordinator creates a bilateral
//! AF–PK action from the phase page, each of the two focal points agrees for their own
//! government on the action page, the action is agreed; Iran's focal point finds it
//! neither on the board nor at its address. The board and the page in Persian.
use crate::driver::run;
use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;
use crate::workshops::{click, set_value, switch_to, type_into, wait_attr};

#[tokio::test]
async fn a_bilateral_action_is_agreed_by_its_two_governments_and_hidden_from_the_third() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    run("action_story", app, |b| async move {
        switch_to(&b, "coordinator").await;
        b.goto(&format!("/phases/{}", d.initial_phase_id)).await;
        click(&b, "#new-action").await;
        type_into(&b, "#title", "Joint registration pilot").await;
        type_into(
            &b,
            "#description",
            "Register returnees at Torkham together.",
        )
        .await;
        set_value(&b, "due_date", "2027-03-31").await;
        click(&b, "#scope-bilateral").await;
        // One government only: refused beside the governments, the title kept.
        click(&b, "#party-AF").await;
        click(&b, "#create-action").await;
        assert!(!b.text("#government_ids-error").await.is_empty());
        let title = b.wait_for("#title").await;
        assert_eq!(
            title.prop("value").await.ok().flatten().as_deref(),
            Some("Joint registration pilot")
        );
        click(&b, "#party-PK").await;
        click(&b, "#create-action").await;
        b.wait_for("#flash").await;
        let path = b.path().await;
        assert!(path.starts_with("/actions/"), "{path}");
        wait_attr(&b, "#action-state", "data-state", "proposed").await;
        for code in ["AF", "PK"] {
            wait_attr(
                &b,
                &format!("#agreement-{code} .agreement"),
                "data-agreed",
                "false",
            )
            .await;
        }

        // Each party agrees for their own government, by clicking.
        for (who, code) in [("fp.af", "AF"), ("fp.pk", "PK")] {
            switch_to(&b, who).await;
            b.goto(&path).await;
            let other = if code == "AF" { "PK" } else { "AF" };
            let offered = b
                .client
                .find_all(fantoccini::Locator::Css(&format!("#agree-{other}")))
                .await
                .expect("searched");
            assert!(
                offered.is_empty(),
                "{who} is not offered {other}'s agreement"
            );
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
        b.screenshot("action-en").await;

        // The board shows it under "agreed" to a party.
        click(&b, "#board-link").await;
        b.wait_for("#column-agreed a").await;
        b.screenshot("actions-board-en").await;

        // Iran's focal point: not on the board, and its address is a 404 page.
        switch_to(&b, "fp.ir").await;
        b.goto(&format!("/dialogues/{}/actions", d.project_id))
            .await;
        b.wait_for("#filters").await;
        let cards = b
            .client
            .find_all(fantoccini::Locator::Css(&format!("a[href='{path}']")))
            .await
            .expect("searched");
        assert!(cards.is_empty(), "the third government sees no card");
        b.wait_for("#no-actions").await;
        b.goto(&path).await;
        let body = b.text("main").await;
        assert!(!body.contains("Joint registration pilot"), "{body}");

        // In Persian, as a party: right to left, the board and the page.
        switch_to(&b, "fp.af").await;
        b.goto(&path).await;
        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        b.wait_for("#agreement-AF bdi").await;
        b.screenshot("action-fa").await;
        click(&b, "#board-link").await;
        b.wait_for("html[lang='fa'] #column-agreed").await;
        b.screenshot("actions-board-fa").await;
        b.assert_fits_phone("actions-board-fa").await;
    })
    .await;
}
