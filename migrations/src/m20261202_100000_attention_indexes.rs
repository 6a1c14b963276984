//! Indexes for the home page's "needs my attention" lists, which select by state (and
//! order by date) across every dialogue: without them each list scans its whole table,
//! so the page would grow with the number of actions instead of with its own length.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, table, columns)
const INDEXES: [(&str, &str, [&str; 2]); 3] = [
    // Workshops to schedule, hold or conclude, and invitations to answer: by state,
    // soonest first.
    (
        "idx_workshops_state_starts",
        "workshops",
        ["state", "starts_at"],
    ),
    // Texts waiting on positions: by state, oldest first.
    (
        "idx_understandings_state_id",
        "understandings",
        ["state", "id"],
    ),
    // Actions awaiting agreement, blocked or overdue: by state, earliest due first.
    ("idx_actions_state_due", "actions", ["state", "due_date"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
