//! Which database failures are the caller's fault and which are the machine's: an
//! unreachable database and a full disk are told apart from bugs, so that the API can
//! answer 503 or 507 (and never 500, never a 2xx) for them.

use sea_orm::{DbErr, RuntimeErr};

/// What kind of failure a database error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The database cannot be reached or is shutting down; trying again later may work.
    Unavailable,
    /// The disk (or the database's quota) is full: nothing was saved.
    DiskFull,
    /// Anything else: a bug or a broken invariant.
    Other,
}

/// Classifies `err`, for both backends.
pub fn classify(err: &DbErr) -> Fault {
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) => return Fault::Unavailable,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        DbErr::Conn(_) => return Fault::Unavailable,
        _ => return Fault::Other,
    };
    classify_sqlx(sqlx)
}

fn classify_sqlx(err: &sea_orm::sqlx::Error) -> Fault {
    use sea_orm::sqlx::Error;
    match err {
        Error::Io(_)
        | Error::Tls(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed
        | Error::Protocol(_) => Fault::Unavailable,
        Error::Database(db) => {
            let sqlite = db
                .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                .is_some();
            match (db.code().as_deref(), sqlite) {
                (Some(code), true) => classify_sqlite(code),
                (Some(code), false) => classify_sqlstate(code),
                (None, _) => Fault::Other,
            }
        }
        _ => Fault::Other,
    }
}

/// SQLite's result codes: the primary code is the low byte of an extended one.
fn classify_sqlite(code: &str) -> Fault {
    match code.parse::<i32>().map(|c| c & 0xff) {
        // SQLITE_FULL
        Ok(13) => Fault::DiskFull,
        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN,
        // SQLITE_PROTOCOL: the file cannot be written now, not a fault of the request.
        Ok(5 | 6 | 8 | 10 | 14 | 15) => Fault::Unavailable,
        _ => Fault::Other,
    }
}

/// PostgreSQL's SQLSTATEs (five characters, often all digits: never parsed as numbers).
fn classify_sqlstate(code: &str) -> Fault {
    match code {
        // disk_full
        "53100" => Fault::DiskFull,
        // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections,
        // insufficient_resources, out_of_memory; and serialization_failure and
        // deadlock_detected, which a later try of the same request can pass.
        "57P01" | "57P02" | "57P03" | "53300" | "53000" | "53200" | "40001" | "40P01" => {
            Fault::Unavailable
        }
        // connection_exception and its subclasses
        c if c.starts_with("08") => Fault::Unavailable,
        _ => Fault::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_both_backends_are_classified() {
        assert_eq!(classify_sqlite("13"), Fault::DiskFull);
        // SQLITE_IOERR_WRITE is an extended code of SQLITE_IOERR.
        assert_eq!(classify_sqlite("778"), Fault::Unavailable);
        assert_eq!(classify_sqlite("19"), Fault::Other);
        assert_eq!(classify_sqlite("2067"), Fault::Other);
        assert_eq!(classify_sqlstate("53100"), Fault::DiskFull);
        assert_eq!(classify_sqlstate("57P01"), Fault::Unavailable);
        assert_eq!(classify_sqlstate("08006"), Fault::Unavailable);
        assert_eq!(classify_sqlstate("23505"), Fault::Other);
        assert_eq!(classify_sqlstate("40P01"), Fault::Unavailable);
        assert_eq!(classify_sqlstate("53200"), Fault::Unavailable);
    }
}
