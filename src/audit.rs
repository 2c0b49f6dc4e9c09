//! The audit trail: one generic call, made inside the caller's transaction, so that an
//! entry exists exactly when its change was committed.

use serde::Serialize;
use serde_json::{Value, json};

use crate::db::{self, ConnectionTrait, DbErr};
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

/// Records a change of `entity` #`id`: `before` and `after` are the object as the API shows
/// it (`None` for the side that does not exist). Representations never hold secrets.
pub async fn record<C: ConnectionTrait, T: Serialize>(
    txn: &C,
    actor: &Actor,
    action: Action,
    entity: &str,
    id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), DbErr> {
    let to_json = |v: Option<&T>| -> Result<Value, DbErr> {
        v.map(serde_json::to_value)
            .transpose()
            .map(|v| v.unwrap_or(Value::Null))
            .map_err(|e| DbErr::Custom(format!("audit serialisation: {e}")))
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
    let changes = json!({ "before": before, "after": after });
    db::audit::insert(txn, actor, action.as_str(), entity, id, &summary, changes).await
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
