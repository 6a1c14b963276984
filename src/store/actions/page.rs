//! A list page of actions in one statement: the page's rows, each with its phase's
//! state, its progress summary and its agreements.
//!
//! Why one statement: the list is the hottest read, and on SQLite every statement and
//! every row crosses from the connection's thread to the request's. Read as a page
//! then three batch queries (agreements, progress, phases), a 50-row page was four
//! statements and some 250 rows against the bare server's one statement and 51 rows
//! (issue 8). Here each figure is a correlated subquery on the page's own row, each a
//! search of an index (`tests/api/plans.rs`), so the cost follows the page, not the
//! dialogue; the agreements come as one text per action, written by the database in
//! the small fixed format [`parse_agreements`] reads.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, JoinType, SelectStatement};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, FromQueryResult, QueryResult, QueryTrait, Select,
};
use uuid::Uuid;

use super::read::{ProgressSummary, Related};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress};
use crate::store::{Db, Page, PageRequest, page_query};

/// A page of the actions `query` finds, and what their list items need beside them.
pub async fn load(
    db: &Db,
    query: Select<action::Entity>,
    request: PageRequest,
) -> AppResult<(Page<action::Model>, Related)> {
    let backend = db.get_database_backend();
    let statement = backend.build(&statement(query, request, backend));
    let rows = PageRow::find_by_statement(statement).all(db).await?;
    let mut agreements = HashMap::with_capacity(rows.len());
    let mut summaries = HashMap::new();
    let mut phase_states = HashMap::new();
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.action.id;
        agreements.insert(id, parse_agreements(id, row.agreements.as_deref())?);
        if let Some(last) = row.last {
            summaries.insert(
                id,
                ProgressSummary {
                    notes: row.notes,
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
pub fn statement(
    query: Select<action::Entity>,
    request: PageRequest,
    backend: DbBackend,
) -> SelectStatement {
    let mut statement = page_query(query, action::Column::Id, request).into_query();
    statement
        .expr_as(
            Expr::cust(r#"(SELECT "phases"."state" FROM "phases" WHERE "phases"."id" = "actions"."phase_id")"#),
            Alias::new("phase_state"),
        )
        .expr_as(
            Expr::cust(r#"(SELECT COUNT("c"."id") FROM "action_progress" AS "c" WHERE "c"."action_id" = "actions"."id")"#),
            Alias::new("progress_notes"),
        )
        .expr_as(Expr::cust(agreements_sql(backend)), Alias::new("agreement_list"))
        .expr_as(Expr::cust(r#""lp"."id""#), Alias::new("last_id"))
        .expr_as(Expr::cust(r#""lp"."note""#), Alias::new("last_note"))
        .expr_as(Expr::cust(r#""lp"."author_id""#), Alias::new("last_author_id"))
        .expr_as(Expr::cust(r#""lp"."created_at""#), Alias::new("last_created_at"))
        // The newest note is the last entry of the `(action_id, id)` index (ids are
        // UUIDv7); an ordered subquery, since PostgreSQL has no `max(uuid)`.
        .join_as(
            JoinType::LeftJoin,
            action_progress::Entity,
            Alias::new("lp"),
            Expr::cust(
                r#""lp"."id" = (SELECT "q"."id" FROM "action_progress" AS "q" WHERE "q"."action_id" = "actions"."id" ORDER BY "q"."id" DESC LIMIT 1)"#,
            ),
        );
    statement
}

/// Each agreement as `government|agreed|agreed_by|agreed_at`, joined by `,`: ids as
/// 32 hex digits, agreed as 0 or 1, the time as RFC 3339, absent values empty. None of
/// these can hold `|` or `,`.
fn agreements_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            r#"(SELECT string_agg(replace("g"."government_id"::text, '-', '') || '|' || (CASE WHEN "g"."agreed" THEN '1' ELSE '0' END) || '|' || coalesce(replace("g"."agreed_by"::text, '-', ''), '') || '|' || coalesce(to_char("g"."agreed_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''), ',') FROM "action_governments" AS "g" WHERE "g"."action_id" = "actions"."id")"#
        }
        // SQLite keeps UUIDs as 16-byte blobs, booleans as integers and times as text.
        _ => {
            r#"(SELECT group_concat(hex("g"."government_id") || '|' || "g"."agreed" || '|' || coalesce(hex("g"."agreed_by"), '') || '|' || coalesce("g"."agreed_at", ''), ',') FROM "action_governments" AS "g" WHERE "g"."action_id" = "actions"."id")"#
        }
    }
}

/// One row of [`statement`].
struct PageRow {
    action: action::Model,
    phase_state: String,
    notes: i64,
    last: Option<action_progress::Model>,
    agreements: Option<String>,
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
            notes: res.try_get(pre, "progress_notes")?,
            agreements: res.try_get(pre, "agreement_list")?,
            last,
            action,
        })
    }
}

/// The agreements of `action_id` from the text [`agreements_sql`] writes, ordered by
/// government as the single read orders them. Anything else is a damaged row.
fn parse_agreements(
    action_id: Uuid,
    list: Option<&str>,
) -> AppResult<Vec<action_government::Model>> {
    let damaged = |what: &str| AppError::Internal(anyhow::anyhow!("an agreement's {what}"));
    let mut agreements = list
        .filter(|l| !l.is_empty())
        .map(|l| l.split(','))
        .into_iter()
        .flatten()
        .map(|entry| {
            let mut fields = entry.split('|');
            let mut next = || fields.next().ok_or_else(|| damaged("fields"));
            let government_id = Uuid::parse_str(next()?).map_err(|_| damaged("government"))?;
            let agreed = match next()? {
                "1" => true,
                "0" => false,
                _ => return Err(damaged("agreed flag")),
            };
            let agreed_by = match next()? {
                "" => None,
                id => Some(Uuid::parse_str(id).map_err(|_| damaged("author"))?),
            };
            let agreed_at = match next()? {
                "" => None,
                at => Some(parse_time(at).ok_or_else(|| damaged("time"))?),
            };
            Ok(action_government::Model {
                action_id,
                government_id,
                agreed,
                agreed_by,
                agreed_at,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    agreements.sort_by_key(|a| a.government_id);
    Ok(agreements)
}

/// A time as either database writes it: RFC 3339, or SQLite's `YYYY-MM-DD HH:MM:SS`
/// (with or without fraction and offset) for rows written by plain SQL.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(at) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%#z") {
        return Some(at.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .ok()
        .map(|at| at.and_utc())
}

// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreements_are_read_back_in_government_order() {
        let action = Uuid::now_v7();
        let (first, second, by) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::now_v7());
        let text = format!(
            "{}|1|{}|2026-11-30T22:17:13.686960+00:00,{}|0||",
            second.simple(),
            by.simple().to_string().to_uppercase(),
            first.simple()
        );
        let read = parse_agreements(action, Some(&text)).expect("parsed");
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].government_id, read[0].agreed), (first, false));
        assert_eq!(read[0].agreed_by, None);
        assert_eq!((read[1].government_id, read[1].agreed), (second, true));
        assert_eq!(read[1].agreed_by, Some(by));
        assert_eq!(
            read[1].agreed_at.map(|t| t.to_rfc3339()),
            Some("2026-11-30T22:17:13.686960+00:00".to_owned())
        );
        assert!(parse_agreements(action, None).expect("none").is_empty());
    }

    #[test]
    fn a_damaged_agreement_is_an_error_not_a_guess() {
        let action = Uuid::now_v7();
        for text in [
            "zz|1||",
            "00000000000000000000000000000001|2||",
            "00000000000000000000000000000001",
        ] {
            assert!(parse_agreements(action, Some(text)).is_err(), "{text}");
        }
    }

    #[test]
    fn times_are_read_as_either_database_writes_them() {
        for text in [
            "2026-11-30T22:17:13.686960Z",
            "2026-11-30T22:17:13.686960+00:00",
            "2026-11-30 22:17:13.686960+00:00",
            "2026-11-30 22:17:13.686960",
        ] {
            let at = parse_time(text).expect(text);
            assert_eq!(
                at.to_rfc3339(),
                "2026-11-30T22:17:13.686960+00:00",
                "{text}"
            );
        }
        assert!(parse_time("yesterday").is_none());
    }
}
