//! What every transition shares in the store: lock the row, check the version, record
//! the decision in the history and the outbox — inside one transaction.
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, FromQueryResult,
    PrimaryKeyTrait, QueryFilter, QueryResult, QuerySelect, Statement,
};
use serde_json::Value;
use uuid::Uuid;

use super::history::{self, NewEvent};
use super::outbox::{self, NoticeTarget};
use crate::domain::refusal::Refusal;
use crate::domain::transition::{Actor, Decision};
use crate::error::{AppError, AppResult};

/// Loads a row for update: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite the
/// `BEGIN IMMEDIATE` of the write transaction already excludes other writers. 404
/// when there is no such row.
pub async fn lock<E>(txn: &DatabaseTransaction, id: Uuid) -> AppResult<E::Model>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    lock_if::<E>(txn, id, None).await?.ok_or(AppError::NotFound)
}

/// [`lock`], but with `only_if` the row is locked (and answered) only if that
/// condition also holds, checked in the same statement; `None` when nothing was.
pub async fn lock_if<E>(
    txn: &DatabaseTransaction,
    id: Uuid,
    only_if: Option<SimpleExpr>,
) -> AppResult<Option<E::Model>>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let mut query = E::find_by_id(id).lock_exclusive();
    if let Some(condition) = only_if {
        query = query.filter(condition);
    }
    Ok(query.one(txn).await?)
}

/// [`lock_if`] for a transition: on SQLite also the row's history chain head (see
/// `history::head_hash_of`), read in the same statement, so that the transition does
/// not spend a trip of the single writer's turn on it. PostgreSQL chains in SQL and
/// answers no head.
pub async fn lock_for_transition<E>(
    txn: &DatabaseTransaction,
    entity_kind: &str,
    id: Uuid,
    only_if: Option<SimpleExpr>,
) -> AppResult<Option<(E::Model, Option<String>)>>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    if txn.get_database_backend() != DbBackend::Sqlite {
        return Ok(lock_if::<E>(txn, id, only_if).await?.map(|row| (row, None)));
    }
    let mut query =
        E::find_by_id(id).expr_as(history::head_hash_of(entity_kind, id), history::HEAD_HASH);
    if let Some(condition) = only_if {
        query = query.filter(condition);
    }
    let locked = query.into_model::<WithHead<E::Model>>().one(txn).await?;
    Ok(locked.map(|l| (l.row, l.head)))
}

/// A row read with its chain's head beside it.
struct WithHead<R> {
    row: R,
    head: Option<String>,
}

impl<R: FromQueryResult> FromQueryResult for WithHead<R> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Self {
            row: R::from_query_result(res, pre)?,
            head: res.try_get(pre, history::HEAD_HASH)?,
        })
    }
}

/// Optimistic concurrency: the client must have seen the current version.
/// Answers a decision in the order a person can act on: may they ever do this (403),
/// then is their copy current (409), then the rule that refused (422). A focal point
/// thus learns "not yours" rather than "reload" about a transition they may never make.
pub fn settle<T>(
    decided: Result<T, Refusal>,
    current_version: i32,
    sent_version: i32,
) -> AppResult<T> {
    match decided {
        Err(refusal) if refusal.is_authorisation() => Err(refusal.into()),
        decided => {
            check_version(current_version, sent_version)?;
            decided.map_err(AppError::from)
        }
    }
}

pub fn check_version(current: i32, sent: i32) -> AppResult<()> {
    if current == sent {
        Ok(())
    } else {
        Err(AppError::Conflict {
            code: "conflict.version",
            detail: format!(
                "This was changed by someone else (you sent version {sent}, it is now at {current}); reload and try again."
            ),
        })
    }
}

/// Writes an applied decision: `write` (the update of the row that changed), the
/// history event, and its notifications. With `head` (the entity's chain head, read
/// with the row's lock: `lock_for_transition`) SQLite sends the update, the event and
/// the head's advance in one trip.
pub async fn record<S: Copy + std::fmt::Display>(
    txn: &DatabaseTransaction,
    write: Statement,
    head: Option<String>,
    decision: &Decision<S>,
    actor: &Actor,
    data: Value,
    target: NoticeTarget,
) -> AppResult<()> {
    let event = NewEvent {
        entity_kind: target.entity_kind,
        entity_id: target.entity_id,
        transition: decision.transition.to_owned(),
        from_state: Some(decision.from.to_string()),
        to_state: Some(decision.to.to_string()),
        actor_id: Some(actor.id),
        reason: decision.reason.clone(),
        data,
        project_id: Some(target.project_id),
    };
    let event_id = match head {
        Some(head) if txn.get_database_backend() == DbBackend::Sqlite => {
            history::append_after(txn, head, event, write).await?
        }
        _ => {
            if txn.execute_raw(write).await?.rows_affected() != 1 {
                return Err(DbErr::RecordNotUpdated.into());
            }
            history::append(txn, event).await?
        }
    };
    outbox::enqueue(txn, &decision.notices, &target, event_id).await
}

/// Records something that is not a state change (a creation, an attendance, a
/// position, a progress note) in the same hash-chained history.
/// `about` names the entity and its dialogue, as a transition's notices do.
pub async fn record_fact(
    txn: &DatabaseTransaction,
    about: &NoticeTarget,
    what: &str,
    state: Option<&str>,
    actor: &Actor,
    data: Value,
) -> AppResult<Uuid> {
    history::append(
        txn,
        NewEvent {
            entity_kind: about.entity_kind,
            entity_id: about.entity_id,
            transition: what.to_owned(),
            from_state: state.map(str::to_owned),
            to_state: state.map(str::to_owned),
            actor_id: Some(actor.id),
            reason: None,
            data,
            project_id: Some(about.project_id),
        },
    )
    .await
    .map_err(AppError::from)
}
