//! argon2id password hashing, off the async threads (it is deliberately slow).
//!
//! Each hash needs `argon2_memory_kib` (7 MiB by default) of working memory.
//! Allocated per hash, on whichever of tokio's many blocking threads runs it, the
//! freed blocks stay in that thread's malloc arena: 16 sign-ins (at 19 MiB each) left
//! ~300 MiB resident for good, however few ran at once. So the working memory is
//! allocated once per permit and handed from hash to hash: resident memory stays at
//! (permits × `argon2_memory_kib`) whatever the load.
use argon2::password_hash::{Output, ParamsString, PasswordHash, Salt, SaltString};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::TryRngCore;
use tokio::sync::Semaphore;

use crate::config::AuthSettings;
use crate::domain::problem::Problem;
use crate::domain::validation::FieldErrors;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 512;

#[derive(Clone)]
pub struct Passwords {
    params: Params,
    /// Verified against when the account does not exist, so a login for an unknown
    /// email costs as much time as one for a known email.
    decoy_hash: String,
    /// Each hash takes `argon2_memory_kib` while it runs; without a cap, 16 sign-ins
    /// at once held 300 MiB (at 19 MiB each). More than one per core gains no speed,
    /// so the rest wait their turn.
    permits: Arc<Semaphore>,
    /// One working memory per permit, reused (see the module comment).
    memories: Arc<Mutex<Vec<Vec<Block>>>>,
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
        let decoy_hash = hash_with(
            &params,
            "decoy password that matches nothing",
            &mut Vec::new(),
        )?;
        Ok(Self {
            params,
            decoy_hash,
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
            memories: Arc::default(),
            in_flight: Arc::default(),
        })
    }

    /// How many hashes run right now (never more than the limit).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once a permit is free, with a working memory
    /// that no other hash uses meanwhile.
    async fn limited<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await?;
        let in_flight = self.in_flight.clone();
        in_flight.fetch_add(1, Ordering::Relaxed);
        let memories = self.memories.clone();
        let blocks = self.params.block_count();
        let done = tokio::task::spawn_blocking(move || {
            let mut memory = take(&memories);
            let result = work(&mut memory);
            give_back(&memories, memory, blocks);
            result
        })
        .await;
        in_flight.fetch_sub(1, Ordering::Relaxed);
        Ok(done?)
    }

    /// Whether `stored` was made under today's cost (and algorithm); a hash that is
    /// not is upgraded at its next sign-in.
    pub fn is_current(&self, stored: &str) -> bool {
        PasswordHash::new(stored).is_ok_and(|parsed| {
            parsed.algorithm == Algorithm::Argon2id.ident()
                && Params::try_from(&parsed).is_ok_and(|params| {
                    params.m_cost() == self.params.m_cost()
                        && params.t_cost() == self.params.t_cost()
                        && params.p_cost() == self.params.p_cost()
                })
        })
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let params = self.params.clone();
        self.limited(move |memory| hash_with(&params, &password, memory))
            .await?
    }

    /// True when `password` matches `hash`; with no hash (unknown user, or an invited
    /// user who has not set one) it still does the work and answers false.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let (hash, real) = match hash {
            Some(hash) => (hash, true),
            None => (self.decoy_hash.clone(), false),
        };
        let matched = self
            .limited(move |memory| matches(&hash, &password, memory).unwrap_or(false))
            .await
            .unwrap_or(false);
        real && matched
    }
}

/// A pooled working memory, or a new empty one (sized on first use).
fn take(memories: &Mutex<Vec<Vec<Block>>>) -> Vec<Block> {
    memories
        .lock()
        .map(|mut pool| pool.pop())
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Kept for the next hash unless it grew beyond today's cost's `blocks` (a hash from
/// before the cost was lowered), which would hold that much for good.
fn give_back(memories: &Mutex<Vec<Vec<Block>>>, memory: Vec<Block>, blocks: usize) {
    if memory.len() > blocks {
        return;
    }
    if let Ok(mut pool) = memories.lock() {
        pool.push(memory);
    }
}

/// The PHC string of `password` under a fresh salt, as `PasswordHasher` would write it.
fn hash_with(params: &Params, password: &str, memory: &mut Vec<Block>) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut salt)
        .map_err(|e| anyhow::anyhow!("no randomness for a salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let output = compute(&argon, password, salt.as_salt(), output_len, memory)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `password` hashes, under the stored hash's own algorithm, version, cost
/// and salt, to the stored output. `Output`'s equality is constant-time.
fn matches(stored: &str, password: &str, memory: &mut Vec<Block>) -> anyhow::Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Ok(false);
    };
    let algorithm = Algorithm::try_from(parsed.algorithm)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let params = Params::try_from(&parsed)?;
    let argon = Argon2::new(algorithm, version, params);
    let computed = compute(&argon, password, salt, expected.len(), memory)?;
    Ok(computed == expected)
}

/// Runs argon2 in `memory`, grown to the blocks this cost needs and kept for the next.
fn compute(
    argon: &Argon2<'_>,
    password: &str,
    salt: Salt<'_>,
    output_len: usize,
    memory: &mut Vec<Block>,
) -> anyhow::Result<Output> {
    let blocks = argon.params().block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut salt_bytes)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Output::init_with(output_len, |out| {
        argon
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt_bytes,
                out,
                &mut memory[..blocks],
            )
            .map_err(|_| argon2::password_hash::Error::Crypto)
    })
    .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

/// Length is what makes a password strong; composition rules only annoy.
pub fn check_password_policy(errors: &mut FieldErrors, field: &str, password: &str) {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.problem(
            field,
            Problem::TooShort {
                min: MIN_PASSWORD_CHARS,
            },
        );
    } else if chars > MAX_PASSWORD_CHARS {
        errors.problem(
            field,
            Problem::TooLong {
                max: MAX_PASSWORD_CHARS,
            },
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

    /// Hashes written before the memory was pooled (by the crate's own hasher) still
    /// verify, ours verify with the crate's verifier, and other costs are honoured.
    #[tokio::test]
    async fn pooled_memory_agrees_with_the_crates_own_hasher() -> anyhow::Result<()> {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let passwords = cheap();
        let salt =
            SaltString::encode_b64(b"sixteen byte salt").map_err(|e| anyhow::anyhow!("{e}"))?;
        for cost in [Params::new(64, 1, 1, None), Params::new(256, 3, 1, None)] {
            let argon = Argon2::new(
                Algorithm::Argon2id,
                Version::V0x13,
                cost.map_err(|e| anyhow::anyhow!("{e}"))?,
            );
            let theirs = argon
                .hash_password(b"an older password", &salt)
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .to_string();
            assert!(
                passwords
                    .verify("an older password".into(), Some(theirs.clone()))
                    .await
            );
            assert!(
                !passwords
                    .verify("an older passwore".into(), Some(theirs))
                    .await
            );
        }
        let ours = passwords.hash("a newer password".into()).await?;
        let parsed = PasswordHash::new(&ours).map_err(|e| anyhow::anyhow!("{e}"))?;
        assert!(
            Argon2::default()
                .verify_password(b"a newer password", &parsed)
                .is_ok()
        );
        assert!(
            Argon2::default()
                .verify_password(b"a newer passwore", &parsed)
                .is_err()
        );
        Ok(())
    }

    /// However many hashes run, only one working memory per permit ever exists.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn working_memory_is_reused_not_reallocated() -> anyhow::Result<()> {
        let passwords = Passwords::with_limit(64, 1, 2)?;
        let tasks: Vec<_> = (0..12)
            .map(|i| {
                let passwords = passwords.clone();
                tokio::spawn(async move { passwords.hash(format!("password number {i}")).await })
            })
            .collect();
        for task in tasks {
            task.await??;
        }
        let pooled = passwords
            .memories
            .lock()
            .map(|pool| pool.len())
            .unwrap_or(99);
        assert!(
            (1..=2).contains(&pooled),
            "{pooled} working memories for 2 permits"
        );
        Ok(())
    }

    /// A hash under another cost is not current, and verifying it leaves no memory of
    /// that size behind; a hash under today's cost is current.
    #[tokio::test]
    async fn an_older_cost_is_not_current_and_not_kept() -> anyhow::Result<()> {
        let older = Passwords::with_limit(256, 1, 1)?;
        let today = Passwords::with_limit(64, 2, 1)?;
        let old_hash = older.hash("the same password".into()).await?;
        let new_hash = today.hash("the same password".into()).await?;
        assert!(!today.is_current(&old_hash));
        assert!(today.is_current(&new_hash));
        assert!(older.is_current(&old_hash));
        assert!(!today.is_current("not a hash at all"));
        assert!(
            today
                .verify("the same password".into(), Some(old_hash))
                .await
        );
        let sizes: Vec<usize> = today
            .memories
            .lock()
            .map(|pool| pool.iter().map(Vec::len).collect())
            .unwrap_or_default();
        assert!(
            sizes.iter().all(|&blocks| blocks <= 64),
            "kept working memories of {sizes:?} blocks"
        );
        Ok(())
    }

    #[test]
    fn policy() {
        let mut errors = FieldErrors::default();
        check_password_policy(&mut errors, "password", "short");
        check_password_policy(&mut errors, "ok", "long enough password");
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["password"]);
    }
}
