//! Personal calendar feeds (`/calendar/{token}.ics`): at most one per person. The
//! link's token is a bearer secret that calendar programs keep for years, so only
//! its SHA-256 is stored, and the feed is found by that hash through its unique
//! index. The workshops get an index by start time (then id, the feed's tie-break):
//! a feed reads the newest workshops of a bounded window across every dialogue.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    UserId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Workshops {
    Table,
    StartsAt,
    Id,
}

const STARTS_INDEX: &str = "idx_workshops_starts_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    // One feed per person: resetting replaces the row.
                    .col(pk_uuid(CalendarFeeds::UserId))
                    .col(string_uniq(CalendarFeeds::TokenHash))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_calendar_feeds_user")
                            .from(CalendarFeeds::Table, CalendarFeeds::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(STARTS_INDEX)
                    .table(Workshops::Table)
                    .col(Workshops::StartsAt)
                    .col(Workshops::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(STARTS_INDEX)
                    .table(Workshops::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CalendarFeeds::Table).to_owned())
            .await
    }
}
