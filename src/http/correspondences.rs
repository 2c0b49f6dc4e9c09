//! `/api/correspondences/`: the log of emails, calls and meetings, newest first.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::CurrentUser;
use crate::db::correspondences::{CorrespondenceFilter, Correspondences};
use crate::db::{self, resource};
use crate::domain::correspondence::{Correspondence, CorrespondenceChanges, CorrespondenceType};
use crate::error::ApiResult;
use crate::state::AppState;

/// List correspondence, newest first.
#[utoipa::path(get, path = "/api/correspondences/", tag = "correspondence",
    operation_id = "correspondences_list", params(
        PageRequest,
        ("lead" = Option<i64>, Query), ("contact" = Option<i64>, Query),
        ("type" = Option<String>, Query, description = "email, call or meeting (or a comma list)"),
        ("date_after" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (inclusive)"),
        ("date_before" = Option<String>, Query, description = "RFC 3339 or YYYY-MM-DD (the whole day)"),
        ("ordering" = Option<String>, Query, description = "date, created_at, type; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Correspondence>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
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
#[utoipa::path(post, path = "/api/correspondences/", tag = "correspondence",
    operation_id = "correspondences_create", request_body = CorrespondenceChanges,
    responses((status = 201, body = Correspondence), (status = 400, body = ValidationErrors)))]
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
#[utoipa::path(get, path = "/api/correspondences/{id}/", tag = "correspondence",
    operation_id = "correspondences_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = Correspondence), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Correspondence>> {
    Ok(Json(
        resource::require::<Correspondences, _>(&state.db.conn, id).await?,
    ))
}

/// Replace a correspondence entry, or with PATCH only the fields given.
#[utoipa::path(method(put, patch), path = "/api/correspondences/{id}/", tag = "correspondence",
    operation_id = "correspondences_update",
    params(("id" = i64, Path)), request_body = CorrespondenceChanges,
    responses((status = 200, body = Correspondence), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Correspondence>> {
    let (changes, fields) = CorrespondenceChanges::parse(&body, partial)?;
    fields.finish()?;
    Ok(Json(
        db::correspondences::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a correspondence entry.
#[utoipa::path(delete, path = "/api/correspondences/{id}/", tag = "correspondence",
    operation_id = "correspondences_destroy", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::correspondences::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
