//! `/api/users/`: managers manage users; agents see the short list for assignment pickers.
//! Users are never deleted, only deactivated.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::{JsonBody, Params, Partial, PathId};
use super::pagination::{ListUrl, Page, PageRequest, paged};
use crate::auth::extract::{CurrentUser, Manager};
use crate::auth::password;
use crate::db::{self, users::UserFilter};
use crate::domain::user::{Role, User, UserBrief, UserChanges};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A user as the caller may see it: the whole record for managers, the short form for agents.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum UserView {
    Full(User),
    Brief(UserBrief),
}

fn view(user: User, caller: &CurrentUser) -> UserView {
    if caller.actor.is_manager() {
        UserView::Full(user)
    } else {
        UserView::Brief((&user).into())
    }
}

/// List users (agents get `id, username, full_name, role` only).
#[utoipa::path(get, path = "/api/users/", tag = "users",
    operation_id = "users_list", params(
        PageRequest,
        ("role" = Option<Role>, Query), ("is_active" = Option<bool>, Query),
        ("search" = Option<String>, Query, description = "Part of username, name or email"),
        ("ordering" = Option<String>, Query, description = "username, first_name, last_name, date_joined, created_at, updated_at; prefix - for descending"),
    ),
    responses((status = 200, body = Page<UserView>), (status = 400, body = ValidationErrors),
        (status = 404, body = ErrorDetail)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    url: ListUrl,
    mut params: Params,
) -> ApiResult<Json<Page<UserView>>> {
    // Agents filter, search and order only by what they are shown: `is_active` is not a
    // filter of theirs (ignored, like any unknown parameter), search skips the email.
    let manager = caller.actor.is_manager();
    let filter = UserFilter {
        role: params.choice("role", Role::parse),
        is_active: if manager {
            params.boolean("is_active")
        } else {
            None
        },
        search: params.get("search").map(str::to_string),
        search_email: manager,
    };
    let order = if manager {
        params.ordering(db::users::ORDERING, "-created_at", "id")
    } else {
        params.ordering(db::users::BRIEF_ORDERING, "-id", "id")
    };
    params.finish()?;
    paged(&params, &url, |limit, offset| async move {
        let (count, rows) = db::users::list(&state.db, &filter, &order, limit, offset).await?;
        Ok((
            count,
            rows.into_iter()
                .map(|r| view(r.to_user(), &caller))
                .collect(),
        ))
    })
    .await
}

/// One user.
#[utoipa::path(get, path = "/api/users/{id}/", tag = "users",
    operation_id = "users_retrieve", params(("id" = i64, Path)),
    responses((status = 200, body = UserView), (status = 404, body = ErrorDetail)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Json<UserView>> {
    let row = db::users::get(&state.db.conn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(view(row.to_user(), &caller)))
}

/// Create a user (managers).
#[utoipa::path(post, path = "/api/users/", tag = "users",
    operation_id = "users_create", request_body = UserChanges,
    responses((status = 201, body = User), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail)))]
pub async fn create(
    State(state): State<AppState>,
    Manager(caller): Manager,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<User>)> {
    let changes = UserChanges::parse(&body, true, false)?;
    let hash = password::hash(changes.password.clone().unwrap_or_default()).await?;
    let user = db::users::create(&state.db, &caller.actor, &changes, &hash).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Replace a user's fields, or with PATCH only those given (managers).
///
/// Deactivate a user with `is_active: false`.
#[utoipa::path(method(put, patch), path = "/api/users/{id}/", tag = "users",
    operation_id = "users_update", params(("id" = i64, Path)), request_body = UserChanges,
    responses((status = 200, body = User), (status = 400, body = ValidationErrors),
        (status = 403, body = ErrorDetail),
        (status = 404, body = ErrorDetail)))]
pub async fn update(
    State(state): State<AppState>,
    Manager(caller): Manager,
    PathId(id): PathId,
    Partial(partial): Partial,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<User>> {
    let changes = UserChanges::parse(&body, false, partial)?;
    let hash = match &changes.password {
        Some(p) => Some(password::hash(p.clone()).await?),
        None => None,
    };
    let is_self = caller.actor.id == Some(id);
    // A new password ends the user's sessions; a manager setting their own keeps the one
    // they are using, as change-password does.
    let keep_session = is_self.then_some(caller.session.as_str());
    let user = db::users::update(
        &state.db,
        &caller.actor,
        id,
        &changes,
        hash.as_deref(),
        keep_session,
    )
    .await?;
    Ok(Json(user))
}

/// Users are never deleted (deactivate them instead), but who may not even manage users
/// learns that first: 401 without a token, 403 for an agent, then 405 for a manager.
pub async fn destroy(_manager: Manager) -> ApiResult<StatusCode> {
    Err(ApiError::MethodNotAllowed("DELETE".into()))
}
