//! Liveness, readiness and metrics for operators and load balancers.
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::app::AppState;
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    match crate::store::readiness::check_ready(&state.db).await {
        Ok(()) => Ok("ready"),
        Err(err) => {
            tracing::warn!(error = %err, "database not ready");
            Err(AppError::Unavailable)
        }
    }
}

/// Routed by `api::metrics`, which decides where and for whom.
pub(crate) async fn metrics() -> impl IntoResponse {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::render_metrics(),
    )
}
