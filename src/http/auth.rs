//! `/api/auth/`: login, refresh, logout, me, change-password.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::JsonBody;
use crate::app::AppState;
use crate::auth::extract::CurrentUser;
use crate::auth::session::{self, TokenPair};
use crate::db;
use crate::domain::fields::Fields;
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    pub access: String,
    pub refresh: String,
    pub user: User,
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    pub refresh: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub old_password: String,
    /// 12–128 characters.
    pub new_password: String,
}

/// Reads one required string field of a body, for the small auth requests.
fn required_string(body: &serde_json::Value, names: &[&str]) -> ApiResult<Vec<String>> {
    let mut f = Fields::new(body, false)?;
    let values: Vec<Option<String>> = names.iter().map(|n| f.secret(n, true)).collect();
    for (name, value) in names.iter().zip(&values) {
        if value.as_deref() == Some("") {
            f.error(name, crate::domain::fields::BLANK);
        }
    }
    f.finish()?;
    Ok(values.into_iter().map(Option::unwrap_or_default).collect())
}

/// Log in with a username and password.
#[utoipa::path(post, path = "/api/auth/login/", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail, description = "Wrong credentials or inactive user"),
        (status = 429, body = ErrorDetail, description = "Too many failed attempts from this address (for this username, or in all); see Retry-After"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<LoginResponse>> {
    let mut values = required_string(&body, &["username", "password"])?.into_iter();
    let (username, password) = (
        values.next().unwrap_or_default(),
        values.next().unwrap_or_default(),
    );
    let (pair, user) = session::login(&state, username.trim(), password, peer.ip()).await?;
    Ok(Json(LoginResponse {
        access: pair.access,
        refresh: pair.refresh,
        user,
    }))
}

/// Exchange a refresh token for a new access and refresh token (the old one is rotated out).
#[utoipa::path(post, path = "/api/auth/refresh/", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenPair),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail, description = "Invalid, expired, revoked or reused token"),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<TokenPair>> {
    let token = required_string(&body, &["refresh"])?.remove(0);
    Ok(Json(session::refresh(&state, &token).await?))
}

/// End the session of a refresh token of the caller; its access tokens stop working at once.
#[utoipa::path(post, path = "/api/auth/logout/", tag = "auth", request_body = RefreshRequest,
    security(("jwt" = [])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<StatusCode> {
    let token = required_string(&body, &["refresh"])?.remove(0);
    session::logout(&state, user.id(), &token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's record, with the secret URL of their calendar feed.
#[derive(Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    pub calendar_url: String,
}

/// The caller's own user record.
#[utoipa::path(get, path = "/api/auth/me/", tag = "auth", security(("jwt" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorDetail)))]
pub async fn me(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Json<Me>> {
    let row = db::users::get(&state.db.conn, user.id())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let token = db::users::calendar_token(&state.db, user.id()).await?;
    let calendar_url = super::calendar::calendar_url(&state, &token);
    Ok(Json(Me {
        user: row.to_user(),
        calendar_url,
    }))
}

/// Change the caller's password; the caller's other sessions are ended.
#[utoipa::path(post, path = "/api/auth/change-password/", tag = "auth", security(("jwt" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<StatusCode> {
    let mut values = required_string(&body, &["old_password", "new_password"])?.into_iter();
    let (old, new) = (
        values.next().unwrap_or_default(),
        values.next().unwrap_or_default(),
    );
    session::change_password(&state, &user.actor, &user.session, old, new).await?;
    Ok(StatusCode::NO_CONTENT)
}
