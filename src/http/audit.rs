//! `/api/audit-logs/`: the audit trail, read-only, for managers.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{Params, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::Manager;
use crate::db::{self, audit::AuditFilter, audit::AuditRow};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// `user`, `lead`, …
    pub entity: String,
    pub entity_id: i64,
    /// The acting user's id, or null for the system.
    pub user: Option<i64>,
    pub username: String,
    /// The person's full name, else their username; null for the system.
    pub user_name: Option<String>,
    pub summary: String,
    /// `{"before": {...} | null, "after": {...} | null}`: the object as the API shows it.
    #[schema(value_type = Object)]
    pub changes: Value,
    pub timestamp: DateTime<Utc>,
}

impl From<AuditRow> for AuditEntry {
    fn from(row: AuditRow) -> Self {
        AuditEntry {
            id: row.id,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            user: row.user_id,
            username: row.username,
            user_name: row.user_name,
            summary: row.summary,
            changes: serde_json::from_str(&row.changes).unwrap_or(Value::Null),
            timestamp: row.timestamp,
        }
    }
}

fn parse_action(text: &str) -> Option<String> {
    ["create", "update", "delete"]
        .contains(&text)
        .then(|| text.to_string())
}

/// List audit entries, newest first (managers).
#[utoipa::path(get, path = "/api/audit-logs/", tag = "audit",
    operation_id = "audit_logs_list", params(
        PageRequest,
        ("entity" = Option<String>, Query, description = "user, lead, contact, note, reminder, correspondence"),
        ("entity_id" = Option<i64>, Query), ("user" = Option<i64>, Query),
        ("action" = Option<String>, Query, description = "create, update or delete"),
        ("since" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD"),
        ("until" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (the whole day)"),
        ("ordering" = Option<String>, Query, description = "timestamp or -timestamp"),
    ),
    responses((status = 200, body = Page<AuditEntry>), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    _manager: Manager,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<AuditEntry>>> {
    let filter = AuditFilter {
        entity: params.get("entity").map(str::to_string),
        entity_id: params.id("entity_id"),
        user: params.id("user"),
        action: params.choice("action", parse_action),
        since: params.datetime("since", false),
        until: params.datetime("until", true),
    };
    let order = params.ordering(db::audit::ORDERING, "-timestamp", db::audit::ID_COLUMN);
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        let (count, rows) = db::audit::list(&state.db, &filter, &order, limit, offset).await?;
        Ok((count, rows.into_iter().map(AuditEntry::from).collect()))
    })
    .await
}

/// One audit entry (managers).
#[utoipa::path(get, path = "/api/audit-logs/{id}/", tag = "audit",
    operation_id = "audit_logs_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = AuditEntry), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _manager: Manager,
    PathId(id): PathId,
) -> ApiResult<Json<AuditEntry>> {
    let row = db::audit::get(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(row.into()))
}
