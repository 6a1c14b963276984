//! `/admin/outbox`: the mail outbox, dead messages first (the default filter), each
//! with its error and, for a dead one, the retry button (`store::outbox::retry_dead`,
//! as `POST /api/v1/outbox/{id}/retry`). Other rows show the button disabled with the
//! domain's reason. One query for the rows and one for their recipients.
use std::collections::HashMap;

use askama::Template;
use axum::extract::{Extension, Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::super::flash::Flash;
use super::super::page::{Page, render};
use super::super::reasons;
use super::{Section, back, sections};
use crate::auth::CurrentUser;
use crate::auth::session::Session;
use crate::domain::operations;
use crate::error::AppError;
use crate::present::calendar;
use crate::present::when::zone;
use crate::state::AppState;
use crate::store::{PageRequest, outbox, users};

const PATH: &str = "/admin/outbox";
const PAGE_SIZE: u64 = 50;
/// What the page shows when no filter is chosen: what needs an operator.
const DEFAULT_FILTER: &str = outbox::DEAD;
/// Every status, as one filter.
const ALL: &str = "all";

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    cursor: Option<Uuid>,
}

struct Row {
    id: Uuid,
    created: String,
    template: String,
    recipient: String,
    status: String,
    status_label: String,
    attempts: i32,
    last_error: Option<String>,
    refused: Option<String>,
}

struct Filter {
    value: &'static str,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "web/admin_outbox.html")]
struct OutboxPage {
    p: Page,
    sections: Vec<Section>,
    filters: Vec<Filter>,
    filter: String,
    rows: Vec<Row>,
    next: Option<Uuid>,
    retry_label: String,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    operations::may_operate_outbox(user.role)?;
    let filter = query
        .status
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_FILTER.to_owned());
    let status = match filter.as_str() {
        ALL => None,
        known if outbox::STATUSES.contains(&known) => Some(known),
        _ => {
            let expected = format!("must be one of {ALL}, {}", outbox::STATUSES.join(", "));
            return Err(AppError::invalid("status", expected));
        }
    };
    let request = PageRequest {
        after: query.cursor,
        limit: PAGE_SIZE,
    };
    let page = outbox::list(&state.db, status, request).await?;
    let mut ids: Vec<Uuid> = page.items.iter().map(|r| r.recipient_user_id).collect();
    ids.sort();
    ids.dedup();
    let recipients: HashMap<Uuid, String> = users::by_ids(&state.db, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let reader_tz = zone(&user.row.time_zone);
    let rows = page
        .items
        .into_iter()
        .map(|r| Row {
            id: r.id,
            created: calendar::moment(&p.tr, r.created_at, reader_tz),
            recipient: recipients
                .get(&r.recipient_user_id)
                .cloned()
                .unwrap_or_else(|| r.recipient_user_id.to_string()),
            status_label: p.t(&format!("outbox-status-{}", r.status)),
            refused: operations::may_retry(&r.status)
                .err()
                .map(|e| reasons::of_operation(&p, e)),
            status: r.status,
            template: r.template,
            attempts: r.attempts,
            last_error: r.last_error,
        })
        .collect();
    let filters = [
        outbox::DEAD,
        outbox::PENDING,
        outbox::SENT,
        outbox::SKIPPED,
        ALL,
    ]
    .into_iter()
    .map(|value| Filter {
        value,
        label: p.t(&format!("outbox-filter-{value}")),
        current: value == filter,
    })
    .collect();
    let page = OutboxPage {
        sections: sections(&p, PATH),
        filters,
        filter,
        rows,
        next: page.next_cursor,
        retry_label: p.t("admin-outbox-retry"),
        p,
    };
    render(&page, &page.p.tr)
}

/// A refusal (the row is not dead, say after someone else retried it) comes back as
/// the flash with the domain's reason.
pub async fn retry(
    State(state): State<AppState>,
    user: CurrentUser,
    p: Page,
    session: Option<Extension<Session>>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    operations::may_operate_outbox(user.role)?;
    let flash = match outbox::retry_dead(&state.db, user.id, id).await {
        Ok(_) => Flash::notice(p.t("admin-outbox-retried")),
        Err(AppError::Refused { detail, .. }) => Flash::error(detail),
        Err(other) => return Err(other),
    };
    let session = session.map(|Extension(s)| s);
    Ok(back(&state, session.as_ref(), PATH, flash))
}
