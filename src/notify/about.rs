//! What a message is about, loaded by its payload: the entity with its dialogue in
//! one query, and the history event in a second only for the messages that show it.
use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, JoinType, PrimaryKeyTrait, QueryFilter,
    QuerySelect, RelationDef,
};
use serde::Deserialize;
use uuid::Uuid;

use super::when;
use crate::store::entities::{action, event, phase, project, understanding, workshop};

/// The outbox row's payload. Workflow messages carry the entity and the event;
/// account messages `{"entity_kind": "user", "link": …}`; a digest `{"items": […]}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Payload {
    pub project_id: Option<Uuid>,
    pub entity_kind: Option<String>,
    pub entity_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    /// A single-use set-password link.
    pub link: Option<String>,
    /// A digest's lines, ready to read.
    #[serde(default)]
    pub items: Vec<String>,
}

/// The entity, and its dialogue (`None` only if the dialogue row is gone).
#[derive(Debug, Clone)]
pub enum About {
    /// The recipient is all an account message or a digest needs.
    Nobody,
    Project(project::Model),
    Phase(phase::Model, Option<project::Model>),
    Workshop(workshop::Model, Option<project::Model>),
    Understanding(understanding::Model, Option<project::Model>),
    Action(action::Model, Option<project::Model>),
}

impl About {
    pub fn kind(&self) -> &'static str {
        match self {
            About::Nobody => "nothing",
            About::Project(_) => "project",
            About::Phase(..) => "phase",
            About::Workshop(..) => "workshop",
            About::Understanding(..) => "understanding",
            About::Action(..) => "action",
        }
    }

    pub fn project(&self) -> Option<&project::Model> {
        match self {
            About::Nobody => None,
            About::Project(project) => Some(project),
            About::Phase(_, project)
            | About::Workshop(_, project)
            | About::Understanding(_, project)
            | About::Action(_, project) => project.as_ref(),
        }
    }
}

/// The kind of entity a template needs, so a payload that does not fit fails
/// loudly instead of rendering a message with holes.
pub fn needed_kind(template: &str) -> Option<&'static str> {
    let kind = template.split('_').next()?;
    match kind {
        "workshop" | "outcomes" => Some("workshop"),
        "understanding" => Some("understanding"),
        "action" => Some("action"),
        "phase" => Some("phase"),
        "project" => Some("project"),
        _ => None,
    }
}

/// Messages that show what the history event recorded (a transition, a former time).
fn needs_event(template: &str) -> bool {
    matches!(template, "project_changed" | "workshop_rescheduled")
}

/// The data `template` needs: at most two queries.
pub async fn load(
    db: &DatabaseConnection,
    template: &str,
    payload: &Payload,
) -> anyhow::Result<(About, Option<event::Model>)> {
    let about = match (payload.entity_kind.as_deref(), payload.entity_id) {
        (Some("project"), Some(id)) => About::Project(
            project::Entity::find_by_id(id)
                .one(db)
                .await?
                .with_context(|| format!("no dialogue {id}"))?,
        ),
        (Some("phase"), Some(id)) => {
            let (phase, project) = with_project::<phase::Entity>(db, id, phase::Column::ProjectId)
                .await?
                .with_context(|| format!("no phase {id}"))?;
            About::Phase(phase, project)
        }
        (Some("workshop"), Some(id)) => {
            let (workshop, project) =
                with_project::<workshop::Entity>(db, id, workshop::Column::ProjectId)
                    .await?
                    .with_context(|| format!("no workshop {id}"))?;
            About::Workshop(workshop, project)
        }
        (Some("understanding"), Some(id)) => {
            let (understanding, project) =
                with_project::<understanding::Entity>(db, id, understanding::Column::ProjectId)
                    .await?
                    .with_context(|| format!("no common understanding {id}"))?;
            About::Understanding(understanding, project)
        }
        (Some("action"), Some(id)) => {
            let (action, project) =
                with_project::<action::Entity>(db, id, action::Column::ProjectId)
                    .await?
                    .with_context(|| format!("no action {id}"))?;
            About::Action(action, project)
        }
        (None | Some("user"), _) => About::Nobody,
        (Some(kind), _) => bail!("cannot render a message about a {kind}"),
    };
    let event = match payload.event_id {
        Some(id) if needs_event(template) => {
            event::Entity::find()
                .filter(event::Column::Id.eq(id))
                .one(db)
                .await?
        }
        _ => None,
    };
    Ok((about, event))
}

/// One row and its dialogue in one query (the entities declare no relations, so
/// the join is spelled out here).
async fn with_project<E>(
    db: &DatabaseConnection,
    id: Uuid,
    project_id: E::Column,
) -> Result<Option<(E::Model, Option<project::Model>)>, DbErr>
where
    E: EntityTrait,
    Uuid: Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
{
    let to_project: RelationDef = E::belongs_to(project::Entity)
        .from(project_id)
        .to(project::Column::Id)
        .into();
    E::find_by_id(id)
        .select_also(project::Entity)
        .join(JoinType::LeftJoin, to_project)
        .one(db)
        .await
}

/// What a project transition was, from its event (or, without one, its state).
pub fn project_change(project: &project::Model, event: Option<&event::Model>) -> String {
    if let Some(event) = event.filter(|e| e.entity_id == project.id) {
        return event.transition.clone();
    }
    match project.state.as_str() {
        "active" => "activate",
        "suspended" => "suspend",
        "completed" => "complete",
        "cancelled" => "cancel",
        _ => "other",
    }
    .to_owned()
}

/// The start a reschedule moved the workshop from, as the event recorded it.
pub fn previous_start(event: Option<&event::Model>) -> Option<DateTime<Utc>> {
    let data: serde_json::Value = serde_json::from_str(&event?.data).ok()?;
    let text = data.get("previous_starts_at")?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// Days from the reader's today to `due`, negative once it has passed.
pub fn days_until(due: chrono::NaiveDate, now: DateTime<Utc>, reader_zone: &str) -> i64 {
    let today = now.with_timezone(&when::zone(reader_zone)).date_naive();
    (due - today).num_days()
}
