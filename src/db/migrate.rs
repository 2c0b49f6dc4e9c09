//! Forward-only migrations, one SQL file per step and backend, embedded in the binary.
//! The SQLite and PostgreSQL twins of a step share its number and change together.

use sea_orm::{ConnectionTrait, DbBackend};

use super::Db;
use super::sql::sql;

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sqlite: include_str!("migrations/sqlite/0001_init.sql"),
        postgres: include_str!("migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "lead_activity",
        sqlite: include_str!("migrations/sqlite/0002_lead_activity.sql"),
        postgres: include_str!("migrations/postgres/0002_lead_activity.sql"),
    },
    Migration {
        version: 3,
        name: "dispatch",
        sqlite: include_str!("migrations/sqlite/0003_dispatch.sql"),
        postgres: include_str!("migrations/postgres/0003_dispatch.sql"),
    },
    Migration {
        version: 4,
        name: "counters",
        sqlite: include_str!("migrations/sqlite/0004_counters.sql"),
        postgres: include_str!("migrations/postgres/0004_counters.sql"),
    },
    Migration {
        version: 5,
        name: "search_document",
        sqlite: include_str!("migrations/sqlite/0005_search_document.sql"),
        postgres: include_str!("migrations/postgres/0005_search_document.sql"),
    },
    Migration {
        version: 6,
        name: "live_sessions",
        sqlite: include_str!("migrations/sqlite/0006_live_sessions.sql"),
        postgres: include_str!("migrations/postgres/0006_live_sessions.sql"),
    },
    Migration {
        version: 7,
        name: "lead_stats_lock_order",
        sqlite: include_str!("migrations/sqlite/0007_lead_stats_lock_order.sql"),
        postgres: include_str!("migrations/postgres/0007_lead_stats_lock_order.sql"),
    },
    Migration {
        version: 8,
        name: "next_steps",
        sqlite: include_str!("migrations/sqlite/0008_next_steps.sql"),
        postgres: include_str!("migrations/postgres/0008_next_steps.sql"),
    },
    Migration {
        version: 9,
        name: "search_contacts_notes",
        sqlite: include_str!("migrations/sqlite/0009_search_contacts_notes.sql"),
        postgres: include_str!("migrations/postgres/0009_search_contacts_notes.sql"),
    },
    Migration {
        version: 10,
        name: "assignee_figures",
        sqlite: include_str!("migrations/sqlite/0010_assignee_figures.sql"),
        postgres: include_str!("migrations/postgres/0010_assignee_figures.sql"),
    },
    Migration {
        version: 11,
        name: "pipeline_columns",
        sqlite: include_str!("migrations/sqlite/0011_pipeline_columns.sql"),
        postgres: include_str!("migrations/postgres/0011_pipeline_columns.sql"),
    },
];

/// Applies every migration not yet applied; returns how many ran. Safe to call from
/// several processes at once: PostgreSQL serialises them with an advisory lock, SQLite
/// with its write lock.
pub async fn run(db: &Db) -> anyhow::Result<usize> {
    let backend = db.backend();
    let txn = db.begin_write().await?;
    if backend == DbBackend::Postgres {
        // Any constant works as the key; this one spells "crm-migr".
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7166318357373251442)")
            .await?;
    }
    txn.execute_unprepared(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )
    .await?;
    let applied: Vec<i64> = txn
        .query_all_raw(sql("SELECT version FROM schema_migrations", []).statement(backend))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0))
        .collect::<Result<_, _>>()?;
    let mut count = 0;
    for migration in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        let script = match backend {
            DbBackend::Postgres => migration.postgres,
            _ => migration.sqlite,
        };
        txn.execute_unprepared(script).await.map_err(|e| {
            anyhow::anyhow!(
                "migration {} ({}) failed: {e}",
                migration.version,
                migration.name
            )
        })?;
        sql(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [
                migration.version.into(),
                migration.name.into(),
                super::now().to_rfc3339().into(),
            ],
        )
        .execute(&txn)
        .await?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied migration"
        );
        count += 1;
    }
    txn.commit().await?;
    Ok(count)
}
