//! Why an authentication step failed. It knows no HTTP: the API renders it (`error.rs`),
//! with the same statuses and bodies for every cause.

use std::fmt;

use crate::db::{DbError, WriteError};
use crate::domain::{DomainError, FieldErrors};

#[derive(Debug)]
pub enum AuthError {
    /// Wrong credentials, or a token that is invalid, expired, revoked or reused.
    Unauthorized(String),
    /// Too many failed sign-ins; the caller may try again after this many seconds.
    Throttled {
        retry_after_secs: u64,
    },
    /// The request's values are wrong (a new password too short, a wrong old one).
    Invalid(FieldErrors),
    /// The caller may not do this.
    Forbidden,
    Db(DbError),
    /// Anything else: a bug or a broken invariant.
    Other(anyhow::Error),
}

pub type AuthResult<T> = Result<T, AuthError>;

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Unauthorized(detail) => write!(f, "unauthorized: {detail}"),
            AuthError::Throttled { retry_after_secs } => {
                write!(f, "throttled for {retry_after_secs} s")
            }
            AuthError::Invalid(errors) => DomainError::Invalid(errors.clone()).fmt(f),
            AuthError::Forbidden => f.write_str("permission denied"),
            AuthError::Db(err) => err.fmt(f),
            AuthError::Other(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for AuthError {}

impl From<DbError> for AuthError {
    fn from(err: DbError) -> Self {
        AuthError::Db(err)
    }
}

impl From<sea_orm::DbErr> for AuthError {
    fn from(err: sea_orm::DbErr) -> Self {
        AuthError::Db(err.into())
    }
}

impl From<DomainError> for AuthError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::Invalid(errors) => AuthError::Invalid(errors),
            DomainError::Forbidden => AuthError::Forbidden,
        }
    }
}

impl From<WriteError> for AuthError {
    fn from(err: WriteError) -> Self {
        match err {
            WriteError::Db(err) => err.into(),
            WriteError::Rejected(err) => err.into(),
        }
    }
}

impl From<anyhow::Error> for AuthError {
    fn from(err: anyhow::Error) -> Self {
        AuthError::Other(err)
    }
}
