//! The append-only, hash-chained history of every change.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Seq,
    Id,
    EntityKind,
    EntityId,
    Transition,
    FromState,
    ToState,
    ActorId,
    Reason,
    Data,
    At,
    PrevHash,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    // The sequence orders the chain; the hash of each row covers the previous one.
                    .col(big_pk_auto(Events::Seq))
                    .col(uuid_uniq(Events::Id))
                    .col(string(Events::EntityKind))
                    .col(uuid(Events::EntityId))
                    .col(string(Events::Transition))
                    .col(string_null(Events::FromState))
                    .col(string_null(Events::ToState))
                    .col(uuid_null(Events::ActorId))
                    .col(text_null(Events::Reason))
                    .col(text(Events::Data))
                    .col(timestamp_with_time_zone(Events::At))
                    .col(string(Events::PrevHash))
                    .col(string(Events::Hash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_entity")
                    .table(Events::Table)
                    .col(Events::EntityKind)
                    .col(Events::EntityId)
                    .col(Events::Seq)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Events::Table).to_owned())
            .await
    }
}
