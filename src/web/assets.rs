//! The one stylesheet, compiled into the binary and served under a name that carries
//! its content hash: a browser keeps it for a year, and a new build is a new name.
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

const STYLESHEET: &str = include_str!("../../static/concord.css");
pub const STYLESHEET_ROUTE: &str = "/assets/{file}";

/// `concord-<first 16 hex of its SHA-256>.css`
fn stylesheet_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let digest = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
        format!("concord-{}.css", &digest[..16])
    })
}

/// Where pages link the stylesheet.
pub fn stylesheet_href() -> String {
    format!("/assets/{}", stylesheet_name())
}

pub async fn stylesheet(Path(file): Path<String>) -> Result<Response, AppError> {
    if file != stylesheet_name() {
        return Err(AppError::NotFound);
    }
    let mut response = STYLESHEET.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Right-to-left pages mirror only if the layout never says left or right.
    #[test]
    fn the_stylesheet_uses_logical_properties_only() {
        // Comments may say what they like.
        let mut code = String::new();
        for (n, piece) in STYLESHEET.split("/*").enumerate() {
            let rest = if n == 0 {
                piece
            } else {
                piece.split_once("*/").map_or("", |(_, r)| r)
            };
            code.push_str(rest);
        }
        for word in ["left", "right"] {
            assert!(!code.contains(word), "the stylesheet says {word}");
        }
        for declaration in code.split(['{', ';']) {
            let property = declaration.trim().split(':').next().unwrap_or_default();
            for physical in [
                "width",
                "height",
                "margin-top",
                "margin-bottom",
                "padding-top",
                "padding-bottom",
                "top",
                "bottom",
            ] {
                assert_ne!(
                    property, physical,
                    "use the logical property for {physical}"
                );
            }
        }
        assert!(stylesheet_href().starts_with("/assets/concord-"));
    }
}
