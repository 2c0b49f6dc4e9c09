//! `/api/leads/`: list with filters, search, ordering and pages; create, read, update,
//! delete (managers); and the streamed CSV export.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::{CurrentUser, Manager};
use crate::db::{self, leads::LeadFilter};
use crate::domain::lead::{Lead, LeadChanges, LeadStatus, Priority};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub mod board;
mod csv_export;

/// Reads the list filters shared by the list and the export.
fn filter(params: &mut Params, caller: &CurrentUser) -> LeadFilter {
    LeadFilter {
        statuses: params.choices("status", LeadStatus::parse),
        priorities: params.choices("priority", Priority::parse),
        assigned_to: params.assignee("assigned_to", caller.id()),
        created_by: params.id("created_by"),
        created_after: params.datetime("created_after", false),
        created_before: params.datetime("created_before", true),
        min_value: params.money("min_value"),
        max_value: params.money("max_value"),
        search: params.get("search").map(str::to_string),
        no_next_step: params.boolean("no_next_step").unwrap_or(false),
        next_reminder_before: params.datetime("next_reminder_before", false),
        last_activity_before: params.datetime("last_activity_before", false),
    }
}

/// List leads.
#[utoipa::path(get, path = "/api/leads/", tag = "leads",
    operation_id = "leads_list", params(
        PageRequest,
        ("status" = Option<String>, Query, description = "One status or a comma list"),
        ("priority" = Option<String>, Query, description = "One priority or a comma list"),
        ("assigned_to" = Option<String>, Query, description = "A user id, `me` or `none`"),
        ("created_by" = Option<i64>, Query),
        ("created_after" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive)"),
        ("created_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive: the whole day)"),
        ("min_value" = Option<String>, Query), ("max_value" = Option<String>, Query),
        ("search" = Option<String>, Query, description = "Every word must match a word of the name, company, email, phone or description by prefix, or of a contact's name, email or phone; digit groups separated by spaces, dashes or dots are one number"),
        ("no_next_step" = Option<bool>, Query, description = "true: open leads (not lost or converted) with no pending reminder"),
        ("next_reminder_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD: the next pending reminder is before this"),
        ("last_activity_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD: the last activity is before this, or there was none"),
        ("ordering" = Option<String>, Query, description = "created_at, updated_at, first_name, last_name, company, status, priority, estimated_value, next_reminder_at, last_activity_at (leads without the date last in both directions); prefix - for descending; comma-separated"),
    ),
    responses((status = 200, body = Page<Lead>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail, description = "Invalid page")))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Lead>>> {
    let filter = filter(&mut params, &caller);
    let order = params.ordering(db::leads::ORDERING, "-created_at", "leads.id");
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        Ok(db::leads::list(&state.db, &filter, &order, limit, offset).await?)
    })
    .await
}

async fn parse_write(state: &AppState, body: &Value, partial: bool) -> ApiResult<LeadChanges> {
    let (changes, mut fields) = LeadChanges::parse(body, partial)?;
    if let Some(Some(id)) = changes.assigned_to {
        super::check_active_user(state, &mut fields, "assigned_to", id).await?;
    }
    fields.finish()?;
    Ok(changes)
}

/// Create a lead; the caller becomes its `created_by`.
#[utoipa::path(post, path = "/api/leads/", tag = "leads",
    operation_id = "leads_create", request_body = LeadChanges,
    responses((status = 201, body = Lead), (status = 400, body = ValidationErrors),
        (status = 415, body = ErrorDetail)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Lead>)> {
    let changes = parse_write(&state, &body, false).await?;
    let lead = db::leads::create(&state.db, &caller.actor, &changes).await?;
    Ok((StatusCode::CREATED, Json(lead)))
}

/// One lead.
#[utoipa::path(get, path = "/api/leads/{id}/", tag = "leads",
    operation_id = "leads_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = Lead), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Lead>> {
    let row = db::leads::get(&state.db.conn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(row))
}

/// Replace a lead's fields (`first_name` required), or with PATCH only those given.
#[utoipa::path(method(put, patch), path = "/api/leads/{id}/", tag = "leads",
    operation_id = "leads_update", params(("id" = i64, Path)), request_body = LeadChanges,
    responses((status = 200, body = Lead), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Lead>> {
    let changes = parse_write(&state, &body, partial).await?;
    Ok(Json(
        db::leads::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a lead (managers).
#[utoipa::path(delete, path = "/api/leads/{id}/", tag = "leads",
    operation_id = "leads_destroy", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    Manager(caller): Manager,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::leads::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Export the leads that match the list's filters, search and ordering as CSV, streamed.
#[utoipa::path(get, path = "/api/leads/export/", tag = "leads",
    operation_id = "leads_export", params(
        ("status" = Option<String>, Query), ("priority" = Option<String>, Query),
        ("assigned_to" = Option<String>, Query), ("created_by" = Option<i64>, Query),
        ("created_after" = Option<String>, Query), ("created_before" = Option<String>, Query),
        ("min_value" = Option<String>, Query), ("max_value" = Option<String>, Query),
        ("search" = Option<String>, Query), ("no_next_step" = Option<bool>, Query),
        ("next_reminder_before" = Option<String>, Query),
        ("last_activity_before" = Option<String>, Query), ("ordering" = Option<String>, Query),
    ),
    responses(
        (status = 200, content_type = "text/csv", body = String,
            description = "Header row, then one row per lead"),
        (status = 400, body = ValidationErrors),
        (status = 503, body = ErrorDetail,
            description = "Too many exports running, or the database is unavailable")))]
pub async fn export(
    State(state): State<AppState>,
    caller: CurrentUser,
    mut params: Params,
) -> ApiResult<Response> {
    let filter = filter(&mut params, &caller);
    let order = params.ordering(db::leads::ORDERING, "-created_at", "leads.id");
    params.finish()?;
    let Ok(permit) = std::sync::Arc::clone(&state.exports).try_acquire_owned() else {
        return Ok(csv_export::busy());
    };
    let timeout = state.config.export_send_timeout;
    let rows = csv_export::stream(state.db.clone(), filter, order, timeout, permit).await?;
    let body = Body::from_stream(rows);
    let filename = format!("leads-{}.csv", chrono::Utc::now().format("%Y-%m-%d"));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
