//! The JSON API under /api/v1: one module per resource, each with its own router.
//! Every route is registered together with its OpenAPI description (see `openapi`).
pub mod actions;
pub mod auth;
pub mod calendar;
pub mod docs;
pub mod exports;
pub mod extract;
pub mod governments;
pub mod health;
pub mod history;
pub mod iati;
pub mod me;
pub mod metrics;
pub mod openapi;
pub mod outbox;
pub mod pagination;
pub mod projects;
pub mod resource;
pub mod timestamps;
pub mod transitions;
pub mod understandings;
pub mod users;
pub mod workshops;

use axum::{Extension, Router};
use utoipa::openapi::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let (router, doc) = routes_and_document();
    router
        .layer(Extension(openapi::Document::new(&doc)))
        .merge(docs::router())
}

/// The API's router and its OpenAPI document, both from the same registrations.
pub fn routes_and_document() -> (Router<AppState>, OpenApi) {
    let (v1, v1_doc) = OpenApiRouter::new()
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
        .routes(routes!(openapi::openapi_json))
        .split_for_parts();
    let v1 = v1
        // Unknown addresses under /api/v1 are the API's (problem+json); every other
        // unknown address belongs to the pages' fallback.
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed });
    let (health, mut doc) = health::router()
        .merge(calendar::feed_router())
        .split_for_parts();
    doc = doc.nest("/api/v1", v1_doc);
    openapi::finish(&mut doc);
    let router = Router::new()
        .merge(health)
        .nest("/api/v1", v1)
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed });
    (router, doc)
}
