//! The database layer: one connection type for SQLite and PostgreSQL, and every SQL
//! statement of the application. Backend differences live here and in `search.rs`.

pub mod audit;
pub mod contacts;
pub mod correspondences;
pub mod dashboard;
pub mod dispatch;
pub mod error;
pub mod fault;
pub mod global_search;
pub mod leads;
pub mod migrate;
pub mod notes;
pub mod outbox;
pub mod reminders;
pub mod resource;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod sql;
pub mod timeline;
pub mod tokens;
pub mod users;

use std::path::Path;
use std::time::Duration;

pub use error::{DbError, WriteError, WriteResult};

use anyhow::Context;
use sea_orm::{
    ConnectOptions, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
pub use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, QueryResult,
};

/// A pool of connections to the configured database.
#[derive(Clone, Debug)]
pub struct Db {
    pub conn: DatabaseConnection,
    /// Where write transactions run. On SQLite a pool of one connection: writers of this
    /// process queue for it (fairly, without sleeping) instead of polling SQLite's lock
    /// with its busy handler, which made concurrent writes take milliseconds each. On
    /// PostgreSQL the same pool as `conn`.
    writer: DatabaseConnection,
}

impl Db {
    /// Connects to `sqlite://path` (creating the file and its folder if missing) or
    /// `postgres://…`.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("sqlite:") {
            ensure_sqlite_folder(url)?;
            let conn = Self::open(url, SQLITE_READ_CONNECTIONS).await?;
            let writer = Self::open(url, 1).await?;
            Ok(Db { conn, writer })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let conn = Self::open(url, POSTGRES_CONNECTIONS).await?;
            Ok(Db {
                writer: conn.clone(),
                conn,
            })
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://");
        }
    }

    async fn open(url: &str, connections: u32) -> anyhow::Result<DatabaseConnection> {
        let mut options = ConnectOptions::new(url.to_string());
        // A PostgreSQL server that is down refuses connections at once, and the pool would
        // go on retrying until the acquire timeout: keep it short so that requests fail
        // fast with a 503. SQLite's writers queue for their one connection, so a longer
        // wait there is ordinary load, not an outage.
        let acquire_timeout = if url.starts_with("sqlite:") {
            Duration::from_secs(30)
        } else {
            POSTGRES_ACQUIRE_TIMEOUT
        };
        options
            .sqlx_logging(false)
            .acquire_timeout(acquire_timeout)
            .max_connections(connections)
            .min_connections(1)
            .map_sqlx_sqlite_before_acquire(|conn, _| Box::pin(not_in_transaction(conn)))
            .map_sqlx_postgres_before_acquire(|conn, _| Box::pin(not_in_transaction(conn)))
            .map_sqlx_sqlite_opts(|opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .pragma("cache_size", "-8000")
                    .pragma("mmap_size", "268435456")
            });
        sea_orm::Database::connect(options)
            .await
            .with_context(|| format!("cannot connect to the database at {}", redact_url(url)))
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// The size of the pool that reads (`conn`).
    pub fn read_connections(&self) -> u32 {
        match self.backend() {
            DbBackend::Sqlite => SQLITE_READ_CONNECTIONS,
            _ => POSTGRES_CONNECTIONS,
        }
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so a read-then-write transaction waits for its turn instead of
    /// failing when another writer got there first.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.writer
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// True when the database answers a trivial query within a second.
    pub async fn ping(&self) -> bool {
        let ping = self.conn.execute_unprepared("SELECT 1");
        matches!(
            tokio::time::timeout(Duration::from_secs(1), ping).await,
            Ok(Ok(_))
        )
    }
}

/// Pool sizes: SQLite's readers (its writer has a pool of one), PostgreSQL's one pool.
const SQLITE_READ_CONNECTIONS: u32 = 8;
const POSTGRES_CONNECTIONS: u32 = 16;

/// How long a request waits for a PostgreSQL connection before it answers 503.
const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether a pooled connection may be handed out: only outside any transaction.
///
/// A transaction whose COMMIT or ROLLBACK failed (a full disk, a dropped connection) can
/// leave the connection inside a transaction, or with the driver believing so. Handed out
/// again, the next `BEGIN` would become a savepoint of the dead transaction: its writes
/// would be acknowledged and never committed. Such a connection is discarded instead, and
/// closing it rolls back whatever it held.
async fn not_in_transaction<C: sea_orm::sqlx::Connection>(
    conn: &mut C,
) -> Result<bool, sea_orm::sqlx::Error> {
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    // The rollback of a dropped transaction is queued on the connection and may not have
    // run yet: let it finish, then look again.
    conn.ping().await?;
    let clean = !conn.is_in_transaction();
    if !clean {
        tracing::warn!("discarding a database connection left inside a transaction");
    }
    Ok(clean)
}

pub use crate::util::now;

/// The URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn ensure_sqlite_folder(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Ok(());
    }
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:pw@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite://data/crm.db"), "sqlite://data/crm.db");
    }
}
