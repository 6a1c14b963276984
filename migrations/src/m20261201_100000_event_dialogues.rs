//! Each event names the dialogue it belongs to, so a dialogue's whole history (its
//! own events and those of its phases, workshops, texts and actions) is one index
//! range, read newest first a page at a time: `WHERE project_id = ? AND seq < ?
//! ORDER BY seq DESC LIMIT n`. Without it, that page is a union over every entity of
//! the dialogue, sorted whole on every page.
//!
//! The column is not part of the hashed canonical event (the chains and their
//! checkpoints stay as they are): it is an index, and `audit verify` does not vouch
//! for it. Events outside any dialogue (accounts, governments, the outbox) keep NULL.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    ProjectId,
    Seq,
}

/// (entity kind, table holding its `project_id`) for what lives inside a dialogue.
const CHILDREN: [(&str, &str); 4] = [
    ("phase", "phases"),
    ("workshop", "workshops"),
    ("understanding", "understandings"),
    ("action", "actions"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(ColumnDef::new(Events::ProjectId).uuid().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE events SET project_id = entity_id WHERE entity_kind = 'project'",
        )
        .await?;
        for (kind, table) in CHILDREN {
            db.execute_unprepared(&format!(
                "UPDATE events SET project_id = \
                 (SELECT t.project_id FROM {table} t WHERE t.id = events.entity_id) \
                 WHERE entity_kind = '{kind}'"
            ))
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_events_project")
                    .table(Events::Table)
                    .col(Events::ProjectId)
                    .col(Events::Seq)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_events_project")
                    .table(Events::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::ProjectId)
                    .to_owned(),
            )
            .await
    }
}
