//! The dialogue workflow: projects, phases, workshops, common understandings,
//! follow-up actions, the governments taking part in each, and the mail outbox.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Governments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    Code,
    Title,
    Summary,
    BudgetUsd,
    State,
    Version,
    CancelReason,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectGovernments {
    Table,
    ProjectId,
    GovernmentId,
}

#[derive(DeriveIden)]
enum Phases {
    Table,
    Id,
    ProjectId,
    Name,
    Ordinal,
    PlannedStart,
    PlannedEnd,
    State,
    Version,
    CancelReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Workshops {
    Table,
    Id,
    PhaseId,
    ProjectId,
    Title,
    Kind,
    StartsAt,
    EndsAt,
    TimeZone,
    Venue,
    Agenda,
    State,
    Version,
    Sequence,
    CancelReason,
    OverrideReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WorkshopGovernments {
    Table,
    WorkshopId,
    GovernmentId,
    Attendance,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WorkshopOutcomes {
    Table,
    Id,
    WorkshopId,
    GovernmentId,
    Text,
    Submitted,
    AuthorId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Understandings {
    Table,
    Id,
    PhaseId,
    ProjectId,
    Title,
    Text,
    Revision,
    State,
    Version,
    WithdrawReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Endorsements {
    Table,
    UnderstandingId,
    GovernmentId,
    Position,
    Note,
    Revision,
    ActorId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    PhaseId,
    ProjectId,
    Title,
    Description,
    Scope,
    DueDate,
    OwnerId,
    State,
    Version,
    CompletionNote,
    Reason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActionGovernments {
    Table,
    ActionId,
    GovernmentId,
    Agreed,
    AgreedBy,
    AgreedAt,
}

#[derive(DeriveIden)]
enum ActionProgress {
    Table,
    Id,
    ActionId,
    Note,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    DedupeKey,
    Template,
    RecipientUserId,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .col(pk_uuid(Projects::Id))
                    .col(string_uniq(Projects::Code))
                    .col(string(Projects::Title))
                    .col(text(Projects::Summary))
                    .col(big_integer_null(Projects::BudgetUsd))
                    .col(string(Projects::State))
                    .col(integer(Projects::Version))
                    .col(text_null(Projects::CancelReason))
                    .col(uuid_null(Projects::CreatedBy))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .col(timestamp_with_time_zone(Projects::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProjectGovernments::Table)
                    .col(uuid(ProjectGovernments::ProjectId))
                    .col(uuid(ProjectGovernments::GovernmentId))
                    .primary_key(
                        Index::create()
                            .col(ProjectGovernments::ProjectId)
                            .col(ProjectGovernments::GovernmentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectGovernments::Table, ProjectGovernments::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectGovernments::Table, ProjectGovernments::GovernmentId)
                            .to(Governments::Table, Governments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Phases::Table)
                    .col(pk_uuid(Phases::Id))
                    .col(uuid(Phases::ProjectId))
                    .col(string(Phases::Name))
                    .col(integer(Phases::Ordinal))
                    .col(date_null(Phases::PlannedStart))
                    .col(date_null(Phases::PlannedEnd))
                    .col(string(Phases::State))
                    .col(integer(Phases::Version))
                    .col(text_null(Phases::CancelReason))
                    .col(timestamp_with_time_zone(Phases::CreatedAt))
                    .col(timestamp_with_time_zone(Phases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Phases::Table, Phases::ProjectId)
                            .to(Projects::Table, Projects::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_phases_project_ordinal")
                    .table(Phases::Table)
                    .col(Phases::ProjectId)
                    .col(Phases::Ordinal)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Workshops::Table)
                    .col(pk_uuid(Workshops::Id))
                    .col(uuid(Workshops::PhaseId))
                    .col(uuid(Workshops::ProjectId))
                    .col(string(Workshops::Title))
                    .col(string(Workshops::Kind))
                    .col(timestamp_with_time_zone(Workshops::StartsAt))
                    .col(timestamp_with_time_zone(Workshops::EndsAt))
                    .col(string(Workshops::TimeZone))
                    .col(string(Workshops::Venue))
                    .col(text_null(Workshops::Agenda))
                    .col(string(Workshops::State))
                    .col(integer(Workshops::Version))
                    .col(integer(Workshops::Sequence))
                    .col(text_null(Workshops::CancelReason))
                    .col(text_null(Workshops::OverrideReason))
                    .col(timestamp_with_time_zone(Workshops::CreatedAt))
                    .col(timestamp_with_time_zone(Workshops::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Workshops::Table, Workshops::PhaseId)
                            .to(Phases::Table, Phases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Workshops::Table, Workshops::ProjectId)
                            .to(Projects::Table, Projects::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_workshops_project")
                    .table(Workshops::Table)
                    .col(Workshops::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkshopGovernments::Table)
                    .col(uuid(WorkshopGovernments::WorkshopId))
                    .col(uuid(WorkshopGovernments::GovernmentId))
                    // invited | confirmed | declined | attended | absent
                    .col(string(WorkshopGovernments::Attendance))
                    .col(timestamp_with_time_zone(WorkshopGovernments::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(WorkshopGovernments::WorkshopId)
                            .col(WorkshopGovernments::GovernmentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopGovernments::Table, WorkshopGovernments::WorkshopId)
                            .to(Workshops::Table, Workshops::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                WorkshopGovernments::Table,
                                WorkshopGovernments::GovernmentId,
                            )
                            .to(Governments::Table, Governments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkshopOutcomes::Table)
                    .col(pk_uuid(WorkshopOutcomes::Id))
                    .col(uuid(WorkshopOutcomes::WorkshopId))
                    .col(uuid(WorkshopOutcomes::GovernmentId))
                    .col(text(WorkshopOutcomes::Text))
                    .col(boolean(WorkshopOutcomes::Submitted))
                    .col(uuid(WorkshopOutcomes::AuthorId))
                    .col(timestamp_with_time_zone(WorkshopOutcomes::CreatedAt))
                    .col(timestamp_with_time_zone(WorkshopOutcomes::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopOutcomes::Table, WorkshopOutcomes::WorkshopId)
                            .to(Workshops::Table, Workshops::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopOutcomes::Table, WorkshopOutcomes::GovernmentId)
                            .to(Governments::Table, Governments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_workshop_outcomes_workshop_government")
                    .table(WorkshopOutcomes::Table)
                    .col(WorkshopOutcomes::WorkshopId)
                    .col(WorkshopOutcomes::GovernmentId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Understandings::Table)
                    .col(pk_uuid(Understandings::Id))
                    .col(uuid(Understandings::PhaseId))
                    .col(uuid(Understandings::ProjectId))
                    .col(string(Understandings::Title))
                    .col(text(Understandings::Text))
                    .col(integer(Understandings::Revision))
                    .col(string(Understandings::State))
                    .col(integer(Understandings::Version))
                    .col(text_null(Understandings::WithdrawReason))
                    .col(timestamp_with_time_zone(Understandings::CreatedAt))
                    .col(timestamp_with_time_zone(Understandings::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Understandings::Table, Understandings::PhaseId)
                            .to(Phases::Table, Phases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Understandings::Table, Understandings::ProjectId)
                            .to(Projects::Table, Projects::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_understandings_project")
                    .table(Understandings::Table)
                    .col(Understandings::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Endorsements::Table)
                    .col(uuid(Endorsements::UnderstandingId))
                    .col(uuid(Endorsements::GovernmentId))
                    .col(string(Endorsements::Position))
                    .col(text_null(Endorsements::Note))
                    .col(integer(Endorsements::Revision))
                    .col(uuid_null(Endorsements::ActorId))
                    .col(timestamp_with_time_zone(Endorsements::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(Endorsements::UnderstandingId)
                            .col(Endorsements::GovernmentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Endorsements::Table, Endorsements::UnderstandingId)
                            .to(Understandings::Table, Understandings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Endorsements::Table, Endorsements::GovernmentId)
                            .to(Governments::Table, Governments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Actions::Table)
                    .col(pk_uuid(Actions::Id))
                    .col(uuid(Actions::PhaseId))
                    .col(uuid(Actions::ProjectId))
                    .col(string(Actions::Title))
                    .col(text(Actions::Description))
                    .col(string(Actions::Scope))
                    .col(date(Actions::DueDate))
                    .col(uuid_null(Actions::OwnerId))
                    .col(string(Actions::State))
                    .col(integer(Actions::Version))
                    .col(text_null(Actions::CompletionNote))
                    .col(text_null(Actions::Reason))
                    .col(timestamp_with_time_zone(Actions::CreatedAt))
                    .col(timestamp_with_time_zone(Actions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Actions::Table, Actions::PhaseId)
                            .to(Phases::Table, Phases::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Actions::Table, Actions::ProjectId)
                            .to(Projects::Table, Projects::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Actions::Table, Actions::OwnerId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_actions_project")
                    .table(Actions::Table)
                    .col(Actions::ProjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionGovernments::Table)
                    .col(uuid(ActionGovernments::ActionId))
                    .col(uuid(ActionGovernments::GovernmentId))
                    .col(boolean(ActionGovernments::Agreed))
                    .col(uuid_null(ActionGovernments::AgreedBy))
                    .col(timestamp_with_time_zone_null(ActionGovernments::AgreedAt))
                    .primary_key(
                        Index::create()
                            .col(ActionGovernments::ActionId)
                            .col(ActionGovernments::GovernmentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActionGovernments::Table, ActionGovernments::ActionId)
                            .to(Actions::Table, Actions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActionGovernments::Table, ActionGovernments::GovernmentId)
                            .to(Governments::Table, Governments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionProgress::Table)
                    .col(pk_uuid(ActionProgress::Id))
                    .col(uuid(ActionProgress::ActionId))
                    .col(text(ActionProgress::Note))
                    .col(uuid(ActionProgress::AuthorId))
                    .col(timestamp_with_time_zone(ActionProgress::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActionProgress::Table, ActionProgress::ActionId)
                            .to(Actions::Table, Actions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(pk_uuid(Outbox::Id))
                    .col(string_uniq(Outbox::DedupeKey))
                    .col(string(Outbox::Template))
                    .col(uuid(Outbox::RecipientUserId))
                    // JSON text.
                    .col(text(Outbox::Payload))
                    // pending | sent | dead
                    .col(string(Outbox::Status))
                    .col(integer(Outbox::Attempts))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outbox::Table, Outbox::RecipientUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_next_attempt")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            ActionProgress::Table.into_iden(),
            ActionGovernments::Table.into_iden(),
            Actions::Table.into_iden(),
            Endorsements::Table.into_iden(),
            Understandings::Table.into_iden(),
            WorkshopOutcomes::Table.into_iden(),
            WorkshopGovernments::Table.into_iden(),
            Workshops::Table.into_iden(),
            Phases::Table.into_iden(),
            ProjectGovernments::Table.into_iden(),
            Projects::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
