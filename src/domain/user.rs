//! Users and their roles.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::fields::{self, Fields};
use super::{Actor, DomainError, FieldErrors, does_not_exist, normalise_email};

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

/// How a person is named to others (note authors, reminder recipients, the audit trail, the
/// timeline, emails): their full name, else their username, since both names are optional.
pub fn display_name(first: &str, last: &str, username: &str) -> String {
    let name = full_name(first, last);
    if name.is_empty() {
        username.to_string()
    } else {
        name
    }
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
    pub fn parse(body: &Value, creating: bool, partial: bool) -> Result<Self, DomainError> {
        let mut f = Fields::new(body, partial)?;
        let username = f.text("username", true, 150);
        if let Some(Err(message)) = username.as_deref().map(check_username) {
            f.error("username", message);
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

    /// A new user given by code rather than in a body (the command line), checked by the
    /// rules `parse` applies to a create; the values come back trimmed and normalised.
    pub fn check_create(self) -> Result<Self, DomainError> {
        let mut errors = FieldErrors::new();
        let mut text = |name: &str, value: Option<String>, required: bool, max: usize| {
            let checked = match value {
                None if required => Err(fields::REQUIRED.to_string()),
                None => return None,
                Some(value) => fields::check_text(&value, required, max),
            };
            checked
                .map_err(|message| errors.entry(name.into()).or_default().push(message))
                .ok()
        };
        let username = text("username", self.username, true, 150);
        let email = text("email", self.email, false, 254);
        let first_name = text("first_name", self.first_name, false, 150);
        let last_name = text("last_name", self.last_name, false, 150);
        let mut fail = |name: &str, message: String| {
            errors.entry(name.into()).or_default().push(message);
        };
        if let Some(Err(message)) = username.as_deref().map(check_username) {
            fail("username", message.into());
        }
        let email = email.and_then(|email| {
            if email.is_empty() {
                return Some(email);
            }
            let normalised = normalise_email(&email);
            if normalised.is_none() {
                fail("email", "Enter a valid email address.".into());
            }
            normalised
        });
        match &self.password {
            None => fail("password", fields::REQUIRED.into()),
            Some(password) if password.contains('\0') => {
                fail("password", "Null characters are not allowed.".into());
            }
            Some(password) => {
                if let Err(message) = check_password(password) {
                    fail("password", message);
                }
            }
        }
        if !errors.is_empty() {
            return Err(DomainError::Invalid(errors));
        }
        Ok(UserChanges {
            username,
            email,
            first_name,
            last_name,
            ..self
        })
    }
}

fn check_username(name: &str) -> Result<(), &'static str> {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || "@.+-_".contains(c))
    {
        Ok(())
    } else {
        Err(
            "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
        )
    }
}

/// Decides a change of user `before` by `actor`: nobody deactivates or demotes themselves
/// (the last manager could lock everyone out).
pub fn check_update(actor: &Actor, before: &User, c: &UserChanges) -> Result<(), DomainError> {
    let is_self = actor.id == Some(before.id);
    if is_self && c.is_active == Some(false) {
        return Err(DomainError::field(
            "is_active",
            "You cannot deactivate yourself.",
        ));
    }
    if is_self && c.role == Some(Role::Agent) {
        return Err(DomainError::field("role", "You cannot demote yourself."));
    }
    Ok(())
}

/// Whether user `id` (`found` is what it loaded as) may be chosen as an assignee or a
/// recipient: it must exist and be active.
pub fn check_assignable(field: &str, id: i64, found: Option<&User>) -> Result<(), DomainError> {
    match found {
        None => Err(does_not_exist(field, id)),
        Some(user) if !user.is_active => Err(DomainError::field(
            field,
            format!(
                "User \"{}\" is inactive and cannot be chosen.",
                user.username
            ),
        )),
        Some(_) => Ok(()),
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_person_is_named_by_full_name_else_username() {
        assert_eq!(display_name("Amina", "Otieno", "amina"), "Amina Otieno");
        assert_eq!(display_name("Amina", "", "amina"), "Amina");
        assert_eq!(display_name("", "Otieno", "amina"), "Otieno");
        assert_eq!(display_name(" ", "", "amina"), "amina");
        assert_eq!(display_name("", "", ""), "");
    }

    fn new_user(username: &str, email: &str, password: &str) -> UserChanges {
        UserChanges {
            username: Some(username.into()),
            email: Some(email.into()),
            first_name: Some(" Amina ".into()),
            last_name: Some(String::new()),
            role: Some(Role::Agent),
            is_active: None,
            password: Some(password.into()),
        }
    }

    #[test]
    fn a_user_built_by_code_comes_back_trimmed_and_normalised() {
        let changes = new_user(" amina ", " Amina@Example.COM ", "correct horse battery")
            .check_create()
            .unwrap();
        assert_eq!(changes.username.as_deref(), Some("amina"));
        assert_eq!(changes.email.as_deref(), Some("amina@example.com"));
        assert_eq!(changes.first_name.as_deref(), Some("Amina"));
        assert_eq!(changes.role, Some(Role::Agent));
    }

    #[test]
    fn a_user_built_by_code_gets_the_errors_a_body_with_the_same_values_gets() {
        let cases = [
            ("bad name!", "amina@example.com", "correct horse battery"),
            ("", "not an email", "short"),
            (&"x".repeat(151), "", "correct\0horse battery"),
        ];
        for (username, email, password) in cases {
            let body = json!({
                "username": username, "email": email, "first_name": " Amina ",
                "last_name": "", "role": "agent", "password": password,
            });
            let from_body = UserChanges::parse(&body, true, false).unwrap_err();
            let built = new_user(username, email, password)
                .check_create()
                .unwrap_err();
            assert_eq!(built, from_body, "{username:?} {email:?}");
        }
    }

    #[test]
    fn a_user_built_by_code_needs_a_username_and_a_password() {
        let changes = UserChanges {
            role: Some(Role::Manager),
            ..UserChanges::default()
        };
        let Err(DomainError::Invalid(errors)) = changes.check_create() else {
            panic!("a user without username and password was accepted");
        };
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["password", "username"]);
    }
}
