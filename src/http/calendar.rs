//! The calendar feed (`/calendar/<token>.ics`, the secret is the token) and its token.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::docs::ErrorDetail;
use crate::auth::extract::CurrentUser;
use crate::calendar::{Event, render};
use crate::db;
use crate::domain::user::full_name;
use crate::error::{ApiError, ApiResult};
use crate::jobs::message::host_of;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct CalendarUrl {
    /// The secret feed URL; anyone who has it can read the caller's reminders.
    pub calendar_url: String,
}

pub fn calendar_url(state: &AppState, token: &str) -> String {
    format!("{}/calendar/{token}.ics", state.config.public_url)
}

/// Replace the caller's calendar feed URL; the old one stops working.
#[utoipa::path(post, path = "/api/auth/calendar-token/", tag = "auth",
    operation_id = "auth_calendar_token", responses((status = 200, body = CalendarUrl)))]
pub async fn rotate(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<CalendarUrl>> {
    let token = db::users::rotate_calendar_token(&state.db, user.id()).await?;
    Ok(Json(CalendarUrl {
        calendar_url: calendar_url(&state, &token),
    }))
}

/// The caller's pending and sent reminders as an iCalendar feed (no bearer token: the
/// secret in the path is the credential).
#[utoipa::path(get, path = "/calendar/{file}", tag = "auth",
    operation_id = "calendar_feed",
    params(("file" = String, Path, description = "`<token>.ics`, the last part of a calendar_url")),
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 404, body = ErrorDetail)))]
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> ApiResult<Response> {
    let token = file.strip_suffix(".ics").ok_or_else(ApiError::not_found)?;
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::not_found());
    }
    let user = db::users::by_calendar_token(&state.db, token)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let host = host_of(&state.config.public_url);
    let events: Vec<Event> = db::reminders::for_calendar(&state.db, user.id)
        .await?
        .into_iter()
        .map(|r| {
            let url = format!("{}/leads/{}", state.config.public_url, r.lead_id);
            let lead = full_name(&r.lead_first, &r.lead_last);
            let lead = if r.lead_company.is_empty() {
                lead
            } else {
                format!("{lead} ({})", r.lead_company)
            };
            let mut description = format!("Lead: {lead}");
            if !r.message.is_empty() {
                description.push_str(&format!("\n{}", r.message));
            }
            description.push_str(&format!("\n{url}"));
            Event {
                uid: format!("reminder-{}@{host}", r.id),
                stamp: r.updated_at,
                start: r.remind_at,
                summary: r.title,
                description,
                url,
            }
        })
        .collect();
    let body = render(&format!("CRM reminders — {}", user.username), &events);
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(response)
}
