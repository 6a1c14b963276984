//! The common-understanding pages, clicked through: the coordinator drafts, proposes,
//! revises and proposes again; each focal point endorses; the text is adopted. The
//! consensus matrix, the revision history's word diff, and a Persian reading.
use crate::driver::run;
use crate::fixtures::active_dialogue;
use crate::helpers::spawn_app;
use crate::workshops::{click, switch_to, type_into, wait_attr};

#[tokio::test]
async fn a_text_proposed_revised_and_endorsed_by_every_government_is_adopted() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    run("understanding_story", app, |b| async move {
        switch_to(&b, "coordinator").await;
        b.goto(&format!("/phases/{}", d.initial_phase_id)).await;
        click(&b, "#new-understanding").await;
        b.wait_for("#create-understanding").await;
        b.assert_accessible("understanding-new").await;
        type_into(&b, "#title", "Voluntary return").await;
        // Blank (the browser's own `required` lets spaces through; the parser does not).
        type_into(&b, "#text", "   ").await;
        click(&b, "#create-understanding").await;
        // The text is required: said beside the field, the title kept.
        assert!(!b.text("#text-error").await.is_empty());
        b.assert_accessible("understanding-new-refused").await;
        b.assert_focus_visible("understanding-new-refused").await;
        type_into(&b, "#text", "Return is voluntary and safe.").await;
        click(&b, "#create-understanding").await;
        b.wait_for("#flash").await;
        let path = b.path().await;
        assert!(path.starts_with("/understandings/"), "{path}");
        wait_attr(&b, "#understanding-state", "data-state", "draft").await;
        // One row per participating government, none with a position yet.
        for code in ["AF", "IR", "PK"] {
            wait_attr(
                &b,
                &format!("#position-{code} .position"),
                "data-position",
                "pending",
            )
            .await;
        }
        b.assert_usable("understanding-draft").await;
        click(&b, "#understanding-propose").await;
        wait_attr(&b, "#understanding-state", "data-state", "proposed").await;

        // Afghanistan objects; the coordinator revises the wording and proposes again.
        switch_to(&b, "fp.af").await;
        b.goto(&path).await;
        b.assert_accessible("understanding-proposed-fp").await;
        click(&b, "#position-objection").await;
        type_into(&b, "#note", "Add dignity.").await;
        click(&b, "#give-position").await;
        wait_attr(&b, "#position-AF .position", "data-position", "objection").await;
        switch_to(&b, "coordinator").await;
        b.goto(&path).await;
        click(&b, "#understanding-revise").await;
        wait_attr(&b, "#understanding-state", "data-state", "draft").await;
        type_into(&b, "#text", "Return is voluntary, safe and dignified.").await;
        click(&b, "#save-text").await;
        // The history shows revision 2 against revision 1, word by word (waiting for
        // the new page: the old one had a flash too).
        b.wait_for("#revision-2 ins").await;
        let mut inserted = String::new();
        for ins in b
            .client
            .find_all(fantoccini::Locator::Css("#revision-2 ins"))
            .await
            .expect("searched")
        {
            inserted.push_str(&ins.text().await.expect("text"));
        }
        assert!(inserted.contains("dignified"), "{inserted}");
        b.assert_accessible("understanding-revised").await;
        assert!(
            !b.text("#revision-2 del").await.is_empty(),
            "something removed"
        );
        assert!(
            b.text("#revision-1")
                .await
                .contains("Return is voluntary and safe.")
        );
        click(&b, "#understanding-propose").await;
        wait_attr(&b, "#understanding-state", "data-state", "proposed").await;

        // Each focal point endorses; after the last the text is adopted.
        for (who, code) in [("fp.af", "AF"), ("fp.ir", "IR"), ("fp.pk", "PK")] {
            switch_to(&b, who).await;
            b.goto(&path).await;
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
        // Adopted: nobody is offered a position any more.
        let forms = b
            .client
            .find_all(fantoccini::Locator::Css("#position-form"))
            .await
            .expect("searched");
        assert!(forms.is_empty(), "no position form on an adopted text");
        let disabled = b.wait_for("#give-position").await;
        assert!(disabled.attr("disabled").await.ok().flatten().is_some());
        assert!(
            !b.text("#position-why").await.is_empty(),
            "the domain's reason beside it"
        );
        b.screenshot("understanding-en").await;
        b.assert_usable("understanding-en").await;

        // In Persian: right to left, names isolated, Solar Hijri dates first.
        b.wait_for("button[value='fa']")
            .await
            .click()
            .await
            .expect("clicked");
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        let when = b.text("#position-PK td:last-child").await;
        let solar = [
            "فروردین",
            "اردیبهشت",
            "خرداد",
            "تیر",
            "مرداد",
            "شهریور",
            "مهر",
            "آبان",
            "آذر",
            "دی",
            "بهمن",
            "اسفند",
        ];
        assert!(
            solar.iter().any(|m| when.contains(m)),
            "a Solar Hijri month: {when}"
        );
        assert!(
            when.contains('۱') || when.contains('۰') || when.contains('۲'),
            "Persian digits: {when}"
        );
        b.wait_for("#position-PK bdi").await;
        b.screenshot("understanding-fa").await;
        b.assert_usable("understanding-fa").await;

        // Usable on a 360 px phone: the matrix scrolls inside its box, not the page.
        b.assert_fits_phone("understanding-fa").await;
    })
    .await;
}
