//! The database goes away for a while and comes back. On PostgreSQL (TEST_DATABASE_URL)
//! Concord reaches it through a TCP proxy that the test cuts and restores, as when the
//! server stops or the network fails; on SQLite another process holds the write lock,
//! which is what "the database is unavailable for writes" means there. Either way:
//! requests fail fast with 503 and Retry-After, /readyz says 503 within a second, and
//! service resumes by itself, with no restart.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use concord::App;
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinSet;

use super::{Served, assert_storage_unavailable, serve};
use crate::helpers::{TestApp, spawn_app};

fn new_dialogue() -> serde_json::Value {
    let code = format!("O-{}", uuid::Uuid::new_v4().simple());
    serde_json::json!({"code": code, "title": "Outage test", "summary": "Written during an outage",
                       "government_ids": []})
}

async fn write(app: &Served, token: &str) -> crate::helpers::Reply {
    app.request(
        Method::POST,
        "/api/v1/projects",
        token,
        Some(new_dialogue()),
    )
    .await
}

/// What both databases must show while down and after.
async fn assert_outage_and_recovery(
    app: &Served,
    token: &str,
    fails_within: Duration,
    restore: impl AsyncFnOnce(),
) {
    let started = Instant::now();
    let reply = write(app, token).await;
    assert_storage_unavailable(&reply);
    assert!(
        started.elapsed() < fails_within,
        "a write took {:?} to fail",
        started.elapsed()
    );
    let started = Instant::now();
    let ready = app.request(Method::GET, "/readyz", "", None).await;
    ready.assert_problem(503, "service.unavailable");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    restore().await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let reply = write(app, token).await;
        if reply.status == StatusCode::CREATED {
            break;
        }
        assert_storage_unavailable(&reply);
        assert!(
            Instant::now() < deadline,
            "service did not resume by itself"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let ready = app.request(Method::GET, "/readyz", "", None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
}

#[tokio::test]
async fn a_database_outage_fails_fast_and_service_resumes_by_itself() {
    let app = spawn_app().await;
    let token = app.token("coordinator").await;
    if app.state.settings.database.url.starts_with("sqlite:") {
        sqlite_write_lock_held_elsewhere(&app, &token).await;
    } else {
        postgres_behind_a_cut_proxy(&app, &token).await;
    }
}

async fn sqlite_write_lock_held_elsewhere(app: &TestApp, token: &str) {
    let mut settings = (*app.state.settings).clone();
    settings.database.sqlite_busy_timeout_ms = 1000;
    let url = settings.database.url.clone();
    let served = serve(App::build(settings).await.expect("app builds"));
    assert_eq!(write(&served, token).await.status, StatusCode::CREATED);

    // One connection, so that BEGIN and ROLLBACK run on the same one.
    let mut options = ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    let other = Database::connect(options).await.expect("second connection");
    other
        .execute_unprepared("BEGIN IMMEDIATE")
        .await
        .expect("write lock taken");
    assert_outage_and_recovery(&served, token, Duration::from_secs(3), async || {
        other
            .execute_unprepared("ROLLBACK")
            .await
            .expect("write lock released");
    })
    .await;
}

async fn postgres_behind_a_cut_proxy(app: &TestApp, token: &str) {
    let mut settings = (*app.state.settings).clone();
    let url = settings.database.url.clone();
    let (host_port, upstream) = pg_address(&url);
    let proxy = Proxy::start(upstream).await;
    settings.database.url = url.replace(&host_port, &proxy.addr.to_string());
    let served = serve(
        App::build(settings)
            .await
            .expect("app builds through the proxy"),
    );
    assert_eq!(write(&served, token).await.status, StatusCode::CREATED);

    proxy.cut().await;
    assert_outage_and_recovery(&served, token, Duration::from_secs(3), async || {
        proxy.restore().await;
    })
    .await;
}

/// `host:port` as written in a postgres:// URL, and where it points.
fn pg_address(url: &str) -> (String, SocketAddr) {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let after_user = after_scheme
        .rsplit_once('@')
        .map_or(after_scheme, |(_, h)| h);
    let host_port = after_user.split('/').next().unwrap_or_default().to_owned();
    let with_port = if host_port.contains(':') {
        host_port.clone()
    } else {
        format!("{host_port}:5432")
    };
    let addr = std::net::ToSocketAddrs::to_socket_addrs(&with_port)
        .ok()
        .and_then(|mut addrs| addrs.next())
        .expect("TEST_DATABASE_URL names a reachable host");
    (host_port, addr)
}

/// A TCP proxy that can be cut (listener closed, every connection reset) and restored
/// on the same port.
struct Proxy {
    addr: SocketAddr,
    upstream: SocketAddr,
    tasks: Arc<Mutex<JoinSet<()>>>,
}

impl Proxy {
    async fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
        let addr = listener.local_addr().expect("proxy address");
        let proxy = Self {
            addr,
            upstream,
            tasks: Arc::new(Mutex::new(JoinSet::new())),
        };
        proxy.accept_on(listener).await;
        proxy
    }

    async fn accept_on(&self, listener: TcpListener) {
        let (upstream, tasks) = (self.upstream, Arc::clone(&self.tasks));
        self.tasks.lock().await.spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                tasks.lock().await.spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
    }

    /// The database is gone: nothing listens, and open connections are dropped.
    async fn cut(&self) {
        self.tasks.lock().await.abort_all();
        // Aborting is asynchronous; wait until the listener's port is really free.
        while self.tasks.lock().await.join_next().await.is_some() {}
    }

    async fn restore(&self) {
        let socket = TcpSocket::new_v4().expect("socket");
        socket.set_reuseaddr(true).expect("reuse address");
        socket.bind(self.addr).expect("proxy binds its port again");
        let listener = socket.listen(64).expect("proxy listens again");
        self.accept_on(listener).await;
    }
}
