//! Request guards: `CurrentUser` (any active user with a valid access token) and
//! `Manager` (a current user whose role is manager). The user and the state of the token's
//! session are read from the database on every request, in one statement, so deactivation,
//! role changes and the end of a session (logout, reuse of a refresh token, a new password)
//! take effect at once.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::AuthError;
use super::jwt::{ACCESS, Claims, JwtKeys};
use crate::db::{self, Db};
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

impl<S> FromRequestParts<S> for CurrentUser
where
    S: Send + Sync,
    Db: FromRef<S>,
    Arc<JwtKeys>: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let claims: Claims = Arc::<JwtKeys>::from_ref(state).verify(bearer(parts)?, ACCESS)?;
        let db = Db::from_ref(state);
        let id = claims
            .user_id()
            .ok_or_else(|| ApiError::Unauthorized("Invalid token.".into()))?;
        let found = db::sessions::user_with_session(&db.conn, id, &claims.sid)
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

impl<S> FromRequestParts<S> for Manager
where
    S: Send + Sync,
    Db: FromRef<S>,
    Arc<JwtKeys>: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if !user.actor.is_manager() {
            return Err(ApiError::Forbidden);
        }
        Ok(Manager(user))
    }
}

/// Auth decides in its own terms; the HTTP edge, here, says how each answer looks.
impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Unauthorized(detail) => ApiError::Unauthorized(detail),
            AuthError::Throttled { retry_after_secs } => ApiError::Throttled { retry_after_secs },
            AuthError::Invalid(errors) => ApiError::Validation(errors),
            AuthError::Forbidden => ApiError::Forbidden,
            AuthError::Db(err) => err.into(),
            AuthError::Other(err) => ApiError::Internal(err),
        }
    }
}
