//! Reminders: a follow-up at a time, emailed to its recipient.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::Actor;
use super::DomainError;
use super::fields::Fields;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReminderStatus {
    /// Scheduled, not yet sent.
    Pending,
    /// The email was delivered to the recipient's address.
    Sent,
    Cancelled,
    /// Sending gave up after retries; see `last_error`.
    Failed,
}

impl ReminderStatus {
    pub const ALL: [ReminderStatus; 4] = [
        ReminderStatus::Pending,
        ReminderStatus::Sent,
        ReminderStatus::Cancelled,
        ReminderStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReminderStatus::Pending => "pending",
            ReminderStatus::Sent => "sent",
            ReminderStatus::Cancelled => "cancelled",
            ReminderStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Reminder {
    pub id: i64,
    pub lead: i64,
    /// The lead's full name (read-only), so that a list of reminders needs no lead lookups.
    pub lead_name: String,
    /// The lead's company (read-only).
    pub lead_company: String,
    pub title: String,
    pub message: String,
    pub remind_at: DateTime<Utc>,
    pub recipient: i64,
    /// The recipient's full name, or username when they have none (read-only).
    pub recipient_name: String,
    pub status: ReminderStatus,
    pub sent_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub last_error: String,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Validated fields of a reminder write; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct ReminderChanges {
    pub lead: Option<i64>,
    pub title: Option<String>,
    pub message: Option<String>,
    pub remind_at: Option<DateTime<Utc>>,
    pub recipient: Option<i64>,
    /// The status asked for; only a change to `cancelled`, or back to `pending` from
    /// `cancelled` (undoing a cancel), is allowed; on create the status is the server's
    /// (pending).
    pub status: Option<ReminderStatus>,
    /// `Some(None)` clears the completion.
    pub completed_at: Option<Option<DateTime<Utc>>>,
}

impl ReminderChanges {
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), DomainError> {
        let mut f = Fields::new(body, partial)?;
        let mut changes = ReminderChanges {
            lead: f.id("lead", true, false).flatten(),
            title: f.text("title", true, 200),
            message: f.text("message", false, 10_000),
            remind_at: f.datetime("remind_at", true),
            recipient: f.id("recipient", false, false).flatten(),
            ..Default::default()
        };
        changes.status = f.choice("status", false, ReminderStatus::parse);
        match body.get("completed_at") {
            Some(Value::Null) => changes.completed_at = Some(None),
            Some(_) => changes.completed_at = f.datetime("completed_at", false).map(Some),
            None => {}
        }
        if let Some(done) = f.boolean("completed") {
            changes.completed_at = Some(done.then(crate::util::now));
        }
        Ok((changes, f))
    }
}

/// Whether `actor` may change, cancel or delete `reminder`: managers any; agents those they
/// created or that are for them.
pub fn check_access(actor: &Actor, reminder: &Reminder) -> Result<(), DomainError> {
    let mine = actor
        .id
        .is_some_and(|id| reminder.created_by == Some(id) || reminder.recipient == id);
    if actor.is_manager() || mine {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// Whom `actor` may remind: managers anyone; agents themselves or the assignee of the
/// reminder's lead (an agent does not schedule emails to colleagues of other leads).
pub fn check_recipient(
    actor: &Actor,
    recipient: i64,
    lead_assignee: Option<i64>,
) -> Result<(), DomainError> {
    if actor.is_manager() || actor.id == Some(recipient) || lead_assignee == Some(recipient) {
        Ok(())
    } else {
        Err(DomainError::field(
            "recipient",
            "Agents may remind only themselves or the lead's assignee.",
        ))
    }
}

/// What a valid update does besides setting the given fields.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct UpdatePlan {
    /// The new status, when it changes.
    pub status: Option<ReminderStatus>,
    /// A reschedule clears the last sending error.
    pub clear_error: bool,
}

/// Decides an update of `before` by `actor`: who may change it, whom it may go to (checked
/// when the recipient or the lead changes; `lead_assignee` is that of the lead it will be
/// on), and the status rules: only a pending reminder can be cancelled; moving `remind_at`
/// of a pending or failed one, or of a sent one not yet completed (a snooze), reschedules it
/// (back to pending); `pending` on a cancelled one
/// reinstates it, so that a cancel can be undone (it was pending when cancelled, so this
/// restores exactly what it was; with a new `remind_at` it is also rescheduled).
pub fn plan_update(
    actor: &Actor,
    before: &Reminder,
    c: &ReminderChanges,
    lead_assignee: Option<i64>,
) -> Result<UpdatePlan, DomainError> {
    check_access(actor, before)?;
    let recipient = c.recipient.unwrap_or(before.recipient);
    let lead = c.lead.unwrap_or(before.lead);
    if recipient != before.recipient || lead != before.lead {
        check_recipient(actor, recipient, lead_assignee)?;
    }
    let mut plan = UpdatePlan::default();
    let reinstating =
        before.status == ReminderStatus::Cancelled && c.status == Some(ReminderStatus::Pending);
    if reinstating {
        plan.status = Some(ReminderStatus::Pending);
        plan.clear_error = true;
    }
    if c.remind_at.is_some_and(|at| at != before.remind_at) {
        match before.status {
            _ if reinstating => {}
            // Snoozing a follow-up that was emailed but not done yet: it is emailed again
            // at the new time.
            ReminderStatus::Sent if before.completed_at.is_none() => {
                plan.status = Some(ReminderStatus::Pending);
                plan.clear_error = true;
            }
            ReminderStatus::Pending | ReminderStatus::Failed => {
                plan.status = Some(ReminderStatus::Pending);
                plan.clear_error = true;
            }
            _ => {
                return Err(DomainError::field(
                    "remind_at",
                    format!(
                        "A {} reminder cannot be rescheduled.",
                        before.status.as_str()
                    ),
                ));
            }
        }
    }
    match c.status {
        None => {}
        // Asking for the status it has, or will have after a reschedule, changes nothing.
        Some(asked) if asked == before.status || Some(asked) == plan.status => {}
        Some(ReminderStatus::Cancelled) => {
            if before.status != ReminderStatus::Pending
                && plan.status != Some(ReminderStatus::Pending)
            {
                return Err(DomainError::field(
                    "status",
                    format!(
                        "Only a pending reminder can be cancelled; this one is {}.",
                        before.status.as_str()
                    ),
                ));
            }
            plan.status = Some(ReminderStatus::Cancelled);
        }
        Some(_) => {
            return Err(DomainError::field(
                "status",
                "Status can only be set to \"cancelled\", or to \"pending\" on a cancelled reminder.",
            ));
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Role;

    fn actor(id: i64, role: Role) -> Actor {
        Actor {
            id: Some(id),
            username: format!("u{id}"),
            role,
        }
    }

    fn reminder(created_by: i64, recipient: i64) -> Reminder {
        let now = Utc::now();
        Reminder {
            id: 1,
            lead: 10,
            lead_name: "Lead".into(),
            lead_company: String::new(),
            title: "t".into(),
            message: String::new(),
            remind_at: now,
            recipient,
            recipient_name: String::new(),
            status: ReminderStatus::Pending,
            sent_at: None,
            completed_at: None,
            last_error: String::new(),
            created_by: Some(created_by),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn agents_reach_reminders_they_created_or_receive_and_managers_all() {
        let agent = actor(2, Role::Agent);
        assert!(check_access(&agent, &reminder(2, 3)).is_ok());
        assert!(check_access(&agent, &reminder(3, 2)).is_ok());
        assert!(matches!(
            check_access(&agent, &reminder(3, 4)),
            Err(DomainError::Forbidden)
        ));
        assert!(check_access(&actor(1, Role::Manager), &reminder(3, 4)).is_ok());
    }

    #[test]
    fn agents_remind_themselves_or_the_assignee_and_a_change_of_recipient_is_checked() {
        let agent = actor(2, Role::Agent);
        assert!(check_recipient(&agent, 2, None).is_ok());
        assert!(check_recipient(&agent, 5, Some(5)).is_ok());
        assert!(check_recipient(&agent, 5, Some(6)).is_err());
        assert!(check_recipient(&actor(1, Role::Manager), 5, None).is_ok());
        let to_other = ReminderChanges {
            recipient: Some(5),
            ..Default::default()
        };
        assert!(plan_update(&agent, &reminder(2, 2), &to_other, Some(6)).is_err());
        // A reminder kept as it was need not follow a later reassignment of its lead.
        let title = ReminderChanges {
            title: Some("new".into()),
            ..Default::default()
        };
        assert!(plan_update(&agent, &reminder(2, 7), &title, Some(6)).is_ok());
    }

    #[test]
    fn a_cancelled_reminder_can_be_reinstated_but_not_otherwise_revived() {
        let agent = actor(2, Role::Agent);
        let mut cancelled = reminder(2, 2);
        cancelled.status = ReminderStatus::Cancelled;
        let back = ReminderChanges {
            status: Some(ReminderStatus::Pending),
            ..Default::default()
        };
        let plan = plan_update(&agent, &cancelled, &back, None).unwrap();
        assert_eq!(plan.status, Some(ReminderStatus::Pending));
        let moved = ReminderChanges {
            remind_at: Some(cancelled.remind_at + chrono::Duration::hours(1)),
            ..Default::default()
        };
        assert!(plan_update(&agent, &cancelled, &moved, None).is_err());
        let mut sent = reminder(2, 2);
        sent.status = ReminderStatus::Sent;
        assert!(plan_update(&agent, &sent, &back, None).is_err());
        // A sent follow-up not yet done can be snoozed; a done one stays as it was.
        let snoozed = plan_update(&agent, &sent, &moved, None).unwrap();
        assert_eq!(snoozed.status, Some(ReminderStatus::Pending));
        sent.completed_at = Some(sent.remind_at);
        assert!(plan_update(&agent, &sent, &moved, None).is_err());
    }
}
