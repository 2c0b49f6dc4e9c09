//! Why the domain refuses a change: field errors (what the caller can correct) or a lack of
//! permission. It knows neither HTTP nor SQL; the API, the command line and the seeder each
//! report it in their own way.

use std::collections::BTreeMap;
use std::fmt;

/// Field name → messages, in a stable order.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// The change is invalid: every problem, by field.
    Invalid(FieldErrors),
    /// The actor may not make this change.
    Forbidden,
}

impl DomainError {
    /// A single-field error.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(name.to_string(), vec![message.into()]);
        DomainError::Invalid(errors)
    }
}

/// The error for an id on `field` that names nothing, in Django REST Framework's words.
pub fn does_not_exist(field: &str, id: i64) -> DomainError {
    DomainError::field(
        field,
        format!("Invalid pk \"{id}\" - object does not exist."),
    )
}

impl fmt::Display for DomainError {
    /// `field: message; field: message`, for the command line and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DomainError::Invalid(errors) => {
                let text: Vec<String> = errors
                    .iter()
                    .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
                    .collect();
                f.write_str(&text.join("; "))
            }
            DomainError::Forbidden => f.write_str("permission denied"),
        }
    }
}

impl std::error::Error for DomainError {}
