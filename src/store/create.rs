//! The one way a stateful row is created: under its locked parent, asked in the
//! order a person can act on (may they see the parent: 404; may their role ever
//! create: 403; is what they sent valid: 422; is the parent still open), inserted with
//! its own rows, recorded in the history (with any notices), and answered as a view
//! built inside the same transaction.
use std::future::Future;
use std::slice;

use sea_orm::DatabaseTransaction;
use serde_json::Value;
use uuid::Uuid;

use super::WriteTxn;
use super::outbox::{self, NoticeTarget};
use super::runner::{self, StatefulRow, Stored};
use super::workflow::{lock, record_fact};
use crate::domain::refusal::Refusal;
use crate::domain::role::Organiser;
use crate::domain::transition::{Actor, Detail, Notice};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, AppResult};

/// What a new child supplies: whose child it is, when that parent takes no more
/// children, and how it is inserted.
pub trait NewChild: Send + Sized {
    /// The machine of the row created.
    type Machine: Stored;
    /// The machine of the row it is created under.
    type Parent: Stored;

    /// Refuses when the parent, in `state`, takes no new children.
    fn parent_open(
        state: <Self::Parent as crate::domain::machine::StateMachine>::State,
    ) -> Result<(), Refusal>;

    /// Checks what only the database can tell (a free ordinal, an existing owner),
    /// inserts the row and its own rows; answers the row and the history's data.
    fn insert(
        self,
        txn: &DatabaseTransaction,
        parent: &<Self::Parent as Stored>::Row,
    ) -> impl Future<Output = AppResult<(<Self::Machine as Stored>::Row, Value)>> + Send;

    /// Who is told of the creation (the owner of a new action, for one).
    fn notices() -> &'static [Notice] {
        &[]
    }
}

/// Creates a child under `parent_id`. Who may create inside a dialogue is asked here,
/// and only here
/// ([`Organiser::check`]), after the parent's visibility and before `input` is
/// parsed: someone who may never create learns nothing from validation errors. Each
/// door (API, web, demo) passes its own parser.
pub async fn create_child<N: NewChild>(
    db: &super::Db,
    actor: &Actor,
    parent_id: Uuid,
    input: impl FnOnce() -> Result<N, FieldErrors> + Send,
) -> AppResult<<N::Machine as Stored>::View> {
    let txn = super::begin_write(db).await?;
    // Locked so that the parent cannot close between this check and the insert:
    // closing a parent counts its open children under the same lock.
    let parent = lock::<<N::Parent as Stored>::Entity>(&txn, parent_id).await?;
    if !N::Parent::may_see(&txn, actor, &parent).await? {
        return Err(AppError::NotFound);
    }
    Organiser::check(*actor)?;
    let new = input().map_err(AppError::Validation)?;
    N::parent_open(runner::state_of::<N::Parent>(&parent)?)?;
    let (row, data) = new.insert(&txn, &parent).await?;
    created::<N::Machine>(txn, actor, row, data, N::notices()).await
}

/// Records a row just inserted, queues `notices`, and answers its view, built in the
/// transaction before it commits.
pub async fn created<M: Stored>(
    txn: WriteTxn,
    actor: &Actor,
    row: M::Row,
    data: Value,
    notices: &[Notice],
) -> AppResult<M::View> {
    let kind = M::MACHINE.as_str();
    let state = row.state().to_owned();
    let target = NoticeTarget {
        project_id: row.project_id(),
        entity_kind: kind,
        entity_id: row.id(),
    };
    let event_id = record_fact(&txn, &target, "create", Some(&state), actor, data).await?;
    outbox::enqueue(&txn, notices, &target, event_id).await?;
    let mut related = M::load_related(&txn, actor, slice::from_ref(&row), Detail::Full).await?;
    let view = runner::view_of::<M>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}
