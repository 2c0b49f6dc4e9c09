//! `/api/notes/`: notes on leads. The author is the caller; agents may change and delete
//! only their own notes, managers any.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, PathId};
use super::pagination::{ListUrl, Page, paged};
use crate::app::AppState;
use crate::auth::extract::CurrentUser;
use crate::db::notes::Notes;
use crate::db::{self, resource};
use crate::domain::note::{Note, NoteChanges};
use crate::error::ApiResult;

/// Documentation of a note create/update body.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct NoteWrite {
    lead: i64,
    /// Required, at most 10 000 characters.
    content: String,
}

/// List notes, newest first.
#[utoipa::path(get, path = "/api/notes/", tag = "notes", security(("jwt" = [])),
    params(
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query), ("lead" = Option<i64>, Query),
        ("ordering" = Option<String>, Query, description = "created_at, updated_at; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Note>), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    _caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Note>>> {
    let lead = params.id("lead");
    let order = params.ordering(db::notes::ORDERING, "-created_at", "notes.id");
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        Ok(db::notes::list(&state.db, lead, &order, limit, offset).await?)
    })
    .await
}

/// Add a note to a lead; the caller is its author.
#[utoipa::path(post, path = "/api/notes/", tag = "notes", security(("jwt" = [])),
    request_body = NoteWrite,
    responses((status = 201, body = Note), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Note>)> {
    let (changes, fields) = NoteChanges::parse(&body, false)?;
    fields.finish()?;
    Ok((
        StatusCode::CREATED,
        Json(db::notes::create(&state.db, &caller.actor, &changes).await?),
    ))
}

/// One note.
#[utoipa::path(get, path = "/api/notes/{id}/", tag = "notes", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Note), (status = 401, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Note>> {
    Ok(Json(
        resource::require::<Notes, _>(&state.db.conn, id).await?,
    ))
}

async fn write(
    state: AppState,
    caller: CurrentUser,
    id: i64,
    body: serde_json::Value,
    partial: bool,
) -> ApiResult<Json<Note>> {
    let (changes, fields) = NoteChanges::parse(&body, partial)?;
    fields.finish()?;
    Ok(Json(
        db::notes::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Replace a note (agents: their own notes only).
#[utoipa::path(put, path = "/api/notes/{id}/", tag = "notes", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = NoteWrite,
    responses((status = 200, body = Note), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Note>> {
    write(state, caller, id, body, false).await
}

/// Change a note (agents: their own notes only).
#[utoipa::path(patch, path = "/api/notes/{id}/", tag = "notes", security(("jwt" = [])),
    params(("id" = i64, Path)), request_body = NoteWrite,
    responses((status = 200, body = Note), (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn partial_update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Note>> {
    write(state, caller, id, body, true).await
}

/// Delete a note (agents: their own notes only).
#[utoipa::path(delete, path = "/api/notes/{id}/", tag = "notes", security(("jwt" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 401, body = ErrorDetail),
        (status = 403, body = ErrorDetail), (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::notes::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
