//! The JSON API under /api/v1: one module per resource, each with its own router.
pub mod actions;
pub mod auth;
pub mod calendar;
pub mod exports;
pub mod extract;
pub mod governments;
pub mod health;
pub mod history;
pub mod iati;
pub mod me;
pub mod metrics;
pub mod outbox;
pub mod pagination;
pub mod projects;
pub mod resource;
pub mod transitions;
pub mod understandings;
pub mod users;
pub mod workshops;

use axum::Router;

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .merge(auth::router())
        .merge(me::router())
        .merge(calendar::router())
        .merge(governments::router())
        .merge(users::router())
        .merge(projects::router())
        .merge(iati::router())
        .merge(actions::router())
        .merge(understandings::router())
        .merge(workshops::router())
        .merge(exports::router())
        .merge(history::router())
        .merge(outbox::router())
        // Unknown addresses under /api/v1 are the API's (problem+json); every other
        // unknown address belongs to the pages' fallback.
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed });
    Router::new()
        .merge(health::router())
        .merge(calendar::feed_router())
        .nest("/api/v1", v1)
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
}
