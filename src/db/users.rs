//! Users: SQL and the transactions that change them (each with its audit entry).

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};

use super::resource::{self, Resource};
use super::sql::{Sql, sql};
use super::{Db, DbErr, DbError, WriteResult, now};
use crate::domain::Actor;
use crate::domain::user::{self, Role, User, UserChanges, full_name};

const COLUMNS: &str = "users.id, users.username, users.email, users.first_name, \
    users.last_name, users.role, users.is_active, users.password_hash, users.date_joined, \
    users.last_login, users.created_at, users.updated_at";

pub struct Users;

impl Resource for Users {
    const TABLE: &'static str = "users";
    const ENTITY: &'static str = "user";
    const COLUMNS: &'static str = COLUMNS;
    const FROM: &'static str = "users";
    type Row = UserRow;
    /// Never the password hash: the audit trail records this.
    type View = User;

    fn view(row: UserRow) -> User {
        row.to_user()
    }

    fn id(view: &User) -> i64 {
        view.id
    }
}

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

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<UserRow>, DbError> {
    sql(
        &format!("SELECT {COLUMNS} FROM users WHERE id = $1"),
        [id.into()],
    )
    .one(db)
    .await
    .map_err(DbError::from)
}

/// Checks, inside a write that names user `id` as its `field` (an assignee, a recipient),
/// that the user may be chosen (`user::check_assignable`). On PostgreSQL the row stays
/// share-locked until the write ends, so a deactivation at the same moment either comes
/// first and is seen, or waits; SQLite's write transactions already take turns.
pub async fn require_assignable<C: ConnectionTrait>(
    txn: &C,
    field: &str,
    id: i64,
) -> WriteResult<()> {
    let lock = if txn.get_database_backend() == DbBackend::Postgres {
        " FOR SHARE"
    } else {
        ""
    };
    let found: Option<UserRow> = sql(
        &format!("SELECT {COLUMNS} FROM users WHERE id = $1{lock}"),
        [id.into()],
    )
    .one(txn)
    .await
    .map_err(DbError::from)?;
    user::check_assignable(field, id, found.map(|u| u.to_user()).as_ref())?;
    Ok(())
}

pub async fn by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<UserRow>, DbError> {
    sql(
        &format!("SELECT {COLUMNS} FROM users WHERE username = $1"),
        [username.into()],
    )
    .one(db)
    .await
    .map_err(DbError::from)
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
) -> Result<(i64, Vec<UserRow>), DbError> {
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
    super::sql::page(&db.conn, COLUMNS, &q, order, limit, offset)
        .await
        .map_err(DbError::from)
}

/// Creates a user (with an already hashed password) and its audit entry. A username taken
/// meanwhile is refused by the unique index (`DbError::Conflict`), which both backends
/// enforce even under concurrent creates.
pub async fn create(
    db: &Db,
    actor: &Actor,
    changes: &UserChanges,
    hash: &str,
) -> Result<User, DbError> {
    let txn = db.begin_write().await?;
    let user = resource::create::<Users, _>(
        &txn,
        actor,
        &[
            "username",
            "email",
            "first_name",
            "last_name",
            "role",
            "is_active",
            "password_hash",
            "date_joined",
        ],
        vec![
            changes.username.clone().unwrap_or_default().into(),
            changes.email.clone().unwrap_or_default().into(),
            changes.first_name.clone().unwrap_or_default().into(),
            changes.last_name.clone().unwrap_or_default().into(),
            changes.role.unwrap_or(Role::Agent).as_str().into(),
            changes.is_active.unwrap_or(true).into(),
            hash.into(),
            now().into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// Applies `changes` (and a new password hash, if any) to user `id` under the rules of
/// `user::check_update`, with its audit entry. A new password or a deactivation ends the
/// user's sessions, except `keep_session`.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    changes: &UserChanges,
    new_hash: Option<&str>,
    keep_session: Option<&str>,
) -> WriteResult<User> {
    let txn = db.begin_write().await?;
    let before = resource::require_locked::<Users, _>(&txn, id).await?;
    user::check_update(actor, &before, changes)?;
    let after = resource::update::<Users, _>(&txn, actor, &before, |q| {
        q.set("username", changes.username.clone())
            .set("email", changes.email.clone())
            .set("first_name", changes.first_name.clone())
            .set("last_name", changes.last_name.clone())
            .set("role", changes.role.map(Role::as_str))
            .set("is_active", changes.is_active)
            .set("password_hash", new_hash);
    })
    .await?;
    if new_hash.is_some() || !after.is_active {
        super::tokens::revoke_user(&txn, id, keep_session).await?;
    }
    txn.commit().await?;
    Ok(after)
}

pub async fn touch_last_login<C: ConnectionTrait>(db: &C, id: i64) -> Result<(), DbError> {
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
) -> Result<bool, DbError> {
    // Looked up first so that a second run does not spend ids on refused inserts; the
    // unique index still settles a race.
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
    match create(db, &Actor::system(), &changes, hash).await {
        Ok(_) => Ok(true),
        Err(DbError::Conflict { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The user's calendar feed token, created on first use.
pub async fn calendar_token(db: &Db, id: i64) -> Result<String, DbError> {
    sql(
        "UPDATE users SET calendar_token = $1 WHERE id = $2 AND calendar_token IS NULL",
        [crate::util::random_hex(24).into(), id.into()],
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
    row.try_get_by_index(0).map_err(DbError::from)
}

/// Replaces the user's calendar token (the old feed URL stops working); returns the new one.
pub async fn rotate_calendar_token(db: &Db, id: i64) -> Result<String, DbError> {
    let token = crate::util::random_hex(24);
    sql(
        "UPDATE users SET calendar_token = $1 WHERE id = $2",
        [token.clone().into(), id.into()],
    )
    .execute(&db.conn)
    .await?;
    Ok(token)
}

/// The active user a calendar token belongs to.
pub async fn by_calendar_token(db: &Db, token: &str) -> Result<Option<UserRow>, DbError> {
    Ok(sql(
        &format!("SELECT {COLUMNS} FROM users WHERE calendar_token = $1"),
        [token.into()],
    )
    .one::<UserRow, _>(&db.conn)
    .await?
    .filter(|u| u.is_active))
}
