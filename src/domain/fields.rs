//! Reads a JSON object field by field, collecting every problem before answering, with
//! the messages Django REST Framework uses. Absent fields are `None`; on a full update
//! (`PUT`) or create, required fields must be present.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::{DomainError, FieldErrors};
use spec::Kind;

pub mod spec;

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const BLANK: &str = "This field may not be blank.";

pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    /// PATCH: nothing is required.
    partial: bool,
    errors: FieldErrors,
}

impl<'a> Fields<'a> {
    pub fn new(body: &'a Value, partial: bool) -> Result<Self, DomainError> {
        match body {
            Value::Object(object) => Ok(Fields {
                object,
                partial,
                errors: FieldErrors::new(),
            }),
            other => Err(DomainError::field(
                "non_field_errors",
                format!(
                    "Invalid data. Expected a dictionary, but got {}.",
                    json_kind(other)
                ),
            )),
        }
    }

    pub fn error(&mut self, name: &str, message: impl Into<String>) {
        self.errors
            .entry(name.to_string())
            .or_default()
            .push(message.into());
    }

    /// Adds the field errors of a rule checked alongside the reading.
    pub fn merge(&mut self, errors: FieldErrors) {
        for (name, messages) in errors {
            self.errors.entry(name).or_default().extend(messages);
        }
    }

    pub fn has_error(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    /// The raw value, recording "required" when it is missing and must be there.
    fn get(&mut self, name: &str, required: bool) -> Option<&'a Value> {
        let value = self.object.get(name);
        if value.is_none() && required && !self.partial {
            self.error(name, REQUIRED);
        }
        value
    }

    /// A text field, trimmed. Required text may not be blank; optional text accepts
    /// `null` as empty.
    pub fn text(&mut self, name: &str, required: bool, max: usize) -> Option<String> {
        spec::note(name, Kind::Text { max }, required, !required);
        let value = self.get(name, required)?;
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Null if !required => String::new(),
            Value::Null => {
                self.error(name, NOT_NULL);
                return None;
            }
            Value::Number(n) => n.to_string(),
            _ => {
                self.error(name, "Not a valid string.");
                return None;
            }
        };
        match check_text(&text, required, max) {
            Ok(text) => Some(text),
            Err(message) => {
                self.error(name, message);
                None
            }
        }
    }

    /// An email address, lower-cased; empty when optional and blank.
    pub fn email(&mut self, name: &str, required: bool) -> Option<String> {
        spec::note(name, Kind::Email, required, !required);
        let text = self.text(name, required, 254)?;
        if text.is_empty() {
            return Some(text);
        }
        match super::normalise_email(&text) {
            Some(email) => Some(email),
            None => {
                self.error(name, "Enter a valid email address.");
                None
            }
        }
    }

    /// A phone number in E.164; empty when blank.
    pub fn phone(&mut self, name: &str) -> Option<String> {
        spec::note(name, Kind::Phone, false, true);
        let text = self.text(name, false, 32)?;
        if text.is_empty() {
            return Some(text);
        }
        match super::phone::normalise(&text) {
            Some(phone) => Some(phone),
            None => {
                self.error(
                    name,
                    "Enter a valid phone number (Kenyan numbers like 0712 345 678, others with + and the country code).",
                );
                None
            }
        }
    }

    /// One of a fixed set of string values.
    pub fn choice<T>(
        &mut self,
        name: &str,
        required: bool,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let type_name = spec::short_name::<T>();
        spec::note(name, Kind::Choice { type_name }, required, false);
        let value = self.get(name, required)?;
        let parsed = match value {
            Value::String(s) => parse(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            let shown = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            self.error(name, format!("\"{shown}\" is not a valid choice."));
        }
        parsed
    }

    /// A money amount given as a decimal string or a JSON number, in cents.
    pub fn money(&mut self, name: &str) -> Option<i64> {
        spec::note(name, Kind::Money, false, false);
        let value = self.get(name, false)?;
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => {
                self.error(name, NOT_NULL);
                return None;
            }
            _ => {
                self.error(name, "A valid number is required.");
                return None;
            }
        };
        match super::money::parse_cents(&text) {
            Ok(cents) => Some(cents),
            Err(message) => {
                self.error(name, message);
                None
            }
        }
    }

    /// A reference to another object by id, or `null` when `nullable`. The outer `None`
    /// means absent or invalid.
    pub fn id(&mut self, name: &str, required: bool, nullable: bool) -> Option<Option<i64>> {
        spec::note(name, Kind::Id, required, nullable);
        let value = self.get(name, required)?;
        match value {
            Value::Null if nullable => Some(None),
            Value::Null => {
                self.error(name, NOT_NULL);
                None
            }
            Value::Number(n) if whole_number(n).is_some_and(|id| id > 0) => Some(whole_number(n)),
            Value::String(s) if s.trim().parse::<i64>().is_ok_and(|id| id > 0) => {
                Some(s.trim().parse().ok())
            }
            other => {
                self.error(
                    name,
                    format!(
                        "Incorrect type. Expected pk value, received {}.",
                        json_kind(other)
                    ),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        spec::note(name, Kind::Boolean, false, false);
        let value = self.get(name, false)?;
        let parsed = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) if n.as_i64() == Some(1) => Some(true),
            Value::Number(n) if n.as_i64() == Some(0) => Some(false),
            Value::String(s) => parse_bool(s),
            _ => None,
        };
        if parsed.is_none() {
            self.error(name, "Must be a valid boolean.");
        }
        parsed
    }

    /// A timestamp (RFC 3339; a bare date means its midnight UTC).
    pub fn datetime(&mut self, name: &str, required: bool) -> Option<DateTime<Utc>> {
        spec::note(name, Kind::DateTime, required, false);
        let value = self.get(name, required)?;
        let parsed = match value {
            Value::String(s) => parse_datetime(s),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                name,
                "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            );
        }
        parsed
    }

    /// Password-like text: not trimmed, length-checked, never echoed.
    pub fn secret(&mut self, name: &str, required: bool) -> Option<String> {
        spec::note(name, Kind::Secret, required, false);
        match self.get(name, required)? {
            Value::String(s) if s.contains('\0') => {
                self.error(name, "Null characters are not allowed.");
                None
            }
            Value::String(s) => Some(s.clone()),
            _ => {
                self.error(name, "Not a valid string.");
                None
            }
        }
    }

    /// Ends the reading: every collected error at once, or success.
    pub fn finish(self) -> Result<(), DomainError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(self.errors))
        }
    }
}

/// The rules of a text field, whether it came in a body or from code: trimmed; required
/// text may not be blank; at most `max` characters; no null characters.
pub fn check_text(text: &str, required: bool, max: usize) -> Result<String, String> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(BLANK.into());
    }
    if text.chars().count() > max {
        return Err(format!(
            "Ensure this field has no more than {max} characters."
        ));
    }
    if text.contains('\0') {
        return Err("Null characters are not allowed.".into());
    }
    Ok(text.to_string())
}

/// An integer, also when written with a zero fraction (`3.0`): JSON Schema, and so the API
/// document, counts that as an integer.
fn whole_number(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18)
            .map(|f| f as i64)
    })
}

pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// RFC 3339, or `YYYY-MM-DD` as midnight UTC. Precision is cut to microseconds, as stored.
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    use chrono::SubsecRound;
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc).trunc_subsecs(6));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_problem_is_reported_at_once() {
        let body = json!({"first_name": "  ", "email": "nope", "estimated_value": "-5"});
        let mut f = Fields::new(&body, false).unwrap();
        f.text("first_name", true, 100);
        f.email("email", false);
        f.money("estimated_value");
        f.text("missing", true, 10);
        let DomainError::Invalid(errors) = f.finish().unwrap_err() else {
            panic!()
        };
        assert_eq!(errors["first_name"], vec![BLANK]);
        assert_eq!(errors["email"], vec!["Enter a valid email address."]);
        assert!(errors["estimated_value"][0].contains("greater than or equal to 0"));
        assert_eq!(errors["missing"], vec![REQUIRED]);
    }

    #[test]
    fn partial_updates_require_nothing() {
        let body = json!({});
        let mut f = Fields::new(&body, true).unwrap();
        assert_eq!(f.text("first_name", true, 100), None);
        assert!(f.finish().is_ok());
    }

    #[test]
    fn an_id_written_with_a_zero_fraction_is_that_id_and_other_fractions_are_refused() {
        let body = json!({"lead": 273.0, "contact": 2.5, "assigned_to": 0.0});
        let mut f = Fields::new(&body, false).unwrap();
        assert_eq!(f.id("lead", true, false), Some(Some(273)));
        assert_eq!(f.id("contact", false, true), None);
        assert_eq!(f.id("assigned_to", false, true), None);
        let DomainError::Invalid(errors) = f.finish().unwrap_err() else {
            panic!()
        };
        assert!(errors.contains_key("contact") && errors.contains_key("assigned_to"));
    }

    #[test]
    fn a_list_body_is_refused() {
        assert!(Fields::new(&json!([1]), false).is_err());
    }

    #[test]
    fn dates_and_datetimes_parse() {
        assert_eq!(
            parse_datetime("2026-11-25").unwrap().to_rfc3339(),
            "2026-11-25T00:00:00+00:00"
        );
        assert_eq!(
            parse_datetime("2026-11-25T11:30:00+03:00")
                .unwrap()
                .to_rfc3339(),
            "2026-11-25T08:30:00+00:00"
        );
        assert!(parse_datetime("yesterday").is_none());
    }
}
