//! The pipeline board's column heads: how many leads of each status match a filter, and
//! their exact total value.
//!
//! When at most priorities narrow the board, the figures come from the `lead_stats`
//! counters (15 rows whatever the number of leads); any other filter groups the matching
//! rows, found through the filter's own indexes (owner, search, dates).

use sea_orm::ConnectionTrait;

use super::read::{COLUMNS, LeadFilter, LeadRow, with_contacts};
use crate::db::sql::{Sql, rows};
use crate::db::{Db, DbErr, DbError};
use crate::domain::lead::{Lead, LeadStatus};

/// A column's cards: the most valuable first, as the list's `ordering=-estimated_value`, so
/// that the list's later pages continue where these end.
pub const CARD_ORDER: &str = "leads.estimated_value DESC, leads.id DESC";

/// One column head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnFigures {
    pub status: LeadStatus,
    pub count: i64,
    /// Exact, in cents: a column's sum may exceed 64 bits.
    pub total_cents: i128,
}

/// The figures of each status in `order` (statuses with no matching lead get zeros).
pub async fn columns(
    db: &Db,
    filter: &LeadFilter,
    order: &[LeadStatus],
) -> Result<Vec<ColumnFigures>, DbError> {
    let q = if filter.counted_by_status_and_priority() {
        from_counters(filter)
    } else {
        grouped(db, filter)
    };
    let backend = db.conn.get_database_backend();
    let rows = db.conn.query_all_raw(q.statement(backend)).await?;
    let parse = |s: String| {
        s.parse::<i128>()
            .map_err(|e| DbErr::Custom(format!("sum {s}: {e}")))
    };
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let status: String = row.try_get_by_index(0)?;
        let count: i64 = row.try_get_by_index(1)?;
        let units = parse(row.try_get_by_index(2)?)?;
        let cents = parse(row.try_get_by_index(3)?)?;
        found.push((status, count, units * 100 + cents));
    }
    Ok(order
        .iter()
        .map(|&status| {
            let (count, total_cents) = found
                .iter()
                .find(|(s, _, _)| s == status.as_str())
                .map_or((0, 0), |(_, n, v)| (*n, *v));
            ColumnFigures {
                status,
                count,
                total_cents,
            }
        })
        .collect())
}

/// Sums of the maintained counters. Whole units and cents are kept apart (see the
/// 0004 migration) and read as text to cover PostgreSQL's numeric sums.
fn from_counters(filter: &LeadFilter) -> Sql {
    let mut q = Sql::new(
        "SELECT status, CAST(SUM(leads) AS BIGINT), CAST(SUM(value_units) AS TEXT), \
         CAST(SUM(value_cents) AS TEXT) FROM lead_stats WHERE 1 = 1",
    );
    if !filter.statuses.is_empty() {
        let params: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| q.param(s.as_str()))
            .collect();
        q.push(&format!(" AND status IN ({})", params.join(", ")));
    }
    if !filter.priorities.is_empty() {
        let params: Vec<String> = filter
            .priorities
            .iter()
            .map(|p| q.param(p.rank()))
            .collect();
        q.push(&format!(" AND priority IN ({})", params.join(", ")));
    }
    q.push(" GROUP BY status");
    q
}

/// One pass over the matching rows, grouped by status. Units and cents are summed apart
/// for the same reason as in the counters: a million leads at the largest value overflow
/// a 64-bit sum of cents.
fn grouped(db: &Db, filter: &LeadFilter) -> Sql {
    let mut q = Sql::new(
        "SELECT leads.status, COUNT(*), \
         CAST(COALESCE(SUM(leads.estimated_value / 100), 0) AS TEXT), \
         CAST(COALESCE(SUM(leads.estimated_value % 100), 0) AS TEXT) \
         FROM leads WHERE 1 = 1",
    );
    filter.apply(&mut q, db.backend());
    q.push(" GROUP BY leads.status");
    q
}

/// The first `limit` cards of `status` for `filter`, without counting the rest (the column's
/// figures say how many there are). With the 0011 migration's indexes this is a short range
/// scan, for everyone's leads or one owner's.
pub async fn first_cards(
    db: &Db,
    filter: &LeadFilter,
    status: LeadStatus,
    limit: u64,
) -> Result<Vec<Lead>, DbError> {
    let column = LeadFilter {
        statuses: vec![status],
        ..filter.clone()
    };
    let mut q = Sql::new("FROM leads WHERE 1 = 1");
    column.apply(&mut q, db.backend());
    let found = rows::<LeadRow, _>(&db.conn, COLUMNS, &q, CARD_ORDER, limit, 0).await?;
    with_contacts(&db.conn, &found).await
}
