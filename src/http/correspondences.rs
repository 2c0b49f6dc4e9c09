//! `/api/correspondences/`: the log of emails, calls and meetings, newest first.

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
use crate::db::correspondences::{CorrespondenceFilter, Correspondences};
use crate::db::{self, resource};
use crate::domain::correspondence::{
    Correspondence, CorrespondenceChanges, CorrespondenceType, Direction,
};
use crate::error::ApiResult;

/// Documentation of a correspondence create/update body.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct CorrespondenceWrite {
    lead: i64,
    /// A contact of the same lead, or null.
    contact: Option<i64>,
    #[schema(rename = "type")]
    kind: CorrespondenceType,
    /// Default `outbound`.
    direction: Option<Direction>,
    subject: Option<String>,
    /// Required, at most 10 000 characters.
    description: String,
    /// When it happened.
    date: DateTime<Utc>,
}

/// List correspondence, newest first.
#[utoipa::path(get, path = "/api/correspondences/", tag = "correspondence", security(("jwt" = [])),
    params(
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("lead" = Option<i64>, Query), ("contact" = Option<i64>, Query),
        ("type" = Option<String>, Query, description = "email, call or meeting (or a comma list)"),
        ("date_after" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive)"),
        ("date_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (the whole day)"),
        ("ordering" = Option<String>, Query, description = "date, created_at, type; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Correspondence>), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    _caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Correspondence>>> {
    let filter = CorrespondenceFilter {
        lead: params.id("lead"),
        contact: params.id("contact"),
        kinds: params.choices("type", CorrespondenceType::parse),
        date_after: params.datetime("date_after", false),
        date_before: params.datetime("date_before", true),
    };
    let order = params.ordering(db::correspondences::ORDERING, "-date", "correspondences.id");
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        Ok(db::correspondences::list(&state.db, &filter, &order, limit, offset).await?)
    })
    .await
}

/// Log an email, call or meeting.
#[utoipa::path(post, path = "/api/correspondences/", tag = "correspondence", security(("jwt" = [])),
    request_body = CorrespondenceWrite,
    responses((status = 201, body = Correspondence), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Correspondence>)> {
    let (changes, fields) = CorrespondenceChanges::parse(&body, false)?;
    fields.finish()?;
    Ok((
        StatusCode::CREATED,
        Json(db::correspondences::create(&state.db, &caller.actor, &changes).await?),
    ))
}

/// One correspondence entry.
#[utoipa::path(get, path = "/api/correspondences/{id}/", tag = "correspondence", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Correspondence), (status = 401, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Correspondence>> {
    Ok(Json(
        resource::require::<Correspondences, _>(&state.db.conn, id).await?,
    ))
}

async fn write(
    state: AppState,
    caller: CurrentUser,
    id: i64,
    body: serde_json::Value,
    partial: bool,
) -> ApiResult<Json<Correspondence>> {
    let (changes, fields) = CorrespondenceChanges::parse(&body, partial)?;
    fields.finish()?;
    Ok(Json(
        db::correspondences::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Replace a correspondence entry.
#[utoipa::path(put, path = "/api/correspondences/{id}/", tag = "correspondence", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = CorrespondenceWrite,
    responses((status = 200, body = Correspondence), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Correspondence>> {
    write(state, caller, id, body, false).await
}

/// Change a correspondence entry.
#[utoipa::path(patch, path = "/api/correspondences/{id}/", tag = "correspondence", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = CorrespondenceWrite,
    responses((status = 200, body = Correspondence), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn partial_update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Correspondence>> {
    write(state, caller, id, body, true).await
}

/// Delete a correspondence entry.
#[utoipa::path(delete, path = "/api/correspondences/{id}/", tag = "correspondence", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::correspondences::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
