//! The dashboard's figures: aggregate queries over the whole database, never rows loaded
//! and counted.

use sea_orm::ConnectionTrait;

use super::sql::sql;
use super::{Db, DbErr};

#[derive(Debug, Default)]
pub struct Figures {
    /// (status, count) for each status present.
    pub by_status: Vec<(String, i64)>,
    /// (priority rank, count) for each priority present.
    pub by_priority: Vec<(i16, i64)>,
    /// The exact total of estimated values, in cents.
    pub total_value_cents: i128,
    pub total_contacts: i64,
}

pub async fn figures(db: &Db) -> Result<Figures, DbErr> {
    let conn = &db.conn;
    let backend = conn.get_database_backend();
    let rows = |text: &str| conn.query_all_raw(sql(text, []).statement(backend));
    let mut figures = Figures::default();
    for row in rows("SELECT status, COUNT(*) FROM leads GROUP BY status").await? {
        figures
            .by_status
            .push((row.try_get_by_index(0)?, row.try_get_by_index(1)?));
    }
    for row in rows("SELECT priority, COUNT(*) FROM leads GROUP BY priority").await? {
        figures
            .by_priority
            .push((row.try_get_by_index(0)?, row.try_get_by_index(1)?));
    }
    // Whole units and cents are summed apart, so that SQLite's 64-bit SUM cannot overflow
    // before the total reaches ~9 * 10^18 units; PostgreSQL sums exactly anyway. Both are
    // read as text to cover PostgreSQL's numeric result.
    let sums = rows(
        "SELECT CAST(COALESCE(SUM(estimated_value / 100), 0) AS TEXT), \
         CAST(COALESCE(SUM(estimated_value % 100), 0) AS TEXT) FROM leads",
    )
    .await?;
    if let Some(row) = sums.first() {
        let units: String = row.try_get_by_index(0)?;
        let cents: String = row.try_get_by_index(1)?;
        let parse = |s: &str| {
            s.parse::<i128>()
                .map_err(|e| DbErr::Custom(format!("sum {s}: {e}")))
        };
        figures.total_value_cents = parse(&units)? * 100 + parse(&cents)?;
    }
    if let Some(row) = rows("SELECT COUNT(*) FROM contacts").await?.first() {
        figures.total_contacts = row.try_get_by_index(0)?;
    }
    Ok(figures)
}
