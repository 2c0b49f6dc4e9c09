//! The reminder queue: claiming due reminders with a lease, and recording the outcome.
//! A claim is one `UPDATE … RETURNING`-style statement; on PostgreSQL its row selection
//! skips rows another dispatcher has locked (`FOR UPDATE SKIP LOCKED`), on SQLite the
//! database's single writer makes it atomic. Either way each due reminder goes to one
//! dispatcher while its lease holds.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};

use super::reminders::Reminders;
use super::resource::{self, Resource};
use super::sql::sql;
use super::{Db, DbError, now};
use crate::audit::Action;
use crate::db::audit;
use crate::domain::Actor;

/// A claimed reminder with what its email needs.
#[derive(Debug, Clone, FromQueryResult)]
pub struct DueReminder {
    pub id: i64,
    pub lead_id: i64,
    pub title: String,
    pub message: String,
    pub remind_at: DateTime<Utc>,
    pub attempts: i32,
    pub recipient_username: String,
    pub recipient_email: String,
    pub recipient_first: String,
    pub recipient_last: String,
    pub recipient_active: bool,
    pub lead_first: String,
    pub lead_last: String,
    pub lead_company: String,
}

/// Claims up to `batch` due reminders for `lease_id` until `now + lease`.
pub async fn claim(
    db: &Db,
    lease_id: &str,
    lease: Duration,
    batch: u32,
) -> Result<Vec<DueReminder>, DbError> {
    let ts = now();
    let skip_locked = match db.backend() {
        DbBackend::Postgres => " FOR UPDATE SKIP LOCKED",
        _ => "",
    };
    sql(
        &format!(
            "UPDATE reminders SET lease_id = $1, locked_until = $2 WHERE id IN (\
               SELECT id FROM reminders WHERE status = 'pending' AND remind_at <= $3 \
               AND (next_attempt_at IS NULL OR next_attempt_at <= $3) \
               AND (locked_until IS NULL OR locked_until < $3) \
               ORDER BY remind_at, id LIMIT {batch}{skip_locked})"
        ),
        [lease_id.into(), (ts + lease).into(), ts.into()],
    )
    .execute(&db.conn)
    .await?;
    sql(
        "SELECT r.id, r.lead_id, r.title, r.message, r.remind_at, r.attempts, \
         u.username AS recipient_username, u.email AS recipient_email, \
         u.first_name AS recipient_first, u.last_name AS recipient_last, \
         u.is_active AS recipient_active, l.first_name AS lead_first, \
         l.last_name AS lead_last, l.company AS lead_company \
         FROM reminders r JOIN users u ON u.id = r.recipient_id JOIN leads l ON l.id = r.lead_id \
         WHERE r.lease_id = $1 AND r.status = 'pending' ORDER BY r.remind_at, r.id",
        [lease_id.into()],
    )
    .all(&db.conn)
    .await
    .map_err(DbError::from)
}

/// True while the reminder is still claimed by `lease_id`, pending and due: a user who
/// cancelled or rescheduled it in the meantime wins over the send.
pub async fn still_ours<C: ConnectionTrait>(
    db: &C,
    id: i64,
    lease_id: &str,
) -> Result<bool, DbError> {
    Ok(sql(
        "SELECT id FROM reminders WHERE id = $1 AND lease_id = $2 AND status = 'pending' \
         AND remind_at <= $3",
        [id.into(), lease_id.into(), now().into()],
    )
    .row(db)
    .await?
    .is_some())
}

/// Records a delivery (inside the caller's transaction), as the system.
pub async fn mark_sent<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    lease_id: &str,
) -> Result<bool, DbError> {
    let Some(before) = resource::get::<Reminders, _>(txn, id).await? else {
        return Ok(false);
    };
    // The lead first, like every other writer of its children: the status change updates
    // the lead's next step (a trigger), and the opposite lock order could deadlock.
    super::leads::lock::lock(txn, before.lead).await?;
    let ts = now();
    let changed = sql(
        "UPDATE reminders SET status = 'sent', sent_at = $1, updated_at = $1, last_error = '', \
         lease_id = NULL, locked_until = NULL, next_attempt_at = NULL \
         WHERE id = $2 AND lease_id = $3 AND status = 'pending'",
        [ts.into(), id.into(), lease_id.into()],
    )
    .execute(txn)
    .await?;
    if changed == 1 {
        let after = resource::require::<Reminders, _>(txn, id).await?;
        audit::record(
            txn,
            &Actor::system(),
            Action::Update,
            Reminders::ENTITY,
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    Ok(changed == 1)
}

/// How a failed attempt is handled.
pub enum Failure {
    /// Retrying cannot help (no address, inactive recipient): fail now.
    Permanent,
    /// Try again after `backoff × 2^(attempts-1)` (at most an hour) until `max_attempts`.
    Transient {
        max_attempts: u32,
        backoff: Duration,
    },
}

/// Records a failed attempt: a retry later, or the `failed` status (audited) with the error.
pub async fn mark_failed(
    db: &Db,
    reminder: &DueReminder,
    lease_id: &str,
    error: &str,
    failure: Failure,
) -> Result<(), DbError> {
    let attempts = reminder.attempts + 1;
    let retry_at = match failure {
        Failure::Transient {
            max_attempts,
            backoff,
        } if attempts < max_attempts as i32 => {
            let factor = 2u32.saturating_pow(attempts as u32 - 1);
            let delay = backoff
                .saturating_mul(factor)
                .min(Duration::from_secs(3600));
            Some(now() + delay)
        }
        _ => None,
    };
    let txn = db.begin_write().await?;
    let Some(before) = resource::get::<Reminders, _>(&txn, reminder.id).await? else {
        return Ok(());
    };
    super::leads::lock::lock(&txn, before.lead).await?;
    let ts = now();
    let status = if retry_at.is_some() {
        "pending"
    } else {
        "failed"
    };
    let changed = sql(
        "UPDATE reminders SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4, \
         lease_id = NULL, locked_until = NULL, updated_at = $5 \
         WHERE id = $6 AND lease_id = $7 AND status = 'pending'",
        [
            status.into(),
            attempts.into(),
            retry_at.into(),
            error.chars().take(1000).collect::<String>().into(),
            ts.into(),
            reminder.id.into(),
            lease_id.into(),
        ],
    )
    .execute(&txn)
    .await?;
    if changed == 1 && retry_at.is_none() {
        let after = resource::require::<Reminders, _>(&txn, reminder.id).await?;
        audit::record(
            &txn,
            &Actor::system(),
            Action::Update,
            Reminders::ENTITY,
            reminder.id,
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
