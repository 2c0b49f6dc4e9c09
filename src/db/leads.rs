//! Leads: filters, search, ordering, pages, the streamed export, and the audited writes.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, StreamTrait};

use std::collections::HashMap;

use super::contacts::Contacts;
use super::correspondences::Correspondences;
use super::notes::Notes;
use super::reminders::Reminders;
use super::resource::{self, Resource};
use super::sql::{Sql, sql};
use super::{DatabaseTransaction, Db, DbErr, now};
use crate::audit::{self, Action};
use crate::domain::Actor;
use crate::domain::contact::Contact;
use crate::domain::lead::{Lead, LeadChanges, LeadStatus, Priority};
use crate::domain::money::format_cents;
use crate::domain::user::full_name;
use crate::error::{ApiError, ApiResult};

const COLUMNS: &str = "leads.id, leads.first_name, leads.last_name, leads.company, leads.title, \
    leads.email, leads.phone, leads.status, leads.priority, leads.estimated_value, leads.source, \
    leads.description, leads.assigned_to, leads.created_by, leads.created_at, leads.updated_at";

pub const ORDERING: &[(&str, &str)] = &[
    ("created_at", "leads.created_at"),
    ("updated_at", "leads.updated_at"),
    ("first_name", "leads.first_name"),
    ("last_name", "leads.last_name"),
    ("company", "leads.company"),
    ("status", "leads.status"),
    ("priority", "leads.priority"),
    ("estimated_value", "leads.estimated_value"),
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
}

impl LeadFilter {
    /// True when only status and priority narrow the list: its count is then read from the
    /// maintained per-(status, priority) counters instead of counting rows.
    fn counted_by_status_and_priority(&self) -> bool {
        self.assigned_to.is_none()
            && self.created_by.is_none()
            && self.created_after.is_none()
            && self.created_before.is_none()
            && self.min_value.is_none()
            && self.max_value.is_none()
            && self
                .search
                .as_deref()
                .is_none_or(|s| super::search::words(s).is_empty())
    }

    /// Appends the WHERE conditions of this filter to `q`.
    fn apply(&self, q: &mut Sql, backend: DbBackend) {
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
        if let Some(text) = &self.search {
            super::search::lead_condition(q, backend, text);
        }
    }
}

/// Leads as the API shows them: with their contact counts and primary contacts, fetched
/// for all the rows at once (no query per lead).
async fn with_contacts<C: ConnectionTrait>(db: &C, rows: &[LeadRow]) -> Result<Vec<Lead>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (counts, primaries) = super::contacts::summaries(db, &ids).await?;
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

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<Lead>, DbErr> {
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

pub async fn list(
    db: &Db,
    filter: &LeadFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Lead>), DbErr> {
    let mut q = Sql::new("FROM leads WHERE 1 = 1");
    filter.apply(&mut q, db.backend());
    let (total, rows) = if filter.counted_by_status_and_priority() {
        let total =
            super::dashboard::lead_count(&db.conn, &filter.statuses, &filter.priorities).await?;
        let rows =
            super::sql::rows::<LeadRow, _>(&db.conn, COLUMNS, &q, order, limit, offset).await?;
        (total, rows)
    } else {
        super::sql::page::<LeadRow, _>(&db.conn, COLUMNS, &q, order, limit, offset).await?
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
/// early when the receiver goes away (the client disconnected).
pub async fn export(
    db: &Db,
    filter: &LeadFilter,
    order: &str,
    sink: tokio::sync::mpsc::Sender<ExportRow>,
) -> Result<(), DbErr> {
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
        if sink.send(row).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// Creates a lead with its audit entry.
pub async fn create(db: &Db, actor: &Actor, c: &LeadChanges) -> ApiResult<Lead> {
    let txn = db.begin_write().await?;
    let ts = now();
    let row: LeadRow = sql(
        &format!(
            "INSERT INTO leads (first_name, last_name, company, title, email, phone, status, \
             priority, estimated_value, source, description, assigned_to, created_by, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
             RETURNING {COLUMNS}"
        ),
        [
            c.first_name.clone().unwrap_or_default().into(),
            c.last_name.clone().unwrap_or_default().into(),
            c.company.clone().unwrap_or_default().into(),
            c.title.clone().unwrap_or_default().into(),
            c.email.clone().unwrap_or_default().into(),
            c.phone.clone().unwrap_or_default().into(),
            c.status.unwrap_or(LeadStatus::New).as_str().into(),
            c.priority.unwrap_or(Priority::Medium).rank().into(),
            c.estimated_value.unwrap_or(0).into(),
            c.source.clone().unwrap_or_default().into(),
            c.description.clone().unwrap_or_default().into(),
            c.assigned_to.flatten().into(),
            actor.id.into(),
            ts.into(),
        ],
    )
    .one(&txn)
    .await?
    .ok_or(DbErr::RecordNotInserted)?;
    let lead = row.to_lead(); // a new lead has no contacts yet
    audit::record(
        &txn,
        actor,
        Action::Create,
        "lead",
        lead.id,
        None,
        Some(&lead),
    )
    .await?;
    txn.commit().await?;
    Ok(lead)
}

/// Applies `c` to lead `id` with its audit entry (the whole object before and after).
pub async fn update(db: &Db, actor: &Actor, id: i64, c: &LeadChanges) -> ApiResult<Lead> {
    let txn = db.begin_write().await?;
    let before = get(&txn, id).await?.ok_or_else(ApiError::not_found)?;
    let mut q = Sql::new("UPDATE leads SET updated_at = ");
    q.bind(now());
    q.set("first_name", c.first_name.clone())
        .set("last_name", c.last_name.clone())
        .set("company", c.company.clone())
        .set("title", c.title.clone())
        .set("email", c.email.clone())
        .set("phone", c.phone.clone())
        .set("source", c.source.clone())
        .set("description", c.description.clone())
        .set("status", c.status.map(LeadStatus::as_str))
        .set("priority", c.priority.map(Priority::rank))
        .set("estimated_value", c.estimated_value)
        .set("assigned_to", c.assigned_to);
    q.push(" WHERE id = ").bind(id);
    q.execute(&txn).await?;
    let after = get(&txn, id).await?.ok_or_else(ApiError::not_found)?;
    audit::record(
        &txn,
        actor,
        Action::Update,
        "lead",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes lead `id` and everything that hangs off it, in one transaction; the audit trail
/// records each deleted object.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> ApiResult<()> {
    let txn = db.begin_write().await?;
    let before = get(&txn, id).await?.ok_or_else(ApiError::not_found)?;
    delete_children::<Correspondences>(&txn, actor, id).await?;
    delete_children::<Contacts>(&txn, actor, id).await?;
    delete_children::<Notes>(&txn, actor, id).await?;
    delete_children::<Reminders>(&txn, actor, id).await?;
    sql("DELETE FROM leads WHERE id = $1", [id.into()])
        .execute(&txn)
        .await?;
    audit::record(&txn, actor, Action::Delete, "lead", id, Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

async fn delete_children<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    lead_id: i64,
) -> ApiResult<()> {
    for child in resource::of_lead::<R, _>(txn, lead_id).await? {
        resource::delete::<R, _>(txn, actor, &child).await?;
    }
    Ok(())
}

/// The id of the lead with exactly these name and company (keeps seeding idempotent).
pub async fn find_named<C: ConnectionTrait>(
    db: &C,
    first: &str,
    last: &str,
    company: &str,
) -> Result<Option<i64>, DbErr> {
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
