//! What the parties add to an action besides transitions: each government's agreement
//! (the last one agrees the action) and progress notes.
use crate::store::Db;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

use super::read::{facts_of, load_facts};
use super::{ActionView, ensure_visible, get, notice_target, parse_state};
use crate::domain::action::{self as machine, ActionTransition};
use crate::domain::transition::{Actor, TransitionInput};
use crate::error::{AppError, AppResult};
use crate::store::entities::{action, action_progress};
use crate::store::workflow::{lock, record, record_fact};

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
    let row = lock::<action::Entity>(&txn, id).await?;
    ensure_visible(&txn, actor, &row).await?;
    let (facts, mut agreements) = load_facts(&txn, actor, &row).await?;
    let state = parse_state(&row)?;
    let position = agreements
        .iter()
        .position(|a| a.government_id == government_id);
    machine::check_agreement(state, actor, government_id, position.is_some())
        .map_err(AppError::from)?;
    let Some(link) = position.and_then(|i| agreements.get_mut(i)) else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "an involved government without its agreement row"
        )));
    };
    if link.agreed {
        // Agreeing twice changes nothing and records nothing.
        txn.rollback().await?;
        return get(db, actor, id).await;
    }
    let now = crate::store::now();
    let mut active = link.clone().into_active_model();
    active.agreed = Set(true);
    active.agreed_by = Set(Some(actor.id));
    active.agreed_at = Set(Some(now));
    *link = active.update(&txn).await?;
    record_fact(
        &txn,
        "action",
        id,
        "agreement",
        Some(&row.state),
        actor,
        json!({"government_id": government_id, "agreed": true}),
    )
    .await?;
    let facts = facts_of(actor, &row, facts.phase_state, &agreements);
    if facts.agreed == facts.involved {
        let decision = machine::decide(
            state,
            ActionTransition::Agree,
            &facts,
            actor,
            &TransitionInput::default(),
        )
        .map_err(AppError::from)?;
        let mut active = row.clone().into_active_model();
        active.state = Set(decision.to.as_str().to_owned());
        active.version = Set(row.version + 1);
        active.updated_at = Set(now);
        active.update(&txn).await?;
        record(
            &txn,
            "action",
            id,
            &decision,
            actor,
            json!({"version": row.version + 1}),
            notice_target(&row),
        )
        .await?;
    }
    txn.commit().await?;
    get(db, actor, id).await
}

/// Appends a progress note from a party to the action while it is open.
pub async fn add_progress(db: &Db, actor: &Actor, id: Uuid, note: String) -> AppResult<ActionView> {
    let txn = crate::store::begin_write(db).await?;
    // Locked so that a note cannot land on an action being completed or dropped.
    let row = lock::<action::Entity>(&txn, id).await?;
    ensure_visible(&txn, actor, &row).await?;
    let (facts, _) = load_facts(&txn, actor, &row).await?;
    machine::check_progress(parse_state(&row)?, &facts, actor).map_err(AppError::from)?;
    let progress = action_progress::Entity::insert(action_progress::ActiveModel {
        id: Set(Uuid::now_v7()),
        action_id: Set(id),
        note: Set(note),
        author_id: Set(actor.id),
        created_at: Set(crate::store::now()),
    })
    .exec_with_returning(&txn)
    .await?;
    record_fact(
        &txn,
        "action",
        id,
        "progress",
        Some(&row.state),
        actor,
        json!({"progress_id": progress.id}),
    )
    .await?;
    txn.commit().await?;
    get(db, actor, id).await
}
