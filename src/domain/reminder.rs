//! Reminders: a follow-up at a time, emailed to its recipient.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::Fields;
use crate::error::ApiError;

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
    pub title: String,
    pub message: String,
    pub remind_at: DateTime<Utc>,
    pub recipient: i64,
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
    /// The status asked for; only a change to `cancelled` is allowed, and on create the
    /// status is the server's (pending).
    pub status: Option<ReminderStatus>,
    /// `Some(None)` clears the completion.
    pub completed_at: Option<Option<DateTime<Utc>>>,
}

impl ReminderChanges {
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), ApiError> {
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
            changes.completed_at = Some(done.then(crate::db::now));
        }
        Ok((changes, f))
    }
}
