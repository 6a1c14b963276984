//! A JSON body extractor whose every failure is problem+json: malformed JSON → 400,
//! a wrong type or missing field → 422 naming the field.
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use crate::domain::text::{TextKind, text_problem, text_problem_of};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;

pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime == "application/json" || mime.ends_with("+json")
            });
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest("The request body could not be read.".into())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Path parameters (ids); one that does not parse names nothing that exists: 404.
pub struct ApiPath<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|_| AppError::NotFound)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // Syntax first, so that `{` is a 400 and not a complaint about fields.
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| AppError::BadRequest(format!("The body is not valid JSON: {e}")))?;
    // Text rules hold for every body, checked once here rather than by each handler.
    let mut errors = FieldErrors::default();
    check_texts(&value, None, &mut errors);
    errors.into_result().map_err(AppError::Validation)?;
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let mut errors = FieldErrors::default();
        errors.unreadable(&field_name(&path, &message), message);
        AppError::Validation(errors)
    })
}

/// Checks every string in the body (keys too) against the text rules for its field:
/// free-text fields may hold line feeds and tabs, every other string is one line.
fn check_texts(value: &serde_json::Value, path: Option<&str>, errors: &mut FieldErrors) {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            let field = path.unwrap_or("body");
            if let Some(problem) = text_problem_of(text, TextKind::of_field(leaf_name(field))) {
                errors.problem(field, problem);
            }
        }
        Value::Array(items) => {
            let parent = path.unwrap_or("body");
            for (index, item) in items.iter().enumerate() {
                check_texts(item, Some(&format!("{parent}[{index}]")), errors);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let field = match path {
                    Some(parent) => format!("{parent}.{key}"),
                    None => key.clone(),
                };
                if let Some(problem) = text_problem(key, TextKind::SingleLine) {
                    errors.add("body", format!("a field name {problem}"));
                    continue;
                }
                check_texts(item, Some(&field), errors);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The name of the field a path ends in: `summary` for `items[2].summary`, and `ids`
/// for `ids[0]`, whose items are of the same kind as the field.
fn leaf_name(path: &str) -> &str {
    let mut name = path;
    while let Some(open) = name.strip_suffix(']').and_then(|n| n.rfind('[')) {
        name = &name[..open];
    }
    name.rsplit('.').next().unwrap_or(name)
}

/// The path serde reports, or for a missing field (reported at its parent) the field's
/// own name, which serde puts between backticks.
fn field_name(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(field)) => field.to_owned(),
        (".", None) => "body".to_owned(),
        (parent, Some(field)) => format!("{parent}.{field}"),
        (path, None) => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // only deserialised, to exercise the error paths
    struct Login {
        email: String,
        limit: u32,
    }

    fn field_of(body: &str) -> Option<Vec<String>> {
        match parse_json::<Login>(body.as_bytes()) {
            Err(AppError::Validation(errors)) => Some(errors.fields().map(String::from).collect()),
            _ => None,
        }
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        assert!(matches!(
            parse_json::<Login>(b"{"),
            Err(AppError::BadRequest(_))
        ));
    }

    #[test]
    fn field_errors_name_the_field() {
        assert_eq!(field_of(r#"{"limit": 1}"#), Some(vec!["email".to_owned()]));
        assert_eq!(
            field_of(r#"{"email": "a", "limit": "x"}"#),
            Some(vec!["limit".to_owned()])
        );
        assert_eq!(field_of(r#""a string""#), Some(vec!["body".to_owned()]));
    }

    #[test]
    fn control_characters_are_refused_naming_the_field() {
        assert_eq!(
            field_of(r#"{"email": "a\u0000b", "limit": 1}"#),
            Some(vec!["email".to_owned()])
        );
        assert_eq!(
            field_of(r#"{"email": "a", "limit": 1, "nested": {"name": ["ok", "x\ny"]}}"#),
            Some(vec!["nested.name[1]".to_owned()])
        );
        // Free text keeps its line feeds; a carriage return is refused there too.
        assert_eq!(
            field_of(r#"{"email": "a", "limit": 1, "summary": "one\ntwo"}"#),
            None
        );
        assert_eq!(
            field_of(r#"{"email": "a", "limit": 1, "summary": "one\r\ntwo"}"#),
            Some(vec!["summary".to_owned()])
        );
    }
}
