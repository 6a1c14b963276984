//! What the parties add to an action besides transitions: each government's agreement
//! (the last one agrees the action) and progress notes.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

use super::{ActionView, summary};
use crate::domain::action::{self as domain, ActionMachine, ActionTransition};
use crate::domain::machine::StateMachine;
use crate::domain::transition::{Actor, TransitionInput};
use crate::error::{AppError, AppResult};
use crate::store::entities::action_progress;
use crate::store::outbox::NoticeTarget;
use crate::store::runner::{self, Stored};
use crate::store::workflow::record_fact;

/// Records `government_id`'s agreement. When it is the last involved government to
/// agree, the action moves to `agreed` in the same transaction, as an `agree`
/// transition by the focal point who agreed last.
pub async fn set_agreement(
    db: &Db,
    actor: &Actor,
    id: Uuid,
    government_id: Uuid,
    agreed: bool,
) -> AppResult<ActionView> {
    // An agreement is a commitment: it is not withdrawn, the action is dropped instead.
    if !agreed {
        return Err(AppError::invalid(
            "agreed",
            "must be true; an agreement cannot be withdrawn",
        ));
    }
    let txn = crate::store::begin_write(db).await?;
    let (row, mut related) = runner::open::<ActionMachine>(&txn, actor, id).await?;
    let state = runner::state_of::<ActionMachine>(&row)?;
    let link = related
        .agreements
        .get_mut(&id)
        .and_then(|links| links.iter_mut().find(|a| a.government_id == government_id));
    domain::check_agreement(state, actor, government_id, link.is_some()).map_err(AppError::from)?;
    let Some(link) = link else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "an involved government without its agreement row"
        )));
    };
    if link.agreed {
        // Agreeing twice changes nothing and records nothing.
        let view = runner::view_of::<ActionMachine>(&mut related, row, actor)?;
        txn.rollback().await?;
        return Ok(view);
    }
    let mut active = link.clone().into_active_model();
    active.agreed = Set(true);
    active.agreed_by = Set(Some(actor.id));
    active.agreed_at = Set(Some(crate::store::now()));
    *link = active.update(&txn).await?;
    let agreements = related.agreements.get(&id).map_or(&[][..], Vec::as_slice);
    let row = summary::copy_agreements(&txn, row, agreements).await?;
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "action",
            entity_id: id,
            project_id: row.project_id,
        },
        "agreement",
        Some(&row.state),
        actor,
        json!({"government_id": government_id, "agreed": true}),
    )
    .await?;
    let facts = ActionMachine::facts(&related, &row, actor)?;
    let row = if facts.agreed == facts.involved {
        let (agree, none) = (ActionTransition::Agree, TransitionInput::default());
        let decision =
            ActionMachine::decide(state, agree, &facts, actor, &none).map_err(AppError::from)?;
        runner::apply::<ActionMachine>(&txn, actor, row, &mut related, &decision, agree, &none)
            .await?
    } else {
        row
    };
    let view = runner::view_of::<ActionMachine>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}

/// Appends a progress note from a party to the action while it is open.
pub async fn add_progress(db: &Db, actor: &Actor, id: Uuid, note: String) -> AppResult<ActionView> {
    let txn = crate::store::begin_write(db).await?;
    // Locked so that a note cannot land on an action being completed or dropped.
    let (row, mut related) = runner::open::<ActionMachine>(&txn, actor, id).await?;
    let facts = ActionMachine::facts(&related, &row, actor)?;
    domain::check_progress(runner::state_of::<ActionMachine>(&row)?, &facts, actor)
        .map_err(AppError::from)?;
    let progress = action_progress::Entity::insert(action_progress::ActiveModel {
        id: Set(Uuid::now_v7()),
        action_id: Set(id),
        note: Set(note),
        author_id: Set(actor.id),
        created_at: Set(crate::store::now()),
    })
    .exec_with_returning(&txn)
    .await?;
    let row = summary::copy_progress(&txn, row, &progress).await?;
    record_fact(
        &txn,
        &NoticeTarget {
            entity_kind: "action",
            entity_id: id,
            project_id: row.project_id,
        },
        "progress",
        Some(&row.state),
        actor,
        json!({"progress_id": progress.id}),
    )
    .await?;
    related.push_progress(progress);
    let view = runner::view_of::<ActionMachine>(&mut related, row, actor)?;
    txn.commit().await?;
    Ok(view)
}
