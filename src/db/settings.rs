//! Installation-wide values kept in the database (such as the generated signing secret).

use sea_orm::ConnectionTrait;

use super::sql::sql;
use super::{DbErr, DbError, now};

/// Returns the stored value for `key`, storing `make()` first if there is none. Concurrent
/// callers all get the one value that won.
pub async fn get_or_insert<C: ConnectionTrait>(
    db: &C,
    key: &str,
    make: impl FnOnce() -> String,
) -> Result<String, DbError> {
    let ts = now();
    sql(
        "INSERT INTO settings (key, value, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (key) DO NOTHING",
        [key.into(), make().into(), ts.into()],
    )
    .execute(db)
    .await?;
    let row = sql("SELECT value FROM settings WHERE key = $1", [key.into()])
        .row(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("setting {key}")))?;
    row.try_get_by_index::<String>(0).map_err(DbError::from)
}
