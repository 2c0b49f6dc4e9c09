//! A lead's timeline: one paged list over its notes, correspondence, reminders and status
//! changes (lead updates in the audit trail whose status differs before and after), newest
//! first. One UNION query finds the page's keys and people; each kind's objects are then
//! loaded by id, one query per kind on the page.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};

use super::correspondences::Correspondences;
use super::notes::Notes;
use super::reminders::Reminders;
use super::resource::Resource;
use super::sql::Sql;
use super::{Db, DbError};
use crate::domain::timeline::{TimelineEntry, TimelineKind, TimelineObject, TimelinePerson};

#[derive(Debug, FromQueryResult)]
struct KeyRow {
    kind: String,
    id: i64,
    ts: DateTime<Utc>,
    user_id: Option<i64>,
    first_name: Option<String>,
    last_name: Option<String>,
    username: Option<String>,
    status_from: Option<String>,
    status_to: Option<String>,
    lost_reason: Option<String>,
}

/// The status before and after, and the lost reason after, of a lead's audit entry.
fn audit_fields(backend: DbBackend) -> (&'static str, &'static str) {
    match backend {
        DbBackend::Postgres => (
            "a.changes->'before'->>'status', a.changes->'after'->>'status', \
             a.changes->'after'->>'lost_reason'",
            "(a.changes->'before'->>'status') IS DISTINCT FROM (a.changes->'after'->>'status')",
        ),
        _ => (
            "json_extract(a.changes, '$.before.status'), json_extract(a.changes, '$.after.status'), \
             json_extract(a.changes, '$.after.lost_reason')",
            "json_extract(a.changes, '$.before.status') IS NOT json_extract(a.changes, '$.after.status')",
        ),
    }
}

/// `FROM (…union…) t LEFT JOIN users …` for lead `lead`, limited to `kinds` (all if empty).
fn items_from(backend: DbBackend, lead: i64, kinds: &[TimelineKind]) -> Sql {
    let (fields, changed) = audit_fields(backend);
    let mut q = Sql::new("FROM (");
    let l = q.param(lead);
    q.push(&format!(
        "SELECT 'note' AS kind, n.id, n.created_at AS ts, n.author_id AS user_id, \
           NULL AS status_from, NULL AS status_to, NULL AS lost_reason \
         FROM notes n WHERE n.lead_id = {l} \
         UNION ALL SELECT c.type, c.id, c.date, c.created_by, NULL, NULL, NULL \
         FROM correspondences c WHERE c.lead_id = {l} \
         UNION ALL SELECT 'reminder', r.id, COALESCE(r.completed_at, r.remind_at), r.created_by, \
           NULL, NULL, NULL \
         FROM reminders r WHERE r.lead_id = {l} \
         UNION ALL SELECT 'status', a.id, a.timestamp, a.user_id, {fields} \
         FROM audit_logs a WHERE a.entity = 'lead' AND a.entity_id = {l} \
           AND a.action = 'update' AND {changed}"
    ));
    // Attachments: a branch `SELECT 'attachment', …` here, a TimelineKind and a loader below.
    q.push(") t LEFT JOIN users u ON u.id = t.user_id WHERE 1 = 1");
    if !kinds.is_empty() {
        let params: Vec<String> = kinds.iter().map(|k| q.param(k.as_str())).collect();
        q.push(&format!(" AND t.kind IN ({})", params.join(", ")));
    }
    q
}

/// Loads the objects of one resource by id, as their lists show them.
async fn by_ids<R: Resource, C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, R::View>, DbError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Sql::new(format!(
        "SELECT {} FROM {} WHERE {}.id IN (",
        R::COLUMNS,
        R::FROM,
        R::TABLE
    ));
    let params: Vec<String> = ids.iter().map(|id| q.param(*id)).collect();
    q.push(&params.join(", ")).push(")");
    Ok(q.all::<R::Row, _>(db)
        .await?
        .into_iter()
        .map(R::view)
        .map(|v| (R::id(&v), v))
        .collect())
}

fn ids_of(rows: &[KeyRow], kinds: &[&str]) -> Vec<i64> {
    rows.iter()
        .filter(|r| kinds.contains(&r.kind.as_str()))
        .map(|r| r.id)
        .collect()
}

/// One page of lead `lead`'s timeline: (count, entries as loaded; `TimelineEntry::into_item`
/// sums them up). The lead's existence is the caller's check.
pub async fn page(
    db: &Db,
    lead: i64,
    kinds: &[TimelineKind],
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<TimelineEntry>), DbError> {
    let backend = db.backend();
    let from = items_from(backend, lead, kinds);
    let count = Sql {
        text: format!("SELECT COUNT(*) {}", from.text),
        values: from.values.clone(),
    };
    let total = match count.row(&db.conn).await? {
        Some(row) => row.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    // Newest first; among equal times a fixed order of kind and id keeps pages apart.
    let rows: Vec<KeyRow> = crate::db::sql::rows(
        &db.conn,
        "t.kind, t.id, t.ts, t.user_id, u.first_name, u.last_name, u.username, \
         t.status_from, t.status_to, t.lost_reason",
        &from,
        "t.ts DESC, t.kind ASC, t.id DESC",
        limit,
        offset,
    )
    .await?;
    let mut notes = by_ids::<Notes, _>(&db.conn, &ids_of(&rows, &["note"])).await?;
    let mut letters =
        by_ids::<Correspondences, _>(&db.conn, &ids_of(&rows, &["email", "call", "meeting"]))
            .await?;
    let mut reminders = by_ids::<Reminders, _>(&db.conn, &ids_of(&rows, &["reminder"])).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(kind) = TimelineKind::parse(&row.kind) else {
            continue;
        };
        // An object deleted between the two reads is left out of this page.
        let object = match kind {
            TimelineKind::Note => notes.remove(&row.id).map(TimelineObject::Note),
            TimelineKind::Email | TimelineKind::Call | TimelineKind::Meeting => {
                letters.remove(&row.id).map(TimelineObject::Correspondence)
            }
            TimelineKind::Reminder => reminders.remove(&row.id).map(TimelineObject::Reminder),
            TimelineKind::Status => Some(TimelineObject::Status {
                from: row.status_from.unwrap_or_default(),
                to: row.status_to.unwrap_or_default(),
                lost_reason: row.lost_reason.unwrap_or_default(),
            }),
        };
        let Some(object) = object else {
            continue;
        };
        entries.push(TimelineEntry {
            kind,
            id: row.id,
            timestamp: row.ts,
            user: TimelinePerson {
                id: row.user_id,
                first_name: row.first_name,
                last_name: row.last_name,
                username: row.username,
            },
            object,
        });
    }
    Ok((total, entries))
}

/// Whether lead `id` exists (an unknown lead's timeline is 404, not an empty list).
pub async fn lead_exists(db: &Db, id: i64) -> Result<bool, DbError> {
    Ok(
        super::sql::sql("SELECT id FROM leads WHERE id = $1", [id.into()])
            .row(&db.conn)
            .await?
            .is_some(),
    )
}
