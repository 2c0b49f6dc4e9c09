//! Correspondence: the log of emails, calls and meetings with a lead.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::Fields;
use super::{DomainError, does_not_exist};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CorrespondenceType {
    Email,
    Call,
    Meeting,
}

impl CorrespondenceType {
    pub const ALL: [CorrespondenceType; 3] = [
        CorrespondenceType::Email,
        CorrespondenceType::Call,
        CorrespondenceType::Meeting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CorrespondenceType::Email => "email",
            CorrespondenceType::Call => "call",
            CorrespondenceType::Meeting => "meeting",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CorrespondenceType::Email => "Email",
            CorrespondenceType::Call => "Call",
            CorrespondenceType::Meeting => "Meeting",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "inbound" => Some(Direction::Inbound),
            "outbound" => Some(Direction::Outbound),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Correspondence {
    pub id: i64,
    pub lead: i64,
    pub contact: Option<i64>,
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub kind: CorrespondenceType,
    pub direction: Direction,
    pub subject: String,
    pub description: String,
    pub date: DateTime<Utc>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Default, Clone)]
pub struct CorrespondenceChanges {
    pub lead: Option<i64>,
    /// `Some(None)` clears the contact.
    pub contact: Option<Option<i64>>,
    pub kind: Option<CorrespondenceType>,
    pub direction: Option<Direction>,
    pub subject: Option<String>,
    pub description: Option<String>,
    pub date: Option<DateTime<Utc>>,
}

impl CorrespondenceChanges {
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), DomainError> {
        let mut f = Fields::new(body, partial)?;
        let changes = CorrespondenceChanges {
            lead: f.id("lead", true, false).flatten(),
            contact: f.id("contact", false, true),
            kind: f.choice("type", true, CorrespondenceType::parse),
            direction: f.choice("direction", false, Direction::parse),
            subject: f.text("subject", false, 200),
            description: f.text("description", true, 10_000),
            date: f.datetime("date", true),
        };
        Ok((changes, f))
    }
}

/// Checks the contact a correspondence names (`contact_lead` is the lead of the contact
/// as loaded, `None` when it does not exist): it must belong to the correspondence's `lead`.
pub fn check_contact(
    lead: i64,
    contact: Option<i64>,
    contact_lead: Option<i64>,
) -> Result<(), DomainError> {
    let Some(contact) = contact else {
        return Ok(());
    };
    match contact_lead {
        None => Err(does_not_exist("contact", contact)),
        Some(other) if other != lead => Err(DomainError::field(
            "contact",
            "The contact must belong to the same lead.",
        )),
        Some(_) => Ok(()),
    }
}
