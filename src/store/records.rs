//! What the record pages read: an entity's or a whole dialogue's history newest first,
//! a page at a time, and the Framework of common understandings (the adopted texts
//! with the hashes that tie a printed copy to the audit chain). Each is a fixed
//! number of statements, whatever the size of the dialogue.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::entities::{action, endorsement, event, phase, project, understanding, workshop};
use super::{Db, limited};
use crate::domain::named::Named;
use crate::domain::transition::Actor;
use crate::domain::understanding::{Position, UnderstandingState, UnderstandingTransition};
use crate::error::AppResult;

/// A page of events, newest first; `older` is the cursor (an event's `seq`) of the
/// next, older page, if there is one.
#[derive(Debug, Clone)]
pub struct EventPage {
    pub items: Vec<event::Model>,
    pub older: Option<i64>,
}

/// Where a newest-first page starts: before the event `before` (a `seq`), or at the
/// newest.
#[derive(Debug, Clone, Copy)]
pub struct Older {
    pub before: Option<i64>,
    pub limit: u64,
}

/// One page of an entity's history, newest first, served by the (kind, id, seq)
/// index. The caller has already been allowed to see the entity.
pub async fn entity_history(db: &Db, kind: &str, id: Uuid, page: Older) -> AppResult<EventPage> {
    let query = event::Entity::find()
        .filter(event::Column::EntityKind.eq(kind))
        .filter(event::Column::EntityId.eq(id));
    newest_first(db, query, page).await
}

/// The query of one page of a dialogue's history as `actor` may see it: the events of
/// the dialogue and of everything in it (found through `events.project_id`), without
/// the events of the actions the actor may not see (the actions' own visibility rule,
/// `actions::visible_to`). Served by the (project_id, seq) index.
pub fn dialogue_history_query(
    actor: &Actor,
    project_id: Uuid,
    page: Older,
) -> sea_orm::Select<event::Entity> {
    let mut query = event::Entity::find().filter(event::Column::ProjectId.eq(project_id));
    let visible = super::actions::visible_to(actor);
    if !visible.is_empty() {
        let visible_actions = action::Entity::find()
            .select_only()
            .column(action::Column::Id)
            .filter(action::Column::ProjectId.eq(project_id))
            .filter(visible)
            .into_query();
        query = query.filter(
            Condition::any()
                .add(event::Column::EntityKind.ne("action"))
                .add(event::Column::EntityId.in_subquery(visible_actions)),
        );
    }
    page_of(query, page)
}

/// One page of a dialogue's history, newest first. The caller has already been
/// allowed to see the dialogue.
pub async fn dialogue_history(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    page: Older,
) -> AppResult<EventPage> {
    fetch(db, dialogue_history_query(actor, project_id, page), page).await
}

fn page_of(query: sea_orm::Select<event::Entity>, page: Older) -> sea_orm::Select<event::Entity> {
    let mut query = query.order_by_desc(event::Column::Seq);
    if let Some(before) = page.before {
        query = query.filter(event::Column::Seq.lt(before));
    }
    query
}

async fn newest_first(
    db: &Db,
    query: sea_orm::Select<event::Entity>,
    page: Older,
) -> AppResult<EventPage> {
    fetch(db, page_of(query, page), page).await
}

async fn fetch(
    db: &Db,
    query: sea_orm::Select<event::Entity>,
    page: Older,
) -> AppResult<EventPage> {
    let mut items = limited(db.get_database_backend(), query, page.limit + 1)
        .all(db)
        .await?;
    let older = if items.len() as u64 > page.limit {
        items.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
        items.last().map(|e| e.seq)
    } else {
        None
    };
    Ok(EventPage { items, older })
}

/// One adopted common understanding as the Framework prints it.
#[derive(Debug, Clone)]
pub struct AdoptedText {
    pub id: Uuid,
    pub phase_id: Uuid,
    pub title: String,
    /// The final text: an adopted text is never edited again, so the row's text is
    /// the adopted revision's.
    pub text: String,
    pub revision: i32,
    /// SHA-256 (lower-case hex) of the text's UTF-8 bytes.
    pub text_sha256: String,
    /// The history event that adopted it, when the history has one.
    pub adoption: Option<Adoption>,
    /// The governments that endorsed the adopted revision.
    pub endorsed_by: Vec<Uuid>,
}

#[derive(Debug, Clone)]
pub struct Adoption {
    pub event_id: Uuid,
    pub event_hash: String,
    pub at: DateTime<Utc>,
}

/// SHA-256 of a text as printed, lower-case hex: what a reader recomputes from a copy.
pub fn text_sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The adopted understandings of the dialogue `project_id`, oldest first, with their
/// adoption events and endorsing governments: three statements however many texts.
/// The caller has already been allowed to see the dialogue (texts have no visibility
/// of their own beyond it).
pub async fn framework(db: &Db, project_id: Uuid) -> AppResult<Vec<AdoptedText>> {
    let rows = understanding::Entity::find()
        .filter(understanding::Column::ProjectId.eq(project_id))
        .filter(understanding::Column::State.eq(UnderstandingState::Adopted.name()))
        .order_by_asc(understanding::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = rows.iter().map(|u| u.id).collect();
    let adoptions = event::Entity::find()
        .filter(event::Column::EntityKind.eq("understanding"))
        .filter(event::Column::EntityId.is_in(ids.iter().copied()))
        .filter(event::Column::Transition.eq(UnderstandingTransition::Adopt.name()))
        .order_by_asc(event::Column::Seq)
        .all(db)
        .await?;
    let endorsements = endorsement::Entity::find()
        .filter(endorsement::Column::UnderstandingId.is_in(ids.iter().copied()))
        .filter(endorsement::Column::Position.eq(Position::Endorsed.as_str()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            // The newest adoption, should a history ever hold two.
            let adoption = adoptions
                .iter()
                .rfind(|e| e.entity_id == row.id)
                .map(|e| Adoption {
                    event_id: e.id,
                    event_hash: e.hash.clone(),
                    at: e.at,
                });
            let endorsed_by = endorsements
                .iter()
                .filter(|e| e.understanding_id == row.id && e.revision == row.revision)
                .map(|e| e.government_id)
                .collect();
            AdoptedText {
                id: row.id,
                phase_id: row.phase_id,
                text_sha256: text_sha256(&row.text),
                title: row.title,
                text: row.text,
                revision: row.revision,
                adoption,
                endorsed_by,
            }
        })
        .collect())
}

/// The titles of what the events on a page are about, by id: one statement per kind
/// of thing a dialogue holds, whatever the page shows.
pub async fn titles(db: &Db, events: &[event::Model]) -> AppResult<HashMap<Uuid, String>> {
    let of = |kind: &str| -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = events
            .iter()
            .filter(|e| e.entity_kind == kind)
            .map(|e| e.entity_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut titles = HashMap::new();
    let ids = of("project");
    if !ids.is_empty() {
        for row in project::Entity::find()
            .filter(project::Column::Id.is_in(ids))
            .all(db)
            .await?
        {
            titles.insert(row.id, format!("{} — {}", row.code, row.title));
        }
    }
    let ids = of("phase");
    if !ids.is_empty() {
        for row in phase::Entity::find()
            .filter(phase::Column::Id.is_in(ids))
            .all(db)
            .await?
        {
            titles.insert(row.id, row.name);
        }
    }
    let ids = of("workshop");
    if !ids.is_empty() {
        for row in workshop::Entity::find()
            .filter(workshop::Column::Id.is_in(ids))
            .all(db)
            .await?
        {
            titles.insert(row.id, row.title);
        }
    }
    let ids = of("understanding");
    if !ids.is_empty() {
        for row in understanding::Entity::find()
            .filter(understanding::Column::Id.is_in(ids))
            .all(db)
            .await?
        {
            titles.insert(row.id, row.title);
        }
    }
    let ids = of("action");
    if !ids.is_empty() {
        for row in action::Entity::find()
            .filter(action::Column::Id.is_in(ids))
            .all(db)
            .await?
        {
            titles.insert(row.id, row.title);
        }
    }
    Ok(titles)
}
