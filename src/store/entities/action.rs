use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub phase_id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// collective | bilateral
    pub scope: String,
    pub due_date: Date,
    pub owner_id: Option<Uuid>,
    /// proposed | agreed | in_progress | blocked | completed | dropped
    pub state: String,
    pub version: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub completion_note: Option<String>,
    /// The last drop or block reason.
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// What a list item shows of the agreements and progress notes, copied onto the
    /// row where they are written (`store::actions::summary`; the migration
    /// `action_summaries` says why and in what form).
    #[sea_orm(column_type = "Text")]
    pub agreement_list: String,
    pub progress_notes: i64,
    pub last_progress_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
