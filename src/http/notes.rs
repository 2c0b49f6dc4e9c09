//! `/api/notes/`: notes on leads. The author is the caller; agents may change and delete
//! only their own notes, managers any.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::CurrentUser;
use crate::db::notes::Notes;
use crate::db::{self, resource};
use crate::domain::note::{Note, NoteChanges};
use crate::error::ApiResult;
use crate::state::AppState;

/// List notes, newest first.
#[utoipa::path(get, path = "/api/notes/", tag = "notes",
    operation_id = "notes_list", params(
        PageRequest,
        ("lead" = Option<i64>, Query),
        ("ordering" = Option<String>, Query, description = "created_at, updated_at; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Note>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
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
#[utoipa::path(post, path = "/api/notes/", tag = "notes",
    operation_id = "notes_create", request_body = NoteChanges,
    responses((status = 201, body = Note), (status = 400, body = ValidationErrors)))]
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
#[utoipa::path(get, path = "/api/notes/{id}/", tag = "notes",
    operation_id = "notes_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = Note), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Note>> {
    Ok(Json(
        resource::require::<Notes, _>(&state.db.conn, id).await?,
    ))
}

/// Replace a note, or with PATCH only the fields given (agents: their own notes only).
#[utoipa::path(method(put, patch), path = "/api/notes/{id}/", tag = "notes",
    operation_id = "notes_update", params(("id" = i64, Path)), request_body = NoteChanges,
    responses((status = 200, body = Note), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Note>> {
    let (changes, fields) = NoteChanges::parse(&body, partial)?;
    fields.finish()?;
    Ok(Json(
        db::notes::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a note (agents: their own notes only).
#[utoipa::path(delete, path = "/api/notes/{id}/", tag = "notes",
    operation_id = "notes_destroy", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::notes::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
