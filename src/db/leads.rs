//! Leads: filters, search, ordering, pages, the streamed export, and the audited writes.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, StreamTrait};

use super::sql::{Sql, sql};
use super::{Db, DbErr, now};
use crate::audit::{self, Action};
use crate::domain::Actor;
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

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<LeadRow>, DbErr> {
    sql(
        &format!("SELECT {COLUMNS} FROM leads WHERE leads.id = $1"),
        [id.into()],
    )
    .one(db)
    .await
}

pub async fn list(
    db: &Db,
    filter: &LeadFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Lead>), DbErr> {
    let mut q = Sql::new(" FROM leads WHERE 1 = 1");
    filter.apply(&mut q, db.backend());
    let mut count = q.clone();
    count.text = format!("SELECT COUNT(*){}", count.text);
    let total = super::users::count_of(&db.conn, &count).await?;
    q.text = format!(
        "SELECT {COLUMNS}{} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        q.text
    );
    let rows: Vec<LeadRow> = q.all(&db.conn).await?;
    Ok((total, rows.iter().map(LeadRow::to_lead).collect()))
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
    let lead = row.to_lead();
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
    let before = get(&txn, id)
        .await?
        .ok_or_else(ApiError::not_found)?
        .to_lead();
    let mut q = Sql::new("UPDATE leads SET updated_at = ");
    q.bind(now());
    let texts = [
        ("first_name", &c.first_name),
        ("last_name", &c.last_name),
        ("company", &c.company),
        ("title", &c.title),
        ("email", &c.email),
        ("phone", &c.phone),
        ("source", &c.source),
        ("description", &c.description),
    ];
    for (column, value) in texts {
        if let Some(value) = value {
            q.push(&format!(", {column} = ")).bind(value.clone());
        }
    }
    if let Some(status) = c.status {
        q.push(", status = ").bind(status.as_str());
    }
    if let Some(priority) = c.priority {
        q.push(", priority = ").bind(priority.rank());
    }
    if let Some(value) = c.estimated_value {
        q.push(", estimated_value = ").bind(value);
    }
    if let Some(assignee) = c.assigned_to {
        q.push(", assigned_to = ").bind(assignee);
    }
    let p = q.param(id);
    q.push(&format!(" WHERE id = {p} RETURNING {COLUMNS}"));
    let after = q
        .one::<LeadRow, _>(&txn)
        .await?
        .ok_or_else(ApiError::not_found)?
        .to_lead();
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

/// Deletes lead `id` with its audit entry.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> ApiResult<()> {
    let txn = db.begin_write().await?;
    let before = get(&txn, id)
        .await?
        .ok_or_else(ApiError::not_found)?
        .to_lead();
    sql("DELETE FROM leads WHERE id = $1", [id.into()])
        .execute(&txn)
        .await?;
    audit::record(&txn, actor, Action::Delete, "lead", id, Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a lead with exactly these name and company exists (keeps seeding idempotent).
pub async fn exists_named<C: ConnectionTrait>(
    db: &C,
    first: &str,
    last: &str,
    company: &str,
) -> Result<bool, DbErr> {
    Ok(sql(
        "SELECT id FROM leads WHERE first_name = $1 AND last_name = $2 AND company = $3",
        [first.into(), last.into(), company.into()],
    )
    .row(db)
    .await?
    .is_some())
}
