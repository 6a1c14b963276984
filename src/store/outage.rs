//! Which database errors mean "storage is unavailable right now" (answered 503 with
//! Retry-After, and recovered from without a restart) rather than a bug (500).
use sea_orm::{DbErr, RuntimeErr};

/// True when the error comes from the storage itself — full, read-only, failing I/O,
/// locked past the busy timeout, unreachable, or no pooled connection in time — and
/// not from the statement or the data.
pub fn is_outage(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            is_sqlx_outage(e)
        }
        _ => false,
    }
}

fn is_sqlx_outage(err: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match err {
        Error::Io(_)
        | Error::Tls(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed
        | Error::BeginFailed => true,
        Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db
                .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some()
            {
                is_sqlite_outage(&code)
            } else {
                is_postgres_outage(&code)
            }
        }
        _ => false,
    }
}

/// SQLite reports its extended result code; the primary code is its low byte.
fn is_sqlite_outage(code: &str) -> bool {
    const BUSY: i64 = 5;
    const LOCKED: i64 = 6;
    const READONLY: i64 = 8;
    const IOERR: i64 = 10;
    const FULL: i64 = 13;
    const CANTOPEN: i64 = 14;
    code.parse::<i64>().is_ok_and(|extended| {
        matches!(
            extended & 0xff,
            BUSY | LOCKED | READONLY | IOERR | FULL | CANTOPEN
        )
    })
}

/// PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources
/// (disk full, out of memory, too many connections), 57P0x the server is shutting
/// down or not accepting connections yet, 25006 a read-only transaction (a standby, or
/// `default_transaction_read_only`).
fn is_postgres_outage(code: &str) -> bool {
    code.starts_with("08") || code.starts_with("53") || code.starts_with("57P") || code == "25006"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_codes_that_are_outages() {
        // SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_READONLY, SQLITE_BUSY_SNAPSHOT
        for code in ["13", "778", "8", "517", "5"] {
            assert!(is_sqlite_outage(code), "{code}");
        }
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_ERROR
        for code in ["2067", "1", ""] {
            assert!(!is_sqlite_outage(code), "{code}");
        }
    }

    #[test]
    fn postgres_codes_that_are_outages() {
        for code in ["53100", "08006", "57P01", "57P03", "25006"] {
            assert!(is_postgres_outage(code), "{code}");
        }
        // unique violation, invalid byte sequence, syntax error
        for code in ["23505", "22021", "42601"] {
            assert!(!is_postgres_outage(code), "{code}");
        }
    }
}
