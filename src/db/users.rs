//! Users: SQL and the transactions that change them (each with its audit entry).

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::sql::{Sql, sql};
use super::{Db, DbErr, now};
use crate::audit::{self, Action};
use crate::domain::Actor;
use crate::domain::user::{Role, User, UserChanges, full_name};
use crate::error::{ApiError, ApiResult};

const COLUMNS: &str = "id, username, email, first_name, last_name, role, is_active, password_hash, \
                       date_joined, last_login, created_at, updated_at";

pub const ORDERING: &[(&str, &str)] = &[
    ("username", "username"),
    ("first_name", "first_name"),
    ("last_name", "last_name"),
    ("date_joined", "date_joined"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
];

/// What agents may order by: only what they are shown.
pub const BRIEF_ORDERING: &[(&str, &str)] = &[
    ("id", "id"),
    ("username", "username"),
    ("first_name", "first_name"),
    ("last_name", "last_name"),
];

#[derive(Debug, Clone, FromQueryResult)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub is_active: bool,
    pub password_hash: String,
    pub date_joined: DateTime<Utc>,
    pub last_login: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Agent)
    }

    pub fn to_user(&self) -> User {
        User {
            id: self.id,
            username: self.username.clone(),
            email: self.email.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            full_name: full_name(&self.first_name, &self.last_name),
            role: self.role(),
            is_active: self.is_active,
            date_joined: self.date_joined,
            last_login: self.last_login,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            id: Some(self.id),
            username: self.username.clone(),
            role: self.role(),
        }
    }
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<UserRow>, DbErr> {
    sql(
        &format!("SELECT {COLUMNS} FROM users WHERE id = $1"),
        [id.into()],
    )
    .one(db)
    .await
}

pub async fn by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<UserRow>, DbErr> {
    sql(
        &format!("SELECT {COLUMNS} FROM users WHERE username = $1"),
        [username.into()],
    )
    .one(db)
    .await
}

#[derive(Debug, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    pub search: Option<String>,
    /// Whether the search also matches the email (not for agents, who are not shown it).
    pub search_email: bool,
}

pub async fn list(
    db: &Db,
    filter: &UserFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<UserRow>), DbErr> {
    let mut q = Sql::new("FROM users WHERE 1 = 1");
    if let Some(role) = filter.role {
        q.push(" AND role = ").bind(role.as_str());
    }
    if let Some(active) = filter.is_active {
        q.push(" AND is_active = ").bind(active);
    }
    if let Some(term) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = format!(
            "%{}%",
            super::search::escape_like(&term.trim().to_lowercase())
        );
        let p = q.param(pattern);
        let email = if filter.search_email {
            format!(" OR email LIKE {p} ESCAPE '\\'")
        } else {
            String::new()
        };
        q.push(&format!(
            " AND (LOWER(username) LIKE {p} ESCAPE '\\' OR LOWER(first_name) LIKE {p} ESCAPE '\\' \
             OR LOWER(last_name) LIKE {p} ESCAPE '\\'{email})"
        ));
    }
    super::sql::page(&db.conn, COLUMNS, &q, order, limit, offset).await
}

/// Creates a user (with an already hashed password) and its audit entry.
pub async fn create(db: &Db, actor: &Actor, changes: &UserChanges, hash: &str) -> ApiResult<User> {
    let txn = db.begin_write().await?;
    let username = changes.username.clone().unwrap_or_default();
    if by_username(&txn, &username).await?.is_some() {
        return Err(ApiError::field(
            "username",
            "A user with that username already exists.",
        ));
    }
    let ts = now();
    let row: UserRow = sql(
        &format!(
            "INSERT INTO users (username, email, first_name, last_name, role, is_active, \
             password_hash, date_joined, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING {COLUMNS}"
        ),
        [
            username.into(),
            changes.email.clone().unwrap_or_default().into(),
            changes.first_name.clone().unwrap_or_default().into(),
            changes.last_name.clone().unwrap_or_default().into(),
            changes.role.unwrap_or(Role::Agent).as_str().into(),
            changes.is_active.unwrap_or(true).into(),
            hash.into(),
            ts.into(),
        ],
    )
    .one(&txn)
    .await?
    .ok_or_else(|| DbErr::RecordNotInserted)?;
    let user = row.to_user();
    audit::record(
        &txn,
        actor,
        Action::Create,
        "user",
        user.id,
        None,
        Some(&user),
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// Applies `changes` (and a new password hash, if any) to user `id`, with its audit entry.
/// `guard` sees the stored user before anything is written and may refuse the change. A new
/// password or a deactivation ends the user's sessions, except `keep_session`.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    changes: &UserChanges,
    new_hash: Option<&str>,
    keep_session: Option<&str>,
    guard: impl FnOnce(&UserRow) -> ApiResult<()>,
) -> ApiResult<User> {
    let txn = db.begin_write().await?;
    let before = get(&txn, id).await?.ok_or_else(ApiError::not_found)?;
    guard(&before)?;
    if let Some(username) = &changes.username
        && *username != before.username
        && by_username(&txn, username).await?.is_some()
    {
        return Err(ApiError::field(
            "username",
            "A user with that username already exists.",
        ));
    }
    let mut q = Sql::new("UPDATE users SET updated_at = ");
    q.bind(now());
    q.set("username", changes.username.clone())
        .set("email", changes.email.clone())
        .set("first_name", changes.first_name.clone())
        .set("last_name", changes.last_name.clone())
        .set("role", changes.role.map(Role::as_str))
        .set("is_active", changes.is_active)
        .set("password_hash", new_hash);
    let p = q.param(id);
    q.push(&format!(" WHERE id = {p} RETURNING {COLUMNS}"));
    let after: UserRow = q.one(&txn).await?.ok_or_else(ApiError::not_found)?;
    let (before, after) = (before.to_user(), after.to_user());
    audit::record(
        &txn,
        actor,
        Action::Update,
        "user",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    if new_hash.is_some() || !after.is_active {
        super::tokens::revoke_user(&txn, id, keep_session).await?;
    }
    txn.commit().await?;
    Ok(after)
}

pub async fn touch_last_login<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbErr> {
    sql(
        "UPDATE users SET last_login = $1 WHERE id = $2",
        [now().into(), id.into()],
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Inserts a user unless the username exists; returns whether it was inserted. For seeding
/// and the command line (audited as the system).
pub async fn insert_if_missing(
    db: &Db,
    username: &str,
    email: &str,
    first_name: &str,
    last_name: &str,
    role: Role,
    hash: &str,
) -> ApiResult<bool> {
    if by_username(&db.conn, username).await?.is_some() {
        return Ok(false);
    }
    let changes = UserChanges {
        username: Some(username.into()),
        email: Some(email.into()),
        first_name: Some(first_name.into()),
        last_name: Some(last_name.into()),
        role: Some(role),
        is_active: Some(true),
        password: None,
    };
    create(db, &Actor::system(), &changes, hash).await?;
    Ok(true)
}

/// The user's calendar feed token, created on first use.
pub async fn calendar_token(db: &Db, id: i64) -> Result<String, DbErr> {
    sql(
        "UPDATE users SET calendar_token = $1 WHERE id = $2 AND calendar_token IS NULL",
        [crate::auth::random_hex(24).into(), id.into()],
    )
    .execute(&db.conn)
    .await?;
    let row = sql(
        "SELECT calendar_token FROM users WHERE id = $1",
        [id.into()],
    )
    .row(&db.conn)
    .await?
    .ok_or_else(|| DbErr::RecordNotFound(format!("user {id}")))?;
    row.try_get_by_index(0)
}

/// Replaces the user's calendar token (the old feed URL stops working); returns the new one.
pub async fn rotate_calendar_token(db: &Db, id: i64) -> Result<String, DbErr> {
    let token = crate::auth::random_hex(24);
    sql(
        "UPDATE users SET calendar_token = $1 WHERE id = $2",
        [token.clone().into(), id.into()],
    )
    .execute(&db.conn)
    .await?;
    Ok(token)
}

/// The active user a calendar token belongs to.
pub async fn by_calendar_token(db: &Db, token: &str) -> Result<Option<UserRow>, DbErr> {
    Ok(sql(
        &format!("SELECT {COLUMNS} FROM users WHERE calendar_token = $1"),
        [token.into()],
    )
    .one::<UserRow, _>(&db.conn)
    .await?
    .filter(|u| u.is_active))
}
