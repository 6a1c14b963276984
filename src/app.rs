//! Builds the ready application: database connected and migrated, listener bound,
//! router with its middleware. `main` and the tests both start Concord through here.
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::store::Db;
use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::credentials::jwt::JwtKeys;
use crate::credentials::password::Passwords;
use crate::error::AppError;
use crate::notify::supervise::{stopped, supervise};
use crate::notify::transport::Mailer;
use crate::notify::{reminders, worker};
use crate::secret::Secret;
use crate::state::AppState;
use crate::store::instance_secrets::{self, SecretSource};
use crate::{api, server, store, telemetry, web};

const REQUEST_ID: HeaderName = HeaderName::from_static(telemetry::REQUEST_ID);

pub struct App {
    listener: TcpListener,
    router: Router,
    /// `/metrics` on a listener of its own, when `metrics.bind` says so.
    metrics: Option<(TcpListener, Router)>,
    state: AppState,
}

impl App {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = store::connect(&settings.database).await?;
        let migrated = store::migrate(&db).await;
        // Serving while every write fails would only look healthy: say so and stop.
        // (Checked before the migration's own error, which on a read-only PostgreSQL
        // is an obscure complaint about CREATE TABLE.)
        if let Err(err) = store::readiness::check_writable(&db).await
            && store::outage::is_outage(&err)
        {
            return Err(anyhow::Error::new(err).context(format!(
                "the database at {} does not take writes (a read-only file, folder or \
                 file system, or a read-only PostgreSQL)",
                crate::config::redact_url_password(&settings.database.url)
            )));
        }
        migrated?;
        Self::build_with(settings, db).await
    }

    /// For callers that already hold a migrated connection.
    pub async fn build_with(settings: Settings, db: Db) -> anyhow::Result<Self> {
        telemetry::install_metrics();
        let listener = TcpListener::bind(&settings.server.bind)
            .await
            .with_context(|| format!("cannot listen on {}", settings.server.bind))?;
        let secret = jwt_secret(&settings, &db).await?;
        let state = AppState {
            db,
            jwt: Arc::new(JwtKeys::new(&settings.auth, &secret)),
            passwords: Arc::new(Passwords::new(&settings.auth)?),
            mailer: Arc::new(Mailer::from_settings(&settings.mail)?),
            worker_health: Arc::default(),
            settings: Arc::new(settings),
        };
        let metrics_settings = &state.settings.metrics;
        let metrics = match &metrics_settings.bind {
            Some(bind) => {
                let listener = TcpListener::bind(bind)
                    .await
                    .with_context(|| format!("cannot listen for metrics on {bind}"))?;
                let router =
                    api::metrics::router(metrics_settings.token.as_ref().map(Secret::expose))
                        .with_state(state.clone());
                Some((listener, router))
            }
            None => None,
        };
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            metrics,
            state,
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Where `/metrics` listens when it has a listener of its own.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves, with the outbox worker beside the server (unless `mail.worker_enabled`
    /// is off), until `shutdown` resolves; then lets requests in flight finish, and
    /// only then stops the worker, so what the last requests queued need not wait for
    /// another node.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_worker, stop) = tokio::sync::watch::channel(false);
        let enabled = self.state.settings.mail.worker_enabled;
        let reminders = enabled.then(|| {
            let (db, stop) = (self.state.db.clone(), stop.clone());
            tokio::spawn(async move {
                supervise("reminders", None, stop, |stop| {
                    reminders::run(db.clone(), stopped(stop))
                })
                .await;
            })
        });
        let worker = enabled.then(|| {
            let (postroom, health) = (self.state.postroom(), self.state.worker_health.clone());
            tokio::spawn(async move {
                supervise("outbox worker", Some(&health), stop, |stop| {
                    worker::run(postroom.clone(), stopped(stop))
                })
                .await;
            })
        });
        let header_read_timeout =
            Duration::from_secs(self.state.settings.server.header_read_timeout_secs);
        let (stop_serving, serving_stopped) = tokio::sync::watch::channel(false);
        let stopped_serving = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let metrics = self.metrics.map(|(listener, router)| {
            let stopped = stopped_serving(serving_stopped.clone());
            tokio::spawn(server::serve(
                listener,
                router,
                header_read_timeout,
                stopped,
            ))
        });
        let upkeep = tokio::spawn(telemetry::keep_metrics(stopped_serving(
            serving_stopped.clone(),
        )));
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop_serving.send(true);
        });
        server::serve(
            self.listener,
            self.router,
            header_read_timeout,
            stopped_serving(serving_stopped),
        )
        .await;
        if let Some(metrics) = metrics {
            let _ = metrics.await;
        }
        let _ = upkeep.await;
        let _ = stop_worker.send(true);
        if let Some(reminders) = reminders {
            let _ = reminders.await;
        }
        if let Some(worker) = worker
            && let Err(err) = worker.await
        {
            tracing::error!(error = %err, "the outbox worker's supervisor panicked");
        }
        Ok(())
    }
}

/// The configured signing key, else the instance's own from the database; the log
/// says which (never the key itself).
async fn jwt_secret(settings: &Settings, db: &Db) -> anyhow::Result<String> {
    if let Some(secret) = &settings.auth.jwt_secret {
        tracing::info!("JWT secret: from the configuration (auth.jwt_secret)");
        return Ok(secret.expose().to_owned());
    }
    let (secret, source) = instance_secrets::jwt_secret(db)
        .await
        .context("cannot read or store the instance's JWT secret")?;
    match source {
        SecretSource::GeneratedNow => tracing::info!(
            "JWT secret: none configured; generated a random one and stored it in the database"
        ),
        SecretSource::StoredEarlier => tracing::info!(
            "JWT secret: none configured; using the instance's own from the database"
        ),
    }
    Ok(secret)
}

fn router(state: AppState) -> Router {
    let settings = &state.settings.server;
    let timeout = Duration::from_secs(settings.request_timeout_secs);
    let body_limit = settings.body_limit_bytes;
    let trace = TraceLayer::new_for_http().make_span_with(telemetry::request_span);
    let security_headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"),
        ));
    // Both doors see the session cookie: the API too accepts it (with the CSRF rule)
    // besides bearer tokens; the pages add their own error face around it.
    let mut routes = api::router().layer(axum::middleware::from_fn_with_state(
        state.clone(),
        crate::auth::session::resolve,
    ));
    if state.settings.metrics.bind.is_none() {
        routes = routes.merge(api::metrics::router(
            state.settings.metrics.token.as_ref().map(Secret::expose),
        ));
    } else {
        // Moved to a listener of its own: on the main port a scraper still gets the
        // machine-readable 404 it always got, not the pages' HTML one.
        routes = routes.route(
            "/metrics",
            axum::routing::any(|| async { AppError::NotFound }),
        );
    }
    routes
        .merge(web::router(state.clone()))
        .with_state(state)
        .layer(axum::middleware::from_fn(telemetry::track))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(trace)
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CompressionLayer::new())
                .layer(security_headers)
                .layer(CatchPanicLayer::custom(|_| {
                    axum::response::IntoResponse::into_response(AppError::Internal(
                        anyhow::anyhow!("a request handler panicked"),
                    ))
                }))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    timeout,
                )),
        )
}

/// Resolves on Ctrl-C or SIGTERM, whichever comes first.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
