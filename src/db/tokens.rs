//! Refresh tokens: one row per issued token, grouped by login (the family), so that a
//! token can be used once, and a reused one revokes its whole family.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::sql::{Sql, sql};
use super::{DbError, now};

#[derive(Debug, Clone, FromQueryResult)]
pub struct TokenRow {
    pub jti: String,
    pub user_id: i64,
    pub family_id: String,
    pub family_expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "jti, user_id, family_id, family_expires_at, used_at, revoked_at";

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    jti: &str,
    user_id: i64,
    family_id: &str,
    expires_at: DateTime<Utc>,
    family_expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    sql(
        "INSERT INTO refresh_tokens (jti, user_id, family_id, expires_at, family_expires_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        [
            jti.into(),
            user_id.into(),
            family_id.into(),
            expires_at.into(),
            family_expires_at.into(),
            now().into(),
        ],
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a live token used, atomically: of two concurrent calls, one gets the row.
pub async fn consume<C: ConnectionTrait>(db: &C, jti: &str) -> Result<Option<TokenRow>, DbError> {
    let ts = now();
    sql(
        &format!(
            "UPDATE refresh_tokens SET used_at = $1, updated_at = $1 \
             WHERE jti = $2 AND used_at IS NULL AND revoked_at IS NULL \
             AND expires_at > $1 AND family_expires_at > $1 RETURNING {COLUMNS}"
        ),
        [ts.into(), jti.into()],
    )
    .one(db)
    .await
    .map_err(DbError::from)
}

pub async fn find<C: ConnectionTrait>(db: &C, jti: &str) -> Result<Option<TokenRow>, DbError> {
    sql(
        &format!("SELECT {COLUMNS} FROM refresh_tokens WHERE jti = $1"),
        [jti.into()],
    )
    .one(db)
    .await
    .map_err(DbError::from)
}

pub async fn revoke_family<C: ConnectionTrait>(db: &C, family_id: &str) -> Result<u64, DbError> {
    let ts = now();
    sql(
        "UPDATE refresh_tokens SET revoked_at = $1, updated_at = $1 \
         WHERE family_id = $2 AND revoked_at IS NULL",
        [ts.into(), family_id.into()],
    )
    .execute(db)
    .await
    .map_err(DbError::from)
}

/// Revokes every live token of a user, except those of the `keep` family.
pub async fn revoke_user<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, DbError> {
    let mut q = Sql::new("UPDATE refresh_tokens SET revoked_at = $1, updated_at = $1");
    q.values.push(now().into());
    q.push(" WHERE revoked_at IS NULL AND user_id = ")
        .bind(user_id);
    if let Some(family) = keep {
        q.push(" AND family_id <> ").bind(family);
    }
    q.execute(db).await.map_err(DbError::from)
}

/// Revokes every live token of session `family_id` of `user_id` (logout): the session and
/// its access tokens end.
pub async fn revoke_session<C: ConnectionTrait>(
    db: &C,
    family_id: &str,
    user_id: i64,
) -> Result<u64, DbError> {
    let ts = now();
    sql(
        "UPDATE refresh_tokens SET revoked_at = $1, updated_at = $1 \
         WHERE family_id = $2 AND user_id = $3 AND revoked_at IS NULL",
        [ts.into(), family_id.into(), user_id.into()],
    )
    .execute(db)
    .await
    .map_err(DbError::from)
}
