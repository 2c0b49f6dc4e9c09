//! The dashboard's figures and the lead counts, read from counters that triggers keep
//! exact in the same transaction as every change (`lead_stats`, `row_counts`), so that
//! they cost the same at ten leads as at a million.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use super::reminders::{ReminderRow, Reminders, SOONEST_FIRST};
use super::resource::Resource;
use super::sql::{Sql, sql};
use super::{Db, DbErr, DbError, now};
use crate::domain::lead::{LeadStatus, Priority};
use crate::domain::reminder::Reminder;

#[derive(Debug, Default)]
pub struct Figures {
    /// (status, count) for each status.
    pub by_status: Vec<(String, i64)>,
    /// (priority rank, count) for each priority.
    pub by_priority: Vec<(i16, i64)>,
    /// The exact total of estimated values, in cents.
    pub total_value_cents: i128,
    pub total_contacts: i64,
}

pub async fn figures(db: &Db) -> Result<Figures, DbError> {
    let conn = &db.conn;
    // Whole units and cents are summed apart (see the migration); read as text to cover
    // PostgreSQL's numeric sums.
    let mut figures = grouped(
        db,
        sql(
            "SELECT status, priority, leads, CAST(value_units AS TEXT), \
             CAST(value_cents AS TEXT) FROM lead_stats",
            [],
        ),
    )
    .await?;
    let contacts = sql("SELECT n FROM row_counts WHERE name = 'contacts'", [])
        .row(conn)
        .await?;
    figures.total_contacts = match contacts {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(figures)
}

/// The figures of the leads assigned to `user`, counted from the rows: the counters are kept
/// per status and priority only. The covering index `leads_assignee_figures` lets both
/// backends answer from the index alone, reading only that user's entries.
pub async fn figures_of(db: &Db, user: i64) -> Result<Figures, DbError> {
    let mut figures = grouped(
        db,
        sql(
            "SELECT status, priority, COUNT(*), CAST(SUM(estimated_value / 100) AS TEXT), \
             CAST(SUM(estimated_value % 100) AS TEXT) FROM leads WHERE assigned_to = $1 \
             GROUP BY status, priority",
            [user.into()],
        ),
    )
    .await?;
    let contacts = sql(
        // The leads' ids first, then their contacts through `contacts_lead` in id order:
        // about three times faster on SQLite than the same join planned row by row.
        "SELECT COUNT(*) FROM contacts WHERE lead_id IN \
         (SELECT id FROM leads WHERE assigned_to = $1)",
        [user.into()],
    )
    .row(&db.conn)
    .await?;
    figures.total_contacts = match contacts {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(figures)
}

/// Adds up rows of (status, priority rank, leads, value units, value cents).
async fn grouped(db: &Db, q: Sql) -> Result<Figures, DbError> {
    let backend = db.conn.get_database_backend();
    let rows = db.conn.query_all_raw(q.statement(backend)).await?;
    let mut figures = Figures::default();
    let parse = |s: String| {
        s.parse::<i128>()
            .map_err(|e| DbErr::Custom(format!("sum {s}: {e}")))
    };
    for row in rows {
        let status: String = row.try_get_by_index(0)?;
        let priority: i16 = row.try_get_by_index(1)?;
        let leads: i64 = row.try_get_by_index(2)?;
        figures.total_value_cents +=
            parse(row.try_get_by_index(3)?)? * 100 + parse(row.try_get_by_index(4)?)?;
        match figures.by_status.iter_mut().find(|(s, _)| *s == status) {
            Some((_, n)) => *n += leads,
            None => figures.by_status.push((status, leads)),
        }
        match figures.by_priority.iter_mut().find(|(p, _)| *p == priority) {
            Some((_, n)) => *n += leads,
            None => figures.by_priority.push((priority, leads)),
        }
    }
    Ok(figures)
}

/// The `n` soonest pending reminders of `recipient` still to come, like
/// `reminders::soonest` (the same `FROM`, so that a join added there applies here too).
pub async fn upcoming_reminders_of(
    db: &Db,
    recipient: i64,
    n: u64,
) -> Result<Vec<Reminder>, DbError> {
    let mut from = Sql::new(format!(
        "FROM {} WHERE reminders.status = 'pending' AND reminders.recipient_id = ",
        Reminders::FROM
    ));
    from.bind(recipient);
    from.push(" AND reminders.remind_at >= ").bind(now());
    let rows = super::sql::rows::<ReminderRow, _>(
        &db.conn,
        Reminders::COLUMNS,
        &from,
        SOONEST_FIRST,
        n,
        0,
    )
    .await?;
    Ok(rows.into_iter().map(Reminders::view).collect())
}

/// The lead each changed record belongs to (the lead itself for a lead), in the order
/// asked: `None` for a user and for a record since deleted, which has no lead page to open.
/// One statement for the whole feed, so the dashboard costs the same however it is made up.
pub async fn leads_of(db: &Db, records: &[(&str, i64)]) -> Result<Vec<Option<i64>>, DbError> {
    const TABLES: [(&str, &str, &str); 5] = [
        ("lead", "leads", "id"),
        ("contact", "contacts", "lead_id"),
        ("note", "notes", "lead_id"),
        ("reminder", "reminders", "lead_id"),
        ("correspondence", "correspondences", "lead_id"),
    ];
    let mut q = Sql::default();
    for (entity, table, column) in TABLES {
        let ids: Vec<String> = records
            .iter()
            .filter(|(e, _)| *e == entity)
            .map(|(_, id)| q.param(*id))
            .collect();
        if ids.is_empty() {
            continue;
        }
        if !q.text.is_empty() {
            q.push(" UNION ALL ");
        }
        q.push(&format!(
            "SELECT '{entity}', id, {column} FROM {table} WHERE id IN ({})",
            ids.join(", ")
        ));
    }
    let mut found = HashMap::new();
    if !q.text.is_empty() {
        let backend = db.conn.get_database_backend();
        for row in db.conn.query_all_raw(q.statement(backend)).await? {
            let entity: String = row.try_get_by_index(0)?;
            let id: i64 = row.try_get_by_index(1)?;
            let lead: i64 = row.try_get_by_index(2)?;
            found.insert((entity, id), lead);
        }
    }
    Ok(records
        .iter()
        .map(|(entity, id)| found.get(&((*entity).to_string(), *id)).copied())
        .collect())
}

/// The number of leads with any of `statuses` and any of `priorities` (empty: any).
pub async fn lead_count<C: ConnectionTrait>(
    db: &C,
    statuses: &[LeadStatus],
    priorities: &[Priority],
) -> Result<i64, DbError> {
    let mut q =
        Sql::new("SELECT CAST(COALESCE(SUM(leads), 0) AS BIGINT) FROM lead_stats WHERE 1 = 1");
    if !statuses.is_empty() {
        let params: Vec<String> = statuses.iter().map(|s| q.param(s.as_str())).collect();
        q.push(&format!(" AND status IN ({})", params.join(", ")));
    }
    if !priorities.is_empty() {
        let params: Vec<String> = priorities.iter().map(|p| q.param(p.rank())).collect();
        q.push(&format!(" AND priority IN ({})", params.join(", ")));
    }
    match q.row(db).await? {
        Some(row) => Ok(row.try_get_by_index(0)?),
        None => Ok(0),
    }
}

/// Recomputes the maintained counters from the rows: for a bulk load, which sets aside the
/// triggers that keep them (it runs these in its own transaction).
pub const RECOUNT: [&str; 3] = [
    "UPDATE lead_stats SET leads = 0, value_units = 0, value_cents = 0",
    "UPDATE lead_stats SET leads = g.n, value_units = g.units, value_cents = g.cents \
     FROM (SELECT status, priority, COUNT(*) AS n, SUM(estimated_value / 100) AS units, \
           SUM(estimated_value % 100) AS cents FROM leads GROUP BY status, priority) g \
     WHERE lead_stats.status = g.status AND lead_stats.priority = g.priority",
    "UPDATE row_counts SET n = (SELECT COUNT(*) FROM contacts) WHERE name = 'contacts'",
];
