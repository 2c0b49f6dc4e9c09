//! A lead's timeline: its notes, correspondence, reminders and status changes as one list,
//! newest first. Each item names what it is, when, who, a one-line summary, and carries the
//! object itself as its list shows it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::lead::LeadStatus;

/// What a timeline item is. Correspondence appears as its type (email, call, meeting).
/// Attachments join as `attachment` once they exist (a branch in `db::timeline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    Note,
    Email,
    Call,
    Meeting,
    Reminder,
    Status,
}

impl TimelineKind {
    pub const ALL: [TimelineKind; 6] = [
        TimelineKind::Note,
        TimelineKind::Email,
        TimelineKind::Call,
        TimelineKind::Meeting,
        TimelineKind::Reminder,
        TimelineKind::Status,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TimelineKind::Note => "note",
            TimelineKind::Email => "email",
            TimelineKind::Call => "call",
            TimelineKind::Meeting => "meeting",
            TimelineKind::Reminder => "reminder",
            TimelineKind::Status => "status",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One entry of a lead's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineItem {
    pub kind: TimelineKind,
    /// The id of the object (the note, correspondence or reminder; for a status change, the
    /// audit entry that recorded it).
    pub id: i64,
    /// When it happened: a note's creation, a correspondence's date, a reminder's
    /// completion or else its due time, a status change's time.
    pub timestamp: DateTime<Utc>,
    /// Who: the note's author, the correspondence's or reminder's creator, the user who
    /// changed the status; null for the system or a deleted user.
    pub user: Option<i64>,
    /// That person's full name, or username when they have none; null when `user` is.
    pub user_name: Option<String>,
    pub summary: String,
    /// The object as its own list shows it (Note, Correspondence, Reminder); for a status
    /// change `{"from", "to", "lost_reason"}`.
    #[schema(value_type = Object)]
    pub object: Value,
}

/// At most this many characters of a text make a summary.
const SUMMARY_CHARS: usize = 160;

/// The first line of `text`, shortened to a summary with an ellipsis when cut.
pub fn summarise(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    if line.chars().count() <= SUMMARY_CHARS && line.len() == text.trim().len() {
        return line.to_string();
    }
    let cut: String = line.chars().take(SUMMARY_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// "New → Contacted" from the stored status values.
pub fn status_summary(from: &str, to: &str) -> String {
    let label = |s: &str| LeadStatus::parse(s).map_or_else(|| s.to_string(), |s| s.label().into());
    format!("{} → {}", label(from), label(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_take_the_first_line_and_mark_a_cut() {
        assert_eq!(summarise("  Called back  "), "Called back");
        assert_eq!(summarise("First line\nsecond"), "First line…");
        let long = "a".repeat(200);
        assert_eq!(summarise(&long), format!("{}…", "a".repeat(160)));
        assert_eq!(status_summary("new", "contacted"), "New → Contacted");
    }
}
