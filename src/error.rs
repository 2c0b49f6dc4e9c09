//! One error type for the whole API, rendered the way Django REST Framework renders errors:
//! `{"detail": "..."}` for general failures and `{"field": ["message", ...]}` for validation.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::db::{DbError, WriteError};
use crate::domain::DomainError;

pub use crate::domain::FieldErrors;

pub const PERMISSION_DENIED: &str = "You do not have permission to perform this action.";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden")]
    Forbidden,
    /// A 403 that says why (e.g. the CSRF origin check), where the generic message would not.
    #[error("forbidden: {0}")]
    ForbiddenBecause(String),
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    #[error("throttled")]
    Throttled { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    /// The disk is full: the change was not saved.
    #[error("insufficient storage")]
    InsufficientStorage,
    /// The request's body did not arrive in time.
    #[error("request timeout")]
    RequestTimeout,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn not_found() -> Self {
        ApiError::NotFound("Not found.")
    }

    /// A single-field validation error.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(name.to_string(), vec![message.into()]);
        ApiError::Validation(errors)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::ForbiddenBecause(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::InsufficientStorage => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::Invalid(errors) => ApiError::Validation(errors),
            DomainError::Forbidden => ApiError::Forbidden,
        }
    }
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        if let Some((field, message)) = err.field_error() {
            // A unique or foreign-key race lost to another writer: the same answer the
            // domain's own check would have given.
            return ApiError::field(field, message);
        }
        match err {
            DbError::NotFound => ApiError::not_found(),
            DbError::Unavailable => ApiError::Unavailable,
            DbError::DiskFull => ApiError::InsufficientStorage,
            DbError::Conflict { .. } | DbError::ForeignKey { .. } => {
                ApiError::Internal(anyhow::Error::new(err))
            }
            DbError::Other(err) => ApiError::Internal(err.into()),
        }
    }
}

impl From<WriteError> for ApiError {
    fn from(err: WriteError) -> Self {
        match err {
            WriteError::Db(err) => err.into(),
            WriteError::Rejected(err) => err.into(),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        ApiError::from(DbError::from(err))
    }
}

/// A database error that reached an `anyhow::Error` on its way up is still told apart
/// from a bug when the response is made.
fn reclassify(err: anyhow::Error) -> ApiError {
    match err.downcast::<sea_orm::DbErr>() {
        Ok(db) => ApiError::from(db),
        Err(other) => match other.downcast::<DbError>() {
            Ok(db) => ApiError::from(db),
            Err(other) => ApiError::Internal(other),
        },
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let this = match self {
            ApiError::Internal(err) => reclassify(err),
            other => other,
        };
        this.render()
    }
}

impl ApiError {
    fn render(self) -> Response {
        let status = self.status();
        let body = match &self {
            ApiError::Validation(errors) => json!(errors),
            ApiError::BadRequest(detail)
            | ApiError::Unauthorized(detail)
            | ApiError::ForbiddenBecause(detail) => json!({ "detail": detail }),
            ApiError::Forbidden => json!({ "detail": PERMISSION_DENIED }),
            ApiError::NotFound(detail) => json!({ "detail": detail }),
            ApiError::MethodNotAllowed(method) => {
                json!({ "detail": format!("Method \"{method}\" not allowed.") })
            }
            ApiError::PayloadTooLarge => json!({ "detail": "Request body is too large." }),
            ApiError::UnsupportedMediaType(detail) => json!({ "detail": detail }),
            ApiError::Throttled { retry_after_secs } => json!({
                "detail": format!(
                    "Request was throttled. Expected available in {retry_after_secs} seconds."
                )
            }),
            ApiError::Unavailable => {
                json!({ "detail": "The database is unavailable. Try again shortly." })
            }
            ApiError::InsufficientStorage => json!({
                "detail": "The server is out of disk space; the change was not saved. Try again later."
            }),
            ApiError::RequestTimeout => {
                json!({ "detail": "The request body did not arrive in time." })
            }
            ApiError::Internal(err) => {
                // The cause goes to the log only: a 5xx body never carries internals.
                tracing::error!(error = ?err, "internal error");
                json!({ "detail": "Internal server error." })
            }
        };
        let mut response = (status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        match &self {
            ApiError::Unauthorized(_) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::Throttled { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
            }
            ApiError::Unavailable | ApiError::InsufficientStorage => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(5));
            }
            // The rest of the body was never read: the connection cannot carry another
            // request, and the client is told so.
            ApiError::RequestTimeout | ApiError::PayloadTooLarge => {
                headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
