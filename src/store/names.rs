//! Names to show beside ids: the governments and people a page's tables mention,
//! each set loaded with one query however many rows the page has.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::Db;
use super::entities::{government, user};
use crate::error::AppResult;

/// The governments among `ids`, by id.
pub async fn governments(db: &Db, ids: &[Uuid]) -> AppResult<HashMap<Uuid, government::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(government::Entity::find()
        .filter(government::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(government::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect())
}

/// The display names of the people among `ids`, by id.
pub async fn people(db: &Db, ids: &[Uuid]) -> AppResult<HashMap<Uuid, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}
