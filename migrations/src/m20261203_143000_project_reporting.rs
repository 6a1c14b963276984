//! A dialogue's IATI reporting fields (issue 10): who reports it and under which IATI
//! organisation identifier, the funder, currency and budget, sector, planned and
//! actual dates. A table beside `projects`, one row per dialogue that has them, so a
//! dialogue without reporting simply has no row and every existing row stays valid.
//! The organisation and the planned start are what a valid activity file cannot do
//! without; the rest may be null. The amount is a decimal string, kept exactly.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProjectReporting {
    Table,
    ProjectId,
    ReportingOrgName,
    ReportingOrgRef,
    ReportingOrgType,
    FunderName,
    FunderRef,
    Currency,
    BudgetAmount,
    SectorCode,
    PlannedStart,
    PlannedEnd,
    ActualStart,
    ActualEnd,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectReporting::Table)
                    .col(pk_uuid(ProjectReporting::ProjectId))
                    .col(string(ProjectReporting::ReportingOrgName))
                    .col(string(ProjectReporting::ReportingOrgRef))
                    .col(string(ProjectReporting::ReportingOrgType))
                    .col(string_null(ProjectReporting::FunderName))
                    .col(string_null(ProjectReporting::FunderRef))
                    .col(string_null(ProjectReporting::Currency))
                    .col(string_null(ProjectReporting::BudgetAmount))
                    .col(string_null(ProjectReporting::SectorCode))
                    .col(date(ProjectReporting::PlannedStart))
                    .col(date_null(ProjectReporting::PlannedEnd))
                    .col(date_null(ProjectReporting::ActualStart))
                    .col(date_null(ProjectReporting::ActualEnd))
                    .col(timestamp_with_time_zone(ProjectReporting::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectReporting::Table, ProjectReporting::ProjectId)
                            .to(Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProjectReporting::Table).to_owned())
            .await
    }
}
