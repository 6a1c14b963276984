//! The CSV exports of a dialogue, read back with the `csv` crate's reader after the
//! byte-order mark: headers, rows, text that must survive byte for byte (Persian,
//! French, a comma, a quote, a line break), the per-government columns, what each
//! reader may see (a focal point never gets a bilateral action not involving their
//! government, nor another government's dialogue), the pages' translated downloads,
//! and a cost that does not grow with the rows.
use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::json;

use crate::fixtures::{Dialogue, active_dialogue, scheduled_workshop};
use crate::helpers::{TestApp, spawn_app, spawn_counting_app};
use crate::page_client::{no_redirects, page, sign_in};

const BOM: &[u8] = b"\xEF\xBB\xBF";
const PERSIAN: &str = "ثبت مشترک مهاجران در مرز";
const FRENCH: &str = "Réunion « été » à l’Hôtel-Dieu";
const TRICKY: &str = "Data, \"shared\" fairly";
const NOTE: &str = "First step done,\n\"second\" under way";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\")";

struct Download {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Download {
    /// The records, header first, after checking the byte-order mark; the reader
    /// refuses records of unequal length, so every row has every column.
    fn records(&self) -> Vec<Vec<String>> {
        assert_eq!(self.status, StatusCode::OK, "{:?}", self.text());
        assert_eq!(
            self.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/csv; charset=utf-8")
        );
        let body = self
            .bytes
            .strip_prefix(BOM)
            .expect("the file starts with the UTF-8 byte-order mark");
        let header_end = body
            .iter()
            .position(|&b| b == b'\n')
            .expect("a header line");
        assert_eq!(body[header_end - 1], b'\r', "lines end in CRLF");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body);
        reader
            .records()
            .map(|r| {
                r.expect("an RFC 4180 record")
                    .iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    fn file_name(&self) -> &str {
        self.headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// The raw bytes of an export, with a bearer token or a session cookie (or neither).
async fn download(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    cookie: Option<&str>,
) -> Download {
    let mut request = no_redirects().get(format!("{}{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let reply = request.send().await.expect("sent");
    Download {
        status: reply.status(),
        headers: reply.headers().clone(),
        bytes: reply.bytes().await.expect("body").to_vec(),
    }
}

async fn api(app: &TestApp, d: &Dialogue, kind: &str, token: &str) -> Download {
    let path = format!("/api/v1/projects/{}/{kind}.csv", d.project_id);
    download(app, &path, Some(token), None).await
}

/// The row whose `column` is `value`.
fn row<'a>(records: &'a [Vec<String>], column: &str, value: &str) -> &'a [String] {
    let at = records[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    records
        .iter()
        .skip(1)
        .find(|r| r[at] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value:?}"))
}

fn cell<'a>(records: &'a [Vec<String>], row: &'a [String], column: &str) -> &'a str {
    let at = records[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    &row[at]
}

fn titles(records: &[Vec<String>]) -> Vec<&str> {
    records.iter().skip(1).map(|r| r[1].as_str()).collect()
}

async fn create_action(
    app: &TestApp,
    d: &Dialogue,
    title: &str,
    scope: &str,
    governments: serde_json::Value,
) -> String {
    let created = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": title, "scope": scope, "government_ids": governments,
                   "due_date": "2027-03-01"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_str().expect("id").to_owned()
}

/// A collective action (French title), a bilateral AF–PK one (Persian title) that
/// Afghanistan agreed to and reported on, a bilateral IR–PK one (comma and quotes),
/// and a collective one whose title looks like a formula; the AF–PK action's id.
async fn four_actions(app: &TestApp, d: &Dialogue) -> String {
    create_action(app, d, FRENCH, "collective", json!([])).await;
    let af_pk = create_action(app, d, PERSIAN, "bilateral", json!([d.af, d.pk])).await;
    create_action(app, d, TRICKY, "bilateral", json!([d.ir, d.pk])).await;
    create_action(app, d, FORMULA, "collective", json!([])).await;
    let fp_af = app.token("fp.af").await;
    let agreed = app
        .put(
            &format!("/api/v1/actions/{af_pk}/agreement/{}", d.af),
            &fp_af,
            json!({"agreed": true}),
        )
        .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    let noted = app
        .post(
            &format!("/api/v1/actions/{af_pk}/progress"),
            &fp_af,
            json!({"note": NOTE}),
        )
        .await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.body);
    af_pk
}

#[tokio::test]
async fn the_actions_export_has_every_action_with_each_governments_agreement() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let af_pk = four_actions(&app, &d).await;
    let file = api(&app, &d, "actions", &d.coordinator).await;
    assert!(
        file.file_name().starts_with("attachment; filename=\"T-")
            && file.file_name().ends_with("-actions.csv\""),
        "{}",
        file.file_name()
    );
    let records = file.records();
    assert_eq!(
        records[0],
        [
            "id",
            "title",
            "scope",
            "phase",
            "state",
            "owner",
            "due_date",
            "overdue",
            "AF_agreement",
            "IR_agreement",
            "PK_agreement",
            "last_progress",
            "last_progress_at"
        ]
    );
    assert_eq!(records.len(), 5, "a header and four actions");

    let persian = row(&records, "id", &af_pk);
    assert_eq!(
        cell(&records, persian, "title"),
        PERSIAN,
        "Persian byte for byte"
    );
    assert_eq!(cell(&records, persian, "scope"), "bilateral");
    assert_eq!(cell(&records, persian, "phase"), "Initial phase");
    assert_eq!(cell(&records, persian, "state"), "proposed");
    assert_eq!(cell(&records, persian, "due_date"), "2027-03-01");
    assert_eq!(cell(&records, persian, "AF_agreement"), "agreed");
    assert_eq!(
        cell(&records, persian, "IR_agreement"),
        "",
        "Iran is not involved"
    );
    assert_eq!(
        cell(&records, persian, "PK_agreement"),
        "—",
        "Pakistan has not agreed"
    );
    assert_eq!(
        cell(&records, persian, "last_progress"),
        NOTE,
        "a line break and quotes"
    );
    assert!(cell(&records, persian, "last_progress_at").ends_with('Z'));

    let french = row(&records, "title", FRENCH);
    assert_eq!(cell(&records, french, "scope"), "collective");
    for column in ["AF_agreement", "IR_agreement", "PK_agreement"] {
        assert_eq!(cell(&records, french, column), "—", "{column}");
    }
    assert_eq!(cell(&records, french, "last_progress"), "");
    let tricky = row(&records, "title", TRICKY);
    assert_eq!(cell(&records, tricky, "AF_agreement"), "");
    // The quoting itself, as RFC 4180 writes it.
    let text = file.text();
    assert!(text.contains("\"Data, \"\"shared\"\" fairly\""), "{text}");
    assert!(
        text.contains("\"First step done,\n\"\"second\"\" under way\""),
        "{text}"
    );
    // A title a spreadsheet would run as a formula is kept as text.
    let formula = format!("'{FORMULA}");
    row(&records, "title", &formula);
}

#[tokio::test]
async fn a_focal_point_exports_only_what_they_may_see() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    four_actions(&app, &d).await;
    let fp_ir = app.token("fp.ir").await;
    let records = api(&app, &d, "actions", &fp_ir).await.records();
    let seen = titles(&records);
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        !seen.contains(&PERSIAN),
        "the AF–PK action is not Iran's to see"
    );
    assert!(seen.contains(&TRICKY) && seen.contains(&FRENCH));
    let fp_af = app.token("fp.af").await;
    let seen_by_af = api(&app, &d, "actions", &fp_af).await.records();
    assert!(
        !titles(&seen_by_af).contains(&TRICKY),
        "the IR–PK action is not Afghanistan's"
    );
    assert_eq!(titles(&seen_by_af).len(), 3);

    // Readers who see the whole dialogue get every action.
    for who in ["manager", "observer", "admin"] {
        let token = app.token(who).await;
        let records = api(&app, &d, "actions", &token).await.records();
        assert_eq!(records.len(), 5, "{who}");
    }

    // A dialogue between Afghanistan and Pakistan only: not there for Iran at all.
    let other = app
        .post(
            "/api/v1/projects",
            &d.coordinator,
            json!({"code": "AF-PK-1", "title": "Bilateral talks", "summary": "",
                   "government_ids": [d.af, d.pk]}),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.body);
    let other_id = other.body["id"].as_str().expect("id");
    for kind in ["actions", "understandings", "workshops"] {
        let path = format!("/api/v1/projects/{other_id}/{kind}.csv");
        let refused = download(&app, &path, Some(&fp_ir), None).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{kind}");
        assert!(!refused.text().contains("Bilateral talks"));
        let allowed = download(&app, &path, Some(&fp_af), None).await;
        assert_eq!(allowed.records().len(), 1, "{kind}: the header alone");
        let anonymous = download(&app, &path, None, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{kind}");
    }
    let unknown = format!("/api/v1/projects/{}/actions.csv", uuid::Uuid::now_v7());
    assert_eq!(
        download(&app, &unknown, Some(&d.coordinator), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The list's filters apply, and a filter that does not parse is named.
    let bilateral = format!(
        "/api/v1/projects/{}/actions.csv?scope=bilateral",
        d.project_id
    );
    let filtered = download(&app, &bilateral, Some(&d.coordinator), None).await;
    assert_eq!(filtered.records().len(), 3);
    let bad = format!(
        "/api/v1/projects/{}/actions.csv?scope=sideways",
        d.project_id
    );
    let refused = app.get(&bad, &d.coordinator).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.to_string().contains("scope"),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn the_understandings_export_has_each_position_on_the_current_revision() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let created = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            json!({"title": PERSIAN, "text": "Shared principles"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/understandings/{id}");
    app.apply(&d.coordinator, &path, "propose", json!({})).await;
    for (who, government, position) in [("fp.af", &d.af, "endorsed"), ("fp.ir", &d.ir, "objection")]
    {
        let token = app.token(who).await;
        let reply = app
            .put(
                &format!("{path}/endorsements/{government}"),
                &token,
                json!({"position": position, "revision": 1}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let fp_pk = app.token("fp.pk").await;
    let file = api(&app, &d, "understandings", &fp_pk).await;
    assert!(file.file_name().ends_with("-understandings.csv\""));
    let records = file.records();
    assert_eq!(
        records[0],
        [
            "id",
            "title",
            "phase",
            "state",
            "revision",
            "AF_position",
            "IR_position",
            "PK_position"
        ]
    );
    assert_eq!(records.len(), 2);
    let text = row(&records, "id", &id);
    assert_eq!(cell(&records, text, "title"), PERSIAN);
    assert_eq!(cell(&records, text, "state"), "proposed");
    assert_eq!(cell(&records, text, "revision"), "1");
    assert_eq!(cell(&records, text, "AF_position"), "endorsed");
    assert_eq!(cell(&records, text, "IR_position"), "objection");
    assert_eq!(cell(&records, text, "PK_position"), "pending");

    // A revise starts a new revision: every position is pending again.
    app.apply(&d.coordinator, &path, "revise", json!({})).await;
    let records = api(&app, &d, "understandings", &d.coordinator)
        .await
        .records();
    let text = row(&records, "id", &id);
    assert_eq!(cell(&records, text, "revision"), "2");
    assert_eq!(cell(&records, text, "AF_position"), "pending");
    assert_eq!(cell(&records, text, "IR_position"), "pending");
}

#[tokio::test]
async fn the_workshops_export_tells_times_at_the_venue_and_attendance() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let path = scheduled_workshop(&app, &d).await;
    let id = path.rsplit('/').next().expect("id").to_owned();
    let fp_pk = app.token("fp.pk").await;
    let confirmed = app
        .put(
            &format!("{path}/attendance/{}", d.pk),
            &fp_pk,
            json!({"status": "confirmed"}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let read = app.get(&path, &d.coordinator).await;
    let starts_at = read.body["starts_at"].as_str().expect("starts_at");
    let starts_at = chrono::DateTime::parse_from_rfc3339(starts_at).expect("a time");

    let records = api(&app, &d, "workshops", &fp_pk).await.records();
    assert_eq!(
        records[0],
        [
            "id",
            "title",
            "kind",
            "phase",
            "state",
            "venue",
            "time_zone",
            "starts_at",
            "ends_at",
            "AF_attendance",
            "AF_outcome",
            "IR_attendance",
            "IR_outcome",
            "PK_attendance",
            "PK_outcome"
        ]
    );
    assert_eq!(records.len(), 2);
    let workshop = row(&records, "id", &id);
    assert_eq!(
        cell(&records, workshop, "title"),
        "Joint technical workshop"
    );
    assert_eq!(cell(&records, workshop, "kind"), "technical");
    assert_eq!(cell(&records, workshop, "state"), "scheduled");
    assert_eq!(cell(&records, workshop, "venue"), "Islamabad");
    assert_eq!(cell(&records, workshop, "time_zone"), "Asia/Karachi");
    let start = cell(&records, workshop, "starts_at");
    assert!(start.ends_with("+05:00"), "Islamabad's offset: {start}");
    let parsed = chrono::DateTime::parse_from_rfc3339(start).expect("ISO 8601");
    assert_eq!(
        parsed.timestamp(),
        starts_at.timestamp(),
        "the same instant"
    );
    assert_eq!(cell(&records, workshop, "PK_attendance"), "confirmed");
    assert_eq!(cell(&records, workshop, "AF_attendance"), "invited");
    assert_eq!(cell(&records, workshop, "PK_outcome"), "none");
}

#[tokio::test]
async fn the_demo_dialogues_exports_read_back_whole() {
    let app = spawn_app().await;
    let seeded = app.seed_demo_dialogue().await;
    let coordinator = app.token("coordinator").await;
    for kind in ["actions", "understandings", "workshops"] {
        let listed = app
            .get(
                &format!("/api/v1/projects/{}/{kind}?limit=100", seeded.project_id),
                &coordinator,
            )
            .await;
        let items = listed.body["items"].as_array().expect("items").len();
        let path = format!("/api/v1/projects/{}/{kind}.csv", seeded.project_id);
        let file = download(&app, &path, Some(&coordinator), None).await;
        assert_eq!(
            file.file_name(),
            format!("attachment; filename=\"Q33-805-{kind}.csv\"")
        );
        let records = file.records();
        assert!(items > 0, "the demo has {kind}");
        assert_eq!(records.len(), items + 1, "{kind}: a row per item");
    }
    // A concluded workshop has its attending governments' outcomes submitted.
    let path = format!("/api/v1/projects/{}/workshops.csv", seeded.project_id);
    let records = download(&app, &path, Some(&coordinator), None)
        .await
        .records();
    let concluded = row(&records, "state", "concluded");
    assert_eq!(cell(&records, concluded, "AF_attendance"), "attended");
    assert_eq!(cell(&records, concluded, "AF_outcome"), "submitted");
}

#[tokio::test]
async fn the_pages_download_in_the_readers_words() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    four_actions(&app, &d).await;
    app.set_user(
        "fp.af@demo.test",
        concord::store::entities::user::Column::Locale,
        "fa",
    )
    .await;
    let cookie = sign_in(&app, "fp.af").await;
    let (status, html) = page(&app, &cookie, &format!("/dialogues/{}", d.project_id)).await;
    assert_eq!(status, StatusCode::OK);
    for kind in ["actions", "understandings", "workshops"] {
        assert!(
            html.contains(&format!("href=\"/dialogues/{}/{kind}.csv\"", d.project_id)),
            "a {kind} download on the dialogue page"
        );
    }
    let board = format!("/dialogues/{}/actions?scope=bilateral", d.project_id);
    let (_, html) = page(&app, &cookie, &board).await;
    assert!(
        html.contains(&format!(
            "/dialogues/{}/actions.csv?scope=bilateral",
            d.project_id
        )),
        "the board's download keeps its filters"
    );

    let path = format!("/dialogues/{}/actions.csv", d.project_id);
    let file = download(&app, &path, None, Some(&cookie)).await;
    let records = file.records();
    assert_eq!(records[0][1], "عنوان", "headers in Persian");
    assert_eq!(records[0][8], "AF: موافقت");
    assert_eq!(records.len(), 4, "Afghanistan's three actions");
    let persian = row(&records, "عنوان", PERSIAN);
    assert_eq!(persian[8], "موافقت کرده");
    assert!(
        !file.text().contains('\u{2068}'),
        "no bidi isolation marks in cells"
    );
    let filtered = download(
        &app,
        &format!("{path}?scope=bilateral"),
        None,
        Some(&cookie),
    )
    .await;
    assert_eq!(filtered.records().len(), 2, "the AF–PK action alone");

    // Another government's dialogue is not there; no session goes to sign in.
    let other = app
        .post(
            "/api/v1/projects",
            &d.coordinator,
            json!({"code": "IR-PK-1", "title": "Bilateral talks", "summary": "",
                   "government_ids": [d.ir, d.pk]}),
        )
        .await;
    let other_id = other.body["id"].as_str().expect("id");
    let hidden = format!("/dialogues/{other_id}/workshops.csv");
    assert_eq!(
        download(&app, &hidden, None, Some(&cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let anonymous = download(&app, &path, None, None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

/// Beyond the lists' own queries (checked in `plans.rs`), an export reads the
/// dialogue's phases; that too goes through an index, with no sort.
#[tokio::test]
async fn the_exports_phase_names_are_read_through_an_index() {
    use concord::store::entities::phase;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let dir = tempfile::tempdir().expect("dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("plans.db").display()
    );
    let db = sea_orm::Database::connect(&url).await.expect("connect");
    concord::store::migrate(&concord::store::Db::shared(db.clone()))
        .await
        .expect("migrate");
    let phases = phase::Entity::find()
        .filter(phase::Column::ProjectId.eq(uuid::Uuid::now_v7()))
        .order_by_asc(phase::Column::Ordinal);
    let plan = crate::plans::plan(&db, phases).await;
    crate::plans::assert_served_by_index("phases of a dialogue", &plan, "phases");
}

/// Statements run while `path` is exported.
async fn cost(app: &TestApp, counter: &AtomicUsize, path: &str, token: &str) -> usize {
    let before = counter.load(Ordering::SeqCst);
    let file = download(app, path, Some(token), None).await;
    assert_eq!(file.status, StatusCode::OK);
    counter.load(Ordering::SeqCst) - before
}

#[tokio::test]
async fn an_export_costs_the_same_statements_for_five_rows_as_for_forty() {
    let (app, counter) = spawn_counting_app().await;
    let d = active_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}/actions.csv", d.project_id);
    for i in 0..5 {
        create_action(&app, &d, &format!("Action {i}"), "collective", json!([])).await;
    }
    let five = cost(&app, &counter, &path, &d.coordinator).await;
    for i in 5..40 {
        let scope = if i % 2 == 0 {
            "collective"
        } else {
            "bilateral"
        };
        let governments = if i % 2 == 0 {
            json!([])
        } else {
            json!([d.af, d.pk])
        };
        create_action(&app, &d, &format!("Action {i}"), scope, governments).await;
    }
    let forty = cost(&app, &counter, &path, &d.coordinator).await;
    eprintln!("statements: actions.csv of 5 = {five}, of 40 = {forty}");
    assert_eq!(forty, five, "a statement per row somewhere");
}
