//! Audit entries: recorded inside each write's transaction, read by the audit log and
//! dashboard.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::sql::{Sql, sql};
use super::{Db, DbErr, DbError, now};
use crate::audit::{Action, entry};
use crate::domain::Actor;

/// Records a change of `entity` #`id` (see `crate::audit::entry`) in the caller's
/// transaction.
pub async fn record<C: ConnectionTrait, T: serde::Serialize>(
    txn: &C,
    actor: &Actor,
    action: Action,
    entity: &str,
    id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), DbError> {
    let entry = entry(actor, action, entity, id, before, after)
        .map_err(|e| DbErr::Custom(format!("audit serialisation: {e}")))?;
    insert(
        txn,
        actor,
        action.as_str(),
        entity,
        id,
        &entry.summary,
        entry.changes,
    )
    .await
    .map_err(DbError::from)
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: i64,
    summary: &str,
    changes: serde_json::Value,
) -> Result<(), DbErr> {
    let ts = now();
    sql(
        "INSERT INTO audit_logs (action, entity, entity_id, user_id, username, summary, changes, \
         timestamp, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)",
        [
            action.into(),
            entity.into(),
            entity_id.into(),
            actor.id.into(),
            actor.username.as_str().into(),
            summary.into(),
            Value::Json(Some(Box::new(changes))),
            ts.into(),
        ],
    )
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct AuditRow {
    pub id: i64,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub user_id: Option<i64>,
    pub username: String,
    /// The person's full name, else their username; null for the system.
    pub user_name: Option<String>,
    pub summary: String,
    /// JSON text (read as text on both backends).
    pub changes: String,
    pub timestamp: DateTime<Utc>,
}

pub const ORDERING: &[(&str, &str)] = &[("timestamp", "timestamp"), ("id", "id")];

#[derive(Debug, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub user: Option<i64>,
    pub action: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// `user_name` is read at each request rather than stored, so that a renamed person shows
/// under their name of today; the stored username stands in for a user since removed.
const COLUMNS: &str = "id, action, entity, entity_id, user_id, username, \
    CASE WHEN audit_logs.user_id IS NULL THEN NULL ELSE COALESCE((SELECT \
        COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username) \
        FROM users u WHERE u.id = audit_logs.user_id), audit_logs.username) END AS user_name, \
    summary, CAST(changes AS TEXT) AS changes, timestamp";

pub async fn list(
    db: &Db,
    filter: &AuditFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<AuditRow>), DbError> {
    let mut q = Sql::new("FROM audit_logs WHERE 1 = 1");
    if let Some(entity) = &filter.entity {
        q.push(" AND entity = ").bind(entity.clone());
    }
    if let Some(id) = filter.entity_id {
        q.push(" AND entity_id = ").bind(id);
    }
    if let Some(user) = filter.user {
        q.push(" AND user_id = ").bind(user);
    }
    if let Some(action) = &filter.action {
        q.push(" AND action = ").bind(action.clone());
    }
    if let Some(since) = filter.since {
        q.push(" AND timestamp >= ").bind(since);
    }
    if let Some(until) = filter.until {
        q.push(" AND timestamp <= ").bind(until);
    }
    super::sql::page(&db.conn, COLUMNS, &q, order, limit, offset)
        .await
        .map_err(DbError::from)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<AuditRow>, DbError> {
    sql(
        &format!("SELECT {COLUMNS} FROM audit_logs WHERE id = $1"),
        [id.into()],
    )
    .one(&db.conn)
    .await
    .map_err(DbError::from)
}

/// Whose entries the dashboard's feed shows.
#[derive(Debug, Clone, Copy)]
pub struct FeedFilter {
    /// Only this user's actions.
    pub user: Option<i64>,
    /// Whether the system's own entries (no acting user) are shown.
    pub include_system: bool,
}

/// The newest `n` entries (for the dashboard's activity feed). Both filters follow an index
/// (`audit_logs_user`, `audit_logs_timestamp`), so the feed stays cheap on a long trail.
pub async fn recent(db: &Db, n: u64, filter: FeedFilter) -> Result<Vec<AuditRow>, DbError> {
    let mut q = Sql::new(format!("SELECT {COLUMNS} FROM audit_logs WHERE 1 = 1"));
    if let Some(user) = filter.user {
        q.push(" AND user_id = ").bind(user);
    } else if !filter.include_system {
        q.push(" AND user_id IS NOT NULL");
    }
    q.push(&format!(" ORDER BY timestamp DESC, id DESC LIMIT {n}"));
    q.all(&db.conn).await.map_err(DbError::from)
}
