//! Reading leads: filters, search, ordering, pages and the streamed export.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, StreamTrait};

use std::collections::HashMap;

use crate::db::sql::{Sql, sql};
use crate::db::{Db, DbError};
use crate::domain::contact::Contact;
use crate::domain::lead::{Lead, LeadStatus, Priority};
use crate::domain::money::format_cents;
use crate::domain::user::full_name;

pub(super) const COLUMNS: &str = "leads.id, leads.first_name, leads.last_name, leads.company, leads.title, \
    leads.email, leads.phone, leads.status, leads.priority, leads.estimated_value, leads.source, \
    leads.description, leads.assigned_to, leads.created_by, leads.created_at, leads.updated_at, \
    leads.lost_reason, leads.last_activity_at, leads.next_reminder_at";

pub const ORDERING: &[(&str, &str)] = &[
    ("created_at", "leads.created_at"),
    ("updated_at", "leads.updated_at"),
    ("first_name", "leads.first_name"),
    ("last_name", "leads.last_name"),
    ("company", "leads.company"),
    ("status", "leads.status"),
    ("priority", "leads.priority"),
    ("estimated_value", "leads.estimated_value"),
    // Leads without the date come last in both directions: the key is "(missing?, date)",
    // and only the date's direction flips (the 0008 migration's indexes serve both).
    (
        "next_reminder_at",
        "(leads.next_reminder_at IS NULL), leads.next_reminder_at",
    ),
    (
        "last_activity_at",
        "(leads.last_activity_at IS NULL), leads.last_activity_at",
    ),
];

#[derive(Debug, Clone, FromQueryResult)]
pub struct LeadRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub status: String,
    pub priority: i16,
    pub estimated_value: i64,
    pub source: String,
    pub description: String,
    pub assigned_to: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub lost_reason: String,
    pub last_activity_at: Option<DateTime<Utc>>,
    pub next_reminder_at: Option<DateTime<Utc>>,
}

impl LeadRow {
    pub fn to_lead(&self) -> Lead {
        Lead {
            id: self.id,
            full_name: full_name(&self.first_name, &self.last_name),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            company: self.company.clone(),
            title: self.title.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            status: LeadStatus::parse(&self.status).unwrap_or(LeadStatus::New),
            priority: Priority::from_rank(self.priority).unwrap_or(Priority::Medium),
            estimated_value: format_cents(self.estimated_value),
            source: self.source.clone(),
            description: self.description.clone(),
            assigned_to: self.assigned_to,
            created_by: self.created_by,
            contacts_count: 0,
            primary_contact: None,
            lost_reason: self.lost_reason.clone(),
            last_activity_at: self.last_activity_at,
            next_reminder_at: self.next_reminder_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Who a lead is assigned to, as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    User(i64),
    Nobody,
}

#[derive(Debug, Default, Clone)]
pub struct LeadFilter {
    pub statuses: Vec<LeadStatus>,
    pub priorities: Vec<Priority>,
    pub assigned_to: Option<Assignee>,
    pub created_by: Option<i64>,
    pub created_after: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub search: Option<String>,
    /// Open leads (neither lost nor converted) with no pending reminder.
    pub no_next_step: bool,
    /// Leads whose next reminder is due before this instant (those without one are not).
    pub next_reminder_before: Option<DateTime<Utc>>,
    /// Leads whose last activity is before this instant, or that never had any: the
    /// neglected ones.
    pub last_activity_before: Option<DateTime<Utc>>,
}

impl LeadFilter {
    /// True when only status and priority narrow the list: its count is then read from the
    /// maintained per-(status, priority) counters instead of counting rows.
    pub(super) fn counted_by_status_and_priority(&self) -> bool {
        self.assigned_to.is_none()
            && self.created_by.is_none()
            && self.created_after.is_none()
            && self.created_before.is_none()
            && self.min_value.is_none()
            && self.max_value.is_none()
            && !self.no_next_step
            && self.next_reminder_before.is_none()
            && self.last_activity_before.is_none()
            && self
                .search
                .as_deref()
                .is_none_or(|s| crate::db::search::words(s).is_empty())
    }

    /// Appends the WHERE conditions of this filter to `q`.
    pub(super) fn apply(&self, q: &mut Sql, backend: DbBackend) {
        if !self.statuses.is_empty() {
            let params: Vec<String> = self.statuses.iter().map(|s| q.param(s.as_str())).collect();
            q.push(&format!(" AND leads.status IN ({})", params.join(", ")));
        }
        if !self.priorities.is_empty() {
            let params: Vec<String> = self.priorities.iter().map(|p| q.param(p.rank())).collect();
            q.push(&format!(" AND leads.priority IN ({})", params.join(", ")));
        }
        match self.assigned_to {
            Some(Assignee::User(id)) => {
                q.push(" AND leads.assigned_to = ").bind(id);
            }
            Some(Assignee::Nobody) => {
                q.push(" AND leads.assigned_to IS NULL");
            }
            None => {}
        }
        if let Some(id) = self.created_by {
            q.push(" AND leads.created_by = ").bind(id);
        }
        if let Some(after) = self.created_after {
            q.push(" AND leads.created_at >= ").bind(after);
        }
        if let Some(before) = self.created_before {
            q.push(" AND leads.created_at <= ").bind(before);
        }
        if let Some(min) = self.min_value {
            q.push(" AND leads.estimated_value >= ").bind(min);
        }
        if let Some(max) = self.max_value {
            q.push(" AND leads.estimated_value <= ").bind(max);
        }
        if self.no_next_step {
            // Literal values, as in the partial index leads_no_next_step, so both
            // databases can use it.
            q.push(
                " AND leads.next_reminder_at IS NULL \
                 AND leads.status NOT IN ('lost', 'converted')",
            );
        }
        if let Some(before) = self.next_reminder_before {
            q.push(" AND leads.next_reminder_at < ").bind(before);
        }
        if let Some(before) = self.last_activity_before {
            q.push(" AND (leads.last_activity_at IS NULL OR leads.last_activity_at < ")
                .bind(before)
                .push(")");
        }
        if let Some(text) = &self.search {
            crate::db::search::lead_condition(q, backend, text);
        }
    }
}

/// Leads as the API shows them: with their contact counts and primary contacts, fetched
/// for all the rows at once (no query per lead).
pub(super) async fn with_contacts<C: ConnectionTrait>(
    db: &C,
    rows: &[LeadRow],
) -> Result<Vec<Lead>, DbError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (counts, primaries) = crate::db::contacts::summaries(db, &ids).await?;
    let counts: HashMap<i64, i64> = counts.into_iter().collect();
    let mut primaries: HashMap<i64, Contact> = primaries.into_iter().map(|c| (c.lead, c)).collect();
    Ok(rows
        .iter()
        .map(|row| Lead {
            contacts_count: counts.get(&row.id).copied().unwrap_or(0),
            primary_contact: primaries.remove(&row.id),
            ..row.to_lead()
        })
        .collect())
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Lead>, DbError> {
    let row: Option<LeadRow> = sql(
        &format!("SELECT {COLUMNS} FROM leads WHERE leads.id = $1"),
        [id.into()],
    )
    .one(db)
    .await?;
    match row {
        Some(row) => Ok(with_contacts(db, &[row]).await?.pop()),
        None => Ok(None),
    }
}

/// The newest `limit` leads whose ids the sub-select `ids` gives, as the list shows them
/// (the global search's leads).
pub async fn newest_among<C: ConnectionTrait>(
    db: &C,
    ids: &Sql,
    limit: u64,
) -> Result<Vec<Lead>, DbError> {
    let from = Sql {
        text: format!("FROM leads WHERE leads.id IN ({})", ids.text),
        values: ids.values.clone(),
    };
    let rows =
        crate::db::sql::rows::<LeadRow, _>(db, COLUMNS, &from, "leads.id DESC", limit, 0).await?;
    with_contacts(db, &rows).await
}

pub async fn list(
    db: &Db,
    filter: &LeadFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Lead>), DbError> {
    let mut q = Sql::new("FROM leads WHERE 1 = 1");
    filter.apply(&mut q, db.backend());
    let (total, rows) = if filter.counted_by_status_and_priority() {
        let total =
            crate::db::dashboard::lead_count(&db.conn, &filter.statuses, &filter.priorities)
                .await?;
        let rows =
            crate::db::sql::rows::<LeadRow, _>(&db.conn, COLUMNS, &q, order, limit, offset).await?;
        (total, rows)
    } else {
        crate::db::sql::page::<LeadRow, _>(&db.conn, COLUMNS, &q, order, limit, offset).await?
    };
    Ok((total, with_contacts(&db.conn, &rows).await?))
}

/// One exported row: the lead and its assignee's username.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ExportRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub status: String,
    pub priority: i16,
    pub estimated_value: i64,
    pub source: String,
    pub assigned_username: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Streams every lead that matches, in order, from a database cursor into `sink`; stops
/// early when the receiver goes away (the client disconnected). The cursor holds a pooled
/// connection, so a client that stops reading must not keep it: when `sink` has had no
/// room for `send_timeout`, the export ends with an error.
pub async fn export(
    db: &Db,
    filter: &LeadFilter,
    order: &str,
    sink: tokio::sync::mpsc::Sender<ExportRow>,
    send_timeout: std::time::Duration,
) -> Result<(), DbError> {
    let mut q = Sql::new(
        "SELECT leads.id, leads.first_name, leads.last_name, leads.company, leads.title, \
         leads.email, leads.phone, leads.status, leads.priority, leads.estimated_value, \
         leads.source, users.username AS assigned_username, leads.created_at, leads.updated_at \
         FROM leads LEFT JOIN users ON users.id = leads.assigned_to WHERE 1 = 1",
    );
    filter.apply(&mut q, db.backend());
    q.push(&format!(" ORDER BY {order}"));
    let mut stream = db.conn.stream_raw(q.statement(db.backend())).await?;
    while let Some(row) = stream.next().await {
        let row = ExportRow::from_query_result(&row?, "")?;
        match tokio::time::timeout(send_timeout, sink.send(row)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => break,
            Err(_) => {
                return Err(DbError::Other(sea_orm::DbErr::Custom(format!(
                    "the client read nothing for {}s",
                    send_timeout.as_secs_f32()
                ))));
            }
        }
    }
    Ok(())
}

/// The id of the lead with exactly these name and company (keeps seeding idempotent).
pub async fn find_named<C: ConnectionTrait>(
    db: &C,
    first: &str,
    last: &str,
    company: &str,
) -> Result<Option<i64>, DbError> {
    match sql(
        "SELECT id FROM leads WHERE first_name = $1 AND last_name = $2 AND company = $3",
        [first.into(), last.into(), company.into()],
    )
    .row(db)
    .await?
    {
        Some(row) => Ok(Some(row.try_get_by_index(0)?)),
        None => Ok(None),
    }
}
