//! A full disk, reproduced with SQLite's own quota: `PRAGMA max_page_count` on every
//! pooled connection of a file this test makes. SQLite then answers SQLITE_FULL
//! exactly as when the file system is out of space. It runs on SQLite whatever
//! TEST_DATABASE_URL says: a full disk is a fault of the embedded database.
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;

use super::{assert_storage_unavailable, create_dialogue, created_dialogue};
use crate::helpers::spawn_app_with;

/// 4 MiB: room for the schema and the demo accounts, not much more.
const MAX_PAGES: u32 = 1024;

/// Fills the database until SQLite refuses to grow it, with ever smaller rows so that
/// no page keeps room for another.
async fn fill_up(db: &concord::store::Db) {
    db.execute_unprepared("CREATE TABLE IF NOT EXISTS filler (b BLOB)")
        .await
        .expect("filler table");
    let mut full = false;
    for size in [65536, 4096, 512, 64, 8] {
        for _ in 0..2000 {
            let insert = format!("INSERT INTO filler (b) VALUES (randomblob({size}))");
            match db.execute_unprepared(&insert).await {
                Ok(_) => {}
                Err(err) => {
                    assert!(
                        err.to_string().contains("full"),
                        "filling stopped for another reason: {err}"
                    );
                    full = true;
                    break;
                }
            }
        }
    }
    assert!(full, "the database never became full");
}

#[tokio::test]
async fn a_full_disk_answers_503_and_writes_resume_once_space_is_freed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("capped.db");
    let app = spawn_app_with(|settings| {
        settings.database.url = format!("sqlite://{}?mode=rwc", file.display());
        settings.database.sqlite_max_page_count = Some(MAX_PAGES);
    })
    .await;
    let token = app.token("coordinator").await;
    let existing = created_dialogue(&app, &token).await;
    let path = format!("/api/v1/projects/{existing}");

    fill_up(&app.state.db).await;
    // The tables Concord writes keep some room in their last pages: use it up the way
    // real use would, until a write does not fit.
    let mut first_refusal = None;
    for _ in 0..500 {
        let reply = create_dialogue(&app, &token).await;
        if reply.status != StatusCode::CREATED {
            first_refusal = Some(reply);
            break;
        }
    }
    let first_refusal = first_refusal.expect("the writes never met a full disk");
    assert_storage_unavailable(&first_refusal);

    // Several writes, so that more than one pooled connection meets the error.
    let writes =
        futures_util::future::join_all((0..6).map(|_| create_dialogue(&app, &token))).await;
    for reply in &writes {
        assert_storage_unavailable(reply);
    }
    // A transition on a row that exists is 503 too, never 404 or 500.
    // (A long reason, so that the change cannot fit in what room is left.)
    let reason = "disk full ".repeat(90);
    let cancel = app
        .transition(&token, &path, "cancel", 1, json!({"reason": reason}))
        .await;
    assert_storage_unavailable(&cancel);
    // Reads still work.
    let read = app.get(&path, &token).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.body["state"], "draft");

    // Free the space, as an operator would; the same process writes again, on every
    // connection of the pool, without a restart.
    app.state
        .db
        .execute_unprepared("DELETE FROM filler")
        .await
        .expect("space freed");
    for _ in 0..3 {
        let writes =
            futures_util::future::join_all((0..6).map(|_| create_dialogue(&app, &token))).await;
        for reply in writes {
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        }
    }
    let cancelled = app
        .transition(
            &token,
            &path,
            "cancel",
            1,
            json!({"reason": "space is back"}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
}

/// A tmpfs of a few MiB, unmounted (lazily, so the app may still hold files) on drop.
struct SmallFileSystem(tempfile::TempDir);

impl SmallFileSystem {
    /// None when this machine does not let the test mount (not root, or a container
    /// without the capability).
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|out| out.status.success());
        mounted.then_some(Self(dir))
    }
}

impl Drop for SmallFileSystem {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.0.path())
            .status();
    }
}

/// Writes zeros into `path` until the file system says it is full.
fn fill_file_system(path: &std::path::Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("ballast file");
    let chunk = vec![0u8; 64 * 1024];
    while file
        .write_all(&chunk)
        .and_then(|()| file.sync_all())
        .is_ok()
    {}
}

/// The real thing, where the machine allows it: the file system itself runs out of
/// space, so SQLite meets ENOSPC while writing its WAL and rolls the whole transaction
/// back by itself. Before the fix the pooled connection then stayed inside a
/// transaction: a later request "created" a dialogue that was never committed (404 on
/// reading it back) and kept the write lock, so every write after the space was freed
/// failed with "database is locked" until a restart.
#[tokio::test]
async fn a_full_file_system_answers_503_and_writes_resume_once_space_is_freed() {
    let Some(fs) = SmallFileSystem::mount("6m") else {
        // The max_page_count test above covers the answers; this one needs a mount.
        eprintln!("skipped: cannot mount a small tmpfs here");
        return;
    };
    let file = fs.0.path().join("concord.db");
    let ballast = fs.0.path().join("ballast");
    let app = spawn_app_with(|settings| {
        settings.database.url = format!("sqlite://{}?mode=rwc", file.display());
    })
    .await;
    let token = app.token("coordinator").await;
    let existing = created_dialogue(&app, &token).await;

    fill_file_system(&ballast);
    for _ in 0..8 {
        assert_storage_unavailable(&create_dialogue(&app, &token).await);
    }
    let read = app
        .get(&format!("/api/v1/projects/{existing}"), &token)
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);

    std::fs::remove_file(&ballast).expect("space freed");
    for _ in 0..3 {
        let writes =
            futures_util::future::join_all((0..6).map(|_| create_dialogue(&app, &token))).await;
        for reply in writes {
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
            let id = reply.body["id"].as_str().unwrap_or_default();
            let read = app.get(&format!("/api/v1/projects/{id}"), &token).await;
            assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        }
    }
    drop(app);
}

/// The mechanism behind "database is locked until restart", made deterministic: on
/// ENOSPC SQLite rolls the transaction back by itself (here: a ROLLBACK behind sqlx's
/// back), so the ROLLBACK sqlx sends when the request fails finds no transaction, and
/// sqlx still counts one. Before the fix that connection went back to the pool: its
/// next user got a SAVEPOINT instead of BEGIN IMMEDIATE, one failed write there left
/// the transaction open with the write lock, and later "successful" writes were never
/// committed.
#[tokio::test]
async fn a_connection_whose_transaction_ended_behind_its_back_is_not_reused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let app = spawn_app_with(|settings| {
        settings.database.url = url.clone();
        // One connection, so the next request surely gets the same one back.
        settings.database.max_connections = 1;
    })
    .await;
    let token = app.token("coordinator").await;

    let txn = concord::store::begin_write(&app.state.db)
        .await
        .expect("transaction");
    txn.execute_unprepared("ROLLBACK")
        .await
        .expect("SQLite ends the transaction by itself");
    drop(txn);

    let first = created_dialogue(&app, &token).await;
    // Refused inside its transaction (after the row is locked), which is then
    // rolled back.
    let stale = app
        .transition(
            &token,
            &format!("/api/v1/projects/{first}"),
            "cancel",
            99,
            json!({"reason": "stale version"}),
        )
        .await;
    stale.assert_problem(409, "conflict.version");
    created_dialogue(&app, &token).await;

    // What another process sees: committed rows only.
    let other = sea_orm::Database::connect(url.as_str())
        .await
        .expect("another connection");
    let committed = other
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            // Both were created by `created_dialogue`, with this title.
            "SELECT COUNT(*) AS n FROM projects WHERE title = 'Fault test'".to_owned(),
        ))
        .await
        .expect("count")
        .and_then(|row| row.try_get::<i64>("", "n").ok());
    assert_eq!(committed, Some(2), "a write answered 201 was not committed");
}
