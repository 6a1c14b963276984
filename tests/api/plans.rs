//! Every list page is served by an index for its filter and its order: SQLite's plan
//! for each list query shows no full scan of a growing table and no temporary sort.
//! The queries are built the way `store::fetch_page` builds them (filter, `id > cursor`,
//! `ORDER BY id`, `LIMIT`). Always on SQLite, whose planner does not depend on table
//! statistics; PostgreSQL picks plans by statistics, which a test database lacks.
use concord::domain::action::Scope;
use concord::domain::commands::ActionFilter;
use concord::domain::role::Role;
use concord::domain::transition::Actor;
use concord::store::entities::{action, action_progress, outbox, understanding, workshop};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Statement,
};
use uuid::Uuid;

pub async fn plan(db: &sea_orm::DatabaseConnection, query: impl QueryTrait) -> String {
    plan_of(db, query.build(sea_orm::DbBackend::Sqlite)).await
}

async fn plan_of(db: &sea_orm::DatabaseConnection, built: Statement) -> String {
    let explain = Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        format!("EXPLAIN QUERY PLAN {}", built.sql),
        built.values.map(|v| v.0).unwrap_or_default(),
    );
    let rows = db.query_all_raw(explain).await.expect("explain");
    rows.iter()
        .map(|row| row.try_get::<String>("", "detail").expect("detail"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// No sort, and no scan of any table: every step is a SEARCH through an index.
pub fn assert_served_by_index(name: &str, plan: &str, table: &str) {
    assert!(!plan.contains("TEMP B-TREE"), "{name} sorts: {plan}");
    assert!(!plan.contains("SCAN "), "{name} scans: {plan}");
    assert!(
        plan.contains(&format!("SEARCH {table} USING")),
        "{name}: {plan}"
    );
}

#[tokio::test]
async fn every_list_query_is_served_by_an_index() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("plans.db").display()
    );
    let db = Database::connect(&url).await.expect("connect");
    concord::store::migrate(&concord::store::Db::shared(db.clone()))
        .await
        .expect("migrate");
    let (project, cursor) = (Uuid::now_v7(), Uuid::now_v7());
    let focal_point = Actor {
        id: Uuid::now_v7(),
        role: Role::FocalPoint,
        government_id: Some(Uuid::now_v7()),
    };
    let coordinator = Actor {
        id: Uuid::now_v7(),
        role: Role::Coordinator,
        government_id: None,
    };

    // The list's own query, as a focal point (who must take part in the dialogue)
    // and as staff read it.
    let today = chrono::Utc::now().date_naive();
    for (who, reader) in [("focal point", &focal_point), ("coordinator", &coordinator)] {
        let actions =
            concord::store::actions::list_query(reader, project, &ActionFilter::default(), today)
                .filter(action::Column::Id.gt(cursor))
                .order_by_asc(action::Column::Id)
                .limit(51);
        assert_served_by_index(
            &format!("actions ({who})"),
            &plan(&db, actions).await,
            "actions",
        );
    }

    // The board's and the list's filters, each alone, as the focal point reads them.
    let filters = [
        (
            "phase",
            ActionFilter {
                phase_id: Some(cursor),
                ..ActionFilter::default()
            },
            "idx_actions_project_phase_id",
        ),
        (
            "scope",
            ActionFilter {
                scope: Some(Scope::Bilateral),
                ..ActionFilter::default()
            },
            "idx_actions_project_scope_id",
        ),
        (
            "government",
            ActionFilter {
                government_id: Some(cursor),
                ..ActionFilter::default()
            },
            "idx_actions_project_id",
        ),
        (
            "overdue",
            ActionFilter {
                overdue: true,
                ..ActionFilter::default()
            },
            "idx_actions_open_project_id",
        ),
    ];
    for (name, filter, index) in filters {
        let query = concord::store::actions::list_query(&focal_point, project, &filter, today)
            .filter(action::Column::Id.gt(cursor))
            .order_by_asc(action::Column::Id)
            .limit(51);
        let plan = plan(&db, query).await;
        assert_served_by_index(name, &plan, "actions");
        assert!(plan.contains(index), "{name} should use {index}: {plan}");
    }

    let workshops = workshop::Entity::find()
        .filter(workshop::Column::ProjectId.eq(project))
        .filter(workshop::Column::Id.gt(cursor))
        .order_by_asc(workshop::Column::Id)
        .limit(51);
    assert_served_by_index("workshops", &plan(&db, workshops).await, "workshops");

    let texts = understanding::Entity::find()
        .filter(understanding::Column::ProjectId.eq(project))
        .order_by_asc(understanding::Column::Id)
        .limit(51);
    assert_served_by_index("understandings", &plan(&db, texts).await, "understandings");

    let progress = action_progress::Entity::find()
        .filter(action_progress::Column::ActionId.is_in([cursor, project]))
        .order_by_asc(action_progress::Column::Id);
    let progress_plan = plan(&db, progress).await;
    assert!(
        !progress_plan.contains("SCAN "),
        "progress notes scanned: {progress_plan}"
    );

    // The list page as it is read: the page with each action's phase state and newest
    // note (its count and agreements are on the row), and the check of the token's
    // account, every one a search of an index.
    for (who, reader) in [("focal point", &focal_point), ("coordinator", &coordinator)] {
        let query = concord::store::actions::claimed_list_query(
            reader,
            0,
            project,
            &ActionFilter::default(),
            today,
        );
        let request = concord::store::PageRequest {
            after: Some(cursor),
            limit: 50,
        };
        let page =
            concord::store::actions::page_statement(sea_orm::DbBackend::Sqlite, query, request);
        let page_plan = plan_of(&db, page).await;
        assert_served_by_index(&format!("action page ({who})"), &page_plan, "actions");
        for table in ["phases", "action_progress", "action_governments", "users"] {
            assert!(
                !page_plan.contains(&format!("SCAN {table}")),
                "action page ({who}) scans {table}: {page_plan}"
            );
        }
        // The newest note is found by its id, kept on the row: no walk of the notes.
        assert!(
            page_plan.contains("SEARCH lp USING") && !page_plan.contains("idx_action_progress"),
            "action page ({who}): {page_plan}"
        );
    }

    // A dialogue's whole history, newest first: one range of (project_id, seq), for
    // a focal point also without the actions of others (checked per event, by id).
    for (who, reader) in [("focal point", focal_point), ("coordinator", coordinator)] {
        let older = concord::store::records::Older {
            before: Some(1_000),
            limit: 50,
        };
        let history = concord::store::records::dialogue_history_query(&reader, project, older);
        let history_plan = plan(&db, history).await;
        assert_served_by_index(&format!("history ({who})"), &history_plan, "events");
        assert!(
            history_plan.contains("idx_events_project"),
            "history ({who}): {history_plan}"
        );
    }

    let dead = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("dead"))
        .filter(outbox::Column::Id.gt(cursor))
        .order_by_asc(outbox::Column::Id)
        .limit(51);
    assert_served_by_index("outbox", &plan(&db, dead).await, "outbox");
}

/// The home page's "needs my attention" lists, for a focal point and for staff: each
/// is a search through an index, never a scan of workshops, texts or actions. Lists
/// that mix several states (overdue: every open state) may sort, but only the rows
/// that qualify, which the index found.
#[tokio::test]
async fn every_attention_list_is_served_by_an_index() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("plans.db").display()
    );
    let db = Database::connect(&url).await.expect("connect");
    concord::store::migrate(&concord::store::Db::shared(db.clone()))
        .await
        .expect("migrate");
    let now = chrono::Utc::now();
    let focal_point = Actor {
        id: Uuid::now_v7(),
        role: Role::FocalPoint,
        government_id: Some(Uuid::now_v7()),
    };
    let coordinator = Actor {
        id: Uuid::now_v7(),
        role: Role::Coordinator,
        government_id: None,
    };
    let mut checked = 0;
    for actor in [focal_point, coordinator] {
        for (name, query) in concord::store::attention::list_queries(&actor, now) {
            let plan = plan_of(&db, sea_orm::DbBackend::Sqlite.build(&query)).await;
            for table in [
                "workshops",
                "understandings",
                "actions",
                "workshop_governments",
                "action_governments",
                "endorsements",
                "project_governments",
                "workshop_outcomes",
            ] {
                assert!(
                    !plan.contains(&format!("SCAN {table}")),
                    "{name} ({:?}) scans {table}: {plan}",
                    actor.role
                );
            }
            let sorts = plan.contains("TEMP B-TREE");
            assert!(
                !sorts || name == "overdue",
                "{name} ({:?}) sorts: {plan}",
                actor.role
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 20, "every list was looked at");
}
