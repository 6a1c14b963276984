//! IATI 2.03 export: each file checked by its real consumer (`xmllint` against the
//! vendored XSD) and every coded value against the vendored code lists.
mod exports;
mod pages;
mod refusals;

use std::path::{Path, PathBuf};
use std::process::Command;

use concord::domain::iati::codelists::{
    ACTIVITY_DATE_TYPE, ACTIVITY_STATUS, BUDGET_STATUS, BUDGET_TYPE, COUNTRY, CURRENCY, CodeList,
    DESCRIPTION_TYPE, INDICATOR_MEASURE, ORGANISATION_ROLE, ORGANISATION_TYPE, RESULT_TYPE,
    SECTOR_VOCABULARY,
};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Value, json};

use crate::helpers::TestApp;

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/iati/2.03/iati-activities-schema.xsd")
}

/// Writes `xml` to a file and validates it with `xmllint --noout --nonet --schema`;
/// fails the test with xmllint's words unless it exits 0. Returns the file's folder.
pub fn assert_valid(xml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("activities.xml");
    std::fs::write(&file, xml).expect("written");
    assert_file_valid(&file);
    dir
}

pub fn assert_file_valid(file: &Path) {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema())
        .arg(file)
        .output()
        .expect("xmllint runs (Debian package libxml2-utils)");
    assert!(
        out.status.success(),
        "xmllint refused {}:\n{}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(file).unwrap_or_default()
    );
}

/// `xmllint --xpath` on a validated file: what a consumer reads back.
pub fn xpath(dir: &tempfile::TempDir, expression: &str) -> String {
    let out = Command::new("xmllint")
        .args(["--nonet", "--xpath", expression])
        .arg(dir.path().join("activities.xml"))
        .output()
        .expect("xmllint runs");
    // xmllint ends its answer with a line feed of its own.
    let answer = String::from_utf8_lossy(&out.stdout);
    answer.strip_suffix('\n').unwrap_or(&answer).to_owned()
}

/// The code list each coded attribute must come from, by element and attribute.
fn list_of(element: &str, attribute: &str) -> Option<&'static CodeList> {
    let list: &'static CodeList = match (element, attribute) {
        ("activity-status", "code") => &ACTIVITY_STATUS,
        ("activity-date", "type") => &ACTIVITY_DATE_TYPE,
        ("participating-org", "role") => &ORGANISATION_ROLE,
        ("participating-org" | "reporting-org", "type") => &ORGANISATION_TYPE,
        ("iati-activity", "default-currency") | ("value", "currency") => &CURRENCY,
        ("recipient-country", "code") => &COUNTRY,
        ("sector", "vocabulary") => &SECTOR_VOCABULARY,
        ("budget", "type") => &BUDGET_TYPE,
        ("budget", "status") => &BUDGET_STATUS,
        ("result", "type") => &RESULT_TYPE,
        ("indicator", "measure") => &INDICATOR_MEASURE,
        ("description", "type") => &DESCRIPTION_TYPE,
        _ => return None,
    };
    Some(list)
}

/// Every coded value of the file, as `element@attribute=value`, each checked to be an
/// active code of its list.
pub fn assert_coded_values(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut coded = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let element = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                for attribute in e.attributes().flatten() {
                    let name = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                    let value = String::from_utf8_lossy(&attribute.value).into_owned();
                    if let Some(list) = list_of(&element, &name) {
                        assert!(
                            list.contains(&value),
                            "{element}@{name}={value} is not in its code list"
                        );
                        coded.push(format!("{element}@{name}={value}"));
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!("the export is not well-formed XML: {e}"),
            _ => {}
        }
    }
    coded
}

/// The export of a dialogue as `token` reads it: status, content type, body.
pub async fn export(app: &TestApp, token: &str, project_id: &str) -> (u16, String, String) {
    let reply = app
        .get(&format!("/api/v1/projects/{project_id}/iati.xml"), token)
        .await;
    let content_type = reply
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = match reply.body {
        Value::String(text) => text,
        other => other.to_string(),
    };
    (reply.status.as_u16(), content_type, body)
}

/// The dialogue's current version, for a `PUT …/reporting`.
pub async fn version(app: &TestApp, token: &str, project_id: &str) -> i64 {
    let reply = app
        .get(&format!("/api/v1/projects/{project_id}/reporting"), token)
        .await;
    reply.body["version"].as_i64().expect("version")
}

/// Only what a valid activity cannot do without.
pub fn minimal_fields(version: i64) -> Value {
    json!({
        "version": version,
        "reporting_org_name": "Example Agency",
        "reporting_org_ref": "XI-IATI-EXAMPLE",
        "reporting_org_type": "21",
        "planned_start": "2025-03-01",
    })
}
