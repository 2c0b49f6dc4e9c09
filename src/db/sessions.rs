//! Login sessions as the request guard sees them. A session is the family of refresh
//! tokens descending from one login; it is live while it holds a refresh token that is
//! neither used nor revoked and its absolute end has not passed. Logout, reuse detection, a
//! password change and deactivation all revoke refresh tokens, so the same question ends the
//! session's access tokens at once, on every server sharing the database.

use sea_orm::{ConnectionTrait, FromQueryResult};

use super::sql::sql;
use super::users::UserRow;
use super::{DbError, now};

/// A user and whether the given session of theirs is still live.
#[derive(Debug, Clone)]
pub struct UserSession {
    pub user: UserRow,
    pub session_live: bool,
}

/// Loads user `id` and the state of their session `sid` in one statement: this runs on
/// every authenticated request, so it must not cost a second round trip.
pub async fn user_with_session<C: ConnectionTrait>(
    db: &C,
    id: i64,
    sid: &str,
) -> Result<Option<UserSession>, DbError> {
    // `users.*` rather than a column list: the row type reads the columns it knows, and the
    // table may gain others.
    let row = sql(
        "SELECT users.*, EXISTS (SELECT 1 FROM refresh_tokens t \
         WHERE t.family_id = $2 AND t.user_id = users.id \
         AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.family_expires_at > $3) \
         AS session_live FROM users WHERE users.id = $1",
        [id.into(), sid.into(), now().into()],
    )
    .row(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(UserSession {
        user: UserRow::from_query_result(&row, "")?,
        session_live: row.try_get("", "session_live")?,
    }))
}
