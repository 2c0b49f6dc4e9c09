//! Rules of the business, free of SQL and HTTP: enums, validated values, and the
//! representations that the API shows (and the audit trail records).

pub mod contact;
pub mod correspondence;
pub mod error;
pub mod fields;
pub mod lead;
pub mod money;
pub mod note;
pub mod phone;
pub mod reminder;
pub mod timeline;
pub mod user;

pub use error::{DomainError, FieldErrors, does_not_exist};

/// Who is acting: the authenticated user, or the system (seeding, jobs).
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<i64>,
    pub username: String,
    pub role: user::Role,
}

impl Actor {
    pub fn system() -> Self {
        Actor {
            id: None,
            username: "system".into(),
            role: user::Role::Manager,
        }
    }

    pub fn is_manager(&self) -> bool {
        self.role == user::Role::Manager
    }
}

/// Validates an email address the way a form would: one `@`, a dotted domain, no spaces.
/// Returns it lower-cased.
pub fn normalise_email(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (local, domain) = text.rsplit_once('@')?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
        return None;
    }
    Some(text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::normalise_email;

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(
            normalise_email(" Wanjiku@Acme.CO.KE ").as_deref(),
            Some("wanjiku@acme.co.ke")
        );
        for bad in [
            "",
            "no-at",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "@c.com",
            "a@.com",
            "a@c..com",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad}");
        }
    }
}
