//! The one error type of the service and its problem+json (RFC 9457) rendering.
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::domain::validation::FieldErrors;

pub type AppResult<T> = Result<T, AppError>;

/// What clients are told to wait before retrying a request that met a storage outage.
pub const STORAGE_RETRY_AFTER_SECS: u32 = 5;

/// What an error response was, left on the response for a door that shows errors its
/// own way: the web door turns any response carrying it into an HTML page (or, for
/// 401, a redirect to sign in). The API leaves it unread.
#[derive(Debug, Clone)]
pub struct ErrorFace {
    pub status: StatusCode,
    pub code: String,
    pub retry_after_secs: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("not signed in: {detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("forbidden")]
    Forbidden,
    /// An unsafe request authenticated by the session cookie that did not show it came
    /// from Concord's own pages (see `auth::session`).
    #[error("cross-site request refused")]
    CrossSite,
    #[error("not found")]
    NotFound,
    #[error("conflict: {detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("invalid fields")]
    Validation(FieldErrors),
    /// A guarded transition or rule said no; `code` is `<machine>.<rule>`.
    #[error("refused: {code}")]
    Refused {
        code: String,
        detail: String,
        /// The domain's refusal, when there is one, for a page to say in its language.
        refusal: Option<Box<crate::domain::refusal::Refusal>>,
    },
    #[error("too many attempts")]
    TooManyRequests {
        code: &'static str,
        retry_after_secs: u64,
    },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("service unavailable")]
    Unavailable,
    /// The database cannot be written or reached right now (disk full, read-only,
    /// down, locked past the timeout); the client should retry later.
    #[error("storage unavailable")]
    StorageUnavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Unauthorized {
            code,
            detail: detail.into(),
        }
    }

    pub fn refused(code: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Refused {
            code: code.into(),
            detail: detail.into(),
            refusal: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        Self::Validation(errors)
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CrossSite => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Validation(_) | Self::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unavailable | Self::StorageUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &str {
        match self {
            Self::BadRequest(_) => "request.malformed",
            Self::Unauthorized { code, .. } | Self::Conflict { code, .. } => code,
            Self::TooManyRequests { code, .. } => code,
            Self::Forbidden => "auth.forbidden",
            Self::CrossSite => "auth.cross_site",
            Self::NotFound => "not_found",
            Self::Validation(_) => "validation.failed",
            Self::Refused { code, .. } => code,
            Self::PayloadTooLarge => "request.too_large",
            Self::UnsupportedMediaType => "request.unsupported_media_type",
            Self::MethodNotAllowed => "request.method_not_allowed",
            Self::Unavailable => "service.unavailable",
            Self::StorageUnavailable => "storage.unavailable",
            Self::Internal(_) => "internal",
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::BadRequest(detail)
            | Self::Unauthorized { detail, .. }
            | Self::Conflict { detail, .. }
            | Self::Refused { detail, .. } => detail.clone(),
            Self::Forbidden => "You do not have the right to do this.".into(),
            Self::CrossSite => "This request did not come from Concord's own pages, or \
                                lacks the form token; nothing was changed."
                .into(),
            Self::NotFound => "There is nothing here, or you may not see it.".into(),
            Self::Validation(_) => "Some fields are invalid; see `errors`.".into(),
            Self::TooManyRequests {
                retry_after_secs, ..
            } => {
                format!("Too many failed attempts; try again in {retry_after_secs} seconds.")
            }
            Self::PayloadTooLarge => "The request body is too large.".into(),
            Self::UnsupportedMediaType => "Send the body as application/json.".into(),
            Self::MethodNotAllowed => "This address does not take that method.".into(),
            Self::Unavailable => "The service cannot answer right now.".into(),
            Self::StorageUnavailable => {
                "The database cannot be reached or written right now; nothing was changed. Try again shortly.".into()
            }
            // Internals are logged, never shown.
            Self::Internal(_) => "Something went wrong on our side.".into(),
        }
    }
}

/// The body of every error (RFC 9457); its schema is the API document's `Problem`.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Problem<'a> {
    /// `urn:concord:problem:<code>`
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: String,
    /// Machine-readable: `validation.failed`, `not_found`, `<machine>.<rule>`, …
    #[schema(example = "validation.failed")]
    code: &'a str,
    /// On a 422 for bad fields: each field's complaints.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::BTreeMap<String, Vec<String>>>, required = false)]
    errors: Option<&'a FieldErrors>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        let status = self.status();
        let problem = Problem {
            kind: format!("urn:concord:problem:{}", self.code()),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.detail(),
            code: self.code(),
            errors: match &self {
                Self::Validation(errors) => Some(errors),
                _ => None,
            },
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.extensions_mut().insert(ErrorFace {
            status,
            code: self.code().to_owned(),
            retry_after_secs: match self {
                Self::TooManyRequests {
                    retry_after_secs, ..
                } => Some(retry_after_secs),
                Self::StorageUnavailable => Some(u64::from(STORAGE_RETRY_AFTER_SECS)),
                _ => None,
            },
        });
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Self::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        if let Self::StorageUnavailable = self {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(STORAGE_RETRY_AFTER_SECS),
            );
        }
        response
    }
}

impl From<crate::domain::role::NotAllowed> for AppError {
    fn from(_: crate::domain::role::NotAllowed) -> Self {
        Self::Forbidden
    }
}

impl From<crate::domain::operations::OperationRefusal> for AppError {
    fn from(refusal: crate::domain::operations::OperationRefusal) -> Self {
        use crate::domain::operations::OperationRefusal;
        match refusal {
            OperationRefusal::RoleNotAllowed => Self::Forbidden,
            other => Self::refused(other.code(), other.reason()),
        }
    }
}

impl From<crate::domain::refusal::Refusal> for AppError {
    fn from(refusal: crate::domain::refusal::Refusal) -> Self {
        match refusal {
            // A role that may never do this is a 403; every other refusal is a 422
            // that names the rule.
            refusal if refusal.is_authorisation() => Self::Forbidden,
            other => Self::Refused {
                code: other.code(),
                detail: other.reason(),
                refusal: Some(Box::new(other)),
            },
        }
    }
}
