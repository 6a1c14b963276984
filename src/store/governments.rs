//! Participating governments.
use crate::domain::problem::Problem;
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::entities::government;
use super::history::{self, NewEvent};
use super::{Page, PageRequest};

pub struct NewGovernment {
    pub code: String,
    pub name: String,
    pub time_zone: String,
}

pub async fn create(
    db: &Db,
    actor_id: Option<Uuid>,
    new: NewGovernment,
) -> crate::error::AppResult<government::Model> {
    let txn = super::begin_write(db).await?;
    let row = government::Entity::insert(government::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(new.code),
        name: Set(new.name),
        time_zone: Set(new.time_zone),
        created_at: Set(super::now()),
    })
    .exec_with_returning(&txn)
    .await
    .map_err(super::errors::unique_field(
        "code",
        "a government with this code already exists",
    ))?;
    history::append(
        &txn,
        NewEvent {
            entity_kind: "government",
            entity_id: row.id,
            transition: "create".into(),
            from_state: None,
            to_state: None,
            actor_id,
            reason: None,
            data: json!({"code": row.code, "name": row.name, "time_zone": row.time_zone}),
            project_id: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn find_by_code(db: &Db, code: &str) -> Result<Option<government::Model>, DbErr> {
    government::Entity::find()
        .filter(government::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<government::Model>, DbErr> {
    government::Entity::find_by_id(id).one(db).await
}

pub async fn list(db: &Db, request: PageRequest) -> Result<Page<government::Model>, DbErr> {
    super::fetch_page(
        db,
        government::Entity::find(),
        government::Column::Id,
        request,
        |g| g.id,
    )
    .await
}

/// How many of `ids` name existing governments (ids are expected distinct).
pub async fn count_existing(db: &Db, ids: &[Uuid]) -> Result<usize, DbErr> {
    use sea_orm::PaginatorTrait;
    if ids.is_empty() {
        return Ok(0);
    }
    let n = government::Entity::find()
        .filter(government::Column::Id.is_in(ids.iter().copied()))
        .count(db)
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

impl From<&crate::domain::commands::NewGovernment> for NewGovernment {
    fn from(new: &crate::domain::commands::NewGovernment) -> Self {
        Self {
            code: new.code().to_owned(),
            name: new.name().to_owned(),
            time_zone: new.time_zone().to_owned(),
        }
    }
}

/// The governments with these ids, ordered by code.
pub async fn by_ids(db: &Db, ids: &[Uuid]) -> Result<Vec<government::Model>, DbErr> {
    use sea_orm::QueryOrder;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    government::Entity::find()
        .filter(government::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(government::Column::Code)
        .all(db)
        .await
}

/// Every government, ordered by code (there are a handful), for a form's choices.
pub async fn all(db: &Db) -> Result<Vec<government::Model>, DbErr> {
    use sea_orm::QueryOrder;
    government::Entity::find()
        .order_by_asc(government::Column::Code)
        .all(db)
        .await
}

/// Adds an error on `field` unless every one of `ids` names a government: the
/// existence a command's parse cannot check, asked the same way by every door.
pub async fn require_existing(
    db: &Db,
    ids: &[Uuid],
    errors: &mut crate::domain::validation::FieldErrors,
    field: &str,
) -> Result<(), DbErr> {
    let listed = crate::domain::commands::distinct(ids);
    if count_existing(db, &listed).await? != listed.len() {
        errors.problem(field, Problem::NoSuchGovernment);
    }
    Ok(())
}
