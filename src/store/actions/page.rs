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

use sea_orm::sea_query::{Alias, Expr, JoinType};
use sea_orm::sqlx::{Row, ValueRef};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, FromQueryResult, QueryResult, QuerySelect, QueryTrait,
    Select, Statement, TryGetable,
};

use super::read::{ProgressSummary, Related};
use super::summary::parse_agreements;
use crate::error::AppResult;
use crate::store::entities::{action, action_progress};
use crate::store::{Db, Page, PageRequest, ordered_after_cursor, with_limit};

/// A page of the actions `query` finds, and what their list items need beside them.
pub async fn load(
    db: &Db,
    query: Select<action::Entity>,
    request: PageRequest,
) -> AppResult<(Page<action::Model>, Related)> {
    let statement = statement(db.get_database_backend(), query, request);
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

/// The page's statement: `query`'s page (see [`ordered_after_cursor`] and
/// [`with_limit`]), each row's columns in the order [`PageRow`] reads them.
pub fn statement(
    backend: DbBackend,
    query: Select<action::Entity>,
    request: PageRequest,
) -> Statement {
    let mut statement = ordered_after_cursor(query, action::Column::Id, request)
        .select_only()
        .columns(ROW)
        .into_query();
    statement
        .expr(Expr::cust(PHASE_STATE))
        .expr(Expr::cust(r#""lp"."note""#))
        .expr(Expr::cust(r#""lp"."author_id""#))
        .expr(Expr::cust(r#""lp"."created_at""#))
        .join_as(
            JoinType::LeftJoin,
            action_progress::Entity,
            Alias::new("lp"),
            Expr::cust(r#""lp"."id" = "actions"."last_progress_id""#),
        );
    with_limit(backend.build(&statement), request.limit + 1)
}

/// The state of the action's phase, as a column of a query of `actions`: a search of
/// the phases' primary key.
pub(super) const PHASE_STATE: &str =
    r#"(SELECT "phases"."state" FROM "phases" WHERE "phases"."id" = "actions"."phase_id")"#;

/// The action's own columns a page reads, in this order, then the phase's state and
/// the newest note's note, author and time.
const ROW: [action::Column; 17] = [
    action::Column::Id,
    action::Column::PhaseId,
    action::Column::ProjectId,
    action::Column::Title,
    action::Column::Description,
    action::Column::Scope,
    action::Column::DueDate,
    action::Column::OwnerId,
    action::Column::State,
    action::Column::Version,
    action::Column::CompletionNote,
    action::Column::Reason,
    action::Column::CreatedAt,
    action::Column::UpdatedAt,
    action::Column::AgreementList,
    action::Column::ProgressNotes,
    action::Column::LastProgressId,
];

/// One row of [`statement`], read by position: a page is 50 rows of 21 columns, and
/// finding each column by its name was a hash lookup per value (issue 8's profile).
struct PageRow {
    action: action::Model,
    phase_state: String,
    last: Option<action_progress::Model>,
}

impl FromQueryResult for PageRow {
    fn from_query_result(res: &QueryResult, _pre: &str) -> Result<Self, DbErr> {
        let mut column = 0;
        let mut next = || {
            column += 1;
            column - 1
        };
        let action = action::Model {
            id: res.try_get_by_index(next())?,
            phase_id: res.try_get_by_index(next())?,
            project_id: res.try_get_by_index(next())?,
            title: res.try_get_by_index(next())?,
            description: res.try_get_by_index(next())?,
            scope: res.try_get_by_index(next())?,
            due_date: res.try_get_by_index(next())?,
            owner_id: optional(res, next())?,
            state: res.try_get_by_index(next())?,
            version: res.try_get_by_index(next())?,
            completion_note: optional(res, next())?,
            reason: optional(res, next())?,
            created_at: res.try_get_by_index(next())?,
            updated_at: res.try_get_by_index(next())?,
            agreement_list: res.try_get_by_index(next())?,
            progress_notes: res.try_get_by_index(next())?,
            last_progress_id: optional(res, next())?,
        };
        let phase_state = res.try_get_by_index(next())?;
        // The note is never NULL in its table, so a NULL here is a row the join did
        // not find: no note yet, or (there is no foreign key) one that is gone.
        let note: Option<String> = optional(res, next())?;
        let last = match (note, action.last_progress_id) {
            (Some(note), Some(id)) => Some(action_progress::Model {
                id,
                action_id: action.id,
                note,
                author_id: res.try_get_by_index(next())?,
                created_at: res.try_get_by_index(next())?,
            }),
            _ => None,
        };
        Ok(Self {
            action,
            phase_state,
            last,
        })
    }
}

/// Column `index` of `res`, `None` when it is NULL. sea-orm reads a NULL into an
/// `Option` by way of an error whose message it formats, a `String` per NULL, and a
/// page has a few hundred of them (issue 8's profile); asking the row first skips that.
fn optional<T: TryGetable>(res: &QueryResult, index: usize) -> Result<Option<T>, DbErr> {
    let null = if let Some(row) = res.try_as_pg_row() {
        row.try_get_raw(index).is_ok_and(|value| value.is_null())
    } else if let Some(row) = res.try_as_sqlite_row() {
        row.try_get_raw(index).is_ok_and(|value| value.is_null())
    } else {
        false
    };
    if null {
        Ok(None)
    } else {
        res.try_get_by_index(index)
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::EntityTrait;

    use super::*;

    /// A bound limit had PostgreSQL plan the page at every request (see `with_limit`).
    #[test]
    fn the_pages_limit_is_written_in_not_bound() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let request = PageRequest {
                after: None,
                limit: 50,
            };
            let page = statement(backend, action::Entity::find(), request);
            assert!(page.sql.ends_with(" LIMIT 51"), "{}", page.sql);
            assert_eq!(page.sql.matches("LIMIT").count(), 1, "{}", page.sql);
            assert!(page.values.is_none_or(|values| values.0.is_empty()));
        }
    }
}
