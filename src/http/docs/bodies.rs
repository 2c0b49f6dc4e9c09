//! Request bodies in the API document, derived from the readers in `domain/` that parse them:
//! each reader, run inside `spec::record`, lists the fields it reads and its rules, and the
//! schema is built from that list (`schemas` says which reader makes which schema). What a
//! reader checks beyond its field kinds is added here (`EXTRA`), with the prose (`NOTES`).
//! `PATCH` bodies get their own `Patched<Name>` schema, every field optional; creating a user
//! requires a password, which updating one does not.

use serde_json::{Map, Value, json};

use super::contract::{BOOL_WORDS, boolean};
use crate::domain::fields::spec::{self, FieldSpec, Kind};

const EMAIL: &str =
    r"^(\s*[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,40}(\.[A-Za-z0-9-]{1,40}){1,3}\s*)?$";
/// Kenyan mobile numbers, a subset of what is accepted (any valid number, checked against
/// the numbering plan) that a pattern can state exactly.
const PHONE: &str = r"^\s*((\+254|0)7[0-9]{8})?\s*$";
const MONEY: &str = r"^\s*[0-9]{1,12}(\.[0-9]{1,2})?\s*$";

/// The schema of one field, from what its reader accepts. Text is trimmed; required text may
/// not be blank; optional text takes `null` as empty. The server trims before it measures
/// emails and phone numbers: their patterns bound the length instead.
fn field_schema(field: &FieldSpec) -> Value {
    let with_null = |kind: &str| {
        if field.nullable {
            json!([kind, "null"])
        } else {
            json!(kind)
        }
    };
    match &field.kind {
        // Text fields take a JSON number as its decimal text, as DRF's CharField does.
        Kind::Text { max } if field.required => json!({"type": ["string", "number"],
            "minLength": 1, "maxLength": max, "pattern": r"\S"}),
        Kind::Text { max } => json!({"type": ["string", "number", "null"], "maxLength": max}),
        Kind::Email => json!({"type": with_null("string"), "pattern": EMAIL}),
        Kind::Phone => json!({"type": with_null("string"), "pattern": PHONE}),
        Kind::Choice { type_name } => json!({"$ref": format!("#/components/schemas/{type_name}")}),
        Kind::Money => json!({"anyOf": [
            {"type": "string", "pattern": MONEY},
            {"type": "integer", "minimum": 0, "maximum": 1_000_000_000_000_i64},
        ]}),
        Kind::Id => json!({"type": with_null("integer"), "format": "int64", "minimum": 1}),
        Kind::Boolean => boolean(&format!(r"^\s*({BOOL_WORDS})\s*$")),
        Kind::DateTime => {
            json!({"type": with_null("string"), "format": "date-time", "minLength": 1})
        }
        Kind::Secret => json!({"type": "string", "minLength": 1}),
    }
}

/// What readers check beyond the kind of a field: (schema, field, keywords that replace the
/// derived ones).
fn extra() -> Vec<(&'static str, &'static str, Value)> {
    let password = json!({"minLength": 12, "maxLength": 128});
    vec![
        (
            "UserWrite",
            "username",
            json!({"pattern": r"^\s*[\w.@+-]+\s*$"}),
        ),
        ("UserWrite", "password", password.clone()),
        (
            "UserCreate",
            "username",
            json!({"pattern": r"^\s*[\w.@+-]+\s*$"}),
        ),
        ("UserCreate", "password", password.clone()),
        ("ChangePasswordRequest", "new_password", password),
        (
            "LeadWrite",
            "estimated_value",
            json!({"example": "150000.00"}),
        ),
        // Read only when present (`null` clears it), so the empty recording does not see it.
        (
            "ReminderWrite",
            "completed_at",
            json!({"type": ["string", "null"], "format": "date-time", "minLength": 1}),
        ),
    ]
}

/// Prose for fields whose meaning their kind does not say: (schema, field, description).
const NOTES: &[(&str, &str, &str)] = &[
    ("LeadWrite", "first_name", "Required, 1–100 characters."),
    (
        "LeadWrite",
        "phone",
        "Any common Kenyan form, or + and a country code; stored in E.164.",
    ),
    (
        "LeadWrite",
        "estimated_value",
        "Decimal string or number, 0 to 10^12, at most two decimal places.",
    ),
    ("LeadWrite", "assigned_to", "An active user's id, or null."),
    (
        "ContactWrite",
        "lead",
        "The lead's id (cannot change after creation).",
    ),
    ("ContactWrite", "first_name", "Required, 1–100 characters."),
    (
        "ContactWrite",
        "phone",
        "Any common Kenyan form, or + and a country code; stored in E.164.",
    ),
    (
        "ContactWrite",
        "is_primary",
        "Marking one primary un-marks the lead's other contacts; a lead's first contact is\nprimary.",
    ),
    (
        "NoteWrite",
        "content",
        "Required, at most 10 000 characters.",
    ),
    (
        "ReminderWrite",
        "title",
        "Required, at most 200 characters.",
    ),
    (
        "ReminderWrite",
        "remind_at",
        "When to send it. Changing it on a pending or failed reminder, or on a sent one not yet\ncompleted (a snooze), reschedules it.",
    ),
    (
        "ReminderWrite",
        "recipient",
        "An active user's id; the caller when omitted.",
    ),
    (
        "ReminderWrite",
        "status",
        "Only `cancelled` may be set, on a pending reminder, or `pending` on a cancelled one\n(undoing the cancel).",
    ),
    (
        "ReminderWrite",
        "completed",
        "`true` sets `completed_at` to now, `false` clears it.",
    ),
    ("CorrespondenceWrite", "date", "When it happened."),
    (
        "CorrespondenceWrite",
        "contact",
        "A contact of the same lead, or null.",
    ),
    ("CorrespondenceWrite", "direction", "Default `outbound`."),
    (
        "CorrespondenceWrite",
        "description",
        "Required, at most 10 000 characters.",
    ),
    (
        "UserWrite",
        "password",
        "Write-only, 12–128 characters; required on create.",
    ),
    (
        "UserCreate",
        "password",
        "Write-only, 12–128 characters; required on create.",
    ),
    (
        "ChangePasswordRequest",
        "new_password",
        "12–128 characters.",
    ),
];

/// The object schema of a body named `name`, from the fields its reader reads.
pub(super) fn derive(name: &str, description: &str, read: impl FnOnce()) -> Value {
    let fields = spec::record(read);
    let extra = extra();
    let mut properties = Map::new();
    for field in &fields {
        let mut schema = field_schema(field);
        for (_, _, keywords) in extra
            .iter()
            .filter(|(s, f, _)| *s == name && *f == field.name)
        {
            if let (Some(schema), Some(keywords)) = (schema.as_object_mut(), keywords.as_object()) {
                schema.extend(keywords.clone());
            }
        }
        if let Some((_, _, note)) = NOTES
            .iter()
            .find(|(s, f, _)| *s == name && *f == field.name)
        {
            schema["description"] = json!(note);
        }
        properties.insert(field.name.clone(), schema);
    }
    for (_, field, keywords) in extra.iter().filter(|(s, _, _)| *s == name) {
        properties
            .entry(field.to_string())
            .or_insert_with(|| keywords.clone());
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    let mut schema =
        json!({"type": "object", "description": description, "properties": properties});
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// `PATCH` requires nothing, so its body is `Patched<Name>` without `required`; creating a
/// user reads its body as a create (`UserCreate`).
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
        if variant == "UserCreate" {
            schemas.insert(variant, super::schemas::user_create());
            continue;
        }
        let Some(mut schema) = schemas.get(&name).cloned() else {
            continue;
        };
        if let Some(object) = schema.as_object_mut() {
            object.remove("required");
            object.insert(
                "description".into(),
                json!("Any of the fields, each optional."),
            );
        }
        schemas.insert(variant, schema);
    }
}
