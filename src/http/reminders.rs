//! `/api/reminders/`: follow-ups that email their recipient on time.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, PathId};
use super::pagination::{ListUrl, Page, paged};
use crate::app::AppState;
use crate::auth::extract::CurrentUser;
use crate::db::reminders::{ReminderFilter, Reminders};
use crate::db::{self, resource};
use crate::domain::reminder::{Reminder, ReminderChanges, ReminderStatus};
use crate::error::ApiResult;

/// Documentation of a reminder create/update body.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ReminderWrite {
    lead: i64,
    /// Required, at most 200 characters.
    title: String,
    message: Option<String>,
    /// When to send it. Changing it on a pending or failed reminder reschedules it.
    remind_at: DateTime<Utc>,
    /// An active user's id; the caller when omitted.
    recipient: Option<i64>,
    /// Only `cancelled` may be set, on a pending reminder.
    status: Option<ReminderStatus>,
    /// `true` sets `completed_at` to now, `false` clears it.
    completed: Option<bool>,
    completed_at: Option<DateTime<Utc>>,
}

/// List reminders.
#[utoipa::path(get, path = "/api/reminders/", tag = "reminders", security(("jwt" = [])),
    params(
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("lead" = Option<i64>, Query),
        ("status" = Option<String>, Query, description = "One status or a comma list"),
        ("recipient" = Option<String>, Query, description = "A user id or `me`"),
        ("upcoming" = Option<bool>, Query, description = "Pending and due from now on, soonest first"),
        ("overdue" = Option<bool>, Query, description = "Due before now, not cancelled, not completed; soonest first"),
        ("ordering" = Option<String>, Query, description = "remind_at, created_at, status; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Reminder>), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Reminder>>> {
    let recipient = match params.get("recipient") {
        Some(me) if me.eq_ignore_ascii_case("me") => Some(caller.id()),
        _ => params.id("recipient"),
    };
    let filter = ReminderFilter {
        lead: params.id("lead"),
        statuses: params.choices("status", ReminderStatus::parse),
        recipient,
        upcoming: params.boolean("upcoming").unwrap_or(false),
        overdue: params.boolean("overdue").unwrap_or(false),
    };
    let order = if params.get("ordering").is_none() && (filter.upcoming || filter.overdue) {
        db::reminders::SOONEST_FIRST.to_string()
    } else {
        params.ordering(db::reminders::ORDERING, "-created_at", "reminders.id")
    };
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        Ok(db::reminders::list(&state.db, &filter, &order, limit, offset).await?)
    })
    .await
}

async fn parse(
    state: &AppState,
    body: &serde_json::Value,
    partial: bool,
) -> ApiResult<ReminderChanges> {
    let (changes, mut fields) = ReminderChanges::parse(body, partial)?;
    if let Some(id) = changes.recipient {
        super::check_active_user(state, &mut fields, "recipient", id).await?;
    }
    fields.finish()?;
    Ok(changes)
}

/// Schedule a reminder.
#[utoipa::path(post, path = "/api/reminders/", tag = "reminders", security(("jwt" = [])),
    request_body = ReminderWrite,
    responses((status = 201, body = Reminder), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Reminder>)> {
    let changes = parse(&state, &body, false).await?;
    Ok((
        StatusCode::CREATED,
        Json(db::reminders::create(&state.db, &caller.actor, &changes).await?),
    ))
}

/// One reminder.
#[utoipa::path(get, path = "/api/reminders/{id}/", tag = "reminders", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Reminder), (status = 401, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Reminder>> {
    Ok(Json(
        resource::require::<Reminders, _>(&state.db.conn, id).await?,
    ))
}

/// Replace a reminder's fields.
#[utoipa::path(put, path = "/api/reminders/{id}/", tag = "reminders", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = ReminderWrite,
    responses((status = 200, body = Reminder), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Reminder>> {
    let changes = parse(&state, &body, false).await?;
    Ok(Json(
        db::reminders::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Cancel (`{"status": "cancelled"}`), reschedule (`remind_at`), complete
/// (`{"completed": true}`) or edit a reminder.
#[utoipa::path(patch, path = "/api/reminders/{id}/", tag = "reminders", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = ReminderWrite,
    responses((status = 200, body = Reminder), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn partial_update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Reminder>> {
    let changes = parse(&state, &body, true).await?;
    Ok(Json(
        db::reminders::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a reminder.
#[utoipa::path(delete, path = "/api/reminders/{id}/", tag = "reminders", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorDetail),
        (status = 403, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::reminders::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
