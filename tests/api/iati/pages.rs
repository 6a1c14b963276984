use reqwest::StatusCode;

use crate::fixtures::draft_dialogue;
use crate::helpers::spawn_app;
use crate::page_client::{page, sign_in, submit};

#[tokio::test]
async fn the_reporting_page_sets_the_fields_with_errors_beside_them() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let coordinator = sign_in(&app, "coordinator").await;
    let (_, dialogue) = page(&app, &coordinator, &format!("/dialogues/{}", d.project_id)).await;
    assert!(dialogue.contains(&format!("href=\"/dialogues/{}/reporting\"", d.project_id)));
    let path = format!("/dialogues/{}/reporting", d.project_id);
    let (status, empty) = page(&app, &coordinator, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(empty.contains("id=\"iati-not-set\"") && empty.contains("id=\"save-reporting\""));

    let mut fields = vec![
        ("version", "1"),
        ("reporting_org_name", "Agence <Sud>"),
        ("reporting_org_ref", "XM-DAC-47066"),
        ("reporting_org_type", "40"),
        ("funder_name", ""),
        ("funder_ref", ""),
        ("currency", "DOLLARS"),
        ("budget_amount", "135000"),
        ("sector_code", ""),
        ("planned_start", "2022-07-01"),
        ("planned_end", "2024-06-30"),
        ("actual_start", ""),
        ("actual_end", ""),
    ];
    let refused = submit(&app, &coordinator, &path, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"currency-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Give a currency code such as USD."));
    assert!(
        refused.body.contains("value=\"DOLLARS\""),
        "what was typed is kept"
    );
    assert!(
        refused.body.contains("value=\"Agence &#60;Sud&#62;\"")
            || refused.body.contains("Agence &lt;Sud&gt;")
    );

    fields[6] = ("currency", "USD");
    let saved = submit(&app, &coordinator, &path, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = saved.follow(&app, &coordinator).await;
    assert!(shown.contains("XM-DAC-47066-T-"), "{shown}");
    assert!(shown.contains("id=\"iati-download\""));
    // The budget as the reader writes amounts; the planned dates as one span.
    let plain = shown.replace(['\u{2068}', '\u{2069}'], "");
    assert!(plain.contains("USD 135,000"), "{plain}");
    assert!(
        plain.contains("Fri 1 Jul 2022 – Sun 30 Jun 2024"),
        "{plain}"
    );
    // The dialogue's history names the change in words, not by its stored name.
    let (_, history) = page(
        &app,
        &coordinator,
        &format!("/dialogues/{}/history", d.project_id),
    )
    .await;
    assert!(
        history.contains("IATI reporting fields set") && !history.contains(">reporting<"),
        "{history}"
    );

    // An observer reads the fields but has no form, and posting is refused.
    let observer = sign_in(&app, "observer").await;
    let (status, read_only) = page(&app, &observer, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(read_only.contains("XM-DAC-47066-T-") && !read_only.contains("save-reporting"));
    fields[0] = ("version", "2");
    let forbidden = submit(&app, &observer, &path, &fields).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}
