//! `/api/docs`: the OpenAPI document rendered by RapiDoc, a viewer vendored from the
//! npm registry (`static/vendor/rapidoc/README.md` says which version and its hash)
//! and compiled into the binary: no CDN, nothing fetched at build or run time. The
//! script is served under a name carrying its content hash, kept a year by browsers.
use std::sync::OnceLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::present::i18n::Tr;
use crate::state::AppState;

const RAPIDOC: &[u8] = include_bytes!("../../static/vendor/rapidoc/rapidoc-min.js");

/// Only this page runs the viewer, which styles its shadow DOM with inline styles;
/// everything still comes from this origin.
const DOCS_POLICY: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; \
                           img-src 'self' data:; frame-ancestors 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        // Not in the contract: an HTML page for people, outside /api/v1.
        .route("/api/docs", get(page))
        // Not in the contract: the viewer's script.
        .route("/api/docs/{file}", get(script))
}

/// `rapidoc-<first 16 hex of its SHA-256>.js`
fn script_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let digest = hex::encode(Sha256::digest(RAPIDOC));
        format!("rapidoc-{}.js", &digest[..16])
    })
}

/// Read-only: RapiDoc's "try it" forms, token box and example editors have unlabelled
/// inputs (axe-core says so), so they are off and bodies open on their schema; its
/// colours are darkened to readable contrast. `curl` tries the API as well.
///
/// In the visitor's language (language cookie, else `Accept-Language`), as far as
/// Concord's own words go.
async fn page(headers: HeaderMap) -> Response {
    let tr = Tr::new(crate::web::lang::choose(&headers, None));
    let lang = tr.lang();
    let html = format!(
        r##"<!doctype html>
<html lang="{tag}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script type="module" src="/api/docs/{script}"></script>
<style>
/* RapiDoc's method and link colours, darkened to read on its light background (4.5:1);
   the page's own rule wins over the viewer's `:host` defaults. */
rapi-doc {{ --blue: #0b5c8e; --green: #3d6b00; --orange: #8a4f00; --red: #b3261e;
  --purple: #6a3d9a; }}
</style>
</head>
<body>
<rapi-doc spec-url="/api/v1/openapi.json" load-fonts="false" render-style="read"
  show-header="false" allow-server-selection="false" allow-authentication="false"
  allow-try="false" default-schema-tab="schema" schema-style="table" theme="light" primary-color="#b3400f">
<noscript><p>{noscript} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></noscript>
</rapi-doc>
</body>
</html>
"##,
        script = script_name(),
        tag = lang.tag(),
        dir = lang.dir(),
        title = escape(&tr.get("api-docs-title")),
        noscript = escape(&tr.get("api-docs-noscript")),
    );
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCS_POLICY),
    );
    response
}

/// Our own translations hold no markup, but they are text all the same.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn script(Path(file): Path<String>) -> Result<Response, AppError> {
    if file != script_name() {
        return Err(AppError::NotFound);
    }
    let mut response = RAPIDOC.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
