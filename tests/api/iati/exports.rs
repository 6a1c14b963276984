use reqwest::StatusCode;
use serde_json::json;

use super::{
    assert_coded_values, assert_file_valid, assert_valid, export, minimal_fields, version, xpath,
};
use crate::fixtures::draft_dialogue;
use crate::helpers::{TestApp, spawn_app};

async fn demo_dialogue(app: &TestApp) -> String {
    let seeded = app.seed_demo_dialogue().await;
    seeded.project_id.to_string()
}

#[tokio::test]
async fn the_demo_dialogues_export_is_valid_and_says_what_the_story_says() {
    let app = spawn_app().await;
    let project_id = demo_dialogue(&app).await;
    let manager = app.token("manager").await;
    let (status, content_type, xml) = export(&app, &manager, &project_id).await;
    assert_eq!(status, 200, "{xml}");
    assert!(
        content_type.starts_with("application/xml"),
        "{content_type}"
    );
    let dir = assert_valid(&xml);
    let coded = assert_coded_values(&xml);
    for expected in [
        "activity-status@code=2",
        "reporting-org@type=40",
        "participating-org@role=1",
        "participating-org@role=2",
        "participating-org@role=4",
        "participating-org@type=10",
        "activity-date@type=1",
        "activity-date@type=2",
        "activity-date@type=3",
        "iati-activity@default-currency=USD",
        "value@currency=USD",
        "recipient-country@code=AF",
        "recipient-country@code=IR",
        "recipient-country@code=PK",
        "sector@vocabulary=1",
        "result@type=2",
        "indicator@measure=5",
    ] {
        assert!(
            coded.iter().any(|c| c == expected),
            "{expected} missing: {coded:?}"
        );
    }
    // No actual end: the demo dialogue is still running.
    assert!(!coded.iter().any(|c| c == "activity-date@type=4"));
    assert_eq!(
        xpath(&dir, "string(//iati-activity/iati-identifier)"),
        "XM-DAC-47066-Q33-805"
    );
    assert_eq!(xpath(&dir, "string(//reporting-org/@ref)"), "XM-DAC-47066");
    assert_eq!(xpath(&dir, "string(//budget/value)"), "135000");
    assert_eq!(xpath(&dir, "string(//sector/@code)"), "15190");
    assert_eq!(xpath(&dir, "string(/iati-activities/@version)"), "2.03");
    assert!(!xpath(&dir, "string(/iati-activities/@generated-datetime)").is_empty());
    assert_eq!(
        xpath(&dir, "string(//participating-org[@role='1']/narrative)"),
        "IOM Development Fund"
    );
    // One indicator per adopted text (the demo has one adopted).
    assert_eq!(xpath(&dir, "count(//result/indicator)"), "1");
    let shares = xpath(&dir, "sum(//recipient-country/@percentage)");
    assert_eq!(shares, "100");

    // A focal point of a government that takes part reads the same file.
    let fp = app.token("fp.af").await;
    let (status, _, theirs) = export(&app, &fp, &project_id).await;
    assert_eq!(status, 200);
    assert_valid(&theirs);
}

#[tokio::test]
async fn a_dialogue_with_only_the_required_fields_exports_a_valid_file() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}/reporting", d.project_id);
    // Not yet configured: the export says so rather than writing an invalid file.
    let (status, _, body) = export(&app, &d.coordinator, &d.project_id).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("iati.not_configured"), "{body}");
    let before = app.get(&path, &d.coordinator).await;
    assert_eq!(before.body["reporting"], serde_json::Value::Null);

    let v = version(&app, &d.coordinator, &d.project_id).await;
    let saved = app.put(&path, &d.coordinator, minimal_fields(v)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["version"], v + 1);
    let identifier = saved.body["reporting"]["iati_identifier"]
        .as_str()
        .unwrap_or("");
    assert!(identifier.starts_with("XI-IATI-EXAMPLE-T-"), "{identifier}");
    // Recorded in the dialogue's history.
    let history = app
        .get(
            &format!("/api/v1/projects/{}/history", d.project_id),
            &d.coordinator,
        )
        .await;
    let last = history.body["items"]
        .as_array()
        .and_then(|items| items.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(last["transition"], "reporting", "{}", history.body);

    let (status, _, xml) = export(&app, &d.manager, &d.project_id).await;
    assert_eq!(status, 200, "{xml}");
    let dir = assert_valid(&xml);
    let coded = assert_coded_values(&xml);
    assert!(
        coded.contains(&"activity-status@code=1".to_owned()),
        "draft is pipeline"
    );
    assert_eq!(xpath(&dir, "count(//budget)"), "0");
    assert_eq!(xpath(&dir, "count(//sector)"), "0");
    assert_eq!(xpath(&dir, "count(//result)"), "0");
    assert_eq!(xpath(&dir, "count(//activity-date)"), "1");
    // The summary is the description; the three governments are implementing.
    assert_eq!(
        xpath(&dir, "string(//iati-activity/description/narrative)"),
        "For tests"
    );
    assert_eq!(xpath(&dir, "count(//participating-org[@role='4'])"), "3");
}

/// A dialogue of AF and IR only, whose texts are French and Persian with XML's
/// special characters, with one adopted understanding.
async fn multilingual_dialogue(app: &TestApp) -> (String, String) {
    let coordinator = app.token("coordinator").await;
    let af = app.government_id(&coordinator, "AF").await;
    let ir = app.government_id(&coordinator, "IR").await;
    let project = app
        .post(
            "/api/v1/projects",
            &coordinator,
            json!({"code": "ML-1", "title": "گفت‌وگوی «مهاجرت» <&\"> dialogue",
                   "summary": "Échanges « informels » & structurés <b>non</b> contraignants.",
                   "government_ids": [af, ir]}),
        )
        .await;
    assert_eq!(project.status, StatusCode::CREATED, "{}", project.body);
    let id = project.body["id"].as_str().expect("id").to_owned();
    let phase = app
        .post(
            &format!("/api/v1/projects/{id}/phases"),
            &coordinator,
            json!({"name": "Phase 1", "ordinal": 1}),
        )
        .await;
    let phase_id = phase.body["id"].as_str().expect("phase id").to_owned();
    app.apply(
        &coordinator,
        &format!("/api/v1/projects/{id}"),
        "activate",
        json!({}),
    )
    .await;
    app.apply(
        &coordinator,
        &format!("/api/v1/phases/{phase_id}"),
        "activate",
        json!({}),
    )
    .await;
    let text = app
        .post(
            &format!("/api/v1/phases/{phase_id}/understandings"),
            &coordinator,
            json!({"title": "Principe « A & B » <1>", "text": "اصل مشترک: \"همکاری\" & <احترام>\nSecond line."}),
        )
        .await;
    assert_eq!(text.status, StatusCode::CREATED, "{}", text.body);
    let text_path = format!(
        "/api/v1/understandings/{}",
        text.body["id"].as_str().expect("id")
    );
    app.apply(&coordinator, &text_path, "propose", json!({}))
        .await;
    for (who, government) in [("fp.af", &af), ("fp.ir", &ir)] {
        let token = app.token(who).await;
        let reply = app
            .put(
                &format!("{text_path}/endorsements/{government}"),
                &token,
                json!({"position": "endorsed", "revision": 1}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    (id, coordinator)
}

#[tokio::test]
async fn persian_french_and_special_characters_come_back_as_they_were_typed() {
    let app = spawn_app().await;
    let (id, coordinator) = multilingual_dialogue(&app).await;
    let v = version(&app, &coordinator, &id).await;
    let mut fields = minimal_fields(v);
    fields["reporting_org_name"] = json!("Agence « Sud & Ouest » <\"test\">");
    fields["funder_name"] = json!("صندوق توسعه & Co");
    fields["currency"] = json!("EUR");
    fields["budget_amount"] = json!("1250.50");
    fields["planned_end"] = json!("2026-12-31");
    fields["actual_start"] = json!("2025-04-01");
    fields["actual_end"] = json!("2026-11-30");
    let saved = app
        .put(
            &format!("/api/v1/projects/{id}/reporting"),
            &coordinator,
            fields,
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let observer = app.token("observer").await;
    let (status, _, xml) = export(&app, &observer, &id).await;
    assert_eq!(status, 200, "{xml}");
    let dir = assert_valid(&xml);
    assert_coded_values(&xml);
    assert!(
        xml.contains("&lt;") && xml.contains("&amp;"),
        "escaped by the writer"
    );
    assert_eq!(
        xpath(&dir, "string(//iati-activity/title/narrative)"),
        "گفت‌وگوی «مهاجرت» <&\"> dialogue"
    );
    assert_eq!(
        xpath(&dir, "string(//reporting-org/narrative)"),
        "Agence « Sud & Ouest » <\"test\">"
    );
    assert_eq!(
        xpath(&dir, "string(//result/indicator/title/narrative)"),
        "Principe « A & B » <1>"
    );
    assert_eq!(
        xpath(&dir, "string(//result/indicator/description/narrative)"),
        "اصل مشترک: \"همکاری\" & <احترام>\nSecond line."
    );
    assert_eq!(xpath(&dir, "string(//budget/value)"), "1250.50");
    assert_eq!(xpath(&dir, "count(//activity-date)"), "4");
    assert_eq!(xpath(&dir, "count(//recipient-country)"), "2");
    assert_eq!(xpath(&dir, "sum(//recipient-country/@percentage)"), "100");
}

#[tokio::test]
async fn the_command_line_exports_one_dialogue_or_all_that_have_reporting_fields() {
    let app = spawn_app().await;
    demo_dialogue(&app).await;
    let other = draft_dialogue(&app).await;
    let other_code = app
        .get(
            &format!("/api/v1/projects/{}", other.project_id),
            &other.coordinator,
        )
        .await
        .body["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let dir = tempfile::tempdir().expect("temp dir");
    let concord = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(args)
            .env("DATABASE_URL", &app.state.settings.database.url)
            .env("CONCORD_ENV", "test")
            .output()
            .expect("concord runs")
    };

    let one = dir.path().join("one.xml");
    let out = concord(&[
        "export",
        "iati",
        "--project",
        "Q33-805",
        "--out",
        one.to_str().unwrap_or(""),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_file_valid(&one);
    let xml = std::fs::read_to_string(&one).unwrap_or_default();
    assert_eq!(xml.matches("<iati-activity ").count(), 1);
    assert!(xml.contains("<iati-identifier>XM-DAC-47066-Q33-805</iati-identifier>"));

    // Without --project: every dialogue with reporting fields, on standard output; the
    // others named on standard error.
    let all = concord(&["export", "iati"]);
    assert!(
        all.status.success(),
        "{}",
        String::from_utf8_lossy(&all.stderr)
    );
    let stdout = String::from_utf8_lossy(&all.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&all.stderr).into_owned();
    assert!(
        stderr.contains(&format!("left out {other_code}")),
        "{stderr}"
    );
    assert_coded_values(&stdout);
    assert_valid(&stdout);

    let unknown = concord(&["export", "iati", "--project", "NOPE"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no dialogue with code NOPE"));
    let unset = concord(&["export", "iati", "--project", &other_code]);
    assert!(
        !unset.status.success(),
        "a dialogue without fields is no file"
    );
}
