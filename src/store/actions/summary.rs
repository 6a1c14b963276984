//! The copies of an action's agreements and progress that its row carries for the
//! list (the migration `action_summaries` says why): written here in the same
//! transaction as what they copy, with the action row locked, and read back for a
//! list page.
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect,
};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_government, action_progress};
use crate::store::{Db, PageRequest, begin_write, fetch_page, group_by_parent};

/// `agreements` in the row's form: `government|agreed|agreed_by|agreed_at` each,
/// joined by `,`.
pub(super) fn agreement_text(agreements: &[action_government::Model]) -> String {
    let entries: Vec<String> = agreements
        .iter()
        .map(|a| {
            format!(
                "{}|{}|{}|{}",
                a.government_id.simple(),
                u8::from(a.agreed),
                a.agreed_by
                    .map(|id| id.simple().to_string())
                    .unwrap_or_default(),
                a.agreed_at
                    .map(|at| at.to_rfc3339_opts(SecondsFormat::Micros, true))
                    .unwrap_or_default(),
            )
        })
        .collect();
    entries.join(",")
}

/// Copies the locked `row`'s agreements, as they now stand, onto it.
pub(super) async fn copy_agreements(
    txn: &DatabaseTransaction,
    row: action::Model,
    agreements: &[action_government::Model],
) -> AppResult<action::Model> {
    let mut active = row.into_active_model();
    active.agreement_list = Set(agreement_text(agreements));
    Ok(active.update(txn).await?)
}

/// Counts `note`, just added, on the locked `row` and makes it the newest.
pub(super) async fn copy_progress(
    txn: &DatabaseTransaction,
    row: action::Model,
    note: &action_progress::Model,
) -> AppResult<action::Model> {
    let notes = row.progress_notes + 1;
    let mut active = row.into_active_model();
    active.progress_notes = Set(notes);
    active.last_progress_id = Set(Some(note.id));
    Ok(active.update(txn).await?)
}

/// The agreements of `action_id` from its row's text, as [`agreement_text`] or the
/// migration writes it, ordered by government as the single read orders them.
/// Anything else is a damaged row.
pub(super) fn parse_agreements(
    action_id: Uuid,
    list: &str,
) -> AppResult<Vec<action_government::Model>> {
    let damaged = |what: &str| AppError::Internal(anyhow::anyhow!("an agreement's {what}"));
    let mut agreements = list
        .split(',')
        .filter(|entry| !entry.is_empty())
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

/// A time as it is written: RFC 3339, or SQLite's `YYYY-MM-DD HH:MM:SS`
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

/// How many actions [`audit`] reads at a time: its memory stays bounded however many
/// actions there are.
const AUDIT_PAGE: u64 = 500;

/// What `concord audit summaries` found: the actions whose list copies no longer say
/// what their record says (a hand edit of `action_governments` or `action_progress`,
/// a restore of one table without the other).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SummaryReport {
    pub ok: bool,
    pub actions_checked: u64,
    /// The first few stale actions, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<Uuid>,
    pub stale_count: u64,
    /// Whether the copies were then written afresh from the record.
    pub repaired: bool,
}

/// At most this many stale ids are listed; the count says how many there are.
const STALE_LISTED: usize = 20;

/// Compares every action's copies with its record, a page of actions at a time; with
/// `repair`, then writes every action's copies afresh from the record in one statement
/// (the migration's own, so there is one definition of what a copy holds).
pub async fn audit(db: &Db, repair: bool) -> AppResult<SummaryReport> {
    let mut report = SummaryReport {
        ok: false,
        actions_checked: 0,
        stale: Vec::new(),
        stale_count: 0,
        repaired: false,
    };
    let mut request = PageRequest {
        after: None,
        limit: AUDIT_PAGE,
    };
    loop {
        let page = fetch_page(
            db,
            action::Entity::find(),
            action::Column::Id,
            request,
            |a| a.id,
        )
        .await?;
        let rows = page.items;
        let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
        let mut agreements = group_by_parent(
            action_government::Entity::find()
                .filter(action_government::Column::ActionId.is_in(ids.clone()))
                .all(db)
                .await?,
            |a| a.action_id,
        );
        let note_ids: Vec<(Uuid, Uuid)> = action_progress::Entity::find()
            .select_only()
            .column(action_progress::Column::ActionId)
            .column(action_progress::Column::Id)
            .filter(action_progress::Column::ActionId.is_in(ids))
            .into_tuple()
            .all(db)
            .await?;
        let mut notes = group_by_parent(note_ids, |(action, _)| *action);
        for row in rows {
            report.actions_checked += 1;
            let mut record = agreements.remove(&row.id).unwrap_or_default();
            record.sort_by_key(|a| a.government_id);
            let notes = notes.remove(&row.id).unwrap_or_default();
            let newest = notes.iter().map(|(_, id)| *id).max();
            let copied = parse_agreements(row.id, &row.agreement_list).ok();
            let holds = copied.as_ref() == Some(&record)
                && u64::try_from(row.progress_notes).ok() == Some(notes.len() as u64)
                && row.last_progress_id == newest;
            if !holds {
                report.stale_count += 1;
                if report.stale.len() < STALE_LISTED {
                    report.stale.push(row.id);
                }
            }
        }
        match page.next_cursor {
            Some(after) => request.after = Some(after),
            None => break,
        }
    }
    report.ok = report.stale_count == 0;
    if repair && !report.ok {
        let txn = begin_write(db).await?;
        migration::summarise_actions(&txn).await?;
        txn.commit().await?;
        report.repaired = true;
    }
    Ok(report)
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
        let read = parse_agreements(action, &text).expect("parsed");
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].government_id, read[0].agreed), (first, false));
        assert_eq!(read[0].agreed_by, None);
        assert_eq!((read[1].government_id, read[1].agreed), (second, true));
        assert_eq!(read[1].agreed_by, Some(by));
        assert_eq!(
            read[1].agreed_at.map(|t| t.to_rfc3339()),
            Some("2026-11-30T22:17:13.686960+00:00".to_owned())
        );
        assert!(parse_agreements(action, "").expect("none").is_empty());
    }

    #[test]
    fn written_agreements_read_back_the_same() {
        let action = Uuid::now_v7();
        let written = vec![
            action_government::Model {
                action_id: action,
                government_id: Uuid::from_u128(1),
                agreed: false,
                agreed_by: None,
                agreed_at: None,
            },
            action_government::Model {
                action_id: action,
                government_id: Uuid::from_u128(2),
                agreed: true,
                agreed_by: Some(Uuid::now_v7()),
                agreed_at: Some(crate::store::now()),
            },
        ];
        let text = agreement_text(&written);
        assert_eq!(parse_agreements(action, &text).expect("parsed"), written);
        assert_eq!(agreement_text(&[]), "");
    }

    #[test]
    fn a_damaged_agreement_is_an_error_not_a_guess() {
        let action = Uuid::now_v7();
        for text in [
            "zz|1||",
            "00000000000000000000000000000001|2||",
            "00000000000000000000000000000001",
        ] {
            assert!(parse_agreements(action, text).is_err(), "{text}");
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
