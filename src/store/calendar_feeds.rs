//! Personal calendar feeds: the link's token is created, replaced and revoked here,
//! and a feed's workshops are read in one query. Only the token's SHA-256 is stored:
//! a copy of the table subscribes nobody, and the link can be shown only when it is
//! made.
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::entities::{calendar_feed, project_government, user, workshop};
use super::tokens::{hash_token, new_opaque_token};
use crate::domain::role::Role;
use crate::domain::transition::Actor;
use crate::domain::workshop::WorkshopState;
use crate::error::{AppError, AppResult};
use crate::store::Db;

/// Where feeds are served (`/calendar/{token}.ics`); the request log redacts what
/// follows it.
pub const FEED_PREFIX: &str = "/calendar/";

/// A feed's address, to paste into a calendar program (`url`) or to open one
/// (`webcal_url`: the same address with the scheme calendar programs answer to).
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLinks {
    pub url: String,
    pub webcal_url: String,
}

impl FeedLinks {
    pub fn new(public_url: &str, token: &str) -> Self {
        let url = format!(
            "{}{FEED_PREFIX}{token}.ics",
            public_url.trim_end_matches('/')
        );
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(&url);
        let webcal_url = format!("webcal://{rest}");
        Self { url, webcal_url }
    }
}

/// How far back a feed reaches: calendar programs keep what they saw, so older
/// workshops need not be sent again on every refresh.
pub const LOOK_BACK: TimeDelta = TimeDelta::days(365);
/// The most workshops one feed carries (the newest), so a refresh stays small
/// however long Concord runs.
pub const MAX_WORKSHOPS: u64 = 500;

/// A new token for `user_id`'s feed, replacing any earlier one at once (its link
/// stops working from the next request). The token is returned once, to be shown.
pub async fn issue(db: &Db, user_id: Uuid) -> AppResult<String> {
    let token = new_opaque_token()?;
    let txn = super::begin_write(db).await?;
    calendar_feed::Entity::delete_by_id(user_id)
        .exec(&txn)
        .await?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        created_at: Set(super::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Ends `user_id`'s feed, if any: its link answers 404 from now on.
pub async fn revoke(db: &Db, user_id: Uuid) -> AppResult<()> {
    let txn = super::begin_write(db).await?;
    calendar_feed::Entity::delete_by_id(user_id)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// When `user_id`'s current link was made, if they have one.
pub async fn created_at(db: &Db, user_id: Uuid) -> AppResult<Option<DateTime<Utc>>> {
    Ok(calendar_feed::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|feed| feed.created_at))
}

/// The person whose feed `token` opens: none for an unknown, replaced or revoked
/// token, nor for a disabled account (its feed stops with its sign-in).
pub async fn owner(db: &Db, token: &str) -> AppResult<Option<user::Model>> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(feed.user_id)
        .one(db)
        .await?
        .filter(|row| !row.disabled))
}

/// The workshops `actor` may see that a feed carries at `now`: every one but drafts
/// (not announced yet: no invitation went out) starting within [`LOOK_BACK`], the
/// newest [`MAX_WORKSHOPS`]. One query, served by the start-time index.
pub async fn workshops(
    db: &Db,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<workshop::Model>> {
    Ok(feed_query(actor, now).all(db).await?)
}

/// The query [`workshops`] runs (public for the query-plan test).
pub fn feed_query(actor: &Actor, now: DateTime<Utc>) -> sea_orm::Select<workshop::Entity> {
    workshop::Entity::find()
        .filter(workshop::Column::StartsAt.gte(now - LOOK_BACK))
        .filter(workshop::Column::State.ne(WorkshopState::Draft.as_str()))
        .filter(visible_to(actor))
        .order_by_desc(workshop::Column::StartsAt)
        .order_by_desc(workshop::Column::Id)
        .limit(MAX_WORKSHOPS)
}

/// The same sight as the workshop list: a focal point only the dialogues their
/// government takes part in (none without a government), everyone else every one.
fn visible_to(actor: &Actor) -> Condition {
    if actor.role != Role::FocalPoint {
        return Condition::all();
    }
    let Some(government_id) = actor.government_id else {
        // Nothing matches a nil id: UUIDv7 ids are never nil.
        return Condition::all().add(workshop::Column::ProjectId.eq(Uuid::nil()));
    };
    // EXISTS (a primary-key probe per workshop) rather than IN: with IN, SQLite
    // walks the workshops by dialogue and then sorts them; this way it walks the
    // start-time index in the feed's order and stops at the cap.
    let involved = Query::select()
        .expr(Expr::val(1))
        .from(project_government::Entity)
        .and_where(
            Expr::col((
                project_government::Entity,
                project_government::Column::ProjectId,
            ))
            .equals((workshop::Entity, workshop::Column::ProjectId)),
        )
        .and_where(
            Expr::col((
                project_government::Entity,
                project_government::Column::GovernmentId,
            ))
            .eq(government_id),
        )
        .to_owned();
    Condition::all().add(Expr::exists(involved))
}

/// The acting person a feed is read as, from their row.
pub fn actor_of(row: &user::Model) -> AppResult<Actor> {
    let role = row
        .role
        .parse::<Role>()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored role: {e}")))?;
    Ok(Actor {
        id: row.id,
        role,
        government_id: row.government_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_the_feed_over_https_and_webcal() {
        let links = FeedLinks::new("https://concord.example.org/", "ab12");
        assert_eq!(links.url, "https://concord.example.org/calendar/ab12.ics");
        assert_eq!(
            links.webcal_url,
            "webcal://concord.example.org/calendar/ab12.ics"
        );
        let local = FeedLinks::new("http://127.0.0.1:8080", "ab12");
        assert_eq!(
            local.webcal_url,
            "webcal://127.0.0.1:8080/calendar/ab12.ics"
        );
    }
}
