//! Indexes that serve every list page by its filter *and* its order: a page of a
//! dialogue's actions, workshops or texts is `WHERE project_id = ? AND id > ? ORDER BY
//! id LIMIT n`, which an index on `project_id` alone answers only by sorting all of
//! the dialogue's rows on every page. Progress notes are read by action, which had no
//! index at all (a full scan on every list, read and transition of an action).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, table, columns, replaced index)
const INDEXES: [(&str, &str, [&str; 2], Option<&str>); 6] = [
    (
        "idx_actions_project_id",
        "actions",
        ["project_id", "id"],
        Some("idx_actions_project"),
    ),
    (
        "idx_workshops_project_id",
        "workshops",
        ["project_id", "id"],
        Some("idx_workshops_project"),
    ),
    (
        "idx_understandings_project_id",
        "understandings",
        ["project_id", "id"],
        Some("idx_understandings_project"),
    ),
    (
        "idx_action_progress_action",
        "action_progress",
        ["action_id", "id"],
        None,
    ),
    ("idx_outbox_status_id", "outbox", ["status", "id"], None),
    // A focal point's list keeps the bilateral actions of their government: found by
    // government, where the primary key (action, government) would be scanned whole.
    (
        "idx_action_governments_government",
        "action_governments",
        ["government_id", "action_id"],
        None,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns, replaced) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(column));
            }
            manager.create_index(index.to_owned()).await?;
            if let Some(old) = replaced {
                manager
                    .drop_index(Index::drop().name(old).table(Alias::new(table)).to_owned())
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns, replaced) in INDEXES {
            if let Some(old) = replaced {
                manager
                    .create_index(
                        Index::create()
                            .name(old)
                            .table(Alias::new(table))
                            .col(Alias::new(columns[0]))
                            .to_owned(),
                    )
                    .await?;
            }
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
