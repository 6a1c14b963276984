//! Liveness, readiness and metrics for operators and load balancers.
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::notify::supervise::WorkerState;
use crate::state::AppState;
use crate::store::outbox::delivery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

#[utoipa::path(get, path = "/healthz", tag = "operations", security(()),
    summary = "Liveness: the process answers",
    responses((status = 200, body = String, content_type = "text/plain", description = "Alive")))]
async fn healthz() -> &'static str {
    "ok"
}

#[utoipa::path(get, path = "/readyz", tag = "operations", security(()),
    summary = "Readiness: the database answers and the mail worker runs",
    responses((status = 200, body = String, content_type = "text/plain", description = "Ready"),
        (status = 503, description = "Not ready: the database or the mail worker is down")))]
async fn readyz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    if let Err(err) = crate::store::readiness::check_ready(&state.db).await {
        tracing::warn!(error = %err, "database not ready");
        return Err(AppError::Unavailable);
    }
    // A node whose worker is gone would take requests whose mail never leaves.
    if worker_state(&state) == WorkerState::Stopped {
        tracing::warn!("outbox worker not running");
        return Err(AppError::Unavailable);
    }
    Ok("ready")
}

fn worker_state(state: &AppState) -> WorkerState {
    state
        .worker_health
        .state(state.settings.mail.worker_enabled)
}

/// Routed by `api::metrics`, which decides where and for whom.
pub(crate) async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let now = crate::store::now();
    // Read at scrape time so the gauges are never stale; one indexed query.
    let oldest_due_secs = match delivery::oldest_due(&state.db, now).await {
        Ok(oldest) => oldest.map_or(0.0, |at| (now - at).as_seconds_f64().max(0.0)),
        Err(err) => {
            tracing::warn!(error = %err, "cannot read the outbox for metrics");
            f64::NAN
        }
    };
    metrics::gauge!("outbox_oldest_due_seconds").set(oldest_due_secs);
    let alive = match worker_state(&state) {
        WorkerState::Running => 1.0,
        WorkerState::Stopped => 0.0,
        WorkerState::Disabled => f64::NAN,
    };
    metrics::gauge!("outbox_worker_alive").set(alive);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::render_metrics(),
    )
}
