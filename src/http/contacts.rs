//! `/api/contacts/`: contacts of leads; agents cannot delete them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::{CurrentUser, Manager};
use crate::db::contacts::{ContactFilter, Contacts};
use crate::db::{self, resource};
use crate::domain::contact::{Contact, ContactChanges};
use crate::error::ApiResult;
use crate::state::AppState;

/// List contacts.
#[utoipa::path(get, path = "/api/contacts/", tag = "contacts",
    operation_id = "contacts_list", params(
        PageRequest,
        ("lead" = Option<i64>, Query), ("is_primary" = Option<bool>, Query),
        ("search" = Option<String>, Query, description = "Every word must appear in the name, email, phone or position"),
        ("ordering" = Option<String>, Query, description = "first_name, last_name, created_at; prefix - for descending"),
    ),
    responses((status = 200, body = Page<Contact>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    _caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<Contact>>> {
    let filter = ContactFilter {
        lead: params.id("lead"),
        is_primary: params.boolean("is_primary"),
        search: params.get("search").map(str::to_string),
    };
    let order = params.ordering(db::contacts::ORDERING, "-created_at", "contacts.id");
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        Ok(db::contacts::list(&state.db, &filter, &order, limit, offset).await?)
    })
    .await
}

/// Add a contact to a lead.
#[utoipa::path(post, path = "/api/contacts/", tag = "contacts",
    operation_id = "contacts_create", request_body = ContactChanges,
    responses((status = 201, body = Contact), (status = 400, body = ValidationErrors)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<Contact>)> {
    let (changes, fields) = ContactChanges::parse(&body, false)?;
    fields.finish()?;
    let contact = db::contacts::create(&state.db, &caller.actor, &changes).await?;
    Ok((StatusCode::CREATED, Json(contact)))
}

/// One contact.
#[utoipa::path(get, path = "/api/contacts/{id}/", tag = "contacts",
    operation_id = "contacts_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = Contact), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    _caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<Contact>> {
    Ok(Json(
        resource::require::<Contacts, _>(&state.db.conn, id).await?,
    ))
}

/// Replace a contact's fields, or with PATCH only those given.
///
/// `{"is_primary": true}` makes it the lead's primary contact.
#[utoipa::path(method(put, patch), path = "/api/contacts/{id}/", tag = "contacts",
    operation_id = "contacts_update", params(("id" = i64, Path)), request_body = ContactChanges,
    responses((status = 200, body = Contact), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<Contact>> {
    let (changes, fields) = ContactChanges::parse(&body, partial)?;
    fields.finish()?;
    Ok(Json(
        db::contacts::update(&state.db, &caller.actor, id, &changes).await?,
    ))
}

/// Delete a contact (managers). Its correspondence stays, with `contact` null.
#[utoipa::path(delete, path = "/api/contacts/{id}/", tag = "contacts",
    operation_id = "contacts_destroy", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn destroy(
    State(state): State<AppState>,
    Manager(caller): Manager,
    PathId(id): PathId,
) -> ApiResult<StatusCode> {
    db::contacts::delete(&state.db, &caller.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
