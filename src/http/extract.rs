//! Request extractors that answer bad input the DRF way: a JSON body, query parameters,
//! and a numeric path id. The framework's own rejections never reach the client raw.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::db::leads::Assignee;
use crate::db::sql::order_clause;
use crate::domain::fields::{parse_bool, parse_datetime};
use crate::domain::money::parse_cents;
use crate::error::{ApiError, FieldErrors};

/// A JSON request body, parsed but not yet validated.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !(mime == "application/json" || mime.ends_with("+json")) {
            return Err(ApiError::UnsupportedMediaType(format!(
                "Unsupported media type \"{content_type}\" in request."
            )));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest("The request body could not be read.".into())
            }
        })?;
        let value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("JSON parse error - {e}")))?;
        Ok(JsonBody(value))
    }
}

/// The numeric id in a path such as `/api/leads/{id}/`; anything else is 404, as in DRF.
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found())?;
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(PathId)
            .ok_or_else(ApiError::not_found)
    }
}

/// Whether a write replaces the resource (`PUT`: required fields must be given) or changes
/// only the fields given (`PATCH`): one update handler per resource serves both.
pub struct Partial(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Partial {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Partial(parts.method == axum::http::Method::PATCH))
    }
}

/// Query parameters, with typed readers that collect errors per parameter.
pub struct Params {
    map: HashMap<String, String>,
    errors: FieldErrors,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|_| ApiError::BadRequest("The query string could not be read.".into()))?;
        // PostgreSQL refuses NUL in text, so it must not reach a query.
        if let Some((name, _)) = pairs
            .iter()
            .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(ApiError::field(name, "Null characters are not allowed."));
        }
        // The last value of a repeated parameter wins, as in Django's QueryDict.get.
        Ok(Params {
            map: pairs.into_iter().collect(),
            errors: FieldErrors::new(),
        })
    }
}

impl Params {
    /// A non-empty parameter value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn error(&mut self, name: &str, message: impl Into<String>) {
        self.errors
            .entry(name.to_string())
            .or_default()
            .push(message.into());
    }

    /// One value or a comma list of choices.
    pub fn choices<T>(&mut self, name: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
        let Some(raw) = self.get(name).map(str::to_string) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match parse(part) {
                Some(v) => out.push(v),
                None => self.error(
                    name,
                    format!("Select a valid choice. {part} is not one of the available choices."),
                ),
            }
        }
        out
    }

    pub fn choice<T>(&mut self, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let raw = self.get(name)?.to_string();
        let parsed = parse(&raw);
        if parsed.is_none() {
            self.error(
                name,
                format!("Select a valid choice. {raw} is not one of the available choices."),
            );
        }
        parsed
    }

    pub fn id(&mut self, name: &str) -> Option<i64> {
        let raw = self.get(name)?.to_string();
        let parsed = raw.parse::<i64>().ok();
        if parsed.is_none() {
            self.error(name, "Enter a whole number.");
        }
        parsed
    }

    /// A user named by `me` (the caller, in any case) or by id: the dashboard's
    /// `assigned_to` and the reminders' `recipient`.
    pub fn user(&mut self, name: &str, caller: i64) -> Option<i64> {
        if self.get(name)?.eq_ignore_ascii_case("me") {
            Some(caller)
        } else {
            self.id(name)
        }
    }

    /// As `user`, or nobody (`none` or `null`, in any case): the lead filters' `assigned_to`.
    pub fn assignee(&mut self, name: &str, caller: i64) -> Option<Assignee> {
        let raw = self.get(name)?;
        if raw.eq_ignore_ascii_case("none") || raw.eq_ignore_ascii_case("null") {
            return Some(Assignee::Nobody);
        }
        self.user(name, caller).map(Assignee::User)
    }

    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        let raw = self.get(name)?.to_string();
        let parsed = parse_bool(&raw);
        if parsed.is_none() {
            self.error(name, "Enter true or false.");
        }
        parsed
    }

    /// A timestamp or a date; with `end_of_day`, a bare date means the last instant of
    /// that day (so `created_before=2026-11-25` includes the 25th).
    pub fn datetime(&mut self, name: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
        let raw = self.get(name)?.to_string();
        let parsed = parse_datetime(&raw);
        if parsed.is_none() {
            self.error(name, "Enter a valid date/time (RFC 3339 or YYYY-MM-DD).");
        }
        let is_date = raw.len() == 10;
        parsed.map(|dt| {
            if end_of_day && is_date {
                dt + chrono::Duration::days(1) - chrono::Duration::microseconds(1)
            } else {
                dt
            }
        })
    }

    pub fn money(&mut self, name: &str) -> Option<i64> {
        let raw = self.get(name)?.to_string();
        match parse_cents(&raw) {
            Ok(cents) => Some(cents),
            Err(message) => {
                self.error(name, message);
                None
            }
        }
    }

    /// The ORDER BY clause asked for by `?ordering=a,-b` over `allowed` (API name → SQL
    /// expression), `default` when absent. Errors are recorded on `ordering`, so that
    /// `finish` reports them together with the other parameters' errors.
    pub fn ordering(&mut self, allowed: &[(&str, &str)], default: &str, id_column: &str) -> String {
        let raw = self.get("ordering").unwrap_or(default).to_string();
        let keys = match ordering_keys(&raw, allowed) {
            Ok(keys) => keys,
            Err(messages) => {
                for message in messages {
                    self.error("ordering", message);
                }
                Vec::new()
            }
        };
        order_clause(&keys, id_column)
    }

    /// Every collected error at once, or success.
    pub fn finish(&mut self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(std::mem::take(&mut self.errors)))
        }
    }
}

/// The (SQL expression, descending?) keys of an `ordering` value. Each field may appear once,
/// so no list takes more keys than it has fields; counting first keeps a hostile value of
/// thousands of keys from reaching the database (SQLite refuses over 1 000 ORDER BY terms)
/// or the error message.
fn ordering_keys<'a>(
    raw: &str,
    allowed: &[(&str, &'a str)],
) -> Result<Vec<(&'a str, bool)>, Vec<String>> {
    let keys: Vec<&str> = raw
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect();
    if keys.len() > allowed.len() {
        return Err(vec![format!(
            "Too many ordering fields ({}): at most {}, each once.",
            keys.len(),
            allowed.len()
        )]);
    }
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for key in keys {
        let (desc, name) = match key.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, key),
        };
        let message = match allowed.iter().position(|(api, _)| *api == name) {
            Some(i) if seen.contains(&i) => {
                format!("Ordering field \"{name}\" is given more than once.")
            }
            Some(i) => {
                seen.push(i);
                out.push((allowed[i].1, desc));
                continue;
            }
            None => {
                let names: Vec<&str> = allowed.iter().map(|(api, _)| *api).collect();
                format!(
                    "Invalid ordering field \"{name}\". Allowed fields: {}.",
                    names.join(", ")
                )
            }
        };
        if !errors.contains(&message) {
            errors.push(message);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::ordering_keys;

    const ALLOWED: &[(&str, &str)] = &[
        ("created_at", "t.created_at"),
        ("name", "t.name"),
        ("status", "t.status"),
    ];

    #[test]
    fn ordering_maps_fields_to_columns() {
        assert_eq!(
            ordering_keys("name,-created_at", ALLOWED).unwrap(),
            [("t.name", false), ("t.created_at", true)]
        );
    }

    #[test]
    fn ordering_refuses_unknown_repeated_and_too_many_fields() {
        let errors = ordering_keys("password,name,-name", ALLOWED).unwrap_err();
        assert!(errors[0].contains("password") && errors[0].contains("created_at, name, status"));
        assert!(errors[1].contains("more than once"), "{errors:?}");
        let many = vec!["name"; 2000].join(",");
        let errors = ordering_keys(&many, ALLOWED).unwrap_err();
        assert_eq!(
            errors,
            ["Too many ordering fields (2000): at most 3, each once."]
        );
    }
}
