//! `GET /api/leads/{id}/timeline/`: the lead's notes, correspondence, reminders and status
//! changes as one paged list, newest first, filterable by kind.

use axum::Json;
use axum::extract::State;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{Params, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::CurrentUser;
use crate::db;
use crate::domain::timeline::{TimelineEntry, TimelineItem, TimelineKind};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A lead's timeline, newest first. Whoever may read the lead may read its timeline.
#[utoipa::path(get, path = "/api/leads/{id}/timeline/", tag = "leads",
    operation_id = "leads_timeline", params(
        ("id" = i64, Path),
        PageRequest,
        ("kind" = Option<String>, Query,
            description = "One kind or a comma list: note, email, call, meeting, reminder, status"),
    ),
    responses((status = 200, body = Page<TimelineItem>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail, description = "Unknown lead, or invalid page")))]
pub async fn timeline(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<TimelineItem>>> {
    let kinds = params.choices("kind", TimelineKind::parse);
    params.finish()?;
    if !db::timeline::lead_exists(&state.db, id).await? {
        return Err(ApiError::not_found());
    }
    paged(&params, &url, |limit, offset| async move {
        let (count, entries) = db::timeline::page(&state.db, id, &kinds, limit, offset).await?;
        Ok((
            count,
            entries.into_iter().map(TimelineEntry::into_item).collect(),
        ))
    })
    .await
}
