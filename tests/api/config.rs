use std::collections::HashMap;

use concord::Settings;

fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn built_in_defaults_apply_with_no_files() {
    let dir = tempfile::tempdir().expect("dir");
    let settings = Settings::load_from(dir.path(), &vars(&[])).expect("loads");
    assert_eq!(settings.env, "development");
    assert_eq!(settings.server.bind, "127.0.0.1:8080");
    assert_eq!(settings.database.url, "sqlite://data/concord.db?mode=rwc");
    assert_eq!(settings.auth.access_token_ttl_secs, 900);
}

#[test]
fn files_then_env_file_then_variables_override_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("default.toml"),
        "[server]\nbind = \"0.0.0.0:1111\"\npublic_url = \"https://a.example\"\n[auth]\nlockout_threshold = 7\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("staging.toml"),
        "[server]\nbind = \"0.0.0.0:2222\"\n",
    )
    .expect("write");
    let settings = Settings::load_from(
        dir.path(),
        &vars(&[
            ("CONCORD_ENV", "staging"),
            ("CONCORD__AUTH__LOCKOUT_THRESHOLD", "9"),
            (
                "CONCORD__AUTH__JWT_SECRET",
                "a-configured-secret-0123456789-abcdef",
            ),
            ("DATABASE_URL", "postgres://app:pw@db/concord"),
        ]),
    )
    .expect("loads");
    assert_eq!(settings.env, "staging");
    assert_eq!(
        settings.server.bind, "0.0.0.0:2222",
        "env file beats default file"
    );
    assert_eq!(
        settings.server.public_url, "https://a.example",
        "default file beats built-in"
    );
    assert_eq!(settings.auth.lockout_threshold, 9, "variable beats files");
    assert_eq!(settings.database.url, "postgres://app:pw@db/concord");
    // Printing never shows secrets.
    let shown = settings.redacted();
    assert_eq!(shown.database.url, "postgres://app:[redacted]@db/concord");
    let printed = serde_json::to_string(&shown).expect("printable");
    assert!(
        printed.contains(r#""jwt_secret":"[redacted]""#),
        "{printed}"
    );
    assert!(
        !printed.contains("a-configured-secret")
            && !format!("{settings:?}").contains("a-configured-secret")
    );
}

#[test]
fn no_mode_accepts_the_secret_published_in_the_repository() {
    let dir = tempfile::tempdir().expect("dir");
    for mode in ["development", "test", "production"] {
        let err = Settings::load_from(
            dir.path(),
            &vars(&[
                ("CONCORD_ENV", mode),
                (
                    "CONCORD__AUTH__JWT_SECRET",
                    "concord-development-secret-do-not-use-in-production",
                ),
            ]),
        )
        .expect_err("must refuse");
        assert!(
            err.to_string().contains("CONCORD__AUTH__JWT_SECRET"),
            "{mode}: {err}"
        );
        // Unset is fine: the instance then makes its own.
        let unset = Settings::load_from(dir.path(), &vars(&[("CONCORD_ENV", mode)]))
            .expect("loads without a secret");
        assert_eq!(unset.auth.jwt_secret, None);
    }
    let ok = Settings::load_from(
        dir.path(),
        &vars(&[
            ("CONCORD_ENV", "production"),
            (
                "CONCORD__AUTH__JWT_SECRET",
                "a-real-secret-that-is-long-enough-0123456789",
            ),
        ]),
    );
    assert!(ok.is_ok());
}

#[test]
fn a_bad_value_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let err = Settings::load_from(
        dir.path(),
        &vars(&[("CONCORD__SERVER__REQUEST_TIMEOUT_SECS", "soon")]),
    );
    assert!(err.is_err());
}

#[test]
fn settings_that_would_weaken_a_guard_stop_startup_naming_the_setting() {
    let dir = tempfile::tempdir().expect("dir");
    for (key, value, named) in [
        ("CONCORD__AUTH__JWT_SECRET", "too-short", "JWT_SECRET"),
        ("CONCORD__METRICS__TOKEN", "", "metrics.token"),
        (
            "CONCORD__SERVER__HEADER_READ_TIMEOUT_SECS",
            "0",
            "header_read_timeout_secs",
        ),
        ("CONCORD__AUTH__LOCKOUT_THRESHOLD", "0", "lockout_threshold"),
        (
            "CONCORD__AUTH__RESET_LIMIT_PER_EMAIL",
            "0",
            "reset_limit_per_email",
        ),
        (
            "CONCORD__AUTH__RESET_LIMIT_PER_CLIENT",
            "0",
            "reset_limit_per_client",
        ),
        ("CONCORD__AUTH__RESET_WINDOW_SECS", "0", "reset_window_secs"),
    ] {
        let err = Settings::load_from(dir.path(), &vars(&[(key, value)]))
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(err.contains(named), "{key}={value:?}: {err}");
    }
}

/// `PRAGMA synchronous` on one connection: 1 is NORMAL, 2 is FULL.
async fn synchronous_of(db: &sea_orm::DatabaseConnection) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "PRAGMA synchronous",
        ))
        .await
        .expect("pragma")
        .expect("a row");
    row.try_get_by_index(0).expect("a number")
}

/// Every SQLite connection, the writer's and the readers', flushes as configured:
/// FULL unless `database.sqlite_synchronous` says "normal". A SQLite file of its own,
/// whichever database the rest of the suite runs on.
#[tokio::test]
async fn sqlite_connections_flush_as_configured() {
    let dir = tempfile::tempdir().expect("dir");
    for (setting, expected) in [(None, 2), (Some("normal"), 1)] {
        let mut env = vec![];
        if let Some(value) = setting {
            env.push(("CONCORD__DATABASE__SQLITE_SYNCHRONOUS", value));
        }
        let mut settings = Settings::load_from(dir.path(), &vars(&env)).expect("loads");
        settings.database.url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join(format!("{expected}.db")).display()
        );
        let db = concord::store::connect(&settings.database)
            .await
            .expect("connect");
        assert_eq!(synchronous_of(db.writer()).await, expected, "{setting:?}");
        assert_eq!(synchronous_of(db.reader()).await, expected, "{setting:?}");
    }
}
