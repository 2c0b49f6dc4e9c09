//! Request guards: `CurrentUser` (any active user with a valid access token) and
//! `Manager` (a current user whose role is manager). The user and the state of the token's
//! session are read from the database on every request, in one statement, so deactivation,
//! role changes and the end of a session (logout, reuse of a refresh token, a new password)
//! take effect at once.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::jwt::{ACCESS, Claims};
use crate::app::AppState;
use crate::db;
use crate::domain::Actor;
use crate::error::ApiError;

pub struct CurrentUser {
    pub actor: Actor,
    /// The login session of the access token.
    pub session: String,
}

impl CurrentUser {
    pub fn id(&self) -> i64 {
        self.actor.id.unwrap_or_default()
    }
}

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let header = parts.headers.get(AUTHORIZATION).ok_or_else(|| {
        ApiError::Unauthorized("Authentication credentials were not provided.".into())
    })?;
    let value = header.to_str().map_err(|_| invalid_header())?;
    let (scheme, token) = value.trim().split_once(' ').ok_or_else(invalid_header)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(invalid_header());
    }
    Ok(token.trim())
}

fn invalid_header() -> ApiError {
    ApiError::Unauthorized("Authorization header must contain two space-delimited values".into())
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let claims: Claims = state.jwt.verify(bearer(parts)?, ACCESS)?;
        let id = claims
            .user_id()
            .ok_or_else(|| ApiError::Unauthorized("Invalid token.".into()))?;
        let found = db::sessions::user_with_session(&state.db.conn, id, &claims.sid)
            .await?
            .ok_or_else(|| ApiError::Unauthorized("User not found".into()))?;
        let user = found.user;
        if !user.is_active {
            return Err(ApiError::Unauthorized("User is inactive".into()));
        }
        if !found.session_live {
            return Err(ApiError::Unauthorized("Session has ended".into()));
        }
        Ok(CurrentUser {
            actor: user.actor(),
            session: claims.sid,
        })
    }
}

pub struct Manager(pub CurrentUser);

impl FromRequestParts<AppState> for Manager {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if !user.actor.is_manager() {
            return Err(ApiError::Forbidden);
        }
        Ok(Manager(user))
    }
}
