//! `/metrics`, on the main port or a listener of its own, open or behind a bearer
//! token, as `metrics.bind` and `metrics.token` say.
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

pub fn router(token: Option<&str>) -> Router<AppState> {
    // Not in the contract: Prometheus' text format for scrapers, on a port and behind a
    // token of the operator's choosing, outside the JSON API.
    let route = Router::new().route("/metrics", get(super::health::metrics));
    match token {
        Some(token) => {
            let expected = Arc::new(digest(token));
            route.layer(middleware::from_fn_with_state(expected, require_token))
        }
        None => route,
    }
}

async fn require_token(
    State(expected): State<Arc<[u8; 32]>>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let sent = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    // Digests of equal length compared, so the comparison says nothing about how
    // much of the token a guess got right.
    match sent {
        Some(token) if digest(token) == *expected => Ok(next.run(request).await),
        _ => Err(AppError::unauthorized(
            "metrics.token_required",
            "Send the metrics token as `Authorization: Bearer <token>`.",
        )),
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}
