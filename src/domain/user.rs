//! Users and their roles.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::Fields;
use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Manager,
    Agent,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Agent => "agent",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "manager" => Some(Role::Manager),
            "agent" => Some(Role::Agent),
            _ => None,
        }
    }
}

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

/// A user as managers see it (and as the audit trail records it): never the password.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub role: Role,
    pub is_active: bool,
    pub date_joined: DateTime<Utc>,
    pub last_login: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user as agents see it: enough for an assignment picker.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserBrief {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
}

impl From<&User> for UserBrief {
    fn from(user: &User) -> Self {
        UserBrief {
            id: user.id,
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            role: user.role,
        }
    }
}

pub fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}

/// Validated fields of a user create or update; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct UserChanges {
    pub username: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    pub password: Option<String>,
}

impl UserChanges {
    /// `partial` is true for PATCH; a create requires `username` and `password`.
    pub fn parse(body: &Value, creating: bool, partial: bool) -> Result<Self, ApiError> {
        let mut f = Fields::new(body, partial)?;
        let username = f.text("username", true, 150);
        if let Some(name) = &username
            && !name
                .chars()
                .all(|c| c.is_alphanumeric() || "@.+-_".contains(c))
        {
            f.error(
                "username",
                "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
            );
        }
        let changes = UserChanges {
            username,
            email: f.email("email", false),
            first_name: f.text("first_name", false, 150),
            last_name: f.text("last_name", false, 150),
            role: f.choice("role", false, Role::parse),
            is_active: f.boolean("is_active"),
            password: f.secret("password", creating),
        };
        if let Some(password) = &changes.password
            && let Err(message) = check_password(password)
        {
            f.error("password", message);
        }
        f.finish()?;
        Ok(changes)
    }
}

/// Password length rule: 12–128 characters, never truncated.
pub fn check_password(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err(format!(
            "This password is too short. It must contain at least {PASSWORD_MIN} characters."
        ))
    } else if n > PASSWORD_MAX {
        Err(format!(
            "Ensure this field has no more than {PASSWORD_MAX} characters."
        ))
    } else {
        Ok(())
    }
}
