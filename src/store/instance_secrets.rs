//! Secrets the instance makes for itself and shares through its database.
use crate::store::Db;
use rand::RngCore;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{DbErr, EntityTrait};

use super::entities::instance_secret;

const JWT_SECRET: &str = "jwt_secret";

/// Where the signing key in use came from, for the start-up log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    GeneratedNow,
    StoredEarlier,
}

/// The instance's JWT signing key: made on first start (256 random bits) and kept, so
/// that tokens survive restarts and every node signs and checks with the same key.
/// Nodes starting together race to insert; the first insert wins and all read it back.
pub async fn jwt_secret(db: &Db) -> Result<(String, SecretSource), DbErr> {
    if let Some(row) = instance_secret::Entity::find_by_id(JWT_SECRET)
        .one(db)
        .await?
    {
        return Ok((row.value, SecretSource::StoredEarlier));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = hex::encode(bytes);
    instance_secret::Entity::insert(instance_secret::ActiveModel {
        name: Set(JWT_SECRET.to_owned()),
        value: Set(fresh.clone()),
        created_at: Set(super::now()),
    })
    .on_conflict(
        OnConflict::column(instance_secret::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let stored = instance_secret::Entity::find_by_id(JWT_SECRET)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("instance secret after insert".into()))?;
    let source = if stored.value == fresh {
        SecretSource::GeneratedNow
    } else {
        SecretSource::StoredEarlier
    };
    Ok((stored.value, source))
}
