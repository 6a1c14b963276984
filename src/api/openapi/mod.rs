//! The OpenAPI 3.1 document of the JSON API, built from the same registrations as the
//! router, served at `/api/v1/openapi.json` and rendered at `/api/docs`.
//!
//! HOW TO DOCUMENT A NEW ROUTE (the tests fail until you do):
//! 1. Annotate the handler with `#[utoipa::path(get, path = "/things/{id}", tag = "…",
//!    params(("id" = Uuid, Path, description = "…")), responses((status = 200, body =
//!    ThingBody), (status = 403, description = "…")))]`. The path is relative to the
//!    router it sits in (`/api/v1` is added by nesting). List the success answers and
//!    the refusals particular to the route (403, 409, 422 refusals, 429): the common
//!    problems are added by [`finish`] from the operation's shape (401 when it needs a
//!    token, 404 when it has path parameters, 400/413/415/422 when it takes a body,
//!    400/422 when it takes query parameters, 500/503 always), each as
//!    `application/problem+json` with the `Problem` schema. A route that needs no token
//!    says `security(())`; every other one gets the bearer scheme.
//! 2. Derive `utoipa::ToSchema` on its bodies (in `src/api`; a type of `src/domain` is
//!    described in `openapi::schemas` instead, as the domain does not know utoipa).
//! 3. Register it with `OpenApiRouter::new().routes(routes!(handler_a, handler_b))`
//!    (handlers on one path share one `routes!`), never with `.route(`: the test
//!    `every_api_route_goes_through_the_document` below refuses a `.route(` under
//!    `src/api` unless the line says why it stays out of the contract, and the API
//!    test `openapi::every_documented_operation_is_routed` calls every documented
//!    operation and refuses the router's own 404/405.
pub mod schemas;

use axum::Extension;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{HttpMethod, Operation, ParameterIn};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, InfoBuilder, OpenApi, Ref, ResponseBuilder, Server};
use utoipa::{PartialSchema, ToSchema};

use crate::error::Problem;

/// The name of the bearer scheme in the document.
pub const BEARER: &str = "bearer";
const PROBLEM_JSON: &str = "application/problem+json";

/// The document, serialised once at start-up (cheap to clone per request).
#[derive(Clone)]
pub struct Document(Bytes);

impl Document {
    pub fn new(doc: &OpenApi) -> Self {
        // The document is built from types and literals, so it always serialises;
        // an empty object would still be valid JSON should that ever change.
        Self(Bytes::from(
            doc.to_json().unwrap_or_else(|_| "{}".to_owned()),
        ))
    }
}

/// `GET /api/v1/openapi.json`
#[utoipa::path(get, path = "/openapi.json", tag = "contract", security(()),
    summary = "This document",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json", body = Object)))]
pub async fn openapi_json(Extension(doc): Extension<Document>) -> Response {
    let mut response = doc.0.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Completes the document the routers collected: title, bearer scheme, the
/// `Problem` schema, the default security, and the common problem answers of every
/// operation (see the top of this file).
pub fn finish(doc: &mut OpenApi) {
    doc.info = InfoBuilder::new()
        .title("Concord API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Runs a multi-government policy dialogue as a guarded, audited workflow. \
             Sign in with `POST /api/v1/auth/login` and send the access token as \
             `Authorization: Bearer <token>`. Every error is `application/problem+json` \
             with a machine-readable `code`; a 422 for bad fields names them in `errors`.",
        ))
        .build();
    doc.servers = Some(vec![Server::new("/")]);
    let components = doc.components.get_or_insert_with(Default::default);
    let mut bearer = Http::new(HttpAuthScheme::Bearer);
    bearer.bearer_format = Some("JWT".to_owned());
    components
        .security_schemes
        .insert(BEARER.to_owned(), SecurityScheme::Http(bearer));
    components
        .schemas
        .insert(Problem::name().into_owned(), Problem::schema());
    for (path, item) in doc.paths.paths.iter_mut() {
        for (method, operation) in operations(item) {
            complete(path, method, operation);
        }
    }
}

fn operations(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = (HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, item.get.as_mut()),
        (HttpMethod::Put, item.put.as_mut()),
        (HttpMethod::Post, item.post.as_mut()),
        (HttpMethod::Delete, item.delete.as_mut()),
        (HttpMethod::Patch, item.patch.as_mut()),
        (HttpMethod::Head, item.head.as_mut()),
        (HttpMethod::Options, item.options.as_mut()),
        (HttpMethod::Trace, item.trace.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.map(|o| (method, o)))
}

fn complete(path: &str, _method: HttpMethod, operation: &mut Operation) {
    // No `security` said means the default: a bearer token. `security(())` (one empty
    // requirement) means none is needed.
    let security = operation
        .security
        .get_or_insert_with(|| vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
    let needs_token = !security.iter().all(is_empty_requirement);
    let parameters = operation.parameters.as_deref().unwrap_or_default();
    let has_query = parameters
        .iter()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let has_path = path.contains('{');
    let has_body = operation.request_body.is_some();

    let mut common: Vec<u16> = vec![500, 503];
    if needs_token {
        common.push(401);
    }
    if has_path {
        common.push(404);
    }
    if has_body {
        common.extend([400, 413, 415, 422]);
    }
    if has_query {
        common.extend([400, 422]);
    }
    let responses = &mut operation.responses.responses;
    for status in common {
        responses
            .entry(status.to_string())
            .or_insert_with(|| problem_response(status, None).into());
    }
    // Refusals a handler listed with only a description get the problem body too.
    for (status, response) in responses.iter_mut() {
        let is_error = status.starts_with('4') || status.starts_with('5');
        if let utoipa::openapi::RefOr::T(response) = response
            && is_error
            && response.content.is_empty()
        {
            let description = std::mem::take(&mut response.description);
            let status = status.parse().unwrap_or(500);
            *response = problem_response(status, Some(description));
        }
    }
}

fn is_empty_requirement(requirement: &SecurityRequirement) -> bool {
    // SecurityRequirement keeps its map private; its JSON says whether it is empty.
    serde_json::to_value(requirement)
        .map(|v| v.as_object().is_some_and(|map| map.is_empty()))
        .unwrap_or(false)
}

fn problem_response(status: u16, description: Option<String>) -> utoipa::openapi::Response {
    let description = description.filter(|d| !d.is_empty()).unwrap_or_else(|| {
        match status {
            400 => "Malformed request: the JSON or the query string does not parse",
            401 => "No valid token (or session) was sent",
            403 => "Signed in, but not allowed to do this",
            404 => "Nothing here, or nothing the caller may see",
            409 => "The version sent is not the current one, or the value is taken",
            413 => "The request body is too large",
            415 => "The body is not application/json",
            422 => "Invalid fields (named in `errors`) or a refused rule (named in `code`)",
            429 => "Too many attempts; see Retry-After",
            500 => "Something went wrong on the server's side",
            503 => "The database cannot be reached or written right now; see Retry-After",
            _ => "A problem",
        }
        .to_owned()
    });
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(Problem::name())))
                .build(),
        )
        .build()
}

// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use super::*;

    /// The router and the document are built from the same registrations
    /// (`OpenApiRouter::routes`), so a route cannot be in one and not the other —
    /// unless it is registered with a plain `.route(`, which this test refuses
    /// anywhere under `src/api` unless the comment just above says why the route
    /// stays out of the contract ("Not in the contract: …"). The API test
    /// `openapi::every_documented_operation_is_routed` checks the other way round.
    #[test]
    fn every_api_route_goes_through_the_document() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
        let mut folders = vec![root];
        let mut bypasses = Vec::new();
        let mut scanned = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src/api is readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let source = std::fs::read_to_string(&path).expect("a source file");
                scanned += 1;
                let lines: Vec<&str> = source.lines().collect();
                for (n, line) in lines.iter().enumerate() {
                    // Comments may name the method; this test's own code spells it apart.
                    if line.trim_start().starts_with("//") || !line.contains(concat!(".route", "("))
                    {
                        continue;
                    }
                    let said_why = n > 0
                        && lines[..n]
                            .iter()
                            .rev()
                            .take_while(|l| l.trim_start().starts_with("//"))
                            .any(|l| l.contains("Not in the contract"));
                    if !said_why {
                        bypasses.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(scanned > 10, "the API's sources were read");
        assert!(
            bypasses.is_empty(),
            "routes registered outside the OpenAPI document (use `.routes(routes!(…))`, \
             see the top of src/api/openapi/mod.rs):\n{}",
            bypasses.join("\n")
        );
    }

    #[test]
    fn the_document_names_the_bearer_scheme_and_the_problem_schema() {
        let (_, doc) = crate::api::routes_and_document();
        let json = serde_json::to_value(&doc).expect("the document serialises");
        assert_eq!(json["openapi"], "3.1.0");
        assert_eq!(
            json["components"]["securitySchemes"][BEARER]["scheme"],
            "bearer"
        );
        assert!(json["components"]["schemas"]["Problem"].is_object());
        let login = &json["paths"]["/api/v1/auth/login"]["post"];
        assert_eq!(
            login["responses"]["422"]["content"][PROBLEM_JSON]["schema"]["$ref"],
            "#/components/schemas/Problem"
        );
        // A transition's request names only the transitions its machine takes.
        let names = &json["components"]["schemas"]["ProjectTransitionRequest"]["properties"]["transition"]
            ["enum"];
        assert!(
            names
                .as_array()
                .is_some_and(|n| n.contains(&"activate".into())),
            "{names}"
        );
    }
}
