//! `?limit=&cursor=` in, `{items, next_cursor}` out.
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::store::{Page, PageRequest};

const DEFAULT_LIMIT: u64 = 50;
const MAX_LIMIT: u64 = 200;

#[derive(Deserialize)]
struct RawPageQuery {
    limit: Option<String>,
    cursor: Option<String>,
}

/// Validated page parameters; bad ones are a 422 naming `limit` or `cursor`.
pub struct PageQuery(pub PageRequest);

impl<S: Send + Sync> FromRequestParts<S> for PageQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(raw) = Query::<RawPageQuery>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("The query string is malformed: {e}")))?;
        let mut errors = FieldErrors::default();
        let limit = match raw.limit.as_deref().map(str::parse::<u64>) {
            None => DEFAULT_LIMIT,
            Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
            Some(_) => {
                errors.add(
                    "limit",
                    format!("must be a whole number from 1 to {MAX_LIMIT}"),
                );
                DEFAULT_LIMIT
            }
        };
        let after = match raw
            .cursor
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(Uuid::parse_str)
        {
            None => None,
            Some(Ok(id)) => Some(id),
            Some(Err(_)) => {
                errors.add("cursor", "must be a cursor returned by a previous page");
                None
            }
        };
        errors.into_result().map_err(AppError::Validation)?;
        Ok(Self(PageRequest { after, limit }))
    }
}

/// The page parameters as the document describes them (parsed by [`PageQuery`]).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // described, never built
pub struct PageParams {
    /// How many items, 1 to 200 (50 when absent).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<Uuid>,
}

/// A page of a list, in the list's order; `next_cursor` is null on the last page.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PageBody<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<Uuid>,
}

/// What a page's answer is presized for, per item: an action list's item is about
/// 1.1 KB, and axum's `Json` starts at 128 bytes and grows by copying its way up to a
/// 55 KB page (issue 8's profile). Other lists' items are smaller; the spare room
/// lives only until the answer is written.
const BYTES_PER_ITEM: usize = 1280;

/// As axum's `Json`, with the buffer sized for the page.
impl<T: Serialize> IntoResponse for PageBody<T> {
    fn into_response(self) -> Response {
        let mut body = Vec::with_capacity(64 + self.items.len() * BYTES_PER_ITEM);
        match serde_json::to_writer(&mut body, &self) {
            Ok(()) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                body,
            )
                .into_response(),
            Err(e) => AppError::Internal(e.into()).into_response(),
        }
    }
}

impl<T> From<Page<T>> for PageBody<T> {
    fn from(page: Page<T>) -> Self {
        Self {
            items: page.items,
            next_cursor: page.next_cursor,
        }
    }
}
