//! Indexes for the action board's and the action list's filters (issue 9). A page of
//! a dialogue's actions is `WHERE project_id = ? AND … AND id > ? ORDER BY id LIMIT n`;
//! each filter gets an index that walks only the rows it keeps, in id order, so that
//! a filtered page costs its own rows and not the dialogue's thousands:
//!
//! - by phase: `(project_id, phase_id, id)`;
//! - by scope: `(project_id, scope, id)`;
//! - overdue: `(project_id, id)` over the open actions only (a partial index; its
//!   predicate is written exactly as `store::actions::open_states` writes it, and
//!   `tests/api/plans.rs` checks that the two still meet). The due date is then read
//!   from the few open rows; closed actions, most of an old dialogue, are skipped.
//!
//! By government, the `(government_id, action_id)` index of `action_governments`
//! already serves the subquery.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The open states of an action (`domain::action::ActionState::open`).
pub const OPEN_STATES: &str = "state IN ('proposed', 'agreed', 'in_progress', 'blocked')";

const INDEXES: [(&str, [&str; 3]); 2] = [
    (
        "idx_actions_project_phase_id",
        ["project_id", "phase_id", "id"],
    ),
    (
        "idx_actions_project_scope_id",
        ["project_id", "scope", "id"],
    ),
];

const OPEN_INDEX: &str = "idx_actions_open_project_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new("actions"));
            for column in columns {
                index.col(Alias::new(column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        // Partial indexes are written the same way on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX {OPEN_INDEX} ON actions (project_id, id) WHERE {OPEN_STATES}"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(OPEN_INDEX)
                    .table(Alias::new("actions"))
                    .to_owned(),
            )
            .await?;
        for (name, _) in INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Alias::new("actions"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
