//! The test harness: the real server on port 0, a fresh database per test (a temp
//! SQLite file, or a new PostgreSQL database when TEST_DATABASE_URL is set).
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use concord::{App, AppState, Settings, demo};
use reqwest::{Method, StatusCode, header::HeaderMap};
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use tokio::sync::oneshot;

pub const PASSWORD: &str = demo::DEFAULT_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    /// Where the file transport writes this test's messages.
    pub mail_dir: tempfile::TempDir,
    _db: TestDb,
}

enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir), // held so the folder outlives the app
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async; a thread with its own runtime does the cleanup.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                            let _ = admin.execute_unprepared(&sql).await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

pub fn test_settings() -> Settings {
    let vars = HashMap::from([("CONCORD_ENV".to_owned(), "test".to_owned())]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    let mut settings = Settings::load_from(&dir, &vars).expect("test settings load");
    settings.server.bind = "127.0.0.1:0".into();
    settings
}

async fn fresh_database() -> (String, TestDb) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("concord_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            admin.close().await.ok();
            let (base, _) = admin_url
                .rsplit_once('/')
                .expect("TEST_DATABASE_URL has a database");
            (
                format!("{base}/{name}"),
                TestDb::Postgres { admin_url, name },
            )
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("concord.db").display()
            );
            (url, TestDb::Sqlite(dir))
        }
    }
}

/// A running Concord with the demo data loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(tweak, None).await
}

/// A running Concord whose every SQL statement adds one to the counter it returns.
#[allow(dead_code)] // used by the statement-count tests only
pub async fn spawn_counting_app() -> (TestApp, Arc<AtomicUsize>) {
    let statements = Arc::new(AtomicUsize::new(0));
    let app = spawn(|_| {}, Some(statements.clone())).await;
    (app, statements)
}

async fn spawn(tweak: impl FnOnce(&mut Settings), count: Option<Arc<AtomicUsize>>) -> TestApp {
    let (url, db) = fresh_database().await;
    let mut settings = test_settings();
    settings.database.url = url;
    // Every test's worker writes its .eml files into a folder of its own, never the
    // repository's data/mail.
    let mail_dir = tempfile::tempdir().expect("mail temp dir");
    settings.mail.file_dir = mail_dir.path().display().to_string();
    tweak(&mut settings);
    let app = match count {
        None => App::build(settings).await.expect("app builds"),
        Some(count) => {
            let mut conn = concord::store::connect(&settings.database)
                .await
                .expect("connects");
            concord::store::migrate(&conn).await.expect("migrates");
            conn.set_metric_callback(move |_| {
                count.fetch_add(1, Ordering::Relaxed);
            });
            App::build_with(settings, conn).await.expect("app builds")
        }
    };
    let state = app.state().clone();
    // Accounts only: workflow tests build the dialogues they need; tests of the demo
    // dialogue itself load it with `demo::dialogue::seed`.
    demo::seed_accounts(&state.db, &state.passwords, PASSWORD)
        .await
        .expect("demo accounts seed");
    let base = format!("http://{}", app.local_addr().expect("bound"));
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    TestApp {
        base,
        client: reqwest::Client::new(),
        state,
        shutdown: Some(tx),
        mail_dir,
        _db: db,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// Asserts a problem+json answer with this status and code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(
            self.headers
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        assert_eq!(self.body["status"], status);
        assert_eq!(self.code(), code, "body: {}", self.body);
        assert!(self.body["title"].is_string() && self.body["detail"].is_string());
    }
}

/// One request to a Concord at `base`; the body read as JSON when it is JSON.
pub async fn send(
    client: &reqwest::Client,
    base: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = client.request(method, format!("{base}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status,
        headers,
        body,
    }
}

impl TestApp {
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        send(&self.client, &self.base, method, path, token, body).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    #[allow(dead_code)] // used by the workflow tests
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::PUT, path, Some(token), Some(body))
            .await
    }

    /// Sets one column of a user's row directly, for states the API does not offer.
    #[allow(dead_code)] // used by some test modules only
    pub async fn set_user(
        &self,
        email: &str,
        column: concord::store::entities::user::Column,
        value: impl Into<sea_orm::Value>,
    ) {
        use concord::store::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        user::Entity::update_many()
            .col_expr(column, Expr::value(value.into()))
            .filter(user::Column::Email.eq(email))
            .exec(&self.state.db)
            .await
            .expect("user updated");
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        let body = serde_json::json!({"email": email, "password": password});
        self.request(Method::POST, "/api/v1/auth/login", None, Some(body))
            .await
    }

    /// An access token for a demo account, by role name or email prefix
    /// (`coordinator`, `fp.af`, …).
    pub async fn token(&self, who: &str) -> String {
        let reply = self.login(&format!("{who}@demo.test"), PASSWORD).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "login as {who}: {}",
            reply.body
        );
        reply.body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }
}
