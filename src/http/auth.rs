//! `/api/auth/`: login, refresh, logout, me, change-password.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::docs::{ErrorDetail, ValidationErrors};
use super::extract::JsonBody;
use super::refresh_cookie::{self, Presented};
use crate::auth::extract::CurrentUser;
use crate::auth::session::{self, TokenPair};
use crate::db;
use crate::domain::fields::Fields;
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// `{"username", "password"}`; its schema is derived from `read` (`docs::bodies`).
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

impl LoginRequest {
    pub fn read(body: &Value) -> ApiResult<Self> {
        let [username, password] = required_strings(body, ["username", "password"])?;
        Ok(LoginRequest { username, password })
    }
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    pub access: String,
    pub refresh: String,
    pub user: User,
}

/// `{"refresh"}`, a refresh token, or `{}` to use the `crm_refresh` cookie; its schema is
/// derived from `read`.
pub struct RefreshRequest {
    pub refresh: Option<String>,
}

impl RefreshRequest {
    pub fn read(body: &Value) -> ApiResult<Self> {
        let mut f = Fields::new(body, false)?;
        let refresh = f.secret("refresh", false);
        if refresh.as_deref() == Some("") {
            f.error("refresh", crate::domain::fields::BLANK);
        }
        f.finish()?;
        Ok(RefreshRequest { refresh })
    }

    /// The token of the body, else of the cookie (see `refresh_cookie`).
    fn token(body: &Value, headers: &HeaderMap, state: &AppState) -> ApiResult<Presented> {
        let in_body = Self::read(body)?.refresh;
        refresh_cookie::presented(headers, &state.config, in_body)
    }
}

/// `{"old_password", "new_password"}`; its schema is derived from `read`.
pub struct ChangePasswordRequest {
    pub old_password: String,
    pub new_password: String,
}

impl ChangePasswordRequest {
    pub fn read(body: &Value) -> ApiResult<Self> {
        let [old_password, new_password] =
            required_strings(body, ["old_password", "new_password"])?;
        Ok(ChangePasswordRequest {
            old_password,
            new_password,
        })
    }
}

/// Reads required string fields of a body, for the small auth requests.
fn required_strings<const N: usize>(body: &Value, names: [&str; N]) -> ApiResult<[String; N]> {
    let mut f = Fields::new(body, false)?;
    let values = names.map(|n| f.secret(n, true));
    for (name, value) in names.iter().zip(&values) {
        if value.as_deref() == Some("") {
            f.error(name, crate::domain::fields::BLANK);
        }
    }
    f.finish()?;
    Ok(values.map(Option::unwrap_or_default))
}

/// Log in with a username and password.
///
/// The refresh token is also set as the `crm_refresh` cookie (`HttpOnly`, `SameSite=Strict`,
/// `Path=/api/auth/`) for the web app.
#[utoipa::path(post, path = "/api/auth/login/", tag = "auth",
    operation_id = "auth_login", request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse, headers(("Set-Cookie" = String, description = "`crm_refresh`: the refresh token"))),
        (status = 400, body = ValidationErrors),
        (status = 401, body = ErrorDetail, description = "Wrong credentials or inactive user"),
        (status = 429, body = ErrorDetail, description = "Too many failed attempts from this address (for this username, or in all); see Retry-After"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let LoginRequest { username, password } = LoginRequest::read(&body)?;
    let (pair, user) =
        session::login(state.sessions(), username.trim(), password, peer.ip()).await?;
    let cookie = refresh_cookie::set(&state.config, &pair.refresh, pair.refresh_expires_at);
    let body = LoginResponse {
        access: pair.access,
        refresh: pair.refresh,
        user,
    };
    Ok(([(SET_COOKIE, cookie)], Json(body)).into_response())
}

/// Exchange a refresh token for a new access and refresh token (the old one is rotated out).
///
/// `refresh` is required in the body unless the `crm_refresh` cookie is sent: without it, the
/// cookie's token is used; such a request is refused when its `Origin` is not the server's
/// own, `CRM_PUBLIC_URL`'s or a CORS origin, and its answer's `refresh` is `""` (the new token
/// is only in the cookie, out of reach of the page's scripts).
#[utoipa::path(post, path = "/api/auth/refresh/", tag = "auth",
    operation_id = "auth_refresh", request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenPair, description = "The new tokens; `refresh` is `\"\"` when the cookie's token was used", headers(("Set-Cookie" = String, description = "`crm_refresh`: the new refresh token"))),
        (status = 400, body = ValidationErrors, description = "Invalid body, or `refresh` neither in the body nor in the cookie"),
        (status = 401, body = ErrorDetail, description = "Invalid, expired, revoked or reused token (a refused cookie is cleared)"),
        (status = 403, body = ErrorDetail, description = "The cookie was sent from a foreign origin"),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Response {
    let Presented { token, from_cookie } = match RefreshRequest::token(&body, &headers, &state) {
        Ok(presented) => presented,
        Err(err) => return err.into_response(),
    };
    match session::refresh(state.sessions(), &token).await {
        Ok(mut pair) => {
            let cookie = refresh_cookie::set(&state.config, &pair.refresh, pair.refresh_expires_at);
            // HttpOnly would mean nothing if a script could read the cookie's successor here.
            if from_cookie {
                pair.refresh.clear();
            }
            ([(SET_COOKIE, cookie)], Json(pair)).into_response()
        }
        // A cookie that can never work again is dropped, so the browser stops sending it.
        Err(err) if from_cookie => {
            let clear = refresh_cookie::clear(&state.config);
            ([(SET_COOKIE, clear)], ApiError::from(err)).into_response()
        }
        Err(err) => ApiError::from(err).into_response(),
    }
}

/// End the session of a refresh token of the caller; its access tokens stop working at once.
///
/// The token is the body's `refresh` (required unless the `crm_refresh` cookie is sent), else
/// the cookie's (from an allowed `Origin` only). The cookie is cleared when its token was
/// used, even if the server refused it, or when it is of the body token's session; a cookie
/// of another session is left alone.
#[utoipa::path(post, path = "/api/auth/logout/", tag = "auth",
    operation_id = "auth_logout", request_body = RefreshRequest,
    responses(
        (status = 204, description = "Revoked", headers(("Set-Cookie" = String, description = "`crm_refresh` cleared (see above)"))),
        (status = 400, body = ValidationErrors, description = "Invalid body, or `refresh` neither in the body nor in the cookie"),
        (status = 401, body = ErrorDetail, description = "Invalid or expired token, or another user's (a used cookie is cleared all the same)"),
        (status = 403, body = ErrorDetail, description = "The cookie was sent from a foreign origin"),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Response {
    let Presented { token, from_cookie } = match RefreshRequest::token(&body, &headers, &state) {
        Ok(presented) => presented,
        Err(err) => return err.into_response(),
    };
    // A browser that asked to end its cookie's session loses the cookie whatever the server
    // answers; an API client's logout does not sign out a browser of another session.
    let clears = from_cookie
        || refresh_cookie::read(&headers)
            .is_some_and(|cookie| session::same_session(&state.jwt, &cookie, &token));
    let mut response = match session::logout(state.sessions(), user.id(), &token).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(err) => ApiError::from(err).into_response(),
    };
    if clears {
        let clear = refresh_cookie::clear(&state.config);
        response.headers_mut().insert(SET_COOKIE, clear);
    }
    response
}

/// The caller's record, with the secret URL of their calendar feed.
#[derive(Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    pub calendar_url: String,
}

/// The caller's own user record.
#[utoipa::path(get, path = "/api/auth/me/", tag = "auth",
    operation_id = "auth_me", responses((status = 200, body = Me)))]
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
#[utoipa::path(post, path = "/api/auth/change-password/", tag = "auth",
    operation_id = "auth_change_password", request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, body = ValidationErrors),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(body): JsonBody,
) -> ApiResult<StatusCode> {
    let passwords = ChangePasswordRequest::read(&body)?;
    let (old, new) = (passwords.old_password, passwords.new_password);
    session::change_password(state.sessions(), &user.actor, &user.session, old, new).await?;
    Ok(StatusCode::NO_CONTENT)
}
