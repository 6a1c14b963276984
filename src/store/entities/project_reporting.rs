use sea_orm::entity::prelude::*;

/// A dialogue's IATI reporting fields; no row when it has none.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_reporting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: Uuid,
    pub reporting_org_name: String,
    pub reporting_org_ref: String,
    pub reporting_org_type: String,
    pub funder_name: Option<String>,
    pub funder_ref: Option<String>,
    pub currency: Option<String>,
    /// A decimal as a string, exactly as validated.
    pub budget_amount: Option<String>,
    pub sector_code: Option<String>,
    pub planned_start: Date,
    pub planned_end: Option<Date>,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
