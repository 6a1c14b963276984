//! Dialogues (projects): creation, who may see them, their read model, transitions.

use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::counts::StateCounts;
use super::entities::{action, phase, project, project_government, understanding, workshop};
use super::errors::unique_field;
use super::outbox::NoticeTarget;
use super::workflow::{lock, record, record_fact, settle};
use super::{Page, PageRequest};
use crate::domain::project::{self as machine, ProjectFacts, ProjectState, ProjectTransition};
use crate::domain::role::{Organiser, Role};
use crate::domain::transition::{Actor, Availability, Detail, TransitionInput};
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
    /// Every transition with its reason on a single read; on a list, only the allowed.
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
    record_fact(
        &txn,
        "project",
        row.id,
        "create",
        Some(&row.state),
        actor,
        data,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, row.id).await
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

/// The dialogue, or 404 when it does not exist or `actor` may not see it.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: Uuid,
) -> AppResult<project::Model> {
    let row = project::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if may_see(db, actor, id).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
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
    let page = super::fetch_page(db, query, project::Column::Id, page, |p| p.id).await?;
    let views = load(db, actor, page.items, Detail::Summary).await?;
    Ok(Page {
        items: views,
        next_cursor: page.next_cursor,
    })
}

pub async fn get(db: &Db, actor: &Actor, id: Uuid) -> AppResult<ProjectView> {
    let row = find_visible(db, actor, id).await?;
    let mut views = load_views(db, actor, vec![row]).await?;
    views.pop().ok_or(AppError::NotFound)
}

/// Builds the read model of several dialogues with a fixed number of queries, as a
/// single read shows them.
pub async fn load_views<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<project::Model>,
) -> AppResult<Vec<ProjectView>> {
    load(db, actor, rows, Detail::Full).await
}

/// The read model of several dialogues; `detail` says how much of their transitions.
async fn load<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: Vec<project::Model>,
    detail: Detail,
) -> AppResult<Vec<ProjectView>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut governments = super::group_by_parent(
        project_government::Entity::find()
            .filter(project_government::Column::ProjectId.is_in(ids.clone()))
            .order_by_asc(project_government::Column::GovernmentId)
            .all(db)
            .await?,
        |link| link.project_id,
    );
    let mut phases = super::group_by_parent(
        phase::Entity::find()
            .filter(phase::Column::ProjectId.is_in(ids.clone()))
            .order_by_asc(phase::Column::Ordinal)
            .all(db)
            .await?,
        |row| row.project_id,
    );
    let workshops = StateCounts::load::<workshop::Entity, _>(
        db,
        workshop::Column::ProjectId,
        workshop::Column::State,
        &ids,
    )
    .await?;
    let understandings = StateCounts::load::<understanding::Entity, _>(
        db,
        understanding::Column::ProjectId,
        understanding::Column::State,
        &ids,
    )
    .await?;
    // Progress counts what the reader may see: a focal point's total must not reveal
    // a bilateral action between two other governments.
    let actions = StateCounts::load_where::<action::Entity, _>(
        db,
        action::Column::ProjectId,
        action::Column::State,
        &ids,
        super::actions::visible_to(actor),
    )
    .await?;
    rows.into_iter()
        .map(|row| {
            let government_ids: Vec<Uuid> = governments
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|link| link.government_id)
                .collect();
            let phases = phases.remove(&row.id).unwrap_or_default();
            let progress = Progress {
                phases_total: phases.len(),
                phases_completed: phases.iter().filter(|p| p.state == "completed").count(),
                workshops_total: workshops.total(row.id),
                workshops_concluded: workshops.of(row.id, &["concluded"]),
                understandings_total: understandings.total(row.id),
                understandings_adopted: understandings.of(row.id, &["adopted"]),
                actions_total: actions.total(row.id),
                actions_completed: actions.of(row.id, &["completed"]),
            };
            let facts = facts_of(&government_ids, &phases);
            let state = parse_state(&row)?;
            let allowed_transitions =
                detail.availability(ProjectTransition::ALL, ProjectTransition::as_str, |t| {
                    machine::check(state, t, &facts, actor).map(|_| ())
                });
            Ok(ProjectView {
                row,
                government_ids,
                phases,
                progress,
                allowed_transitions,
            })
        })
        .collect()
}

fn facts_of(government_ids: &[Uuid], phases: &[phase::Model]) -> ProjectFacts {
    ProjectFacts {
        government_count: government_ids.len(),
        phase_count: phases.len(),
        open_phase_count: phases
            .iter()
            .filter(|p| p.state != "completed" && p.state != "cancelled")
            .count(),
    }
}

pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    transition: ProjectTransition,
    version: i32,
    input: &TransitionInput,
) -> AppResult<ProjectView> {
    let txn = super::begin_write(db).await?;
    let row = lock::<project::Entity>(&txn, id).await?;
    if !may_see(&txn, actor, id).await? {
        return Err(AppError::NotFound);
    }
    let government_ids = government_ids(&txn, id).await?;
    let phases = phase::Entity::find()
        .filter(phase::Column::ProjectId.eq(id))
        .all(&txn)
        .await?;
    let facts = facts_of(&government_ids, &phases);
    let decision = settle(
        machine::decide(parse_state(&row)?, transition, &facts, actor, input),
        row.version,
        version,
    )?;
    let mut active = row.clone().into_active_model();
    active.state = Set(decision.to.as_str().to_owned());
    active.version = Set(row.version + 1);
    active.updated_at = Set(super::now());
    if transition == ProjectTransition::Cancel {
        active.cancel_reason = Set(decision.reason.clone());
    }
    active.update(&txn).await?;
    let target = NoticeTarget {
        project_id: id,
        entity_kind: "project",
        entity_id: id,
    };
    record(
        &txn,
        "project",
        id,
        &decision,
        actor,
        json!({"version": row.version + 1}),
        target,
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
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
