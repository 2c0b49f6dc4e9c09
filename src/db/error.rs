//! The database layer's own errors, mapped from the driver's where the query runs, for
//! both backends. A violated unique or foreign-key constraint names the field it guards
//! (one table, below), so that a race lost to another writer reads as the same field error
//! the domain would have given, never as a bug.

use std::fmt;

use sea_orm::{DbErr, RuntimeErr};

use super::fault::{self, Fault};
use crate::domain::DomainError;

#[derive(Debug)]
pub enum DbError {
    /// The row to read or change does not exist.
    NotFound,
    /// A unique constraint (PostgreSQL's name, or SQLite's `table.column`) was violated.
    Conflict { constraint: String },
    /// A foreign key was violated: a referenced row does not exist (SQLite does not say
    /// which key: `constraint` is then empty).
    ForeignKey { constraint: String },
    /// The database cannot be reached or is shutting down.
    Unavailable,
    /// The disk is full: nothing was saved.
    DiskFull,
    /// Anything else: a bug or a broken invariant.
    Other(DbErr),
}

/// Constraint → (field, message). PostgreSQL reports the constraint's name; SQLite reports
/// a unique violation as `table.column` and a foreign-key violation without any name.
const CONSTRAINTS: &[(&[&str], &str, &str)] = &[
    (
        &["users_username_key", "users.username"],
        "username",
        "A user with that username already exists.",
    ),
    (
        &["contacts_one_primary", "contacts.lead_id"],
        "is_primary",
        "The lead already has a primary contact.",
    ),
    (
        &[
            "contacts_lead_id_fkey",
            "notes_lead_id_fkey",
            "reminders_lead_id_fkey",
            "correspondences_lead_id_fkey",
        ],
        "lead",
        MISSING,
    ),
    (&["correspondences_contact_id_fkey"], "contact", MISSING),
    (&["reminders_recipient_id_fkey"], "recipient", MISSING),
    (&["leads_assigned_to_fkey"], "assigned_to", MISSING),
];

const MISSING: &str = "The object it refers to does not exist.";

impl DbError {
    /// The field and message a violated constraint stands for, if it guards a field the
    /// caller chose.
    pub fn field_error(&self) -> Option<(&'static str, &'static str)> {
        match self {
            DbError::Conflict { constraint } | DbError::ForeignKey { constraint } => CONSTRAINTS
                .iter()
                .find(|(names, _, _)| names.contains(&constraint.as_str()))
                .map(|&(_, field, message)| (field, message))
                .or_else(|| {
                    matches!(self, DbError::ForeignKey { .. })
                        .then_some(("non_field_errors", MISSING))
                }),
            _ => None,
        }
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((field, message)) = self.field_error() {
            return write!(f, "{field}: {message}");
        }
        match self {
            DbError::NotFound => f.write_str("not found"),
            DbError::Conflict { constraint } => write!(f, "unique constraint {constraint}"),
            DbError::ForeignKey { constraint } => write!(f, "foreign key {constraint}"),
            DbError::Unavailable => f.write_str("the database is unavailable"),
            DbError::DiskFull => f.write_str("the database's disk is full"),
            DbError::Other(err) => write!(f, "database error: {err}"),
        }
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DbError::Other(err) => Some(err),
            _ => None,
        }
    }
}

impl From<DbErr> for DbError {
    fn from(err: DbErr) -> Self {
        if let Some(violation) = violation(&err) {
            return violation;
        }
        // The cause is logged here, where it is known: the variants carry none.
        match fault::classify(&err) {
            Fault::Unavailable => {
                tracing::warn!(error = %err, "database unavailable");
                DbError::Unavailable
            }
            Fault::DiskFull => {
                tracing::error!(error = %err, "database disk full: change not saved");
                DbError::DiskFull
            }
            Fault::Other => DbError::Other(err),
        }
    }
}

/// A unique or foreign-key violation, with the constraint it names.
fn violation(err: &DbErr) -> Option<DbError> {
    use sea_orm::sqlx::error::ErrorKind;
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let db = e.as_database_error()?;
    let constraint = match db.constraint() {
        Some(name) => name.to_string(),
        // SQLite: "UNIQUE constraint failed: users.username" (or "t.a, t.b").
        None => db
            .message()
            .rsplit_once(": ")
            .map(|(_, columns)| columns.to_string())
            .unwrap_or_default(),
    };
    match db.kind() {
        ErrorKind::UniqueViolation => Some(DbError::Conflict { constraint }),
        ErrorKind::ForeignKeyViolation => Some(DbError::ForeignKey { constraint }),
        _ => None,
    }
}

/// Why a write did not happen: the database failed, or the domain refused the change
/// (decided on the state loaded inside the write's transaction).
#[derive(Debug)]
pub enum WriteError {
    Db(DbError),
    Rejected(DomainError),
}

pub type WriteResult<T> = Result<T, WriteError>;

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Db(err) => err.fmt(f),
            WriteError::Rejected(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Db(err) => err.source(),
            WriteError::Rejected(_) => None,
        }
    }
}

impl From<DbError> for WriteError {
    fn from(err: DbError) -> Self {
        WriteError::Db(err)
    }
}

impl From<DbErr> for WriteError {
    fn from(err: DbErr) -> Self {
        WriteError::Db(err.into())
    }
}

impl From<DomainError> for WriteError {
    fn from(err: DomainError) -> Self {
        WriteError::Rejected(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_of_both_backends_name_their_field() {
        let conflict = |c: &str| DbError::Conflict {
            constraint: c.into(),
        };
        let username = Some(("username", "A user with that username already exists."));
        assert_eq!(conflict("users_username_key").field_error(), username);
        assert_eq!(conflict("users.username").field_error(), username);
        assert_eq!(conflict("something_else").field_error(), None);
        let fk = |c: &str| DbError::ForeignKey {
            constraint: c.into(),
        };
        assert_eq!(
            fk("notes_lead_id_fkey").field_error(),
            Some(("lead", MISSING))
        );
        assert_eq!(fk("").field_error(), Some(("non_field_errors", MISSING)));
    }
}
