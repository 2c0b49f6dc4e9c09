//! `/api/dashboard-stats/`: exact figures for the whole database, or for one assignee's
//! leads (`?assigned_to=me|<id>`).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::docs::ValidationErrors;
use super::extract::Params;
use crate::auth::extract::CurrentUser;
use crate::db::{self, audit::FeedFilter};
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
    /// The acting user's id, or null for the system.
    pub user: Option<i64>,
    pub username: String,
    /// The person's full name, else their username; null for the system.
    pub user_name: Option<String>,
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
    /// The 10 newest changes; with `assigned_to`, that user's own actions.
    pub recent_activity: Vec<Activity>,
    /// The 5 soonest pending reminders still to come; with `assigned_to`, that user's
    /// (as recipient).
    pub upcoming_reminders: Vec<Reminder>,
}

/// Dashboard figures: the whole database's, or those of one assignee's leads.
#[utoipa::path(get, path = "/api/dashboard-stats/", tag = "dashboard",
    operation_id = "dashboard_stats", params(
        ("assigned_to" = Option<String>, Query, description = "`me` or a user id: every figure for that user's leads, their reminders and their own actions"),
        ("include_system" = Option<bool>, Query, description = "Whether `recent_activity` shows the system's own entries (default true)"),
    ),
    responses((status = 200, body = DashboardStats), (status = 400, body = ValidationErrors)))]
pub async fn stats(
    State(state): State<AppState>,
    caller: CurrentUser,
    mut params: Params,
) -> ApiResult<Json<DashboardStats>> {
    let user = params.user("assigned_to", caller.id());
    let include_system = params.boolean("include_system").unwrap_or(true);
    if let Some(id) = user
        && db::users::get(&state.db.conn, id).await?.is_none()
    {
        // DRF's message for a primary key that names no row.
        params.error(
            "assigned_to",
            format!("Invalid pk \"{id}\" - object does not exist."),
        );
    }
    params.finish()?;
    let figures = match user {
        Some(id) => db::dashboard::figures_of(&state.db, id).await?,
        None => db::dashboard::figures(&state.db).await?,
    };
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
    let feed = FeedFilter {
        user,
        include_system,
    };
    let recent = db::audit::recent(&state.db, 10, feed).await?;
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
            user: row.user_id,
            username: row.username,
            user_name: row.user_name,
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
        upcoming_reminders: match user {
            Some(id) => db::dashboard::upcoming_reminders_of(&state.db, id, 5).await?,
            None => db::reminders::soonest(&state.db, 5).await?,
        },
    }))
}
