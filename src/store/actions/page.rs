//! A list page of actions in one statement: the page's rows, each with its phase's
//! state and its newest progress note.
//!
//! Why one statement: the list is the hottest read, and on SQLite every statement and
//! every row crosses from the connection's thread to the request's. Read as a page
//! then three batch queries (agreements, progress, phases), a 50-row page was four
//! statements and some 250 rows against the bare server's one statement and 51 rows
//! (issue 8). The agreements and the note count are copies on the action row
//! (`summary.rs`); the phase's state and the newest note are each a search of a
//! primary key (`tests/api/plans.rs`), so the cost follows the page, not the dialogue.
use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, JoinType, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, QueryResult, QueryTrait, Select};
use uuid::Uuid;

use super::read::{ProgressSummary, Related};
use super::summary::parse_agreements;
use crate::error::AppResult;
use crate::store::entities::{action, action_progress};
use crate::store::{Db, Page, PageRequest, page_query};

/// A page of the actions `query` finds, and what their list items need beside them.
pub async fn load(
    db: &Db,
    query: Select<action::Entity>,
    request: PageRequest,
) -> AppResult<(Page<action::Model>, Related)> {
    let statement = db.get_database_backend().build(&statement(query, request));
    let rows = PageRow::find_by_statement(statement).all(db).await?;
    let mut agreements = HashMap::with_capacity(rows.len());
    let mut summaries = HashMap::new();
    let mut phase_states = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.action.id;
        agreements.insert(id, parse_agreements(id, &row.action.agreement_list)?);
        if let Some(last) = row.last {
            summaries.insert(
                id,
                ProgressSummary {
                    notes: row.action.progress_notes,
                    last,
                },
            );
        }
        phase_states.insert(row.action.phase_id, row.phase_state);
        items.push(row.action);
    }
    let page = Page::cut(items, request, |a| a.id);
    Ok((page, Related::of_page(agreements, summaries, phase_states)))
}

/// The page's statement: `query`'s page (see [`page_query`]) with the columns of
/// [`PageRow`] beside each action's own.
pub fn statement(query: Select<action::Entity>, request: PageRequest) -> SelectStatement {
    let mut statement = page_query(query, action::Column::Id, request).into_query();
    statement
        .expr_as(
            Expr::cust(r#"(SELECT "phases"."state" FROM "phases" WHERE "phases"."id" = "actions"."phase_id")"#),
            Alias::new("phase_state"),
        )
        .expr_as(Expr::cust(r#""lp"."id""#), Alias::new("last_id"))
        .expr_as(Expr::cust(r#""lp"."note""#), Alias::new("last_note"))
        .expr_as(Expr::cust(r#""lp"."author_id""#), Alias::new("last_author_id"))
        .expr_as(Expr::cust(r#""lp"."created_at""#), Alias::new("last_created_at"))
        .join_as(
            JoinType::LeftJoin,
            action_progress::Entity,
            Alias::new("lp"),
            Expr::cust(r#""lp"."id" = "actions"."last_progress_id""#),
        );
    statement
}

/// One row of [`statement`].
struct PageRow {
    action: action::Model,
    phase_state: String,
    last: Option<action_progress::Model>,
}

impl FromQueryResult for PageRow {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        let action = action::Model::from_query_result(res, pre)?;
        let last_id: Option<Uuid> = res.try_get(pre, "last_id")?;
        let last = match last_id {
            Some(id) => Some(action_progress::Model {
                id,
                action_id: action.id,
                note: res.try_get(pre, "last_note")?,
                author_id: res.try_get(pre, "last_author_id")?,
                created_at: res.try_get(pre, "last_created_at")?,
            }),
            None => None,
        };
        Ok(Self {
            phase_state: res.try_get(pre, "phase_state")?,
            last,
            action,
        })
    }
}
