//! Contacts of a lead: the same field rules as the lead's fields of the same names.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::Fields;
use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Contact {
    pub id: i64,
    pub lead: i64,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub position: String,
    pub is_primary: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Validated fields of a contact write; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct ContactChanges {
    pub lead: Option<i64>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub position: Option<String>,
    pub is_primary: Option<bool>,
}

impl ContactChanges {
    /// Reads a contact body (`partial` for PATCH). The caller checks the lead reference and
    /// then finishes the reading.
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), ApiError> {
        let mut f = Fields::new(body, partial)?;
        let changes = ContactChanges {
            lead: f.id("lead", true, false).flatten(),
            first_name: f.text("first_name", true, 100),
            last_name: f.text("last_name", false, 100),
            email: f.email("email", false),
            phone: f.phone("phone"),
            position: f.text("position", false, 100),
            is_primary: f.boolean("is_primary"),
        };
        Ok((changes, f))
    }
}
