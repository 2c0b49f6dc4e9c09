//! What request bodies accept, field by field, as the body readers in `domain/` decide it
//! (the doc-only `*Write` structs say only the types), and the PATCH and user-create variants.

use serde_json::{Value, json};

use super::contract::{BOOL_WORDS, boolean};

const NON_BLANK: &str = r"\S";
const EMAIL: &str =
    r"^(\s*[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,40}(\.[A-Za-z0-9-]{1,40}){1,3}\s*)?$";
/// Kenyan mobile numbers, a subset of what is accepted (any valid number, checked against
/// the numbering plan) that a pattern can state exactly.
const PHONE: &str = r"^\s*((\+254|0)7[0-9]{8})?\s*$";
const MONEY: &str = r"^\s*[0-9]{1,12}(\.[0-9]{1,2})?\s*$";
const USERNAME: &str = r"^\s*[\w.@+-]+\s*$";

/// What the body readers in `domain/` accept, field by field: (schema, property, `null`
/// accepted, constraints). Text is trimmed; required text may not be blank; optional text
/// takes `null` as empty; enums, booleans and most ids refuse `null`.
fn field_rules() -> Vec<(&'static str, &'static str, bool, Value)> {
    // Text fields take a JSON number as its decimal text, as DRF's CharField does.
    let text = |max: u32| json!({"type": ["string", "number", "null"], "maxLength": max});
    let required = |max: u32| json!({"type": ["string", "number"], "minLength": 1, "maxLength": max, "pattern": NON_BLANK});
    let when = || json!({"minLength": 1});
    let id = || json!({"minimum": 1});
    // The server trims before it measures: the patterns bound these lengths instead.
    let email = || json!({"pattern": EMAIL});
    let phone = || json!({"pattern": PHONE});
    let flag = || {
        let mut flag = boolean(&format!(r"^\s*({BOOL_WORDS})\s*$"));
        flag["type"] = Value::Null;
        flag
    };
    let any = || json!({});
    let password = || json!({"minLength": 12, "maxLength": 128});
    let secret = || json!({"minLength": 1});
    vec![
        ("LeadWrite", "first_name", false, required(100)),
        ("LeadWrite", "last_name", true, text(100)),
        ("LeadWrite", "company", true, text(200)),
        ("LeadWrite", "title", true, text(100)),
        ("LeadWrite", "email", true, email()),
        ("LeadWrite", "phone", true, phone()),
        ("LeadWrite", "status", false, any()),
        ("LeadWrite", "priority", false, any()),
        (
            "LeadWrite",
            "estimated_value",
            false,
            json!({"type": null, "anyOf": [
                {"type": "string", "pattern": MONEY},
                {"type": "integer", "minimum": 0, "maximum": 1_000_000_000_000_i64},
            ]}),
        ),
        ("LeadWrite", "source", true, text(100)),
        ("LeadWrite", "description", true, text(10_000)),
        ("LeadWrite", "assigned_to", true, id()),
        ("ContactWrite", "lead", false, id()),
        ("ContactWrite", "first_name", false, required(100)),
        ("ContactWrite", "last_name", true, text(100)),
        ("ContactWrite", "email", true, email()),
        ("ContactWrite", "phone", true, phone()),
        ("ContactWrite", "position", true, text(100)),
        ("ContactWrite", "is_primary", false, flag()),
        ("NoteWrite", "lead", false, id()),
        ("NoteWrite", "content", false, required(10_000)),
        ("ReminderWrite", "lead", false, id()),
        ("ReminderWrite", "title", false, required(200)),
        ("ReminderWrite", "message", true, text(10_000)),
        ("ReminderWrite", "recipient", false, id()),
        ("ReminderWrite", "status", false, any()),
        ("ReminderWrite", "completed", false, flag()),
        ("ReminderWrite", "remind_at", false, when()),
        ("ReminderWrite", "completed_at", true, when()),
        ("CorrespondenceWrite", "date", false, when()),
        ("CorrespondenceWrite", "lead", false, id()),
        ("CorrespondenceWrite", "contact", true, id()),
        ("CorrespondenceWrite", "direction", false, any()),
        ("CorrespondenceWrite", "subject", true, text(200)),
        (
            "CorrespondenceWrite",
            "description",
            false,
            required(10_000),
        ),
        (
            "UserWrite",
            "username",
            false,
            json!({"type": ["string", "number"], "minLength": 1, "maxLength": 150, "pattern": USERNAME}),
        ),
        ("UserWrite", "email", true, email()),
        ("UserWrite", "first_name", true, text(150)),
        ("UserWrite", "last_name", true, text(150)),
        ("UserWrite", "role", false, any()),
        ("UserWrite", "is_active", false, flag()),
        ("UserWrite", "password", false, password()),
        ("LoginRequest", "username", false, secret()),
        ("LoginRequest", "password", false, secret()),
        ("RefreshRequest", "refresh", false, secret()),
        ("ChangePasswordRequest", "old_password", false, secret()),
        ("ChangePasswordRequest", "new_password", false, password()),
    ]
}

pub(super) fn constrain(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for (schema, property, nullable, rules) in field_rules() {
        let Some(field) = schemas
            .get_mut(schema)
            .and_then(|s| s["properties"].get_mut(property))
        else {
            continue;
        };
        if !nullable {
            drop_null(field);
        }
        if let (Some(field), Some(rules)) = (field.as_object_mut(), rules.as_object()) {
            if rules.contains_key("enum") || rules.contains_key("anyOf") {
                field.remove("$ref");
            }
            field.extend(rules.clone());
            // `Null` marks a key that the rules remove.
            field.retain(|_, value| !value.is_null());
        }
    }
}

/// `["string", "null"]` → `"string"`; `oneOf: [X, {"type": "null"}]` → X.
fn drop_null(field: &mut Value) {
    if let Some(types) = field.get("type").and_then(Value::as_array) {
        let types: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        field["type"] = match types.as_slice() {
            [one] => one.clone(),
            _ => Value::Array(types),
        };
    }
    let inner = field
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|alternatives| {
            let rest: Vec<&Value> = alternatives
                .iter()
                .filter(|a| a["type"] != "null")
                .collect();
            (rest.len() == 1).then(|| rest[0].clone())
        });
    if let (Some(inner), Some(object)) = (inner, field.as_object_mut()) {
        object.remove("oneOf");
        if let Some(inner) = inner.as_object() {
            for (key, value) in inner {
                object.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
}

/// PATCH requires nothing, so its body is `Patched<Name>` without `required`; creating a user
/// requires a password, which updating does not.
pub(super) fn variants(doc: &mut Value) {
    const PREFIX: &str = "#/components/schemas/";
    let mut variants: Vec<(String, String)> = Vec::new();
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        for (method, operation) in item.as_object_mut().into_iter().flatten() {
            let schema = &mut operation["requestBody"]["content"]["application/json"]["schema"];
            let Some(name) = schema["$ref"].as_str().and_then(|r| r.strip_prefix(PREFIX)) else {
                continue;
            };
            let variant = match (method.as_str(), path.as_str()) {
                ("patch", _) => format!("Patched{name}"),
                ("post", "/api/users/") => "UserCreate".to_string(),
                _ => continue,
            };
            variants.push((name.to_string(), variant.clone()));
            schema["$ref"] = Value::String(format!("{PREFIX}{variant}"));
        }
    }
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for (name, variant) in variants {
        let Some(mut schema) = schemas.get(&name).cloned() else {
            continue;
        };
        if variant == "UserCreate" {
            schema["required"] = json!(["username", "password"]);
            schema["description"] = json!("A new user: `username` and `password` are required.");
        } else if let Some(object) = schema.as_object_mut() {
            object.remove("required");
            object.insert(
                "description".into(),
                json!("Any of the fields, each optional."),
            );
        }
        schemas.insert(variant, schema);
    }
}
