//! A small builder for SQL text with numbered parameters. `$1, $2, …` works on both
//! backends (PostgreSQL natively, SQLite through the driver), so one statement text serves
//! both; only the few backend-specific fragments differ.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, QueryResult, Statement, Value};

#[derive(Debug, Default, Clone)]
pub struct Sql {
    pub text: String,
    pub values: Vec<Value>,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Self {
        Sql {
            text: text.into(),
            values: Vec::new(),
        }
    }

    /// Appends literal SQL.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a parameter placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.values.len().to_string());
        self
    }

    /// Appends `, column = $n` when there is a value: the SET list of a partial update.
    pub fn set<V: Into<Value>>(&mut self, column: &str, value: Option<V>) -> &mut Self {
        if let Some(value) = value {
            self.push(", ").push(column).push(" = ").bind(value);
        }
        self
    }

    /// Binds a value and returns its placeholder, for use inside `format!`.
    pub fn param(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("${}", self.values.len())
    }

    pub fn statement(&self, backend: DbBackend) -> Statement {
        Statement::from_sql_and_values(backend, self.text.clone(), self.values.clone())
    }

    pub async fn all<T: FromQueryResult, C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<Vec<T>, DbErr> {
        T::find_by_statement(self.statement(db.get_database_backend()))
            .all(db)
            .await
    }

    pub async fn one<T: FromQueryResult, C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<Option<T>, DbErr> {
        T::find_by_statement(self.statement(db.get_database_backend()))
            .one(db)
            .await
    }

    pub async fn row<C: ConnectionTrait>(&self, db: &C) -> Result<Option<QueryResult>, DbErr> {
        db.query_one_raw(self.statement(db.get_database_backend()))
            .await
    }

    /// Runs a statement and returns the number of rows it changed.
    pub async fn execute<C: ConnectionTrait>(&self, db: &C) -> Result<u64, DbErr> {
        Ok(db
            .execute_raw(self.statement(db.get_database_backend()))
            .await?
            .rows_affected())
    }
}

/// One page of a list: `from` is the `FROM … WHERE …` part; returns the total count of
/// matching rows and the rows of the page.
///
/// On SQLite one query does both (`COUNT(*) OVER ()`), so the matching rows are found once
/// (a full-text match is the costly part). An empty page then reports 0, which only
/// happens for the first page of an empty list or a page past the end (404 either way but
/// the first). PostgreSQL plans that form badly — it walks an ordered index over every row
/// to feed the window — so there the count is its own statement, planned on its own.
pub async fn page<T: FromQueryResult, C: ConnectionTrait>(
    db: &C,
    columns: &str,
    from: &Sql,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<T>), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        let count = Sql {
            text: format!("SELECT COUNT(*) {}", from.text),
            values: from.values.clone(),
        };
        let total = match count.row(db).await? {
            Some(row) => row.try_get_by_index::<i64>(0)?,
            None => 0,
        };
        return Ok((total, rows(db, columns, from, order, limit, offset).await?));
    }
    let columns = format!("{columns}, COUNT(*) OVER () AS total_count");
    let rows: Vec<Counted<T>> = rows(db, &columns, from, order, limit, offset).await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((total, rows.into_iter().map(|r| r.row).collect()))
}

/// A row with the total count of its query.
struct Counted<T> {
    row: T,
    total: i64,
}

impl<T: FromQueryResult> FromQueryResult for Counted<T> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Counted {
            row: T::from_query_result(res, pre)?,
            total: res.try_get(pre, "total_count")?,
        })
    }
}

/// The rows of one page.
pub async fn rows<T: FromQueryResult, C: ConnectionTrait>(
    db: &C,
    columns: &str,
    from: &Sql,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<Vec<T>, DbErr> {
    let q = Sql {
        text: format!(
            "SELECT {columns} {} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            from.text
        ),
        values: from.values.clone(),
    };
    q.all(db).await
}

/// Shorthand for a statement with its parameters already in order.
pub fn sql<I: IntoIterator<Item = Value>>(text: &str, values: I) -> Sql {
    Sql {
        text: text.to_string(),
        values: values.into_iter().collect(),
    }
}

/// An ORDER BY clause over already validated keys (SQL expression, descending?), always
/// ending with the id so that pages never overlap. The tie-breaker follows the direction of
/// the last key, so a two-column index serves both.
pub fn order_clause(keys: &[(&str, bool)], id_column: &str) -> String {
    let mut parts: Vec<String> = keys
        .iter()
        .map(|(column, desc)| format!("{column} {}", if *desc { "DESC" } else { "ASC" }))
        .collect();
    let last_desc = keys.last().is_some_and(|(_, desc)| *desc);
    parts.push(format!(
        "{id_column} {}",
        if last_desc { "DESC" } else { "ASC" }
    ));
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::order_clause;

    #[test]
    fn ordering_ends_with_the_id_in_the_direction_of_the_last_key() {
        assert_eq!(
            order_clause(&[("t.created_at", true)], "t.id"),
            "t.created_at DESC, t.id DESC"
        );
        assert_eq!(
            order_clause(&[("t.name", false), ("t.created_at", true)], "t.id"),
            "t.name ASC, t.created_at DESC, t.id DESC"
        );
        assert_eq!(order_clause(&[], "t.id"), "t.id ASC");
    }
}
