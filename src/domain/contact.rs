//! Contacts of a lead: the same field rules as the lead's fields of the same names. A lead
//! has at most one primary contact: its first contact becomes primary, marking another
//! one primary un-marks the previous one, and a deleted primary hands over to the oldest
//! remaining contact.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::DomainError;
use super::fields::Fields;

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
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), DomainError> {
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

/// Whether a new contact is primary: as asked, and always when `current_primary` shows the
/// lead has none yet. A primary new contact demotes the current one.
pub fn primary_on_create(c: &ContactChanges, current_primary: Option<&Contact>) -> bool {
    c.is_primary.unwrap_or(false) || current_primary.is_none()
}

/// Decides a change of `before`: a contact stays on its lead. Returns whether it becomes
/// the primary contact (and the current one is to be demoted).
pub fn plan_update(before: &Contact, c: &ContactChanges) -> Result<bool, DomainError> {
    if c.lead.is_some_and(|lead| lead != before.lead) {
        return Err(DomainError::field(
            "lead",
            "A contact cannot be moved to another lead.",
        ));
    }
    Ok(c.is_primary == Some(true) && !before.is_primary)
}

/// Who becomes primary once `deleted` is gone: the oldest of the `remaining` contacts, if
/// the deleted one was primary.
pub fn successor<'a>(deleted: &Contact, remaining: &'a [Contact]) -> Option<&'a Contact> {
    if deleted.is_primary {
        remaining.first()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: i64, primary: bool) -> Contact {
        let now = Utc::now();
        Contact {
            id,
            lead: 10,
            first_name: "A".into(),
            last_name: String::new(),
            full_name: "A".into(),
            email: String::new(),
            phone: String::new(),
            position: String::new(),
            is_primary: primary,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_lead_has_one_primary_contact_and_the_first_is_it() {
        let on_lead = |primary| ContactChanges {
            lead: Some(10),
            is_primary: primary,
            ..Default::default()
        };
        assert!(primary_on_create(&on_lead(None), None));
        let current = contact(1, true);
        assert!(!primary_on_create(&on_lead(None), Some(&current)));
        assert!(primary_on_create(&on_lead(Some(true)), Some(&current)));

        let moved = ContactChanges {
            lead: Some(11),
            ..Default::default()
        };
        assert!(plan_update(&contact(2, false), &moved).is_err());
        assert_eq!(
            plan_update(&contact(2, false), &on_lead(Some(true))),
            Ok(true)
        );
        assert_eq!(plan_update(&current, &on_lead(Some(true))), Ok(false));

        let rest = [contact(3, false), contact(4, false)];
        assert_eq!(successor(&current, &rest).map(|c| c.id), Some(3));
        assert_eq!(successor(&contact(2, false), &rest), None);
    }
}
