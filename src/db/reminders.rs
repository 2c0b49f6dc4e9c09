//! Reminders: scheduling, cancelling, rescheduling and completing. Sending is the
//! dispatcher's job; here a reminder stays `pending` until then.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::resource::{self, Resource};
use super::sql::sql;
use super::{Db, DbErr, DbError, WriteResult, now};
use crate::domain::Actor;
use crate::domain::reminder::{self, Reminder, ReminderChanges, ReminderStatus, UpdatePlan};
use crate::domain::user::{display_name, full_name};

pub struct Reminders;

#[derive(Debug, Clone, FromQueryResult)]
pub struct ReminderRow {
    pub id: i64,
    pub lead_id: i64,
    pub lead_first: Option<String>,
    pub lead_last: Option<String>,
    pub lead_company: Option<String>,
    pub title: String,
    pub message: String,
    pub remind_at: DateTime<Utc>,
    pub recipient_id: i64,
    pub recipient_first: Option<String>,
    pub recipient_last: Option<String>,
    pub recipient_username: Option<String>,
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub last_error: String,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Resource for Reminders {
    const TABLE: &'static str = "reminders";
    const ENTITY: &'static str = "reminder";
    const COLUMNS: &'static str = "reminders.id, reminders.lead_id, reminders.title, \
        reminders.message, reminders.remind_at, reminders.recipient_id, reminders.status, \
        reminders.sent_at, reminders.completed_at, reminders.last_error, reminders.created_by, \
        reminders.created_at, reminders.updated_at, \
        lead.first_name AS lead_first, lead.last_name AS lead_last, lead.company AS lead_company, \
        recipient.first_name AS recipient_first, recipient.last_name AS recipient_last, \
        recipient.username AS recipient_username";
    /// The lead's and the recipient's names come with the row, so a list of reminders is one
    /// query (outer joins: both databases drop them from the count when unused).
    const FROM: &'static str = "reminders LEFT JOIN leads lead ON lead.id = reminders.lead_id \
        LEFT JOIN users recipient ON recipient.id = reminders.recipient_id";
    type Row = ReminderRow;
    type View = Reminder;

    fn view(r: ReminderRow) -> Reminder {
        Reminder {
            id: r.id,
            lead: r.lead_id,
            lead_name: full_name(
                r.lead_first.as_deref().unwrap_or(""),
                r.lead_last.as_deref().unwrap_or(""),
            ),
            lead_company: r.lead_company.unwrap_or_default(),
            title: r.title,
            message: r.message,
            remind_at: r.remind_at,
            recipient: r.recipient_id,
            recipient_name: display_name(
                r.recipient_first.as_deref().unwrap_or(""),
                r.recipient_last.as_deref().unwrap_or(""),
                r.recipient_username.as_deref().unwrap_or(""),
            ),
            status: ReminderStatus::parse(&r.status).unwrap_or(ReminderStatus::Pending),
            sent_at: r.sent_at,
            completed_at: r.completed_at,
            last_error: r.last_error,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    fn id(view: &Reminder) -> i64 {
        view.id
    }
}

pub const ORDERING: &[(&str, &str)] = &[
    ("remind_at", "reminders.remind_at"),
    ("created_at", "reminders.created_at"),
    ("status", "reminders.status"),
];

/// `upcoming` and `overdue` are views with their own order: soonest first.
pub const SOONEST_FIRST: &str = "reminders.remind_at ASC, reminders.id ASC";

#[derive(Debug, Default)]
pub struct ReminderFilter {
    pub lead: Option<i64>,
    pub statuses: Vec<ReminderStatus>,
    pub recipient: Option<i64>,
    /// Pending and due now or later.
    pub upcoming: bool,
    /// Due before now, neither cancelled nor completed.
    pub overdue: bool,
    /// `remind_at` on or after / on or before these instants.
    pub remind_at_after: Option<DateTime<Utc>>,
    pub remind_at_before: Option<DateTime<Utc>>,
    /// Completed (`completed_at` set) or not.
    pub completed: Option<bool>,
}

/// Whether `statuses` names exactly every status but cancelled.
fn is_open(statuses: &[ReminderStatus]) -> bool {
    ReminderStatus::ALL
        .iter()
        .all(|s| statuses.contains(s) == (*s != ReminderStatus::Cancelled))
}

pub async fn list(
    db: &Db,
    f: &ReminderFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Reminder>), DbError> {
    let ts = now();
    resource::page::<Reminders, _>(&db.conn, |q| {
        if let Some(lead) = f.lead {
            q.push(" AND reminders.lead_id = ").bind(lead);
        }
        if is_open(&f.statuses) {
            // Every status but cancelled, said the way the partial indexes of open
            // reminders (migration 0008) are, so the planner can use them.
            q.push(" AND reminders.status <> 'cancelled'");
        } else if !f.statuses.is_empty() {
            let params: Vec<String> = f.statuses.iter().map(|s| q.param(s.as_str())).collect();
            q.push(&format!(" AND reminders.status IN ({})", params.join(", ")));
        }
        if let Some(recipient) = f.recipient {
            q.push(" AND reminders.recipient_id = ").bind(recipient);
        }
        if f.upcoming {
            q.push(" AND reminders.status = 'pending' AND reminders.remind_at >= ").bind(ts);
        }
        if f.overdue {
            q.push(" AND reminders.status <> 'cancelled' AND reminders.completed_at IS NULL AND reminders.remind_at < ")
                .bind(ts);
        }
        if let Some(after) = f.remind_at_after {
            q.push(" AND reminders.remind_at >= ").bind(after);
        }
        if let Some(before) = f.remind_at_before {
            q.push(" AND reminders.remind_at <= ").bind(before);
        }
        if let Some(done) = f.completed {
            q.push(if done {
                " AND reminders.completed_at IS NOT NULL"
            } else {
                " AND reminders.completed_at IS NULL"
            });
        }
    }, order, limit, offset)
    .await
}

/// The user a lead is assigned to (none for a lead that does not exist).
async fn lead_assignee<C: ConnectionTrait>(txn: &C, lead_id: i64) -> Result<Option<i64>, DbErr> {
    let row = sql(
        "SELECT assigned_to FROM leads WHERE id = $1",
        [lead_id.into()],
    )
    .row(txn)
    .await?;
    Ok(match row {
        Some(row) => row.try_get_by_index::<Option<i64>>(0)?,
        None => None,
    })
}

pub async fn create(db: &Db, actor: &Actor, c: &ReminderChanges) -> WriteResult<Reminder> {
    let lead_id = c.lead.unwrap_or_default();
    let txn = db.begin_write().await?;
    super::leads::lock::lock_lead(&txn, lead_id).await?;
    if let Some(recipient) = c.recipient {
        super::users::require_assignable(&txn, "recipient", recipient).await?;
        reminder::check_recipient(actor, recipient, lead_assignee(&txn, lead_id).await?)?;
    }
    let item = resource::create::<Reminders, _>(
        &txn,
        actor,
        &[
            "lead_id",
            "title",
            "message",
            "remind_at",
            "recipient_id",
            "status",
            "completed_at",
            "created_by",
        ],
        vec![
            lead_id.into(),
            c.title.clone().unwrap_or_default().into(),
            c.message.clone().unwrap_or_default().into(),
            c.remind_at.unwrap_or_else(now).into(),
            c.recipient.or(actor.id).into(),
            ReminderStatus::Pending.as_str().into(),
            c.completed_at.flatten().into(),
            actor.id.into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(item)
}

/// Applies a change under the rules of `reminder::plan_update`.
pub async fn update(db: &Db, actor: &Actor, id: i64, c: &ReminderChanges) -> WriteResult<Reminder> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Reminders, _>(&txn, id, |v| v.lead).await?;
    let lead = c.lead.unwrap_or(before.lead);
    if lead != before.lead {
        super::leads::lock::lock_lead(&txn, lead).await?;
    }
    if let Some(recipient) = c.recipient {
        super::users::require_assignable(&txn, "recipient", recipient).await?;
    }
    let UpdatePlan {
        status,
        clear_error,
    } = reminder::plan_update(actor, &before, c, lead_assignee(&txn, lead).await?)?;
    let after = resource::update::<Reminders, _>(&txn, actor, &before, |q| {
        q.set("lead_id", c.lead)
            .set("title", c.title.clone())
            .set("message", c.message.clone())
            .set("remind_at", c.remind_at)
            .set("recipient_id", c.recipient)
            .set("status", status.map(ReminderStatus::as_str))
            .set("completed_at", c.completed_at)
            .set("last_error", clear_error.then_some(""));
        if status.is_some() {
            // A cancelled or rescheduled reminder is released from any dispatcher's claim
            // (which then skips it) and starts its attempts afresh.
            let none: Option<DateTime<Utc>> = None;
            q.set("lease_id", Some(None::<String>))
                .set("locked_until", Some(none))
                .set("next_attempt_at", Some(none))
                .set("attempts", Some(0));
        }
        if status == Some(ReminderStatus::Pending) {
            // Back to pending (a snoozed follow-up that was emailed): not sent until it is
            // emailed again.
            q.set("sent_at", Some(None::<DateTime<Utc>>));
        }
    })
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(db: &Db, actor: &Actor, id: i64) -> WriteResult<()> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Reminders, _>(&txn, id, |v| v.lead).await?;
    reminder::check_access(actor, &before)?;
    resource::delete::<Reminders, _>(&txn, actor, &before).await?;
    txn.commit().await?;
    Ok(())
}

/// The `n` soonest pending reminders still to come (for the dashboard): the first rows of
/// `upcoming=true`, without counting them all.
pub async fn soonest(db: &Db, n: u64) -> Result<Vec<Reminder>, DbError> {
    let mut from = super::sql::Sql::new(format!(
        "FROM {} WHERE reminders.status = 'pending' AND reminders.remind_at >= ",
        Reminders::FROM
    ));
    from.bind(now());
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

/// A reminder in a calendar feed, with its lead's name.
#[derive(Debug, Clone, FromQueryResult)]
pub struct CalendarRow {
    pub id: i64,
    pub lead_id: i64,
    pub title: String,
    pub message: String,
    pub remind_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub lead_first: String,
    pub lead_last: String,
    pub lead_company: String,
}

/// The pending and sent reminders of `recipient`, soonest first (at most the 5 000 newest).
pub async fn for_calendar(db: &Db, recipient: i64) -> Result<Vec<CalendarRow>, DbError> {
    super::sql::sql(
        "SELECT r.id, r.lead_id, r.title, r.message, r.remind_at, r.updated_at, \
         l.first_name AS lead_first, l.last_name AS lead_last, l.company AS lead_company \
         FROM reminders r JOIN leads l ON l.id = r.lead_id \
         WHERE r.recipient_id = $1 AND r.status IN ('pending', 'sent') \
         ORDER BY r.remind_at DESC, r.id DESC LIMIT 5000",
        [recipient.into()],
    )
    .all(&db.conn)
    .await
    .map_err(DbError::from)
}
