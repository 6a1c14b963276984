//! argon2id password hashing, off the async threads (it is deliberately slow).
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::{Algorithm, Argon2, Params, Version};
use rand::TryRngCore;
use tokio::sync::Semaphore;

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
    /// Each hash takes `argon2_memory_kib` (19 MiB by default) while it runs; without
    /// a cap, 16 sign-ins at once hold 300 MiB. More than one per core gains no speed,
    /// so the rest wait their turn.
    permits: Arc<Semaphore>,
    in_flight: Arc<AtomicUsize>,
}

impl Passwords {
    pub fn new(settings: &AuthSettings) -> anyhow::Result<Self> {
        Self::with_cost(settings.argon2_memory_kib, settings.argon2_iterations)
    }

    pub fn with_cost(memory_kib: u32, iterations: u32) -> anyhow::Result<Self> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::with_limit(memory_kib, iterations, cores)
    }

    /// At most `concurrent` hashes run at once.
    pub fn with_limit(memory_kib: u32, iterations: u32, concurrent: usize) -> anyhow::Result<Self> {
        let params = Params::new(memory_kib, iterations, 1, None)
            .map_err(|e| anyhow::anyhow!("invalid argon2 settings: {e}"))?;
        let decoy_hash = hash_with(&params, "decoy password that matches nothing")?;
        Ok(Self {
            params,
            decoy_hash,
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
            in_flight: Arc::default(),
        })
    }

    /// How many hashes run right now (never more than the limit).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once a permit is free.
    async fn limited<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await?;
        let in_flight = self.in_flight.clone();
        in_flight.fetch_add(1, Ordering::Relaxed);
        let done = tokio::task::spawn_blocking(work).await;
        in_flight.fetch_sub(1, Ordering::Relaxed);
        Ok(done?)
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let params = self.params.clone();
        self.limited(move || hash_with(&params, &password)).await?
    }

    /// True when `password` matches `hash`; with no hash (unknown user, or an invited
    /// user who has not set one) it still does the work and answers false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let (hash, real) = match hash {
            Some(hash) => (hash, true),
            None => (self.decoy_hash.clone(), false),
        };
        let matched = self
            .limited(move || {
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_hashes_run_at_once_than_the_limit() -> anyhow::Result<()> {
        // Costly enough that six at once would overlap if nothing held them back.
        let passwords = Passwords::with_limit(8 * 1024, 2, 2)?;
        let tasks: Vec<_> = (0..6)
            .map(|i| {
                let passwords = passwords.clone();
                tokio::spawn(async move { passwords.hash(format!("password number {i}")).await })
            })
            .collect();
        let mut peak = 0;
        while tasks.iter().any(|t| !t.is_finished()) {
            peak = peak.max(passwords.in_flight());
            tokio::time::sleep(std::time::Duration::from_micros(200)).await;
        }
        for task in tasks {
            assert!(task.await?.is_ok());
        }
        assert!(peak >= 1, "hashing was observed");
        assert!(peak <= 2, "at most two at once, saw {peak}");
        assert_eq!(passwords.in_flight(), 0);
        Ok(())
    }

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
