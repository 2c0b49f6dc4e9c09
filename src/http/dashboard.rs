//! `/api/dashboard-stats/`: exact figures for the whole database.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::extract::CurrentUser;
use crate::db;
use crate::domain::lead::{LeadStatus, Priority};
use crate::domain::money::format_cents_wide;
use crate::domain::reminder::Reminder;
use crate::error::ApiResult;
use crate::state::AppState;

/// A change, summarised (no before/after: agents see these too).
#[derive(Serialize, ToSchema)]
pub struct Activity {
    pub id: i64,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub username: String,
    pub summary: String,
    pub timestamp: DateTime<Utc>,
    /// The lead the changed record belongs to (the lead itself for a lead), so that the feed
    /// can link to it; null for a user and for a record since deleted.
    pub lead: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardStats {
    pub total_leads: i64,
    /// Every status, with 0 where none.
    pub leads_by_status: BTreeMap<String, i64>,
    /// Every priority, with 0 where none.
    pub leads_by_priority: BTreeMap<String, i64>,
    /// Decimal string with two places.
    #[schema(example = "4350000.00")]
    pub total_estimated_value: String,
    pub total_contacts: i64,
    /// The 10 newest changes.
    pub recent_activity: Vec<Activity>,
    /// The 5 soonest pending reminders still to come.
    pub upcoming_reminders: Vec<Reminder>,
}

/// Dashboard figures.
#[utoipa::path(get, path = "/api/dashboard-stats/", tag = "dashboard",
    operation_id = "dashboard_stats", responses((status = 200, body = DashboardStats)))]
pub async fn stats(
    State(state): State<AppState>,
    _caller: CurrentUser,
) -> ApiResult<Json<DashboardStats>> {
    let figures = db::dashboard::figures(&state.db).await?;
    let mut by_status: BTreeMap<String, i64> = LeadStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), 0))
        .collect();
    for (status, n) in &figures.by_status {
        by_status.insert(status.clone(), *n);
    }
    let mut by_priority: BTreeMap<String, i64> = Priority::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), 0))
        .collect();
    for (rank, n) in &figures.by_priority {
        if let Some(priority) = Priority::from_rank(*rank) {
            by_priority.insert(priority.as_str().to_string(), *n);
        }
    }
    let recent = db::audit::recent(&state.db, 10).await?;
    let records: Vec<(&str, i64)> = recent
        .iter()
        .map(|row| (row.entity.as_str(), row.entity_id))
        .collect();
    let leads = db::dashboard::leads_of(&state.db, &records).await?;
    let recent_activity = recent
        .into_iter()
        .zip(leads)
        .map(|(row, lead)| Activity {
            id: row.id,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            username: row.username,
            summary: row.summary,
            timestamp: row.timestamp,
            lead,
        })
        .collect();
    Ok(Json(DashboardStats {
        total_leads: by_status.values().sum(),
        leads_by_status: by_status,
        leads_by_priority: by_priority,
        total_estimated_value: format_cents_wide(figures.total_value_cents),
        total_contacts: figures.total_contacts,
        recent_activity,
        upcoming_reminders: db::reminders::soonest(&state.db, 5).await?,
    }))
}
