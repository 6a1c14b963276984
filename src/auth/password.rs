//! argon2id password hashing, off the async threads (it is deliberately slow).
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::TryRngCore;

use crate::config::AuthSettings;
use crate::domain::validation::FieldErrors;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 512;

#[derive(Clone)]
pub struct Passwords {
    params: Params,
    /// Verified against when the account does not exist, so a login for an unknown
    /// email costs as much time as one for a known email.
    decoy_hash: String,
}

impl Passwords {
    pub fn new(settings: &AuthSettings) -> anyhow::Result<Self> {
        Self::with_cost(settings.argon2_memory_kib, settings.argon2_iterations)
    }

    pub fn with_cost(memory_kib: u32, iterations: u32) -> anyhow::Result<Self> {
        let params = Params::new(memory_kib, iterations, 1, None)
            .map_err(|e| anyhow::anyhow!("invalid argon2 settings: {e}"))?;
        let decoy_hash = hash_with(&params, "decoy password that matches nothing")?;
        Ok(Self { params, decoy_hash })
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let params = self.params.clone();
        tokio::task::spawn_blocking(move || hash_with(&params, &password)).await?
    }

    /// True when `password` matches `hash`; with no hash (unknown user, or an invited
    /// user who has not set one) it still does the work and answers false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let (hash, real) = match hash {
            Some(hash) => (hash, true),
            None => (self.decoy_hash.clone(), false),
        };
        let matched = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        real && matched
    }
}

fn hash_with(params: &Params, password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut salt)
        .map_err(|e| anyhow::anyhow!("no randomness for a salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    argon
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Length is what makes a password strong; composition rules only annoy.
pub fn check_password_policy(errors: &mut FieldErrors, field: &str, password: &str) {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.add(
            field,
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        );
    } else if chars > MAX_PASSWORD_CHARS {
        errors.add(
            field,
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Passwords {
        Passwords::with_cost(64, 1).unwrap_or_else(|e| panic!("{e}"))
    }

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let passwords = cheap();
        let a = passwords
            .hash("correct horse".into())
            .await
            .unwrap_or_default();
        let b = passwords
            .hash("correct horse".into())
            .await
            .unwrap_or_default();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salts must differ");
        assert!(
            passwords
                .verify("correct horse".into(), Some(a.clone()))
                .await
        );
        assert!(!passwords.verify("wrong horse".into(), Some(a)).await);
        assert!(
            !passwords
                .verify("decoy password that matches nothing".into(), None)
                .await
        );
    }

    #[test]
    fn policy() {
        let mut errors = FieldErrors::default();
        check_password_policy(&mut errors, "password", "short");
        check_password_policy(&mut errors, "ok", "long enough password");
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["password"]);
    }
}
