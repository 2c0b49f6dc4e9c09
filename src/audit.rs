//! The audit trail's entries: what a change is recorded as. `db::audit::record` stores one
//! inside the change's own transaction, so that an entry exists exactly when its change was
//! committed.

use serde::Serialize;
use serde_json::{Value, json};

use crate::domain::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            Action::Create => "created",
            Action::Update => "updated",
            Action::Delete => "deleted",
        }
    }
}

/// What the audit trail records of one change: a one-line summary and the object before
/// and after (`null` for the side that does not exist).
pub struct Entry {
    pub summary: String,
    pub changes: Value,
}

/// The entry for a change of `entity` #`id` by `actor`: `before` and `after` are the object as
/// the API shows it. Representations never hold secrets. Stored by `db::audit::record`,
/// inside the change's own transaction.
pub fn entry<T: Serialize>(
    actor: &Actor,
    action: Action,
    entity: &str,
    id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<Entry, serde_json::Error> {
    let to_json = |v: Option<&T>| -> Result<Value, serde_json::Error> {
        Ok(v.map(serde_json::to_value)
            .transpose()?
            .unwrap_or(Value::Null))
    };
    let (before, after) = (to_json(before)?, to_json(after)?);
    let label = describe(if after.is_null() { &before } else { &after });
    let summary = match label {
        Some(label) => format!(
            "{} {} {entity} {label}",
            actor.username,
            action.past_tense()
        ),
        None => format!("{} {} {entity} #{id}", actor.username, action.past_tense()),
    };
    Ok(Entry {
        summary,
        changes: json!({ "before": before, "after": after }),
    })
}

/// A short human label for an object: its name, username or title, else the start of
/// its text.
fn describe(object: &Value) -> Option<String> {
    const LONGEST: usize = 48;
    [
        "full_name",
        "username",
        "title",
        "subject",
        "content",
        "description",
    ]
    .iter()
    .filter_map(|key| object.get(*key)?.as_str())
    .find(|s| !s.is_empty())
    .map(|s| match s.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("\"{}…\"", &s[..cut]),
        None => format!("\"{s}\""),
    })
}
