//! Dialogues (projects): creation, who may see them, their read model, transitions.

use crate::store::Db;
use std::collections::HashMap;

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::counts::{WorkCounts, WorkOf};
use super::create;
use super::entities::{phase, project, project_government};
use super::errors::unique_field;
use super::runner::{self, Stored};
use super::{Page, PageRequest};
use crate::domain::phase::PhaseState;
use crate::domain::project::{ProjectFacts, ProjectMachine, ProjectState, ProjectTransition};
use crate::domain::role::{Organiser, Role};
use crate::domain::transition::{Actor, Availability, Decision, Detail, TransitionInput};
use crate::error::{AppError, AppResult};

pub struct NewProject {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub budget_usd: Option<i64>,
    pub government_ids: Vec<Uuid>,
}

/// A dialogue as a reader sees it.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub row: project::Model,
    pub government_ids: Vec<Uuid>,
    pub phases: Vec<phase::Model>,
    pub progress: Progress,
    pub allowed_transitions: Vec<Availability>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Progress {
    pub phases_total: usize,
    pub phases_completed: usize,
    pub workshops_total: usize,
    pub workshops_concluded: usize,
    pub understandings_total: usize,
    pub understandings_adopted: usize,
    pub actions_total: usize,
    pub actions_completed: usize,
}

pub fn parse_state(row: &project::Model) -> AppResult<ProjectState> {
    row.state
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored project state: {e}")))
}

/// Only an [`Organiser`] creates a dialogue: the door asked `Organiser::check`
/// before it parsed the request, so the store need not ask again.
pub async fn create(db: &Db, by: &Organiser, new: NewProject) -> AppResult<ProjectView> {
    let actor = by.actor();
    let txn = super::begin_write(db).await?;
    let now = super::now();
    let row = project::Entity::insert(project::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(new.code),
        title: Set(new.title),
        summary: Set(new.summary),
        budget_usd: Set(new.budget_usd),
        state: Set(ProjectState::Draft.as_str().to_owned()),
        version: Set(1),
        cancel_reason: Set(None),
        created_by: Set(Some(actor.id)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_with_returning(&txn)
    .await
    .map_err(unique_field(
        "code",
        "a dialogue with this code already exists",
    ))?;
    let links = new
        .government_ids
        .iter()
        .map(|g| project_government::ActiveModel {
            project_id: Set(row.id),
            government_id: Set(*g),
        });
    project_government::Entity::insert_many(links)
        .exec_without_returning(&txn)
        .await?;
    let data = json!({"code": row.code, "title": row.title, "government_ids": new.government_ids});
    create::created::<ProjectMachine>(txn, actor, row, data, &[]).await
}

/// The ids of the dialogues a focal point's government takes part in.
async fn ids_for_government<C: ConnectionTrait>(
    db: &C,
    government_id: Uuid,
) -> AppResult<Vec<Uuid>> {
    Ok(project_government::Entity::find()
        .select_only()
        .column(project_government::Column::ProjectId)
        .filter(project_government::Column::GovernmentId.eq(government_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Whether `actor` may see the dialogue: focal points only those of their government.
pub async fn may_see<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    project_id: Uuid,
) -> AppResult<bool> {
    if actor.role != Role::FocalPoint {
        return Ok(true);
    }
    let Some(government_id) = actor.government_id else {
        return Ok(false);
    };
    Ok(
        project_government::Entity::find_by_id((project_id, government_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// [`may_see`] as a condition a query of the dialogue's rows can carry: true for
/// everyone but a focal point, whose government must take part in it. A list with it
/// needs no separate read of the dialogue unless it comes back empty.
pub fn visible_dialogue(actor: &Actor, project_id: Uuid) -> Condition {
    if actor.role != Role::FocalPoint {
        return Condition::all();
    }
    let Some(government_id) = actor.government_id else {
        return Condition::all().add(Expr::val(false));
    };
    let taking_part = Query::select()
        .expr(Expr::val(1))
        .from(project_government::Entity)
        .and_where(project_government::Column::ProjectId.eq(project_id))
        .and_where(project_government::Column::GovernmentId.eq(government_id))
        .take();
    Condition::all().add(Expr::exists(taking_part))
}

/// The dialogue, or 404 when it does not exist or `actor` may not see it.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<project::Model> {
    runner::find_visible::<ProjectMachine, _>(db, actor, id).await
}

pub async fn list(db: &Db, actor: &Actor, page: PageRequest) -> AppResult<Page<ProjectView>> {
    let mut query = project::Entity::find();
    if actor.role == Role::FocalPoint {
        let ids = match actor.government_id {
            Some(g) => ids_for_government(db, g).await?,
            None => Vec::new(),
        };
        query = query.filter(project::Column::Id.is_in(ids));
    }
    runner::list_page::<ProjectMachine>(db, actor, query, project::Column::Id, page).await
}

/// What a dialogue's guards and view need beyond its row: its governments and phases
/// (ordered as the view lists them) and the counts its progress shows.
pub struct Related {
    governments: HashMap<Uuid, Vec<Uuid>>,
    phases: HashMap<Uuid, Vec<phase::Model>>,
    work: WorkCounts,
}

impl Stored for ProjectMachine {
    type Entity = project::Entity;
    type Row = project::Model;
    type Related = Related;
    type View = ProjectView;

    async fn load_related<C: ConnectionTrait>(
        db: &C,
        actor: &Actor,
        rows: &[project::Model],
        _: Detail,
    ) -> AppResult<Related> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let links = project_government::Entity::find()
            .filter(project_government::Column::ProjectId.is_in(ids.clone()))
            .order_by_asc(project_government::Column::GovernmentId)
            .all(db)
            .await?;
        let mut governments: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for link in links {
            governments
                .entry(link.project_id)
                .or_default()
                .push(link.government_id);
        }
        let phases = super::group_by_parent(
            phase::Entity::find()
                .filter(phase::Column::ProjectId.is_in(ids.clone()))
                .order_by_asc(phase::Column::Ordinal)
                .all(db)
                .await?,
            |row| row.project_id,
        );
        // Progress counts what the reader may see: a focal point's total must not reveal
        // a bilateral action between two other governments.
        let work =
            WorkCounts::load(db, WorkOf::Project, &ids, super::actions::visible_to(actor)).await?;
        Ok(Related {
            governments,
            phases,
            work,
        })
    }

    fn facts(related: &Related, row: &project::Model, _: &Actor) -> AppResult<ProjectFacts> {
        let phases = related.phases.get(&row.id).map_or(&[][..], Vec::as_slice);
        Ok(ProjectFacts {
            government_count: related.governments.get(&row.id).map_or(0, Vec::len),
            phase_count: phases.len(),
            open_phase_count: phases
                .iter()
                .filter(|p| !p.state.parse().is_ok_and(PhaseState::is_closed))
                .count(),
        })
    }

    fn view(
        related: &mut Related,
        row: project::Model,
        _: ProjectFacts,
        allowed_transitions: Vec<Availability>,
    ) -> ProjectView {
        let phases = related.phases.remove(&row.id).unwrap_or_default();
        let completed = PhaseState::Completed.as_str();
        let work = &related.work;
        let progress = Progress {
            phases_total: phases.len(),
            phases_completed: phases.iter().filter(|p| p.state == completed).count(),
            workshops_total: work.workshops.total(row.id),
            workshops_concluded: work.workshops.of(row.id, &["concluded"]),
            understandings_total: work.understandings.total(row.id),
            understandings_adopted: work.understandings.of(row.id, &["adopted"]),
            actions_total: work.actions.total(row.id),
            actions_completed: work.actions.of(row.id, &["completed"]),
        };
        ProjectView {
            government_ids: related.governments.remove(&row.id).unwrap_or_default(),
            row,
            phases,
            progress,
            allowed_transitions,
        }
    }

    fn stamp(
        active: &mut project::ActiveModel,
        row: &project::Model,
        decision: &Decision<ProjectState>,
        transition: ProjectTransition,
        _: &TransitionInput,
    ) -> Value {
        if transition == ProjectTransition::Cancel {
            active.cancel_reason = Set(decision.reason.clone());
        }
        json!({"version": row.version + 1})
    }
}

/// The governments taking part in a dialogue.
pub async fn government_ids<C: ConnectionTrait>(db: &C, project_id: Uuid) -> AppResult<Vec<Uuid>> {
    Ok(project_government::Entity::find()
        .select_only()
        .column(project_government::Column::GovernmentId)
        .filter(project_government::Column::ProjectId.eq(project_id))
        .into_tuple()
        .all(db)
        .await?)
}

impl From<&crate::domain::commands::NewProject> for NewProject {
    fn from(new: &crate::domain::commands::NewProject) -> Self {
        Self {
            code: new.code().to_owned(),
            title: new.title().to_owned(),
            summary: new.summary().to_owned(),
            budget_usd: new.budget_usd(),
            government_ids: new.government_ids().to_vec(),
        }
    }
}
