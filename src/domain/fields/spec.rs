//! What a body reader accepts, field by field. A reader run inside `record` (over an empty
//! body, so that it reads nothing) lists every field it asks for, with the rules of the
//! reading: the API document derives each request body's schema from the reader itself, so
//! the documented body and the parsed one cannot drift apart.

use std::cell::RefCell;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Trimmed text of at most `max` characters (a JSON number is read as its text).
    Text {
        max: usize,
    },
    Email,
    Phone,
    /// One of the values of an enum, named by its type.
    Choice {
        type_name: &'static str,
    },
    /// A decimal amount, as a string or a number.
    Money,
    /// The positive id of another object.
    Id,
    Boolean,
    DateTime,
    /// Text read as given, never trimmed (passwords, tokens).
    Secret,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: String,
    pub kind: Kind,
    /// Required on create and full update (`PUT`); nothing is required on `PATCH`.
    pub required: bool,
    /// `null` is accepted.
    pub nullable: bool,
}

thread_local! {
    static RECORDING: RefCell<Option<Vec<FieldSpec>>> = const { RefCell::new(None) };
}

/// The fields that `read` asks for, in order.
pub fn record(read: impl FnOnce()) -> Vec<FieldSpec> {
    RECORDING.with(|r| *r.borrow_mut() = Some(Vec::new()));
    read();
    RECORDING
        .with(|r| r.borrow_mut().take())
        .unwrap_or_default()
}

/// Notes a field being read. The outermost reader names the kind: an email is read as text
/// too, and stays an email.
pub(super) fn note(name: &str, kind: Kind, required: bool, nullable: bool) {
    RECORDING.with(|r| {
        if let Some(specs) = r.borrow_mut().as_mut()
            && !specs.iter().any(|s| s.name == name)
        {
            specs.push(FieldSpec {
                name: name.to_string(),
                kind,
                required,
                nullable,
            });
        }
    });
}

/// The last segment of a type's path (`crm::domain::lead::LeadStatus` → `LeadStatus`).
pub(super) fn short_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

#[cfg(test)]
mod tests {
    use super::super::Fields;
    use super::*;

    #[test]
    fn recording_lists_each_field_once_with_its_outermost_kind() {
        let empty = serde_json::json!({});
        let specs = record(|| {
            let mut f = Fields::new(&empty, false).unwrap();
            f.email("email", false);
            f.text("name", true, 100);
            f.id("owner", false, true);
        });
        let kinds: Vec<(&str, &Kind, bool, bool)> = specs
            .iter()
            .map(|s| (s.name.as_str(), &s.kind, s.required, s.nullable))
            .collect();
        assert_eq!(
            kinds,
            [
                ("email", &Kind::Email, false, true),
                ("name", &Kind::Text { max: 100 }, true, false),
                ("owner", &Kind::Id, false, true),
            ]
        );
        assert!(record(|| {}).is_empty(), "a new recording starts empty");
    }
}
