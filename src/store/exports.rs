//! What a dialogue's exports read: every action, understanding or workshop of it the
//! reader may see, with the names the columns show. The rows come through the very
//! list queries the API pages with (so the same visibility rules and indexes), walked
//! to the end in chunks; each chunk costs a fixed number of queries, never one per row.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::actions::{self, ActionView};
use super::entities::{government, phase, project};
use super::understandings::{self, UnderstandingView};
use super::workshops::{self, WorkshopView};
use super::{Db, Page, PageRequest, names, projects};
use crate::domain::commands::ActionFilter;
use crate::domain::transition::Actor;
use crate::error::AppResult;

/// Rows read per list query: large enough that a dialogue's export is a few chunks,
/// small enough that one chunk's `IN (…)` lists stay modest.
const CHUNK: u64 = 500;

/// What every export of a dialogue shows beside its rows.
#[derive(Debug, Clone)]
pub struct Frame {
    pub dialogue: project::Model,
    /// The dialogue's governments, by code: each gets its own column(s).
    pub governments: Vec<government::Model>,
    /// The dialogue's phases' names, by id.
    pub phase_names: HashMap<Uuid, String>,
}

impl Frame {
    /// The dialogue as `actor` may see it (404 otherwise), its governments and phases.
    async fn load(db: &Db, actor: &Actor, project_id: Uuid) -> AppResult<Self> {
        let dialogue = projects::find_visible(db, actor, project_id).await?;
        let ids = projects::government_ids(db, project_id).await?;
        let mut governments: Vec<government::Model> =
            names::governments(db, &ids).await?.into_values().collect();
        governments.sort_by(|a, b| a.code.cmp(&b.code));
        let phase_names = phase::Entity::find()
            .filter(phase::Column::ProjectId.eq(project_id))
            .order_by_asc(phase::Column::Ordinal)
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        Ok(Self {
            dialogue,
            governments,
            phase_names,
        })
    }

    pub fn phase_name(&self, phase_id: Uuid) -> &str {
        self.phase_names.get(&phase_id).map_or("", String::as_str)
    }
}

pub struct ActionsExport {
    pub frame: Frame,
    /// With each one's agreements and its newest progress note (`Progress::Summary`).
    pub actions: Vec<ActionView>,
    /// The owners' display names, by id.
    pub owners: HashMap<Uuid, String>,
}

pub struct UnderstandingsExport {
    pub frame: Frame,
    pub understandings: Vec<UnderstandingView>,
}

pub struct WorkshopsExport {
    pub frame: Frame,
    pub workshops: Vec<WorkshopView>,
}

/// Where the next chunk starts, or `None` when `page` was the last.
fn next_chunk<T>(page: &Page<T>) -> Option<PageRequest> {
    page.next_cursor.map(|after| PageRequest {
        after: Some(after),
        limit: CHUNK,
    })
}

const FIRST: PageRequest = PageRequest {
    after: None,
    limit: CHUNK,
};

/// The dialogue's actions `actor` may see that `filter` keeps, oldest first: a focal
/// point's lacks the bilateral actions not involving their government.
pub async fn actions(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
    filter: &ActionFilter,
) -> AppResult<ActionsExport> {
    let frame = Frame::load(db, actor, project_id).await?;
    let mut rows = Vec::new();
    let mut chunk = Some(FIRST);
    while let Some(request) = chunk {
        let page = actions::list(db, actor, project_id, filter, request).await?;
        chunk = next_chunk(&page);
        rows.extend(page.items);
    }
    let mut owner_ids: Vec<Uuid> = rows.iter().filter_map(|a| a.row.owner_id).collect();
    owner_ids.sort_unstable();
    owner_ids.dedup();
    let owners = names::people(db, &owner_ids).await?;
    Ok(ActionsExport {
        frame,
        actions: rows,
        owners,
    })
}

/// The dialogue's common understandings, oldest first, with every government's
/// position.
pub async fn understandings(
    db: &Db,
    actor: &Actor,
    project_id: Uuid,
) -> AppResult<UnderstandingsExport> {
    let frame = Frame::load(db, actor, project_id).await?;
    let mut rows = Vec::new();
    let mut chunk = Some(FIRST);
    while let Some(request) = chunk {
        let page = understandings::list(db, actor, project_id, request).await?;
        chunk = next_chunk(&page);
        rows.extend(page.items);
    }
    Ok(UnderstandingsExport {
        frame,
        understandings: rows,
    })
}

/// The dialogue's workshops, oldest first, with attendance and outcome records.
pub async fn workshops(db: &Db, actor: &Actor, project_id: Uuid) -> AppResult<WorkshopsExport> {
    let frame = Frame::load(db, actor, project_id).await?;
    let mut rows = Vec::new();
    let mut chunk = Some(FIRST);
    while let Some(request) = chunk {
        let page = workshops::list(db, actor, project_id, request).await?;
        chunk = next_chunk(&page);
        rows.extend(page.items);
    }
    Ok(WorkshopsExport {
        frame,
        workshops: rows,
    })
}
