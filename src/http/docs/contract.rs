//! Brings the generated OpenAPI document in line with what the server answers, for the facts
//! that utoipa's per-handler annotations cannot state, or state once for every operation: the
//! 400 (both shapes), 404 and 415 that the shared extractors produce; the exact shape of query
//! parameters that the server reads leniently (trimmed, comma lists, `ordering` keys, DRF's
//! booleans); PATCH and user-create bodies (`bodies`); and `UserView`'s exclusive
//! alternatives. The property-based run in
//! tests/schemathesis/ holds the document to these answers.

use serde_json::{Map, Value, json};
use utoipa::openapi::OpenApi;

use crate::db;
use crate::http::pagination::MAX_PAGE_SIZE;

/// `ordering` fields per list path (the server's own tables, so the two cannot drift). Users
/// are ordered by what the caller is shown: the pattern holds the fields open to both roles.
fn ordering_fields(path: &str) -> Option<Vec<&'static str>> {
    let names = |table: &'static [(&'static str, &'static str)]| table.iter().map(|(f, _)| *f);
    if path == "/api/users/" {
        let brief: Vec<&str> = names(db::users::BRIEF_ORDERING).collect();
        return Some(
            names(db::users::ORDERING)
                .filter(|f| brief.contains(f))
                .collect(),
        );
    }
    let table = match path {
        "/api/leads/" | "/api/leads/export/" => db::leads::ORDERING,
        "/api/contacts/" => db::contacts::ORDERING,
        "/api/notes/" => db::notes::ORDERING,
        "/api/reminders/" => db::reminders::ORDERING,
        "/api/correspondences/" => db::correspondences::ORDERING,
        "/api/audit-logs/" => db::audit::ORDERING,
        _ => return None,
    };
    Some(names(table).collect())
}

/// Query parameters that take one choice (`false`) or also a comma list (`true`), and the
/// schema of their choices.
const CHOICES: &[(&str, &str, &str, bool)] = &[
    ("/api/users/", "role", "Role", false),
    ("/api/leads/", "status", "LeadStatus", true),
    ("/api/leads/", "priority", "Priority", true),
    ("/api/leads/export/", "status", "LeadStatus", true),
    ("/api/leads/export/", "priority", "Priority", true),
    ("/api/leads/board/", "status", "LeadStatus", true),
    ("/api/leads/board/", "priority", "Priority", true),
    ("/api/reminders/", "status", "ReminderStatus", true),
    ("/api/correspondences/", "type", "CorrespondenceType", true),
    ("/api/leads/{id}/timeline/", "kind", "TimelineKind", true),
];

/// Query parameters read as a timestamp or a date.
const DATETIMES: &[&str] = &[
    "created_after",
    "created_before",
    "date_after",
    "date_before",
    "remind_at_after",
    "remind_at_before",
    "next_reminder_before",
    "last_activity_before",
    "since",
    "until",
];

/// `me` or a user id (`Params::user`).
const ONE_USER: &str = r"^\s*([mM][eE]|[0-9]{1,18})?\s*$";

/// Query parameters read as a boolean.
const BOOLEANS: &[&str] = &[
    "is_active",
    "is_primary",
    "upcoming",
    "overdue",
    "completed",
    "no_next_step",
    "include_system",
];

/// Booleans are read as DRF's BooleanField reads them: `true`/`false`, 1/0, or text such as
/// `yes`, `off` or `1`, in any case.
/// A blank value, which the server reads as no value.
fn blank() -> Value {
    json!({"type": "string", "pattern": r"^\s*$"})
}

pub(super) fn boolean(text_pattern: &str) -> Value {
    json!({"anyOf": [
        {"type": "boolean"},
        {"type": "integer", "enum": [0, 1]},
        {"type": "string", "pattern": text_pattern},
    ]})
}

pub(super) const BOOL_WORDS: &str =
    "[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[yY][eE][sS]|[nN][oO]|[oO][nN]|[oO][fF][fF]|1|0";

/// Applies every adjustment to `openapi`.
pub fn apply(openapi: OpenApi) -> OpenApi {
    let Ok(mut doc) = serde_json::to_value(&openapi) else {
        return openapi;
    };
    super::bodies::variants(&mut doc);
    let enums = enum_values(&doc);
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for operation in item.values_mut().filter_map(Value::as_object_mut) {
                adjust_operation(path, operation, &enums);
            }
        }
    }
    close_user_brief(&mut doc);
    document_user_delete(&mut doc);
    serde_json::from_value(doc).unwrap_or(openapi)
}

/// Component name → its string enum values.
fn enum_values(doc: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            if let Some(values) = schema.get("enum") {
                out.insert(name.clone(), values.clone());
            }
        }
    }
    out
}

fn error_detail(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}}
    })
}

fn adjust_operation(path: &str, operation: &mut Map<String, Value>, enums: &Map<String, Value>) {
    let has_body = operation.contains_key("requestBody");
    let mut has_query = false;
    let mut paged = false;
    if let Some(params) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for param in params.iter_mut().filter(|p| p["in"] == "query") {
            has_query = true;
            let name = param["name"].as_str().unwrap_or_default().to_string();
            paged |= name == "page";
            if let Some(schema) = query_schema(path, &name, enums) {
                param["schema"] = schema;
            }
            // A blank value is no value (as Django's `QueryDict.get(...) or default`).
            if param["schema"]["type"] == "integer" {
                param["schema"] = json!({"anyOf": [param["schema"].take(), blank()]});
            }
        }
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if has_body {
        responses
            .entry("415")
            .or_insert_with(|| error_detail("The body is not JSON (`Content-Type`)"));
    }
    if paged {
        responses
            .entry("404")
            .or_insert_with(|| error_detail("Invalid page."));
    }
    if has_body || has_query {
        responses
            .entry("400")
            .or_insert_with(|| json!({"description": "Invalid input"}));
    }
    // A 400 is either every invalid field at once or one `detail` (malformed JSON, an
    // unreadable query string).
    if let Some(bad_request) = responses.get_mut("400") {
        bad_request["content"] = json!({"application/json": {"schema": {"oneOf": [
            {"$ref": "#/components/schemas/ValidationErrors"},
            {"$ref": "#/components/schemas/ErrorDetail"},
        ]}}});
    }
}

/// The exact accepted shape of a query parameter, where the annotation only says "string".
/// The server trims values and treats a blank one as absent: the patterns allow both.
fn query_schema(path: &str, name: &str, enums: &Map<String, Value>) -> Option<Value> {
    let choices = |values: &[&str]| values.join("|");
    let schema = match name {
        "page" => json!({"type": "integer", "minimum": 1}),
        // Larger is clamped to 100 (the contract), so no maximum; anything that is not a
        // positive whole number means the default, as in DRF, so any text is accepted.
        "page_size" => json!({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}]}),
        "ordering" => {
            let fields = ordering_fields(path)?;
            json!({"type": "string", "pattern": format!(r"^\s*(-?({}))?\s*$", choices(&fields))})
        }
        // One person (`Params::user`): the dashboard's figures are of someone's leads, so
        // it has no `none` (whose reminders and own actions would those be?).
        "recipient" => json!({"type": "string", "pattern": ONE_USER}),
        "assigned_to" if path == "/api/dashboard-stats/" => {
            json!({"type": "string", "pattern": ONE_USER})
        }
        "assigned_to" => json!({"type": "string",
            "pattern": r"^\s*([mM][eE]|[nN][oO][nN][eE]|[nN][uU][lL][lL]|[0-9]{1,18})?\s*$"}),
        "cards" => json!({"type": "integer", "minimum": 0, "maximum": MAX_PAGE_SIZE}),
        // The global search's text: blank is 400 (required).
        "q" => json!({"type": "string", "pattern": r"\S"}),
        "action" => json!({"type": "string", "pattern": r"^\s*(create|update|delete)?\s*$"}),
        "min_value" | "max_value" => {
            json!({"type": "string", "pattern": r"^\s*([0-9]{1,12}(\.[0-9]{1,2})?)?\s*$"})
        }
        _ if DATETIMES.contains(&name) => json!({"anyOf": [
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "date"},
            blank(),
        ]}),
        _ if BOOLEANS.contains(&name) => boolean(&format!(r"^\s*({BOOL_WORDS})?\s*$")),
        _ => {
            let (_, _, component, list) = CHOICES
                .iter()
                .find(|(p, n, _, _)| *p == path && *n == name)?;
            let values: Vec<&str> = enums
                .get(*component)?
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let one = format!("({})", choices(&values));
            let pattern = if *list {
                format!(r"^\s*{one}?(\s*,\s*{one}?)*\s*$")
            } else {
                format!(r"^\s*{one}?\s*$")
            };
            json!({"type": "string", "pattern": pattern})
        }
    };
    Some(schema)
}

/// `DELETE /api/users/{id}/` exists only to answer 405 (users are deactivated, never
/// deleted), after 401 and 403 like the other user writes; `Allow` lists it, so does this.
fn document_user_delete(doc: &mut Value) {
    let Some(item) = doc["paths"]
        .get_mut("/api/users/{id}/")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let parameters = item
        .get("get")
        .and_then(|get| get.get("parameters"))
        .cloned()
        .unwrap_or(json!([]));
    item.entry("delete").or_insert_with(|| {
        json!({
            "tags": ["users"],
            "summary": "Users are never deleted: deactivate them with `is_active: false`.",
            "operationId": "users_destroy",
            "parameters": parameters,
            "security": [{"jwt": []}],
            "responses": {
                "401": error_detail("No valid token"),
                "403": error_detail("Agents may not manage users"),
                "405": error_detail("Method \"DELETE\" not allowed."),
            }
        })
    });
}

/// Agents get `UserBrief`, managers `User`; a `User` has every property of a `UserBrief`, so
/// `oneOf` holds only if the brief form admits nothing more.
fn close_user_brief(doc: &mut Value) {
    if let Some(brief) = doc["components"]["schemas"].get_mut("UserBrief") {
        brief["additionalProperties"] = Value::Bool(false);
    }
}
