//! Typed settings: built-in defaults < `config/default.toml` < `config/<env>.toml` <
//! `CONCORD__SECTION__KEY` environment variables (and `DATABASE_URL`).
use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};
use config::{Config, Environment, File, FileFormat};
use serde::{Deserialize, Serialize};

pub use crate::secret::redact_url_password;
use crate::secret::{Secret, SecretUrl};

/// The defaults travel inside the binary so `concord` runs from any folder.
const BUILT_IN: &str = include_str!("../config/default.toml");
/// Secrets that were ever in this repository: anyone can read them, so no instance
/// may sign with one, whatever its mode.
const PUBLISHED_JWT_SECRETS: &[&str] = &["concord-development-secret-do-not-use-in-production"];

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Settings {
    #[serde(default)]
    pub env: String,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub log: LogSettings,
    pub mail: MailSettings,
    #[serde(default)]
    pub metrics: MetricsSettings,
    pub web: WebSettings,
}

/// The pages' sessions.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct WebSettings {
    /// A session unused this long ends (the person signs in again).
    pub session_idle_secs: i64,
    /// A session ends this long after sign-in however busy it is.
    pub session_absolute_secs: i64,
}

/// Where `/metrics` is served and who may read it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct MetricsSettings {
    /// A listener of its own (e.g. `127.0.0.1:9100`, out of the load balancer's
    /// reach); unset: `/metrics` is on the main port.
    #[serde(default)]
    pub bind: Option<String>,
    /// When set, `/metrics` answers only `Authorization: Bearer <token>`, else 401.
    #[serde(default)]
    pub token: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MailSettings {
    pub from: String,
    pub transport: MailTransport,
    /// lettre's URL form, e.g. `smtp://user:pass@mail.example.org:587?tls=required`.
    #[serde(default)]
    pub smtp_url: Option<SecretUrl>,
    /// Where the file transport writes one `.eml` per message.
    pub file_dir: String,
    /// Whether this node runs the outbox worker beside the server.
    pub worker_enabled: bool,
    /// After this many failed attempts a message is `dead`.
    pub max_attempts: i32,
    /// First retry delay; each later one doubles (capped at six hours), plus jitter.
    pub backoff_base_secs: u64,
    pub poll_interval_ms: u64,
    /// Rows one worker claims per pass.
    pub batch_size: u64,
    /// How long a claimed row is reserved for its worker before another may take it
    /// (a node that died mid-send is retried after this).
    pub lease_secs: i64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Writes `.eml` files: the embedded default, nothing leaves the machine.
    File,
    Smtp,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ServerSettings {
    pub bind: String,
    pub public_url: String,
    pub request_timeout_secs: u64,
    /// A connection that has not sent a whole request head (line and headers) this
    /// long after it began, or after its previous response, is closed.
    pub header_read_timeout_secs: u64,
    pub body_limit_bytes: usize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DatabaseSettings {
    pub url: String,
    pub max_connections: u32,
    pub sqlite_busy_timeout_ms: u64,
    /// How long a request waits for a pooled connection (or a new one) before it is
    /// answered 503: short, so that a database that is down fails requests fast.
    pub acquire_timeout_ms: u64,
    /// Caps the SQLite file at this many pages (`PRAGMA max_page_count`, 4 KiB
    /// pages): a quota below the disk's size. Unset: no cap.
    #[serde(default)]
    pub sqlite_max_page_count: Option<u32>,
    /// Each SQLite connection's page cache (`PRAGMA cache_size`), in KiB. Every pooled
    /// connection keeps its own, so the pool holds up to (connections + 1) times this.
    #[serde(default = "default_sqlite_cache_kib")]
    pub sqlite_cache_kib: u32,
    /// SQLite: how many reader connections beside the one writer, never more than
    /// `max_connections`. Unset: twice the cores. SQLite reads are work on this
    /// process's own cores, so more readers add no speed, while each is a thread with
    /// its own page cache and allocator arena (issue 8's memory cap).
    #[serde(default)]
    pub sqlite_readers: Option<u32>,
    /// When SQLite waits for the disk (`PRAGMA synchronous`; see `SqliteSync`).
    #[serde(default)]
    pub sqlite_synchronous: SqliteSync,
}

/// `PRAGMA synchronous` for the SQLite connections. In WAL mode both keep the database
/// consistent through any crash, and a commit survives the process crashing; they
/// differ on power loss or an operating-system crash (SQLite's "pragma synchronous").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSync {
    /// The disk is flushed at every commit: a committed change (an endorsement, an
    /// agreement, the mail about it) survives a power loss. The default: a dialogue's
    /// writes are few, and each matters.
    #[default]
    Full,
    /// The disk is flushed at each WAL checkpoint, not at each commit: the last
    /// commits before a power loss may be rolled back (each whole; the history's
    /// chains stay intact), for about 40 % more writes a second (issue 8's benchmark).
    Normal,
}

impl DatabaseSettings {
    /// The SQLite reader connections to open (see `sqlite_readers`).
    pub fn sqlite_reader_count(&self) -> u32 {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let twice_the_cores = u32::try_from(cores.saturating_mul(2)).unwrap_or(u32::MAX);
        self.sqlite_readers
            .unwrap_or(twice_the_cores)
            .min(self.max_connections)
            .max(1)
    }
}

fn default_sqlite_cache_kib() -> u32 {
    1024
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct AuthSettings {
    /// Unset: the instance makes its own on first start and keeps it in the database.
    #[serde(default)]
    pub jwt_secret: Option<Secret>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_days: i64,
    pub lockout_threshold: i32,
    pub lockout_window_secs: i64,
    pub lockout_duration_secs: i64,
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    /// Reset emails one address may be sent per `reset_window_secs`.
    pub reset_limit_per_email: i32,
    /// Reset requests one client (TCP peer address) may make per `reset_window_secs`.
    pub reset_limit_per_client: i32,
    pub reset_window_secs: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    /// Loads the settings for the process: files under `./config`, the real environment.
    pub fn load() -> anyhow::Result<Self> {
        let vars: HashMap<String, String> = std::env::vars().collect();
        Self::load_from(Path::new("config"), &vars)
    }

    /// Loads settings from a config folder and a set of environment variables; the
    /// run mode comes from `CONCORD_ENV` (default `development`).
    pub fn load_from(config_dir: &Path, vars: &HashMap<String, String>) -> anyhow::Result<Self> {
        let env = vars
            .get("CONCORD_ENV")
            .cloned()
            .unwrap_or_else(|| "development".to_owned());
        let concord_vars: HashMap<String, String> = vars
            .iter()
            .filter(|(k, _)| k.starts_with("CONCORD__"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut builder = Config::builder()
            .add_source(File::from_str(BUILT_IN, FileFormat::Toml))
            .add_source(File::from(config_dir.join("default.toml")).required(false))
            .add_source(File::from(config_dir.join(format!("{env}.toml"))).required(false))
            .add_source(
                Environment::with_prefix("CONCORD")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true)
                    .source(Some(concord_vars)),
            )
            .set_override("env", env.clone())?;
        if let Some(url) = vars.get("DATABASE_URL") {
            builder = builder.set_override("database.url", url.clone())?;
        }
        let settings: Settings = builder
            .build()
            .and_then(Config::try_deserialize)
            .context("invalid configuration")?;
        settings.validate()?;
        Ok(settings)
    }

    /// The address Concord's messages and calendar invitations come from.
    pub fn mail_from(&self) -> String {
        self.mail.from.clone()
    }

    pub fn is_production(&self) -> bool {
        self.env == "production"
    }

    fn validate(&self) -> anyhow::Result<()> {
        if let Some(secret) = self.auth.jwt_secret.as_ref().map(Secret::expose) {
            if PUBLISHED_JWT_SECRETS.contains(&secret) {
                bail!(
                    "refusing the JWT secret that is published in Concord's repository: set \
                     CONCORD__AUTH__JWT_SECRET to a long random value (e.g. `openssl rand -hex 32`), \
                     or leave it unset and Concord makes and keeps its own"
                );
            }
            if secret.len() < 32 {
                bail!("CONCORD__AUTH__JWT_SECRET must be at least 32 characters long");
            }
        }
        if self.mail.transport == MailTransport::Smtp
            && self
                .mail
                .smtp_url
                .as_ref()
                .is_none_or(|url| url.expose().is_empty())
        {
            bail!(
                "mail.transport is smtp but no server is set: set CONCORD__MAIL__SMTP_URL, \
                 e.g. smtp://user:pass@mail.example.org:587?tls=required"
            );
        }
        if self
            .metrics
            .token
            .as_ref()
            .is_some_and(|token| token.expose().is_empty())
        {
            bail!("metrics.token is set but empty: remove it, or set a long random value");
        }
        if self.server.header_read_timeout_secs < 1 {
            bail!("server.header_read_timeout_secs must be at least 1");
        }
        if self.mail.max_attempts < 1 || self.mail.batch_size < 1 || self.mail.lease_secs < 1 {
            bail!("mail.max_attempts, mail.batch_size and mail.lease_secs must be at least 1");
        }
        let auth = &self.auth;
        // A zero limit would still let the first attempt of every window through.
        if auth.lockout_threshold < 1
            || auth.reset_limit_per_email < 1
            || auth.reset_limit_per_client < 1
        {
            bail!(
                "auth.lockout_threshold, auth.reset_limit_per_email and \
                 auth.reset_limit_per_client must be at least 1"
            );
        }
        if auth.lockout_window_secs < 1 || auth.reset_window_secs < 1 {
            bail!("auth.lockout_window_secs and auth.reset_window_secs must be at least 1");
        }
        let web = &self.web;
        if web.session_idle_secs < 1 || web.session_absolute_secs < web.session_idle_secs {
            bail!(
                "web.session_idle_secs must be at least 1 and web.session_absolute_secs at \
                 least as long"
            );
        }
        if !(self.server.public_url.starts_with("http://")
            || self.server.public_url.starts_with("https://"))
        {
            // The pages compare a request's Origin with it, and mark cookies Secure
            // when it is https: it must say which.
            bail!("server.public_url must start with http:// or https://");
        }
        Ok(())
    }

    /// The effective settings fit to print. The secrets print redacted by their type;
    /// the database URL's password is replaced here.
    pub fn redacted(&self) -> Self {
        let mut shown = self.clone();
        shown.database.url = redact_url_password(&self.database.url);
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_password_is_redacted() {
        assert_eq!(
            redact_url_password("postgres://app:s3cret@db:5432/concord"),
            "postgres://app:[redacted]@db:5432/concord"
        );
        assert_eq!(
            redact_url_password("sqlite://data/concord.db"),
            "sqlite://data/concord.db"
        );
    }

    #[test]
    fn sqlite_readers_default_to_twice_the_cores_within_the_pool() -> anyhow::Result<()> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let twice = u32::try_from(cores * 2)?;
        let mut database = mail_settings(&[])?.database;
        database.max_connections = twice + 5;
        assert_eq!(database.sqlite_reader_count(), twice);
        database.max_connections = 1;
        assert_eq!(database.sqlite_reader_count(), 1, "capped by the pool");
        database.max_connections = 10;
        database.sqlite_readers = Some(7);
        assert_eq!(database.sqlite_reader_count(), 7);
        database.sqlite_readers = Some(0);
        assert_eq!(database.sqlite_reader_count(), 1, "never none");
        let set = mail_settings(&[("CONCORD__DATABASE__SQLITE_READERS", "3")])?;
        assert_eq!(set.database.sqlite_readers, Some(3));
        Ok(())
    }

    fn mail_settings(pairs: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        // Only the built-in defaults and these variables: no folder has config files.
        Settings::load_from(&std::env::temp_dir().join("concord-no-config"), &vars)
    }

    #[test]
    fn smtp_is_chosen_by_environment_and_its_password_is_redacted() -> anyhow::Result<()> {
        let defaults = mail_settings(&[])?;
        assert_eq!(defaults.mail.transport, MailTransport::File);
        assert_eq!(defaults.mail.file_dir, "data/mail");
        let settings = mail_settings(&[
            ("CONCORD__MAIL__TRANSPORT", "smtp"),
            (
                "CONCORD__MAIL__SMTP_URL",
                "smtp://app:s3cret@mail:587?tls=required",
            ),
        ])?;
        assert_eq!(settings.mail.transport, MailTransport::Smtp);
        let shown = serde_json::to_string(&settings.redacted())?;
        assert!(
            shown.contains("smtp://app:[redacted]@mail:587?tls=required"),
            "{shown}"
        );
        assert!(!format!("{settings:?}").contains("s3cret"));
        let missing = mail_settings(&[("CONCORD__MAIL__TRANSPORT", "smtp")]);
        assert!(
            missing.is_err_and(|e| e.to_string().contains("CONCORD__MAIL__SMTP_URL")),
            "smtp without a URL must not start"
        );
        Ok(())
    }
}
