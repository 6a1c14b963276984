//! Short-lived access tokens: HS256 only, with issuer, audience and expiry checked.
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::AuthSettings;
use crate::error::AppError;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    pub jti: Uuid,
    /// The account's role and government when the token was issued. A hint, never
    /// trusted alone: a request that acts on it checks, in its own statement, that
    /// the account still has them and is not disabled (`auth::reader`). Absent from
    /// tokens issued before they were added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov: Option<Uuid>,
    /// The account's token generation at issue (`users.token_generation`): a token
    /// of an older one was ended by signing out everywhere, a new password or
    /// disabling. Absent (0) from tokens issued before it was added.
    #[serde(default, rename = "gen")]
    pub generation: i32,
}

/// Whom a token is issued to.
pub struct Subject<'a> {
    pub id: Uuid,
    pub role: &'a str,
    pub government_id: Option<Uuid>,
    pub generation: i32,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    pub ttl_secs: i64,
}

impl JwtKeys {
    /// `secret` is the configured one or the instance's own (`store::instance_secrets`).
    pub fn new(settings: &AuthSettings, secret: &str) -> Self {
        // Pinning the algorithm is what refuses `alg: none` and algorithm confusion.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.jwt_issuer]);
        validation.set_audience(&[&settings.jwt_audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
            ttl_secs: settings.access_token_ttl_secs,
        }
    }

    pub fn issue(&self, subject: &Subject<'_>) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: subject.id,
            role: Some(subject.role.to_owned()),
            gov: subject.government_id,
            generation: subject.generation,
            iat: now,
            exp: now + self.ttl_secs,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            jti: Uuid::new_v4(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| anyhow::anyhow!("signing the access token failed: {e}"))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                match e.kind() {
                    ErrorKind::ExpiredSignature => AppError::unauthorized(
                        "auth.token_expired",
                        "The access token has expired.",
                    ),
                    _ => AppError::unauthorized(
                        "auth.invalid_token",
                        "The access token is not valid.",
                    ),
                }
            })
    }
}
