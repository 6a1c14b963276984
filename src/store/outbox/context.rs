//! What an outbox row is rendered from, read at delivery time: its recipient, the
//! entity it is about with that entity's dialogue (one query), and the history event
//! (one more, only when the caller asks for it). `notify` decides what a message
//! needs; these functions only fetch it.
use crate::store::Db;
use std::collections::HashMap;

use anyhow::{Context, bail};
use sea_orm::{
    ColumnTrait, DbErr, EntityTrait, JoinType, PrimaryKeyTrait, QueryFilter, QuerySelect,
    RelationDef,
};
use uuid::Uuid;

use super::super::entities::{action, event, phase, project, understanding, user, workshop};

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

/// The user a row is for, disabled or not: one query.
pub async fn recipient(db: &Db, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

/// The users among `ids`, by id, for a batch of digests: one query.
pub async fn recipients(
    db: &Db,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, user::Model>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// The entity a payload names by kind and id, with its dialogue: at most one query.
/// No kind (or `user`) is about nobody; an entity that is gone is an error.
pub async fn about(
    db: &Db,
    entity_kind: Option<&str>,
    entity_id: Option<Uuid>,
) -> anyhow::Result<About> {
    Ok(match (entity_kind, entity_id) {
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
    })
}

/// A history event by id, `None` if there is none: one query.
pub async fn event(db: &Db, id: Uuid) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::Id.eq(id))
        .one(db)
        .await
}

/// One row and its dialogue in one query (the entities declare no relations, so
/// the join is spelled out here).
async fn with_project<E>(
    db: &Db,
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
