//! Counters that throttle sign-in guesses and password-reset requests. Keyed by a
//! string (a hash of the normalised email, or the client's address), not by user row,
//! so an address without an account is throttled exactly like one with an account.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Throttles {
    Table,
    Key,
    Hits,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Throttles::Table)
                    .col(string(Throttles::Key).primary_key())
                    .col(integer(Throttles::Hits))
                    .col(timestamp_with_time_zone(Throttles::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        // Pruning looks rows up by expiry, so it never scans the whole table.
        manager
            .create_index(
                Index::create()
                    .name("idx_throttles_expires_at")
                    .table(Throttles::Table)
                    .col(Throttles::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Throttles::Table).to_owned())
            .await
    }
}
