//! Notes on a lead, written by their author.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::Fields;
use crate::error::ApiError;

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
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), ApiError> {
        let mut f = Fields::new(body, partial)?;
        let changes = NoteChanges {
            lead: f.id("lead", true, false).flatten(),
            content: f.text("content", true, 10_000),
        };
        Ok((changes, f))
    }
}
