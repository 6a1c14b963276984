//! Each action row carries what a list item shows of its agreements and progress
//! notes, so that a page of the action list reads the page's own rows and nothing
//! else (issue 8: the per-row subqueries that gathered these were most of the page
//! statement's time, about 3× the bare server's plain `SELECT` on SQLite):
//!
//! - `agreement_list`: each involved government's agreement as
//!   `government|agreed|agreed_by|agreed_at` (ids as 32 hex digits, agreed as 0 or 1,
//!   the time as the database writes it, absent values empty), joined by `,`; empty
//!   for none. None of these can hold `|` or `,`.
//! - `progress_notes`, `last_progress_id`: how many notes, and the newest.
//!
//! They are copies: `action_governments` and `action_progress` stay the record, and
//! the single read reads them. The service writes the copies in the same transaction
//! as what they copy (`store::actions`), with the action row locked. This migration,
//! and the benchmark's fill, compute them from the record with [`summarise_actions`].
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Actions {
    Table,
    AgreementList,
    ProgressNotes,
    LastProgressId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            ColumnDef::new(Actions::AgreementList)
                .text()
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Actions::ProgressNotes)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned(),
            ColumnDef::new(Actions::LastProgressId)
                .uuid()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Actions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        summarise_actions(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Actions::AgreementList,
            Actions::ProgressNotes,
            Actions::LastProgressId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Actions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Writes every action's summary columns afresh from `action_governments` and
/// `action_progress`, in one statement.
pub async fn summarise_actions<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let agreements = match db.get_database_backend() {
        DbBackend::Postgres => {
            r#"string_agg(replace(g.government_id::text, '-', '') || '|' || (CASE WHEN g.agreed THEN '1' ELSE '0' END) || '|' || coalesce(replace(g.agreed_by::text, '-', ''), '') || '|' || coalesce(to_char(g.agreed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''), ',')"#
        }
        // SQLite keeps UUIDs as 16-byte blobs, booleans as integers and times as text.
        _ => {
            "group_concat(hex(g.government_id) || '|' || g.agreed || '|' || coalesce(hex(g.agreed_by), '') || '|' || coalesce(g.agreed_at, ''), ',')"
        }
    };
    db.execute_unprepared(&format!(
        "UPDATE actions SET \
         agreement_list = coalesce((SELECT {agreements} FROM action_governments g \
             WHERE g.action_id = actions.id), ''), \
         progress_notes = (SELECT COUNT(*) FROM action_progress c WHERE c.action_id = actions.id), \
         last_progress_id = (SELECT q.id FROM action_progress q WHERE q.action_id = actions.id \
             ORDER BY q.id DESC LIMIT 1)"
    ))
    .await?;
    Ok(())
}
