//! The dialogue and phase pages, clicked through as the coordinator and the manager:
//! creating a dialogue with two phases, activating it, a refused transition with the
//! domain's reason, a stale form's conflict page, and the manager's checklist.
use fantoccini::Locator;
use serde_json::json;

use crate::driver::{Browser, run};
use crate::helpers::spawn_app;

async fn type_into(b: &Browser, css: &str, text: &str) {
    let field = b.wait_for(css).await;
    field.clear().await.expect("cleared");
    field.send_keys(text).await.expect("typed");
}

async fn click(b: &Browser, css: &str) {
    b.wait_for(css).await.click().await.expect("clicked");
}

/// Every phase's label lies inside the timeline's drawing (an SVG clips what runs
/// out of it), in the page's own direction.
async fn assert_timeline_labels_inside(b: &Browser) {
    let outside = b
        .client
        .execute(
            r#"const box = document.querySelector('svg.timeline').getBoundingClientRect();
return [...document.querySelectorAll('svg.timeline text')].filter((t) => {
  const r = t.getBoundingClientRect();
  return r.width === 0 || r.left < box.left - 0.5 || r.right > box.right + 0.5;
}).map((t) => t.textContent);"#,
            vec![],
        )
        .await
        .expect("measured");
    assert_eq!(outside, json!([]), "labels outside the timeline");
}

/// On a 360 px phone the timeline's labels keep a readable size (the drawing scrolls
/// sideways in its own box instead of shrinking to fit).
async fn assert_timeline_readable_on_a_phone(b: &Browser) {
    let label = b
        .on_a_phone(
            "timeline",
            "return document.querySelector('svg.timeline text').getBoundingClientRect().height;",
        )
        .await;
    let px = label.as_f64().unwrap_or_default();
    assert!(px >= 10.0, "a timeline label is {px}px high on a phone");
}

/// Whether `words`, each found in the text of `css`, come in this order as a reader
/// of a right-to-left page reads them: each one further left on its line, or on a
/// later line. Bidi marks in the wrong place lay a Persian date out backwards while
/// its text stays right.
async fn reads_right_to_left(b: &Browser, css: &str, words: &[&str]) -> serde_json::Value {
    b.client
        .execute(
            r#"const [css, words] = arguments;
const root = document.querySelector(css);
const box = (word) => {
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const at = node.data.indexOf(word);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      return range.getBoundingClientRect();
    }
  }
  return null;
};
const boxes = words.map(box);
const wrong = [];
boxes.forEach((here, i) => {
  if (!here) { wrong.push(words[i] + ': not found'); return; }
  const before = boxes[i - 1];
  if (i === 0 || !before) return;
  const sameLine = Math.abs(here.top - before.top) <= 2;
  if (!(here.top > before.top + 2 || (sameLine && here.right < before.right))) {
    wrong.push(words[i - 1] + ' then ' + words[i]);
  }
});
return wrong;"#,
            vec![json!(css), json!(words)],
        )
        .await
        .expect("measured")
}

/// The id at the end of the current path (`/dialogues/{id}`).
async fn id_in_path(b: &Browser) -> String {
    b.path()
        .await
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

pub async fn add_phase(b: &Browser, name: &str, start: &str, end: &str) {
    type_into(b, "#name", name).await;
    // The browser's date picker takes the digits as typed in its own order; set the
    // value directly so the test does not depend on the machine's locale.
    for (id, value) in [("planned_start", start), ("planned_end", end)] {
        b.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(value)],
            )
            .await
            .expect("date set");
    }
    click(b, "#add-phase").await;
    let added = format!("//ol[@id='stepper']//bdi[text()='{name}']");
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(&added))
        .await
        .expect("the phase is in the stepper");
    assert!(b.text("#flash.notice").await.contains(name));
}

#[tokio::test]
async fn the_coordinator_creates_a_dialogue_the_manager_sees_the_checklist() {
    run("dialogues", spawn_app().await, |b| async move {
        let app = b.app.clone();
        b.sign_in_as("coordinator").await;
        click(&b, "#nav a[href='/dialogues']").await;
        b.wait_for("#new-dialogue").await;
        b.assert_accessible("dialogues").await;
        click(&b, "#new-dialogue").await;
        b.wait_for("#create-dialogue").await;
        b.assert_accessible("dialogue-new").await;
        // What is typed takes its own direction: a Persian summary on an English page
        // runs right to left.
        type_into(&b, "#summary", "گفت‌وگوی آزمایشی دربارهٔ بازگشت").await;
        let rtl = b
            .client
            .execute(
                "return document.querySelector('#summary').matches(':dir(rtl)');",
                vec![],
            )
            .await
            .expect("measured");
        assert_eq!(rtl, json!(true), "the summary follows its text's direction");

        // A form with a mistake comes back with the input kept and the error beside
        // the field it names.
        type_into(&b, "#code", "T-900").await;
        type_into(&b, "#budget_usd", "a lot").await;
        click(&b, "#gov-AF").await;
        click(&b, "#gov-IR").await;
        click(&b, "#create-dialogue").await;
        b.wait_for("#error-summary").await;
        b.assert_accessible("dialogue-new-refused").await;
        b.assert_focus_visible("dialogue-new-refused").await;
        assert!(b.text("#budget_usd-error").await.len() > 3);
        let budget = b.wait_for("#budget_usd").await;
        assert_eq!(
            budget
                .attr("aria-describedby")
                .await
                .ok()
                .flatten()
                .as_deref(),
            Some("budget_usd-error")
        );
        assert_eq!(
            budget.prop("value").await.ok().flatten().as_deref(),
            Some("a lot")
        );
        assert!(
            b.wait_for("#gov-AF")
                .await
                .is_selected()
                .await
                .unwrap_or(false)
        );

        // A field that parses but breaks a rule is named beside its own field too.
        type_into(&b, "#budget_usd", "50000").await;
        click(&b, "#create-dialogue").await;
        assert!(b.text("#title-error").await.contains("Fill this in"));
        type_into(&b, "#title", "Test dialogue on return").await;
        click(&b, "#create-dialogue").await;
        b.wait_for("#flash.notice").await;
        let dialogue = id_in_path(&b).await;
        assert_eq!(b.path().await, format!("/dialogues/{dialogue}"));
        assert!(b.text("#governments").await.contains("AF"));

        add_phase(&b, "Initial phase", "2030-01-01", "2030-06-30").await;
        add_phase(&b, "Follow-up phase", "2030-07-01", "2030-12-31").await;
        assert!(b.text("#stepper").await.contains("Follow-up phase"));
        b.wait_for("svg.timeline rect.timeline-phase").await;
        assert_timeline_labels_inside(&b).await;
        assert_timeline_readable_on_a_phone(&b).await;
        assert_eq!(
            crate::workshops::plain_text(&b, "#budget").await,
            "USD 50,000"
        );
        b.assert_usable("dialogue-en").await;

        click(&b, "#project-activate").await;
        b.wait_for("#project-suspend:enabled").await;
        assert!(b.text("#flash").await.contains("active"));
        assert!(b.text("#dialogue-state").await.contains("active"));
        b.wait_for("#stepper li[aria-current='step'] #phase-1")
            .await;

        // The follow-up phase cannot start yet: a disabled button and the reason.
        click(&b, "#phase-2").await;
        let start = b.wait_for("#phase-activate").await;
        assert!(!start.is_enabled().await.unwrap_or(true));
        assert!(
            b.text("#phase-activate-why")
                .await
                .contains("previous phase")
        );
        // The reason is the domain's (English) sentence: it takes its own direction,
        // so on a Persian page its full stop stays at its end.
        b.wait_for("#phase-activate-why[dir='auto']").await;
        b.assert_usable("phase-en").await;

        // A transition refused when it is tried says the domain's reason.
        let token = app.token("coordinator").await;
        b.goto(&format!("/dialogues/{dialogue}")).await;
        click(&b, "#phase-1").await;
        let first_phase = id_in_path(&b).await;
        b.wait_for("#phase-activate:enabled").await;
        let reply = app
            .get(&format!("/api/v1/projects/{dialogue}"), &token)
            .await;
        let version = reply.body["version"].as_i64().unwrap_or_default();
        let suspend = json!({"transition": "suspend", "version": version});
        let reply = app
            .post(
                &format!("/api/v1/projects/{dialogue}/transitions"),
                &token,
                suspend,
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        click(&b, "#phase-activate").await;
        assert_eq!(b.text("#flash.error").await, "The dialogue is not active.");
        assert!(b.text("#phase-state").await.contains("planned"));
        let resume = json!({"transition": "resume", "version": version + 1});
        let reply = app
            .post(
                &format!("/api/v1/projects/{dialogue}/transitions"),
                &token,
                resume,
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);

        // A stale form: someone else starts the phase while the page is open.
        b.goto(&format!("/phases/{first_phase}")).await;
        type_into(&b, "#phase-cancel-reason", "Funding moved").await;
        let activate = json!({"transition": "activate", "version": 1});
        let reply = app
            .post(
                &format!("/api/v1/phases/{first_phase}/transitions"),
                &token,
                activate,
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        click(&b, "#phase-cancel").await;
        b.wait_for("#conflict").await;
        assert!(b.text("#state-now").await.contains("active"));
        let kept = b.wait_for("#phase-cancel-reason").await;
        assert_eq!(
            kept.prop("value").await.ok().flatten().as_deref(),
            Some("Funding moved")
        );
        b.screenshot("conflict-en").await;
        b.assert_accessible("conflict-en").await;

        // The manager sees the checklist and completes the phase from it.
        b.goto("/").await;
        click(&b, "#sign-out").await;
        b.wait_for("#notice").await;
        b.sign_in_as("manager").await;
        b.assert_accessible("home-manager").await;
        b.goto(&format!("/phases/{first_phase}")).await;
        b.wait_for("#checklist #check-active.met").await;
        b.wait_for("#checklist #check-workshops_closed.met").await;
        b.wait_for("#checklist #check-actions_closed.met").await;
        b.screenshot("phase-en").await;
        click(&b, "#phase-complete").await;
        assert!(b.text("#flash.notice").await.contains("completed"));
        b.wait_for("#checklist #check-active.unmet").await;

        // In Persian: right to left, dates in the Solar Hijri calendar first.
        b.goto(&format!("/dialogues/{dialogue}")).await;
        click(&b, "button[value='fa']").await;
        b.wait_for("html[lang='fa'][dir='rtl']").await;
        let stepper = crate::workshops::plain_text(&b, "#stepper").await;
        assert!(stepper.contains("دی ۱۴۰۸"), "{stepper}");
        assert!(
            stepper.contains("ژانویه ۲۰۳۰"),
            "the Gregorian date too: {stepper}"
        );
        assert_timeline_labels_inside(&b).await;
        let budget = crate::workshops::plain_text(&b, "#budget").await;
        assert!(
            budget.contains("۵۰٬۰۰۰"),
            "grouped, in Persian digits: {budget}"
        );
        // 1 January to 30 June 2030: "… دی ۱۴۰۸ (… ژانویه ۲۰۳۰) تا … تیر ۱۴۰۹ (…)".
        assert_eq!(
            reads_right_to_left(&b, "#stepper li", &["دی", "۱۴۰۸", "ژانویه", "تیر"]).await,
            json!([]),
            "the phase's dates read in order"
        );
        b.screenshot("dialogue-fa").await;
        b.assert_usable("dialogue-fa").await;
        click(&b, "#phase-1").await;
        b.wait_for("#checklist").await;
        b.screenshot("phase-fa").await;
        b.assert_accessible("phase-fa").await;
    })
    .await;
}
