//! Leads: their status and priority, the validated fields of a write, and the
//! representation the API shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::DomainError;
use super::fields::Fields;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LeadStatus {
    New,
    Contacted,
    Qualified,
    Lost,
    Converted,
}

impl LeadStatus {
    pub const ALL: [LeadStatus; 5] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Qualified,
        LeadStatus::Lost,
        LeadStatus::Converted,
    ];

    /// The pipeline's columns: the funnel's steps in order, won before lost.
    pub const FUNNEL: [LeadStatus; 5] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Qualified,
        LeadStatus::Converted,
        LeadStatus::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LeadStatus::New => "new",
            LeadStatus::Contacted => "contacted",
            LeadStatus::Qualified => "qualified",
            LeadStatus::Lost => "lost",
            LeadStatus::Converted => "converted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LeadStatus::New => "New",
            LeadStatus::Contacted => "Contacted",
            LeadStatus::Qualified => "Qualified",
            LeadStatus::Lost => "Lost",
            LeadStatus::Converted => "Converted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Stored as its rank (0, 1, 2) so that ordering by the column orders low < medium < high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Low, Priority::Medium, Priority::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
        }
    }

    pub fn rank(self) -> i16 {
        self as i16
    }

    pub fn from_rank(rank: i16) -> Option<Self> {
        Self::ALL.get(usize::try_from(rank).ok()?).copied()
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// A lead as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Lead {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub company: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub status: LeadStatus,
    pub priority: Priority,
    /// Decimal string with two places.
    #[schema(example = "150000.00")]
    pub estimated_value: String,
    pub source: String,
    pub description: String,
    pub assigned_to: Option<i64>,
    pub created_by: Option<i64>,
    pub contacts_count: i64,
    /// The lead's primary contact, or null.
    pub primary_contact: Option<super::contact::Contact>,
    /// Why the lead was lost (kept when the status moves on, for the record).
    pub lost_reason: String,
    /// The latest note, correspondence or completed reminder; null when none.
    pub last_activity_at: Option<DateTime<Utc>>,
    /// The soonest pending (not yet sent, not completed) reminder; null when none.
    pub next_reminder_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Validated fields of a lead create or update; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct LeadChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: Option<LeadStatus>,
    pub priority: Option<Priority>,
    pub estimated_value: Option<i64>,
    pub source: Option<String>,
    pub description: Option<String>,
    pub assigned_to: Option<Option<i64>>,
    pub lost_reason: Option<String>,
}

impl LeadChanges {
    /// Reads a lead body; `partial` for PATCH. Read-only and unknown fields are ignored.
    pub fn parse(body: &Value, partial: bool) -> Result<(Self, Fields<'_>), DomainError> {
        let mut f = Fields::new(body, partial)?;
        let changes = LeadChanges {
            first_name: f.text("first_name", true, 100),
            last_name: f.text("last_name", false, 100),
            company: f.text("company", false, 200),
            title: f.text("title", false, 100),
            email: f.email("email", false),
            phone: f.phone("phone"),
            status: f.choice("status", false, LeadStatus::parse),
            priority: f.choice("priority", false, Priority::parse),
            estimated_value: f.money("estimated_value"),
            source: f.text("source", false, 100),
            description: f.text("description", false, 10_000),
            assigned_to: f.id("assigned_to", false, true),
            lost_reason: f.text("lost_reason", false, 200),
        };
        // The caller checks references (assigned_to) and then finishes the reading, so
        // that those errors are reported together with the others.
        Ok((changes, f))
    }
}
