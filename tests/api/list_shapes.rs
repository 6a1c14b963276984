//! What a list item carries: a summary of what a list shows, while the single read of
//! the same resource carries everything (issue 8: 50 actions were 77 KB, most of it
//! reason sentences and every progress note).
use serde_json::{Value, json};

use crate::fixtures::scheduled_workshop;
use crate::fixtures::{Dialogue, active_dialogue};
use crate::helpers::{TestApp, spawn_app};

const NOTES_PER_ACTION: usize = 3;

async fn add_action_with_notes(app: &TestApp, d: &Dialogue, i: usize) -> String {
    let reply = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": format!("Follow-up action {i}"),
                   "description": "Exchange data on returns through the agreed channel.",
                   "scope": "collective", "due_date": "2030-03-01"}),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
    let id = reply.body["id"].as_str().expect("id").to_owned();
    for n in 0..NOTES_PER_ACTION {
        let note = app
            .post(
                &format!("/api/v1/actions/{id}/progress"),
                &d.coordinator,
                json!({"note": format!("Note {n}: the working group met and agreed the next steps for this action.")}),
            )
            .await;
        assert_eq!(note.status.as_u16(), 201, "{}", note.body);
    }
    id
}

/// The JSON text of a reply as the server wrote it (compact, so its length is the
/// number of bytes sent).
fn bytes(body: &Value) -> usize {
    serde_json::to_string(body).map(|s| s.len()).unwrap_or(0)
}

#[tokio::test]
async fn a_page_of_fifty_actions_is_small() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    for i in 0..50 {
        add_action_with_notes(&app, &d, i).await;
    }
    let list = app
        .get(
            &format!("/api/v1/projects/{}/actions?limit=50", d.project_id),
            &d.coordinator,
        )
        .await;
    assert_eq!(list.status.as_u16(), 200, "{}", list.body);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(50));
    // Pages write their own answer (`PageBody`, presized), still as JSON.
    let content_type = list
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("application/json"));
    let size = bytes(&list.body);
    eprintln!("payload: 50 actions with {NOTES_PER_ACTION} notes each = {size} bytes");
    // Measured: 108,620 bytes before list items were summarised, 58,114 after (most of
    // what is left is ids, dates and the three agreements of each action).
    assert!(size <= 50 * 1_250, "50 actions took {size} bytes");
}

/// Every entry of a list item's `allowed_transitions` is an allowed one, named, with no
/// reason; returns the names.
#[track_caller]
fn listed_as_allowed(item: &Value) -> Vec<String> {
    let entries = item["allowed_transitions"]
        .as_array()
        .unwrap_or_else(|| panic!("no allowed_transitions: {item}"));
    entries
        .iter()
        .map(|entry| {
            assert_eq!(entry["allowed"], true, "a refused entry on a list: {item}");
            let keys: Vec<&String> = entry
                .as_object()
                .map(|o| o.keys().collect())
                .unwrap_or_default();
            assert_eq!(keys.len(), 2, "more than a name on a list: {entry}");
            entry["transition"].as_str().expect("transition").to_owned()
        })
        .collect()
}

/// The single read explains every refusal, and allows what the list said it allows.
#[track_caller]
fn read_agrees_with_list(read: &Value, listed: &[String]) {
    let entries = read["allowed_transitions"]
        .as_array()
        .expect("allowed_transitions");
    let allowed: Vec<String> = entries
        .iter()
        .filter(|e| e["allowed"] == true)
        .map(|e| e["transition"].as_str().expect("transition").to_owned())
        .collect();
    assert_eq!(allowed, listed, "{read}");
    let refused: Vec<&Value> = entries.iter().filter(|e| e["allowed"] == false).collect();
    assert!(!refused.is_empty(), "nothing refused to compare: {read}");
    for entry in refused {
        assert!(
            entry["reason_code"].as_str().is_some_and(|c| !c.is_empty()),
            "{entry}"
        );
        assert!(
            entry["reason"].as_str().is_some_and(|r| r.len() > 10),
            "{entry}"
        );
    }
}

#[tokio::test]
async fn list_items_name_what_is_allowed_and_single_reads_say_why_not() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    scheduled_workshop(&app, &d).await;
    let text = app
        .post(
            &format!("/api/v1/phases/{}/understandings", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "Return principle", "text": "Returns are voluntary."}),
        )
        .await;
    assert_eq!(text.status.as_u16(), 201, "{}", text.body);
    add_action_with_notes(&app, &d, 0).await;
    let fp_af = app.token("fp.af").await;

    let project = format!("/api/v1/projects/{}", d.project_id);
    for (list, single) in [
        ("/api/v1/projects".to_owned(), "/api/v1/projects"),
        (format!("{project}/workshops"), "/api/v1/workshops"),
        (
            format!("{project}/understandings"),
            "/api/v1/understandings",
        ),
        (format!("{project}/actions"), "/api/v1/actions"),
    ] {
        for token in [&d.coordinator, &fp_af] {
            let page = app.get(&list, token).await;
            assert_eq!(page.status.as_u16(), 200, "{list}: {}", page.body);
            let items = page.body["items"].as_array().expect("items");
            assert!(!items.is_empty(), "{list} is empty");
            for item in items {
                let listed = listed_as_allowed(item);
                let id = item["id"].as_str().expect("id");
                let read = app.get(&format!("{single}/{id}"), token).await;
                assert_eq!(read.status.as_u16(), 200, "{}", read.body);
                read_agrees_with_list(&read.body, &listed);
            }
        }
    }
}

#[tokio::test]
async fn an_action_list_item_counts_its_notes_and_carries_the_newest() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let noted = add_action_with_notes(&app, &d, 0).await;
    let quiet = app
        .post(
            &format!("/api/v1/phases/{}/actions", d.initial_phase_id),
            &d.coordinator,
            json!({"title": "No news yet", "scope": "collective", "due_date": "2030-03-01"}),
        )
        .await;
    assert_eq!(quiet.status.as_u16(), 201, "{}", quiet.body);

    let list = app
        .get(
            &format!("/api/v1/projects/{}/actions", d.project_id),
            &d.coordinator,
        )
        .await;
    let items = list.body["items"].as_array().expect("items");
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed: {}", list.body))
    };
    let listed = item(&noted);
    assert_eq!(listed["progress_count"], NOTES_PER_ACTION);
    let newest = format!("Note {}:", NOTES_PER_ACTION - 1);
    assert!(
        listed["last_progress"]["note"]
            .as_str()
            .is_some_and(|n| n.starts_with(&newest)),
        "{listed}"
    );
    assert!(listed["last_progress"]["author_id"].is_string(), "{listed}");
    assert!(listed["last_progress"]["at"].is_string(), "{listed}");
    assert!(
        listed.get("progress").is_none(),
        "all notes on a list: {listed}"
    );
    let silent = item(quiet.body["id"].as_str().expect("id"));
    assert_eq!(silent["progress_count"], 0);
    assert_eq!(silent["last_progress"], Value::Null);

    let read = app
        .get(&format!("/api/v1/actions/{noted}"), &d.coordinator)
        .await;
    let notes = read.body["progress"].as_array().expect("progress");
    assert_eq!(notes.len(), NOTES_PER_ACTION);
    assert_eq!(
        notes[NOTES_PER_ACTION - 1]["note"],
        listed["last_progress"]["note"]
    );
    assert!(
        notes[0]["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("Note 0:"))
    );
    assert!(read.body.get("progress_count").is_none(), "{}", read.body);
}

/// A list item is read in one statement (issue 8) and a single read in several: the
/// two must agree on every field they share — agreements (who agreed and when),
/// government ids, the newest note, state and version — for an action two parties
/// have agreed to and one nobody has.
#[tokio::test]
async fn a_list_item_says_what_the_single_read_says() {
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let noted = add_action_with_notes(&app, &d, 0).await;
    add_action_with_notes(&app, &d, 1).await;
    for (who, government) in [("fp.af", &d.af), ("fp.ir", &d.ir)] {
        let token = app.token(who).await;
        let reply = app
            .put(
                &format!("/api/v1/actions/{noted}/agreement/{government}"),
                &token,
                json!({"agreed": true}),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    }
    let list = app
        .get(
            &format!("/api/v1/projects/{}/actions", d.project_id),
            &d.coordinator,
        )
        .await;
    let items = list.body["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{}", list.body);
    for listed in items {
        let id = listed["id"].as_str().expect("id");
        let read = app
            .get(&format!("/api/v1/actions/{id}"), &d.coordinator)
            .await;
        for field in [
            "agreements",
            "government_ids",
            "state",
            "version",
            "due_date",
            "owner_id",
            "overdue",
            "updated_at",
        ] {
            assert_eq!(listed[field], read.body[field], "{field} of {id}");
        }
        let notes = read.body["progress"].as_array().expect("progress");
        assert_eq!(listed["progress_count"], notes.len());
        assert_eq!(
            listed["last_progress"],
            notes.last().cloned().unwrap_or(Value::Null)
        );
    }
    let agreed = items
        .iter()
        .find(|i| i["id"] == noted.as_str())
        .expect("listed");
    let agreements = agreed["agreements"].as_array().expect("agreements");
    assert_eq!(agreements.len(), 3);
    assert_eq!(
        agreements.iter().filter(|a| a["agreed"] == true).count(),
        2,
        "{agreed}"
    );
    assert!(
        agreements
            .iter()
            .filter(|a| a["agreed"] == true)
            .all(|a| a["agreed_at"].is_string()),
        "{agreed}"
    );
}

/// The list reads agreements and the note count from copies on each action row. The
/// migration that added them computes them from the record (`summarise_actions`,
/// also the benchmark's fill); it must write what the service itself writes.
#[tokio::test]
async fn the_migration_summarises_actions_as_the_service_does() {
    use concord::store::entities::action;
    use sea_orm::sea_query::Expr;
    use sea_orm::{EntityTrait, QueryOrder};

    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let noted = add_action_with_notes(&app, &d, 0).await;
    add_action_with_notes(&app, &d, 1).await;
    let token = app.token("fp.pk").await;
    let reply = app
        .put(
            &format!("/api/v1/actions/{noted}/agreement/{}", d.pk),
            &token,
            json!({"agreed": true}),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    let db = &app.state.db;
    let rows = || async {
        action::Entity::find()
            .order_by_asc(action::Column::Id)
            .all(db)
            .await
            .expect("actions")
            .into_iter()
            .map(|a| (a.agreement_list, a.progress_notes, a.last_progress_id))
            .collect::<Vec<_>>()
    };
    let path = format!("/api/v1/projects/{}/actions", d.project_id);
    let listed = app.get(&path, &d.coordinator).await;
    let written = rows().await;
    assert!(
        written
            .iter()
            .all(|(_, notes, last)| *notes == 3 && last.is_some())
    );

    action::Entity::update_many()
        .col_expr(action::Column::AgreementList, Expr::value(""))
        .col_expr(action::Column::ProgressNotes, Expr::value(0))
        .col_expr(
            action::Column::LastProgressId,
            Expr::value(None::<uuid::Uuid>),
        )
        .exec(db)
        .await
        .expect("scrambled");
    let scrambled = app.get(&path, &d.coordinator).await;
    assert_ne!(
        scrambled.body, listed.body,
        "the list does not read the copies"
    );

    migration::summarise_actions(db).await.expect("summarised");
    assert_eq!(app.get(&path, &d.coordinator).await.body, listed.body);
    // The times differ only in how they are written; the list reads both alike.
    let summarised = rows().await;
    assert_eq!(
        summarised.iter().map(|r| (r.1, r.2)).collect::<Vec<_>>(),
        written.iter().map(|r| (r.1, r.2)).collect::<Vec<_>>()
    );
}

/// The copies drift from the record only by a hand edit past the service. `concord
/// audit summaries` names the action that drifted and, with `--repair`, writes the
/// copies afresh, after which the list says what the single read says again.
#[tokio::test]
async fn the_summaries_audit_names_a_stale_action_and_repairs_it() {
    use concord::store::actions::audit_summaries;
    use concord::store::entities::action_government;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let edited = add_action_with_notes(&app, &d, 0).await;
    add_action_with_notes(&app, &d, 1).await;
    let db = &app.state.db;
    let clean = audit_summaries(db, false).await.expect("audited");
    assert!(clean.ok && clean.stale.is_empty(), "{clean:?}");
    assert_eq!((clean.actions_checked, clean.repaired), (2, false));

    // Pakistan's agreement to one action, set by hand past the service.
    let pk: uuid::Uuid = d.pk.parse().expect("a government id");
    let edited_id: uuid::Uuid = edited.parse().expect("an action id");
    action_government::Entity::update_many()
        .col_expr(action_government::Column::Agreed, Expr::value(true))
        .filter(action_government::Column::ActionId.eq(edited_id))
        .filter(action_government::Column::GovernmentId.eq(pk))
        .exec(db)
        .await
        .expect("edited by hand");
    let path = format!("/api/v1/projects/{}/actions", d.project_id);
    let agreements = |list: &Value| {
        list["items"]
            .as_array()
            .and_then(|items| items.iter().find(|a| a["id"] == edited.as_str()))
            .map(|a| a["agreements"].clone())
            .expect("the edited action")
    };
    let single = app
        .get(&format!("/api/v1/actions/{edited}"), &d.coordinator)
        .await;
    let stale = app.get(&path, &d.coordinator).await;
    assert_ne!(agreements(&stale.body), single.body["agreements"]);

    let found = audit_summaries(db, false).await.expect("audited");
    assert_eq!(
        (
            found.ok,
            found.stale.clone(),
            found.stale_count,
            found.repaired
        ),
        (false, vec![edited_id], 1, false)
    );
    // The command an operator (or cron) runs says the same, and fails.
    let (code, report) = concord_audit_summaries(&app, &[]);
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(
        (&report["ok"], &report["stale"], &report["repaired"]),
        (&json!(false), &json!([edited]), &json!(false))
    );
    assert_eq!(
        agreements(&app.get(&path, &d.coordinator).await.body),
        agreements(&stale.body),
        "a check alone changed the copies"
    );

    // `--repair` succeeds (exit 0) when it has written the copies afresh.
    let (code, report) = concord_audit_summaries(&app, &["--repair"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(
        (&report["repaired"], &report["stale"]),
        (&json!(true), &json!([edited]))
    );
    let after = audit_summaries(db, false).await.expect("audited");
    assert!(after.ok && after.stale_count == 0, "{after:?}");
    let listed = app.get(&path, &d.coordinator).await;
    assert_eq!(agreements(&listed.body), single.body["agreements"]);
}

/// The audit reads the actions a page (500) at a time: a stale action past the first
/// page is found, and every action is counted.
#[tokio::test]
async fn the_summaries_audit_reads_past_its_first_page() {
    use concord::store::actions::audit_summaries;
    use concord::store::entities::action;
    use sea_orm::ActiveValue::Set;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};

    const MORE: usize = 520;
    let app = spawn_app().await;
    let d = active_dialogue(&app).await;
    let first = add_action_with_notes(&app, &d, 0).await;
    let db = &app.state.db;
    let template = action::Entity::find_by_id(first.parse::<uuid::Uuid>().expect("an id"))
        .one(db)
        .await
        .expect("read")
        .expect("the action");
    // Copies of an action with no agreements and no notes, straight into the table
    // (through the API this would take minutes): their copies agree with their record.
    let ids: Vec<uuid::Uuid> = (0..MORE).map(|_| uuid::Uuid::now_v7()).collect();
    let last = *ids.last().expect("ids");
    let copies: Vec<action::ActiveModel> = ids
        .iter()
        .map(|id| {
            let mut copy = template.clone().into_active_model();
            copy.id = Set(*id);
            copy.agreement_list = Set(String::new());
            copy.progress_notes = Set(0);
            copy.last_progress_id = Set(None);
            copy
        })
        .collect();
    for chunk in copies.chunks(100) {
        action::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .expect("inserted");
    }
    let total = 1 + MORE as u64;
    let clean = audit_summaries(db, false).await.expect("audited");
    assert_eq!(
        (clean.ok, clean.actions_checked),
        (true, total),
        "{clean:?}"
    );

    // The newest action, on the second page, now counts a note it does not have.
    action::Entity::update_many()
        .col_expr(action::Column::ProgressNotes, Expr::value(1))
        .filter(action::Column::Id.eq(last))
        .exec(db)
        .await
        .expect("edited by hand");
    let found = audit_summaries(db, false).await.expect("audited");
    assert_eq!(
        (
            found.ok,
            found.actions_checked,
            found.stale,
            found.stale_count
        ),
        (false, total, vec![last], 1)
    );
}

/// `concord audit summaries ARGS` against the test's own database, as an operator runs
/// it: its exit code and the JSON report it prints.
fn concord_audit_summaries(app: &TestApp, args: &[&str]) -> (Option<i32>, Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["audit", "summaries"])
        .args(args)
        .env("DATABASE_URL", &app.state.settings.database.url)
        .env("CONCORD_ENV", "test")
        .output()
        .expect("concord runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        json!({ "stdout": String::from_utf8_lossy(&out.stdout),
                "stderr": String::from_utf8_lossy(&out.stderr) })
    });
    (out.status.code(), report)
}
