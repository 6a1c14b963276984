//! What every state machine's resource serves, written once: `GET …/{id}`,
//! `POST …/{id}/transitions` and `GET …/{id}/history`. A resource registers them with
//! one line, `.merge(resource::routes::<ProjectMachine>("/projects"))`.
//!
//! The handlers are generic, which `#[utoipa::path]` cannot describe, so their three
//! operations are described here with utoipa's builders, once for every machine, and
//! registered together with the handler they describe (the same `OpenApiRouter::routes`
//! call): a machine's routes and their document cannot part.
use axum::Json;
use axum::extract::State;
use axum::routing::{MethodRouter, get, post};
use serde::Serialize;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn, PathItem, PathsBuilder,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath};
use super::history::{self, HistoryBody};
use super::openapi::schemas::names_schema;
use super::pagination::{PageParams, PageQuery};
use super::transitions::TransitionRequest;
use crate::auth::CurrentUser;
use crate::auth::reader::Reader;
use crate::domain::machine::StateMachine;
use crate::domain::named::Named;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::runner::{self, Asker::Claimed, Stored};

/// How a machine's view is rendered as JSON for the user who asked.
pub trait IntoBody {
    type Body: Serialize + ToSchema;
    /// Whether the body tells times in its reader's time zone (a workshop's), which
    /// only their account holds: a transition then reads the account first rather
    /// than letting the lock confirm the token's claims (`auth::reader`).
    const ZONED: bool = false;
    /// `time_zone` is the reader's, from their account; it is always given when
    /// `ZONED`.
    fn into_body(self, time_zone: Option<&str>) -> Self::Body;
}

/// The read, transition and history routes of the machine `M` under `base`.
pub fn routes<M>(base: &str) -> OpenApiRouter<AppState>
where
    M: Stored,
    M::View: IntoBody,
{
    let doc = Described::<M>::new(base);
    OpenApiRouter::new()
        .routes(doc.read(get(read::<M>)))
        .routes(doc.transition(post(transition::<M>)))
        .routes(doc.history(get(history_of::<M>)))
}

/// The document of one machine's three operations.
struct Described<M> {
    base: String,
    machine: &'static str,
    tag: String,
    marker: std::marker::PhantomData<M>,
}

impl<M> Described<M>
where
    M: Stored,
    M::View: IntoBody,
{
    fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            machine: M::MACHINE.as_str(),
            tag: base.trim_start_matches('/').to_owned(),
            marker: std::marker::PhantomData,
        }
    }

    fn body_name() -> String {
        <<M::View as IntoBody>::Body as ToSchema>::name().into_owned()
    }

    /// The body's schema and every schema it refers to.
    fn body_schemas() -> Vec<(String, RefOr<Schema>)> {
        type Body<M> = <<M as Stored>::View as IntoBody>::Body;
        let mut schemas = vec![(Self::body_name(), Body::<M>::schema())];
        Body::<M>::schemas(&mut schemas);
        schemas
    }

    fn operation(&self, id: &str, summary: String) -> OperationBuilder {
        OperationBuilder::new()
            .operation_id(Some(format!("{id}_{}", self.machine)))
            .summary(Some(summary))
            .tag(self.tag.clone())
            .parameter(
                ParameterBuilder::new()
                    .name("id")
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(format!("The {}'s id", self.machine)))
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))),
                    )),
            )
    }

    fn ok(description: &str, schema: &str) -> utoipa::openapi::Response {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(schema)))
                    .build(),
            )
            .build()
    }

    /// A refusal the handler may give; `openapi::finish` gives it the problem body.
    fn refusal(description: &str) -> utoipa::openapi::Response {
        ResponseBuilder::new().description(description).build()
    }

    fn at(
        path: String,
        method: HttpMethod,
        operation: Operation,
        schemas: Vec<(String, RefOr<Schema>)>,
        handler: MethodRouter<AppState>,
    ) -> UtoipaMethodRouter<AppState> {
        let paths = PathsBuilder::new()
            .path(path, PathItem::new(method, operation))
            .build();
        (schemas, paths, handler)
    }

    fn read(&self, handler: MethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
        let operation = self
            .operation("read", format!("Read {}", a(self.machine)))
            .description(Some(
                "With `allowed_transitions`: each transition the reader may take now, \
                 and for the others why not.",
            ))
            .response("200", Self::ok("The resource", &Self::body_name()))
            .build();
        let path = format!("{}/{{id}}", self.base);
        Self::at(
            path,
            HttpMethod::Get,
            operation,
            Self::body_schemas(),
            handler,
        )
    }

    fn transition(&self, handler: MethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
        let request = format!("{}TransitionRequest", capitalised(self.machine));
        let operation = self
            .operation(
                "transition",
                format!("Take a transition of {}", a(self.machine)),
            )
            .description(Some(
                "Guarded: a refused transition is a 422 whose `code` names the rule \
                 (`<machine>.<rule>`), and nothing changes. `version` must be the one read.",
            ))
            .request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name(&request)))
                            .build(),
                    )
                    .build(),
            ))
            .response(
                "200",
                Self::ok("The resource after the transition", &Self::body_name()),
            )
            .response(
                "403",
                Self::refusal("The reader's role may never take this transition"),
            )
            .response(
                "409",
                Self::refusal("`version` is not the current one: read again"),
            )
            .build();
        let mut schemas = Self::body_schemas();
        schemas.push((request, transition_request_schema::<M>().into()));
        let path = format!("{}/{{id}}/transitions", self.base);
        Self::at(path, HttpMethod::Post, operation, schemas, handler)
    }

    fn history(&self, handler: MethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
        let mut operation = self
            .operation("history", format!("The history of {}", a(self.machine)))
            .response(
                "200",
                Self::ok("A page of its history, oldest first", "HistoryBody"),
            )
            .build();
        operation
            .parameters
            .get_or_insert_with(Vec::new)
            .extend(PageParams::into_params(|| Some(ParameterIn::Query)));
        let mut schemas = vec![("HistoryBody".to_owned(), HistoryBody::schema())];
        HistoryBody::schemas(&mut schemas);
        let path = format!("{}/{{id}}/history", self.base);
        Self::at(path, HttpMethod::Get, operation, schemas, handler)
    }
}

/// `TransitionRequest` with `transition` narrowed to the names `M` takes.
fn transition_request_schema<M: StateMachine>() -> Schema {
    let names = M::REQUESTABLE.iter().map(|t| t.name());
    let mut schema = match TransitionRequest::schema() {
        RefOr::T(Schema::Object(object)) => object,
        _ => Object::new(),
    };
    schema.properties.insert(
        "transition".to_owned(),
        names_schema(names, "The transition to take").into(),
    );
    Schema::Object(schema)
}

/// "a project", "an action".
fn a(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

async fn read<M>(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<<M::View as IntoBody>::Body>>
where
    M: Stored,
    M::View: IntoBody,
{
    let view = runner::read::<M, _>(&state.db, &user.actor(), id).await?;
    Ok(Json(view.into_body(Some(&user.row.time_zone))))
}

/// A bearer token's claims are confirmed by the lock of the row (one statement fewer
/// than reading the account first); anything else reads the account.
async fn transition<M>(
    State(state): State<AppState>,
    reader: Reader,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TransitionRequest>,
) -> AppResult<Json<<M::View as IntoBody>::Body>>
where
    M: Stored,
    M::View: IntoBody,
{
    let request = M::parse_request(&body.transition).map_err(AppError::Validation)?;
    let input = body.input();
    let (db, version) = (&state.db, body.version);
    if let Reader::Claimed { actor, generation } = &reader
        && !<M::View as IntoBody>::ZONED
        && let Some(view) = runner::transition_by::<M>(
            db,
            actor,
            Claimed(*generation),
            id,
            request,
            version,
            &input,
        )
        .await?
    {
        return Ok(Json(view.into_body(None)));
    }
    let user = reader.account(&state).await?;
    let view = runner::transition::<M>(db, &user.actor(), id, request, version, &input).await?;
    Ok(Json(view.into_body(Some(&user.row.time_zone))))
}

async fn history_of<M: Stored>(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
    PageQuery(page): PageQuery,
) -> AppResult<Json<HistoryBody>> {
    runner::find_visible::<M, _>(&state.db, &user.actor(), id).await?;
    history::of(&state, M::MACHINE.as_str(), id, page).await
}
