use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::fixtures::draft_dialogue;
use crate::helpers::spawn_app;

/// A known failure of SQLite-backed trackers: concurrent writers get "database is
/// locked" 500s. With a busy timeout and BEGIN IMMEDIATE every one succeeds.
#[tokio::test]
async fn sixteen_writers_on_different_rows_all_succeed() {
    let app = spawn_app().await;
    let mut dialogues = Vec::new();
    for _ in 0..16 {
        dialogues.push(draft_dialogue(&app).await);
    }
    let replies = join_all(dialogues.iter().map(|d| {
        let path = format!("/api/v1/projects/{}", d.project_id);
        let app = &app;
        async move {
            app.transition(&d.coordinator, &path, "activate", 1, json!({}))
                .await
        }
    }))
    .await;
    for reply in &replies {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["state"], "active");
    }
}

/// Two clients race for the same row with the same version: exactly one wins, the
/// other is told its version is stale, and the history holds one event.
#[tokio::test]
async fn two_transitions_on_one_row_yield_exactly_one_success() {
    let app = spawn_app().await;
    let d = draft_dialogue(&app).await;
    let path = format!("/api/v1/projects/{}", d.project_id);
    app.apply(&d.coordinator, &path, "activate", json!({}))
        .await;
    let (a, b) = tokio::join!(
        app.transition(&d.coordinator, &path, "suspend", 2, json!({})),
        app.transition(
            &d.coordinator,
            &path,
            "cancel",
            2,
            json!({"reason": "race"})
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    loser.assert_problem(409, "conflict.version");
    let read = app.get(&path, &d.coordinator).await;
    assert_eq!(read.body["version"], 3);
    let history = app.get(&format!("{path}/history"), &d.coordinator).await;
    assert_eq!(
        history.body["items"].as_array().map(Vec::len),
        Some(3),
        "create, activate and one winner"
    );
}

/// On SQLite writers queue in the process for the one writer connection instead of
/// polling the file lock: a writer that arrives while another holds a write
/// transaction far longer than the busy timeout still gets its turn, and reads are
/// not held up by either. (With a pool of writers the second `BEGIN IMMEDIATE` failed
/// with "database is locked" once the busy timeout ran out.) On PostgreSQL both
/// transactions simply run.
#[tokio::test]
async fn a_writer_waits_its_turn_and_readers_do_not_wait() {
    use sea_orm::{ConnectionTrait, Statement};
    use std::time::Duration;

    let app = crate::helpers::spawn_app_with(|s| s.database.sqlite_busy_timeout_ms = 20).await;
    let db = app.state.db.clone();
    let first = concord::store::begin_write(&db)
        .await
        .expect("first writer");
    first
        .execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 1 = 0")
        .await
        .expect("first writes");

    let second = tokio::spawn({
        let db = db.clone();
        async move {
            let txn = concord::store::begin_write(&db).await?;
            txn.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 1 = 0")
                .await?;
            txn.commit().await
        }
    });
    let read = db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT COUNT(*) AS n FROM seaql_migrations",
    ));
    let read = tokio::time::timeout(Duration::from_secs(1), read).await;
    assert!(
        matches!(read, Ok(Ok(Some(_)))),
        "a read waited for the writer: {read:?}"
    );

    // Hold the write lock for ten busy timeouts.
    tokio::time::sleep(Duration::from_millis(200)).await;
    first.commit().await.expect("first commits");
    let second = tokio::time::timeout(Duration::from_secs(5), second)
        .await
        .expect("the second writer got its turn")
        .expect("task ran");
    assert!(second.is_ok(), "the queued writer failed: {second:?}");
}

/// A writer that cannot get its turn within the wait is answered 503, as a stuck
/// database is, and writes nothing; once the writer is free the same request
/// succeeds. On SQLite writers queue in the process for the one writer connection
/// (`store/group_commit.rs`), so a writer held past the wait refuses the next; on
/// PostgreSQL an open write transaction that touches other rows holds up no one (no
/// global lock), so the same request succeeds at once.
#[tokio::test]
async fn a_writer_held_past_the_wait_is_a_503_that_writes_nothing() {
    use std::time::{Duration, Instant};

    let wait = Duration::from_millis(300);
    let app = crate::helpers::spawn_app_with(|s| {
        // The writer's wait is the longer of the two (`store::connect`).
        s.database.acquire_timeout_ms = 300;
        s.database.sqlite_busy_timeout_ms = 300;
    })
    .await;
    let d = crate::fixtures::active_dialogue(&app).await;
    let phase_actions = format!("/api/v1/phases/{}/actions", d.initial_phase_id);
    let propose = || {
        app.post(
            &phase_actions,
            &d.coordinator,
            json!({"title": "Queued behind a held writer", "scope": "collective", "due_date": "2027-03-01"}),
        )
    };
    let list = format!("/api/v1/projects/{}/actions", d.project_id);
    let count = async || {
        let page = app.get(&list, &d.coordinator).await;
        page.body["items"].as_array().map(Vec::len)
    };
    let before = count().await;
    let sqlite = app.state.settings.database.url.starts_with("sqlite:");

    let held = concord::store::begin_write(&app.state.db)
        .await
        .expect("the test holds the writer");
    let asked = Instant::now();
    let refused = propose().await;
    if sqlite {
        refused.assert_problem(503, "storage.unavailable");
        assert!(
            asked.elapsed() >= wait,
            "refused before its wait was over: {:?}",
            asked.elapsed()
        );
        assert_eq!(count().await, before, "the refused request wrote");
    } else {
        assert_eq!(refused.status, StatusCode::CREATED, "{}", refused.body);
    }
    held.rollback().await.expect("the writer is let go");

    let proposed = propose().await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    // Only the second proposal on SQLite; both on PostgreSQL.
    let proposed_in_all = if sqlite { 1 } else { 2 };
    assert_eq!(count().await, before.map(|n| n + proposed_in_all));
}

/// Writers that queue for the database together commit together (on SQLite, one
/// batch and one flush for many; on PostgreSQL each on its own), and each keeps its
/// own outcome: one that fails, or is cancelled while it holds the writer, takes back
/// only its own changes, and every writer's committed change is there for the next
/// reader the moment its commit returns.
#[tokio::test]
async fn writers_that_queue_together_commit_together_and_fail_alone() {
    use std::time::Duration;

    use concord::store;
    use sea_orm::{ConnectionTrait, Statement};

    let app = spawn_app().await;
    let db = app.state.db.clone();
    db.execute_unprepared("CREATE TABLE group_commit_probe (n BIGINT PRIMARY KEY)")
        .await
        .expect("create the probe table");
    let insert = |n: i64| {
        Statement::from_sql_and_values(
            db.get_database_backend(),
            match db.get_database_backend() {
                sea_orm::DbBackend::Postgres => "INSERT INTO group_commit_probe (n) VALUES ($1)",
                _ => "INSERT INTO group_commit_probe (n) VALUES (?)",
            },
            [n.into()],
        )
    };
    let rows = |db: store::Db| async move {
        let found = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT n FROM group_commit_probe ORDER BY n",
            ))
            .await
            .expect("read the probe table");
        found
            .iter()
            .map(|row| row.try_get::<i64>("", "n").expect("n"))
            .collect::<Vec<_>>()
    };
    let batches_before = db.write_batches_committed();

    // The first writer takes the writer and is cancelled while it holds it; the 16
    // behind it queue meanwhile.
    let (holding, held) = tokio::sync::oneshot::channel();
    let stuck = {
        let db = db.clone();
        let statement = insert(100);
        tokio::spawn(async move {
            let txn = store::begin_write(&db).await.expect("begin");
            txn.execute_raw(statement).await.expect("insert");
            let _ = holding.send(());
            std::future::pending::<()>().await;
        })
    };
    held.await.expect("the first writer holds the writer");
    let writers: Vec<_> = (0..16i64)
        .map(|n| {
            let db = db.clone();
            let statement = insert(n);
            let reader = rows;
            tokio::spawn(async move {
                let txn = store::begin_write(&db).await.expect("begin");
                txn.execute_raw(statement).await.expect("insert");
                if n % 4 == 3 {
                    return None; // fails after writing: dropped uncommitted
                }
                txn.commit().await.expect("commit");
                // Answered only once on disk: a reader sees it now.
                Some(reader(db).await.contains(&n))
            })
        })
        .collect();
    // Not a timing assertion: only a moment for the writers to queue behind it.
    tokio::time::sleep(Duration::from_millis(50)).await;
    stuck.abort();
    let mut seen_at_once = Vec::new();
    for writer in writers {
        if let Some(seen) = writer.await.expect("writer task") {
            seen_at_once.push(seen);
        }
    }
    assert_eq!(
        seen_at_once,
        vec![true; 12],
        "a commit returned before it was visible"
    );
    let expected: Vec<i64> = (0..16).filter(|n| n % 4 != 3).collect();
    assert_eq!(rows(db.clone()).await, expected);
    if let (Some(before), Some(after)) = (batches_before, db.write_batches_committed()) {
        let batches = after - before;
        assert!(
            (1..12).contains(&batches),
            "12 committed writers in {batches} batches: they did not share"
        );
    }
}
