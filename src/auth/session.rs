//! Login sessions: issuing token pairs, refresh with rotation and reuse detection, logout,
//! and password change.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;

use super::jwt::{ACCESS, REFRESH, claims};
use super::{password, random_hex};
use crate::app::AppState;
use crate::db::{self, now, tokens, users::UserRow};
use crate::domain::user::{User, UserChanges, check_password};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access: String,
    pub refresh: String,
}

const BAD_CREDENTIALS: &str = "No active account found with the given credentials";
const BAD_REFRESH: &str = "Token is invalid or expired";

/// Issues an access token and a refresh token (recorded in `conn`) for a session.
async fn issue<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    user: &UserRow,
    session: &str,
    session_ends: DateTime<Utc>,
) -> ApiResult<TokenPair> {
    let issued = now();
    let config = &state.config;
    let access_expires = issued + config.access_ttl;
    let refresh_expires = (issued + config.refresh_ttl).min(session_ends);
    let role = user.role().as_str();
    let access = claims(
        user.id,
        role,
        ACCESS,
        session,
        random_hex(16),
        issued,
        access_expires,
    );
    let refresh_jti = random_hex(16);
    let refresh = claims(
        user.id,
        role,
        REFRESH,
        session,
        refresh_jti.clone(),
        issued,
        refresh_expires,
    );
    tokens::insert(
        conn,
        &refresh_jti,
        user.id,
        session,
        refresh_expires,
        session_ends,
    )
    .await?;
    Ok(TokenPair {
        access: state.jwt.issue(&access)?,
        refresh: state.jwt.issue(&refresh)?,
    })
}

/// Checks the credentials (throttled: see `throttle.rs`) and starts a session.
pub async fn login(
    state: &AppState,
    username: &str,
    password_text: String,
    address: IpAddr,
) -> ApiResult<(TokenPair, User)> {
    let attempt = state
        .throttle
        .begin(username, address)
        .map_err(|retry_after_secs| ApiError::Throttled { retry_after_secs })?;
    if !attempt.delay.is_zero() {
        tokio::time::sleep(attempt.delay).await;
    }
    let user = db::users::by_username(&state.db.conn, username).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let verified = password::verify(hash, password_text).await?;
    let user = match user {
        Some(user) if verified && user.is_active => user,
        _ => {
            if let Some(alert) = state.throttle.failed(attempt) {
                super::alert::notify(state, username, alert);
            }
            return Err(ApiError::Unauthorized(BAD_CREDENTIALS.into()));
        }
    };
    state.throttle.succeeded(attempt);
    db::users::touch_last_login(&state.db.conn, user.id).await?;
    let session = random_hex(16);
    let session_ends = now() + state.config.refresh_absolute_ttl;
    let pair = issue(&state.db.conn, state, &user, &session, session_ends).await?;
    let user = db::users::get(&state.db.conn, user.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((pair, user.to_user()))
}

/// Exchanges a refresh token for a new pair. A token can be used once; using it again
/// revokes every token of its session (a thief and the owner cannot both go on).
pub async fn refresh(state: &AppState, token: &str) -> ApiResult<TokenPair> {
    let claims = state.jwt.verify(token, REFRESH)?;
    let txn = state.db.begin_write().await?;
    let Some(row) = tokens::consume(&txn, &claims.jti).await? else {
        if let Some(known) = tokens::find(&txn, &claims.jti).await?
            && known.used_at.is_some()
        {
            let n = tokens::revoke_family(&txn, &known.family_id).await?;
            tracing::warn!(
                user = known.user_id,
                revoked = n,
                "refresh token reused; session revoked"
            );
        }
        txn.commit().await?;
        return Err(ApiError::Unauthorized(BAD_REFRESH.into()));
    };
    let user = db::users::get(&txn, row.user_id)
        .await?
        .filter(|u| u.is_active);
    let Some(user) = user else {
        txn.commit().await?;
        return Err(ApiError::Unauthorized(BAD_REFRESH.into()));
    };
    let pair = issue(&txn, state, &user, &row.family_id, row.family_expires_at).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Ends the session of one refresh token of the caller: its refresh tokens are revoked,
/// and with them the session's access tokens.
pub async fn logout(state: &AppState, user_id: i64, token: &str) -> ApiResult<()> {
    let claims = state.jwt.verify(token, REFRESH)?;
    if claims.user_id() != Some(user_id) {
        return Err(ApiError::Unauthorized(BAD_REFRESH.into()));
    }
    tokens::revoke_session(&state.db.conn, &claims.sid, user_id).await?;
    Ok(())
}

/// Changes the caller's password after checking the old one; the caller's other sessions
/// end.
pub async fn change_password(
    state: &AppState,
    actor: &crate::domain::Actor,
    session: &str,
    old: String,
    new: String,
) -> ApiResult<()> {
    let id = actor.id.ok_or(ApiError::Forbidden)?;
    let user = db::users::get(&state.db.conn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut errors = crate::error::FieldErrors::new();
    if let Err(message) = check_password(&new) {
        errors.insert("new_password".into(), vec![message]);
    }
    if !password::verify(Some(user.password_hash.clone()), old).await? {
        errors.insert("old_password".into(), vec!["Wrong password.".into()]);
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let hash = password::hash(new).await?;
    db::users::update(
        &state.db,
        actor,
        id,
        &UserChanges::default(),
        Some(&hash),
        Some(session),
        |_| Ok(()),
    )
    .await?;
    Ok(())
}
