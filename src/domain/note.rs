//! Notes on a lead, written by their author.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::Actor;
use super::DomainError;
use super::fields::Fields;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Note {
    pub id: i64,
    pub lead: i64,
    pub content: String,
    /// The author's user id (always the user who wrote it).
    pub author: Option<i64>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Default, Clone)]
pub struct NoteChanges {
    pub lead: Option<i64>,
    pub content: Option<String>,
}

impl NoteChanges {
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), DomainError> {
        let mut f = Fields::new(body, partial)?;
        let changes = NoteChanges {
            lead: f.id("lead", true, false).flatten(),
            content: f.text("content", true, 10_000),
        };
        Ok((changes, f))
    }
}

/// Whether `actor` may change or delete `note`: managers any, agents their own.
pub fn check_access(actor: &Actor, note: &Note) -> Result<(), DomainError> {
    if actor.is_manager() || (actor.id.is_some() && note.author == actor.id) {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// Decides a change of the stored `before` by `actor`. A note stays on its lead, as a
/// contact does: what was written about one lead is not about another.
pub fn check_update(
    actor: &Actor,
    before: &Note,
    changes: &NoteChanges,
) -> Result<(), DomainError> {
    check_access(actor, before)?;
    if changes.lead.is_some_and(|lead| lead != before.lead) {
        return Err(DomainError::field(
            "lead",
            "A note cannot be moved to another lead.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Role;

    #[test]
    fn a_note_stays_on_its_lead_and_agents_change_only_their_own() {
        let now = Utc::now();
        let note = Note {
            id: 1,
            lead: 10,
            content: "c".into(),
            author: Some(2),
            author_name: String::new(),
            created_at: now,
            updated_at: now,
        };
        let agent = |id| Actor {
            id: Some(id),
            username: String::new(),
            role: Role::Agent,
        };
        let to = |lead| NoteChanges {
            lead: Some(lead),
            content: None,
        };
        assert!(check_update(&agent(2), &note, &to(10)).is_ok());
        assert!(check_update(&agent(2), &note, &to(11)).is_err());
        assert!(matches!(
            check_update(&agent(3), &note, &to(10)),
            Err(DomainError::Forbidden)
        ));
        assert!(check_update(&Actor::system(), &note, &to(10)).is_ok());
    }
}
