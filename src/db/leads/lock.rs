//! The lead's row lock that every write of a lead or one of its children takes first.

use sea_orm::{ConnectionTrait, DbBackend};

use crate::db::sql::sql;
use crate::db::{DbError, WriteResult};
use crate::domain::does_not_exist;

/// Locks the lead's row for the rest of the transaction, so that concurrent writes of one
/// lead and its children take turns (SQLite's write transactions already do), and a lead
/// being deleted is not written to. Returns whether the lead exists.
pub async fn lock<C: ConnectionTrait>(txn: &C, lead_id: i64) -> Result<bool, DbError> {
    let lock = if txn.get_database_backend() == DbBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    Ok(sql(
        &format!("SELECT id FROM leads WHERE id = $1{lock}"),
        [lead_id.into()],
    )
    .row(txn)
    .await?
    .is_some())
}

/// `lock` for a write that names the lead in its `lead` field.
pub async fn lock_lead<C: ConnectionTrait>(txn: &C, lead_id: i64) -> WriteResult<()> {
    if lock(txn, lead_id).await? {
        Ok(())
    } else {
        Err(does_not_exist("lead", lead_id).into())
    }
}
