//! Login sessions: issuing token pairs, refresh with rotation and reuse detection, logout,
//! and password change.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;

use super::alert::AccountMail;
use super::error::{AuthError, AuthResult};
use super::jwt::{ACCESS, JwtKeys, REFRESH, claims};
use super::throttle::LoginThrottle;
use super::{password, random_hex};
use crate::config::Config;
use crate::db::{self, Db, DbError, now, tokens, users::UserRow};
use crate::domain::FieldErrors;
use crate::domain::user::{User, UserChanges, check_password};

/// What sessions need of the application, borrowed for one call.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub db: &'a Db,
    pub config: &'a Arc<Config>,
    pub jwt: &'a JwtKeys,
    pub throttle: &'a LoginThrottle,
    /// Where the failed sign-in alerts go.
    pub mail: &'a Arc<AccountMail>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access: String,
    pub refresh: String,
    /// When the refresh token expires (Unix time), for the cookie's lifetime.
    #[serde(skip)]
    pub refresh_expires_at: i64,
}

const BAD_CREDENTIALS: &str = "No active account found with the given credentials";
const BAD_REFRESH: &str = "Token is invalid or expired";

/// Issues an access token and a refresh token (recorded in `conn`) for a session.
async fn issue<C: ConnectionTrait>(
    conn: &C,
    cx: Context<'_>,
    user: &UserRow,
    session: &str,
    session_ends: DateTime<Utc>,
) -> AuthResult<TokenPair> {
    let issued = now();
    let config = cx.config;
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
        access: cx.jwt.issue(&access)?,
        refresh: cx.jwt.issue(&refresh)?,
        refresh_expires_at: refresh_expires.timestamp(),
    })
}

/// Checks the credentials (throttled: see `throttle.rs`) and starts a session.
pub async fn login(
    cx: Context<'_>,
    username: &str,
    password_text: String,
    address: IpAddr,
) -> AuthResult<(TokenPair, User)> {
    let attempt = cx
        .throttle
        .begin(username, address)
        .map_err(|retry_after_secs| AuthError::Throttled { retry_after_secs })?;
    if !attempt.delay.is_zero() {
        tokio::time::sleep(attempt.delay).await;
    }
    let user = db::users::by_username(&cx.db.conn, username).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let verified = password::verify(hash, password_text).await?;
    let user = match user {
        Some(user) if verified && user.is_active => user,
        _ => {
            if let Some(alert) = cx.throttle.failed(attempt) {
                super::alert::notify(cx.db, cx.mail, cx.config, username, alert);
            }
            return Err(AuthError::Unauthorized(BAD_CREDENTIALS.into()));
        }
    };
    cx.throttle.succeeded(attempt);
    db::users::touch_last_login(&cx.db.conn, user.id).await?;
    let session = random_hex(16);
    let session_ends = now() + cx.config.refresh_absolute_ttl;
    let pair = issue(&cx.db.conn, cx, &user, &session, session_ends).await?;
    let user = db::users::get(&cx.db.conn, user.id)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok((pair, user.to_user()))
}

/// Exchanges a refresh token for a new pair. A token can be used once; using it again
/// revokes every token of its session (a thief and the owner cannot both go on).
pub async fn refresh(cx: Context<'_>, token: &str) -> AuthResult<TokenPair> {
    let claims = cx.jwt.verify(token, REFRESH)?;
    let txn = cx.db.begin_write().await?;
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
        return Err(AuthError::Unauthorized(BAD_REFRESH.into()));
    };
    let user = db::users::get(&txn, row.user_id)
        .await?
        .filter(|u| u.is_active);
    let Some(user) = user else {
        txn.commit().await?;
        return Err(AuthError::Unauthorized(BAD_REFRESH.into()));
    };
    let pair = issue(&txn, cx, &user, &row.family_id, row.family_expires_at).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Ends the session of one refresh token of the caller: its refresh tokens are revoked,
/// and with them the session's access tokens.
pub async fn logout(cx: Context<'_>, user_id: i64, token: &str) -> AuthResult<()> {
    let claims = cx.jwt.verify(token, REFRESH)?;
    if claims.user_id() != Some(user_id) {
        return Err(AuthError::Unauthorized(BAD_REFRESH.into()));
    }
    tokens::revoke_session(&cx.db.conn, &claims.sid, user_id).await?;
    Ok(())
}

/// Whether two refresh tokens (still valid) belong to the same session: a logout by the
/// body's token clears the cookie only when the cookie is of that session.
pub fn same_session(jwt: &JwtKeys, a: &str, b: &str) -> bool {
    match (jwt.verify(a, REFRESH), jwt.verify(b, REFRESH)) {
        (Ok(a), Ok(b)) => a.sid == b.sid,
        _ => false,
    }
}

/// Changes the caller's password after checking the old one; the caller's other sessions
/// end.
pub async fn change_password(
    cx: Context<'_>,
    actor: &crate::domain::Actor,
    session: &str,
    old: String,
    new: String,
) -> AuthResult<()> {
    let id = actor.id.ok_or(AuthError::Forbidden)?;
    let user = db::users::get(&cx.db.conn, id)
        .await?
        .ok_or(DbError::NotFound)?;
    let mut errors = FieldErrors::new();
    if let Err(message) = check_password(&new) {
        errors.insert("new_password".into(), vec![message]);
    }
    if !password::verify(Some(user.password_hash.clone()), old).await? {
        errors.insert("old_password".into(), vec!["Wrong password.".into()]);
    }
    if !errors.is_empty() {
        return Err(AuthError::Invalid(errors));
    }
    let hash = password::hash(new).await?;
    db::users::update(
        cx.db,
        actor,
        id,
        &UserChanges::default(),
        Some(&hash),
        Some(session),
    )
    .await?;
    Ok(())
}
