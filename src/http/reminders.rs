//! `/api/reminders/`: follow-ups that email their recipient on time.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::CurrentUser;
use crate::db::reminders::{ReminderFilter, Reminders};
use crate::db::{self, resource};
use crate::domain::reminder::{Reminder, ReminderChanges, ReminderStatus};
use crate::error::ApiResult;
use crate::state::AppState;

/// List reminders.
#[utoipa::path(get, path = "/api/reminders/", tag = "reminders",
    operation_id = "reminders_list", params(
        PageRequest,
        ("lead" = Option<i64>, Query),
        ("status" = Option<String>, Query, description = "One status or a comma list"),
        ("recipient" = Option<String>, Query, description = "A user id or `me`"),
        ("upcoming" = Option<bool>, Query, description = "Pending and due from now on, soonest first"),
        ("overdue" = Option<bool>, Query, description = "Due before now, not cancelled, not completed; soonest first"),
        ("remind_at_after" = Option<String>, Query, description = "Due at or after: RFC 3339 or YYYY-MM-DD (inclusive)"),
        ("remind_at_before" = Option<String>, Query, description = "Due at or before: RFC 3339 or YYYY-MM-DD (the whole day)"),
        ("completed" = Option<bool>, Query, description = "Completed (`completed_at` set) or not"),
        ("ordering" = Option<String>, Query, description = "remind_at, created_at, status; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Reminder>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Reminder>>> {
    let filter = ReminderFilter {
        lead: params.id("lead"),
        statuses: params.choices("status", ReminderStatus::parse),
        recipient: params.user("recipient", caller.id()),
        upcoming: params.boolean("upcoming").unwrap_or(false),
        overdue: params.boolean("overdue").unwrap_or(false),
        remind_at_after: params.datetime("remind_at_after", false),
        remind_at_before: params.datetime("remind_at_before", true),
        completed: params.boolean("completed"),
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
#[utoipa::path(post, path = "/api/reminders/", tag = "reminders",
    operation_id = "reminders_create", request_body = ReminderChanges,
    responses((status = 201, body = Reminder), (status = 400, body = ValidationErrors)))]
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
#[utoipa::path(get, path = "/api/reminders/{id}/", tag = "reminders",
    operation_id = "reminders_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = Reminder), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Reminder>> {
    Ok(Json(
        resource::require::<Reminders, _>(&state.db.conn, id).await?,
    ))
}

/// Replace a reminder's fields, or with PATCH only those given.
///
/// PATCH cancels (`{"status": "cancelled"}`), undoes a cancel (`{"status": "pending"}` on a
/// cancelled reminder), reschedules (`remind_at`), completes (`{"completed": true}`) or edits
/// a reminder.
#[utoipa::path(method(put, patch), path = "/api/reminders/{id}/", tag = "reminders",
    operation_id = "reminders_update", params(("id" = i64, Path)), request_body = ReminderChanges,
    responses((status = 200, body = Reminder), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Reminder>> {
    let changes = parse(&state, &body, partial).await?;
    Ok(Json(
        db::reminders::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a reminder.
#[utoipa::path(delete, path = "/api/reminders/{id}/", tag = "reminders",
    operation_id = "reminders_destroy", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::reminders::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
