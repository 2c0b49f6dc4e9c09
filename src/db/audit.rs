//! Audit entries: recorded inside each write's transaction, read by the audit log and
//! dashboard.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::sql::{Sql, sql};
use super::{Db, DbErr, DbError, now};
use crate::audit::{Action, entry};
use crate::domain::Actor;
use crate::domain::user::display_name;

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

#[derive(Debug, Clone)]
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

/// An audit entry as stored, with the acting user's names of today (none when the user
/// is gone or there was none).
#[derive(Debug, FromQueryResult)]
struct StoredRow {
    id: i64,
    action: String,
    entity: String,
    entity_id: i64,
    user_id: Option<i64>,
    username: String,
    user_first: Option<String>,
    user_last: Option<String>,
    user_username: Option<String>,
    summary: String,
    changes: String,
    timestamp: DateTime<Utc>,
}

impl From<StoredRow> for AuditRow {
    /// `user_name` is read at each request rather than stored, so that a renamed person
    /// shows under their name of today; the stored username stands in for a user since
    /// removed.
    fn from(r: StoredRow) -> Self {
        let user_name = r.user_id.map(|_| match &r.user_username {
            Some(current) => display_name(
                r.user_first.as_deref().unwrap_or(""),
                r.user_last.as_deref().unwrap_or(""),
                current,
            ),
            None => r.username.clone(),
        });
        AuditRow {
            id: r.id,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            user_id: r.user_id,
            username: r.username,
            user_name,
            summary: r.summary,
            changes: r.changes,
            timestamp: r.timestamp,
        }
    }
}

/// Qualified: the users table joined for names shares `id` and `username`.
pub const ORDERING: &[(&str, &str)] = &[
    ("timestamp", "audit_logs.timestamp"),
    ("id", "audit_logs.id"),
];

/// The column that ends every order, so that pages never overlap.
pub const ID_COLUMN: &str = "audit_logs.id";

#[derive(Debug, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub user: Option<i64>,
    pub action: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "audit_logs.id, audit_logs.action, audit_logs.entity, \
    audit_logs.entity_id, audit_logs.user_id, audit_logs.username, \
    u.first_name AS user_first, u.last_name AS user_last, u.username AS user_username, \
    audit_logs.summary, CAST(audit_logs.changes AS TEXT) AS changes, audit_logs.timestamp";

/// The acting user is joined for their names (outer: both databases drop the join from a
/// count that does not use it).
const FROM: &str = "audit_logs LEFT JOIN users u ON u.id = audit_logs.user_id";

pub async fn list(
    db: &Db,
    filter: &AuditFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<AuditRow>), DbError> {
    let mut q = Sql::new(format!("FROM {FROM} WHERE 1 = 1"));
    if let Some(entity) = &filter.entity {
        q.push(" AND audit_logs.entity = ").bind(entity.clone());
    }
    if let Some(id) = filter.entity_id {
        q.push(" AND audit_logs.entity_id = ").bind(id);
    }
    if let Some(user) = filter.user {
        q.push(" AND audit_logs.user_id = ").bind(user);
    }
    if let Some(action) = &filter.action {
        q.push(" AND audit_logs.action = ").bind(action.clone());
    }
    if let Some(since) = filter.since {
        q.push(" AND audit_logs.timestamp >= ").bind(since);
    }
    if let Some(until) = filter.until {
        q.push(" AND audit_logs.timestamp <= ").bind(until);
    }
    let (count, rows) =
        super::sql::page::<StoredRow, _>(&db.conn, COLUMNS, &q, order, limit, offset).await?;
    Ok((count, rows.into_iter().map(AuditRow::from).collect()))
}

pub async fn get(db: &Db, id: i64) -> Result<Option<AuditRow>, DbError> {
    let row: Option<StoredRow> = sql(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE audit_logs.id = $1"),
        [id.into()],
    )
    .one(&db.conn)
    .await?;
    Ok(row.map(AuditRow::from))
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
    let mut q = Sql::new(format!("SELECT {COLUMNS} FROM {FROM} WHERE 1 = 1"));
    if let Some(user) = filter.user {
        q.push(" AND audit_logs.user_id = ").bind(user);
    } else if !filter.include_system {
        q.push(" AND audit_logs.user_id IS NOT NULL");
    }
    q.push(&format!(
        " ORDER BY audit_logs.timestamp DESC, audit_logs.id DESC LIMIT {n}"
    ));
    let rows: Vec<StoredRow> = q.all(&db.conn).await?;
    Ok(rows.into_iter().map(AuditRow::from).collect())
}
