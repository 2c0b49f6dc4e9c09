//! A lead's timeline: its notes, correspondence, reminders and status changes as one list,
//! newest first. Each item names what it is, when, who, a one-line summary, and carries the
//! object itself as its list shows it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::correspondence::Correspondence;
use super::lead::LeadStatus;
use super::note::Note;
use super::reminder::Reminder;
use super::user::display_name;

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

/// What a timeline entry is about, as loaded.
#[derive(Debug, Clone)]
pub enum TimelineObject {
    Note(Note),
    /// An email, call or meeting.
    Correspondence(Correspondence),
    Reminder(Reminder),
    /// A status change of the lead: the stored status values before and after, and the
    /// lost reason after (empty when none).
    Status {
        from: String,
        to: String,
        lost_reason: String,
    },
}

/// The person behind an entry: their id and their names of today (none when the user was
/// removed).
#[derive(Debug, Clone, Default)]
pub struct TimelinePerson {
    pub id: Option<i64>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
}

/// One entry of a lead's timeline as loaded, before it is summed up.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub kind: TimelineKind,
    pub id: i64,
    pub timestamp: DateTime<Utc>,
    pub user: TimelinePerson,
    pub object: TimelineObject,
}

impl TimelineEntry {
    /// The entry as the timeline shows it: who by name, a one-line summary, the object as
    /// its own list shows it.
    pub fn into_item(self) -> TimelineItem {
        let (summary, object) = match self.object {
            TimelineObject::Note(n) => (summarise(&n.content), serde_json::to_value(n)),
            TimelineObject::Correspondence(c) => {
                // A call or meeting is often logged without a subject: its description
                // says what happened.
                let text = if c.subject.trim().is_empty() {
                    &c.description
                } else {
                    &c.subject
                };
                (summarise(text), serde_json::to_value(c))
            }
            TimelineObject::Reminder(r) => (summarise(&r.title), serde_json::to_value(r)),
            TimelineObject::Status {
                from,
                to,
                lost_reason,
            } => (
                status_summary(&from, &to),
                Ok(json!({ "from": from, "to": to, "lost_reason": lost_reason })),
            ),
        };
        let person = self.user;
        TimelineItem {
            kind: self.kind,
            id: self.id,
            timestamp: self.timestamp,
            user: person.id,
            user_name: person.id.map(|_| {
                display_name(
                    person.first_name.as_deref().unwrap_or(""),
                    person.last_name.as_deref().unwrap_or(""),
                    person.username.as_deref().unwrap_or(""),
                )
            }),
            summary,
            object: object.unwrap_or(Value::Null),
        }
    }
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

    fn entry(user: TimelinePerson, object: TimelineObject) -> TimelineEntry {
        TimelineEntry {
            kind: TimelineKind::Call,
            id: 7,
            timestamp: DateTime::UNIX_EPOCH,
            user,
            object,
        }
    }

    fn call(subject: &str, description: &str) -> TimelineObject {
        use super::super::correspondence::{CorrespondenceType, Direction};
        TimelineObject::Correspondence(Correspondence {
            id: 7,
            lead: 1,
            contact: None,
            kind: CorrespondenceType::Call,
            direction: Direction::Outbound,
            subject: subject.into(),
            description: description.into(),
            date: DateTime::UNIX_EPOCH,
            created_by: None,
            created_at: DateTime::UNIX_EPOCH,
            updated_at: DateTime::UNIX_EPOCH,
        })
    }

    #[test]
    fn a_correspondence_is_summed_up_by_its_subject_else_its_description() {
        let none = TimelinePerson::default;
        let item = entry(none(), call("Pricing", "Asked for a quote")).into_item();
        assert_eq!(item.summary, "Pricing");
        assert_eq!(item.object["subject"], "Pricing");
        let item = entry(none(), call("  ", "Asked for a quote\nthen more")).into_item();
        assert_eq!(item.summary, "Asked for a quote…");
        assert_eq!(item.user, None);
        assert_eq!(item.user_name, None);
    }

    #[test]
    fn an_entry_names_its_person_and_a_status_change_its_labels() {
        let amina = TimelinePerson {
            id: Some(3),
            first_name: Some("".into()),
            last_name: Some("".into()),
            username: Some("amina".into()),
        };
        let status = TimelineObject::Status {
            from: "new".into(),
            to: "lost".into(),
            lost_reason: "Budget".into(),
        };
        let item = entry(amina, status).into_item();
        assert_eq!(item.user, Some(3));
        assert_eq!(item.user_name.as_deref(), Some("amina"));
        assert_eq!(item.summary, "New → Lost");
        assert_eq!(
            item.object,
            json!({"from": "new", "to": "lost", "lost_reason": "Budget"})
        );
    }
}
