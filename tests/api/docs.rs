//! API documentation: the OpenAPI document covers every operation and matches its snapshot;
//! Swagger UI and ReDoc are served by the server itself.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

const SNAPSHOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/api/snapshots/openapi.json"
);

async fn schema(app: &TestApp) -> Value {
    let res = app
        .client
        .get(app.url("/api/schema/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn the_openapi_document_covers_every_operation_with_its_errors() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = schema(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut operations = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations.insert(format!("{} {path}", method.to_uppercase()));
            let responses = op["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path}");
            if op.get("security").is_some() {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path} documents 401"
                );
            }
            let bodiless = path.ends_with("/calendar-token/");
            if matches!(method.as_str(), "post" | "put" | "patch") && !bodiless {
                assert!(
                    op.get("requestBody").is_some(),
                    "{method} {path} documents its body"
                );
            }
        }
    }
    for expected in [
        "POST /api/auth/login/",
        "POST /api/auth/refresh/",
        "POST /api/auth/logout/",
        "GET /api/auth/me/",
        "POST /api/auth/change-password/",
        "GET /api/users/",
        "POST /api/users/",
        "GET /api/users/{id}/",
        "PUT /api/users/{id}/",
        "PATCH /api/users/{id}/",
        "GET /api/leads/",
        "POST /api/leads/",
        "GET /api/leads/{id}/",
        "PUT /api/leads/{id}/",
        "PATCH /api/leads/{id}/",
        "DELETE /api/leads/{id}/",
        "GET /api/leads/export/",
        "GET /api/contacts/",
        "POST /api/contacts/",
        "GET /api/contacts/{id}/",
        "PUT /api/contacts/{id}/",
        "PATCH /api/contacts/{id}/",
        "DELETE /api/contacts/{id}/",
        "GET /api/notes/",
        "POST /api/notes/",
        "GET /api/notes/{id}/",
        "PUT /api/notes/{id}/",
        "PATCH /api/notes/{id}/",
        "DELETE /api/notes/{id}/",
        "GET /api/reminders/",
        "POST /api/reminders/",
        "GET /api/reminders/{id}/",
        "PUT /api/reminders/{id}/",
        "PATCH /api/reminders/{id}/",
        "DELETE /api/reminders/{id}/",
        "GET /api/correspondences/",
        "POST /api/correspondences/",
        "GET /api/correspondences/{id}/",
        "PUT /api/correspondences/{id}/",
        "PATCH /api/correspondences/{id}/",
        "DELETE /api/correspondences/{id}/",
        "GET /api/dashboard-stats/",
        "GET /api/outbox/",
        "POST /api/auth/calendar-token/",
        "GET /calendar/{file}",
        "GET /api/audit-logs/",
        "GET /api/audit-logs/{id}/",
        "GET /api/meta/",
        "GET /healthz",
        "GET /readyz",
    ] {
        assert!(operations.contains(expected), "{expected} is documented");
    }
    for schema in [
        "Lead",
        "User",
        "ErrorDetail",
        "ValidationErrors",
        "AuditEntry",
        "TokenPair",
        "Contact",
        "Note",
        "Reminder",
        "Correspondence",
        "DashboardStats",
        "OutboxMessage",
        "Me",
    ] {
        assert!(
            doc["components"]["schemas"].get(schema).is_some(),
            "{schema}"
        );
    }
    assert!(doc["components"]["securitySchemes"]["jwt"].is_object());
}

/// The document is part of the contract: a change to it must be deliberate. Set
/// `UPDATE_SNAPSHOTS=1` to accept a change, and review the diff.
#[tokio::test]
async fn the_openapi_document_matches_its_snapshot() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = serde_json::to_string_pretty(&schema(&app).await).unwrap() + "\n";
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(SNAPSHOT, &doc).unwrap();
    }
    let stored = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        stored == doc,
        "the OpenAPI document changed; run `make snapshots` and review the diff"
    );
}

/// Every operation has its own id (`leads_list`, `leads_partial_update`, …), so that clients
/// generated from the document need no renaming; every operation but the public ones takes
/// the bearer token and documents its 401.
#[tokio::test]
async fn operation_ids_are_unique_and_only_public_operations_go_without_a_token() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = schema(&app).await;
    let mut ids = BTreeSet::new();
    let mut public = BTreeSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap().to_string();
            assert!(ids.insert(id.clone()), "operationId {id} is used twice");
            if op.get("security").is_none() {
                public.insert(id);
            } else {
                assert_eq!(op["security"], json!([{"jwt": []}]), "{id}");
                assert!(op["responses"].get("401").is_some(), "{id} documents 401");
            }
        }
    }
    assert!(ids.contains("leads_update") && ids.contains("leads_partial_update"));
    let expected = [
        "auth_login",
        "auth_refresh",
        "calendar_feed",
        "healthz",
        "meta",
        "readyz",
    ];
    assert_eq!(public, BTreeSet::from(expected.map(String::from)));
}

#[tokio::test]
async fn swagger_ui_and_redoc_are_served_locally() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app.client.get(app.url("/swagger/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(
        !html.contains("https://"),
        "no asset comes from the internet"
    );
    let res = app
        .client
        .get(app.url("/swagger/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .client
        .get(app.url("/swagger/swagger-initializer.js"))
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("/api/schema/"));

    let res = app.client.get(app.url("/redoc/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("/redoc/redoc.standalone.js") && html.contains("/api/schema/"));
    assert!(!html.contains("https://"));
    let res = app
        .client
        .get(app.url("/redoc/redoc.standalone.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the ReDoc bundle is installed by `make`"
    );
    assert!(res.text().await.unwrap().len() > 100_000);
}

/// The answers that the shared extractors give on every operation are in the document, so
/// that a client (and schemathesis, in `make test`) can rely on it: 415 for a body that is
/// not JSON, 404 "Invalid page.", a 400 of either shape, no `page_size` maximum (larger is
/// clamped), and bodies that say what the server refuses.
#[tokio::test]
async fn the_document_admits_every_answer_the_server_gives() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = schema(&app).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = &op["responses"];
            if op.get("requestBody").is_some() {
                assert!(
                    responses.get("415").is_some(),
                    "{method} {path} documents 415"
                );
            }
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if let Some(page_size) = params.iter().find(|p| p["name"] == "page_size") {
                assert!(
                    responses.get("404").is_some(),
                    "{method} {path}: Invalid page"
                );
                assert!(
                    !page_size.to_string().contains("maximum"),
                    "{method} {path}: page_size is clamped, not refused"
                );
            }
            if let Some(bad) = responses.get("400") {
                let shapes = &bad["content"]["application/json"]["schema"]["oneOf"];
                let shapes: Vec<&str> = shapes
                    .as_array()
                    .map(|s| s.iter().filter_map(|s| s["$ref"].as_str()).collect())
                    .unwrap_or_default();
                assert_eq!(
                    shapes,
                    [
                        "#/components/schemas/ValidationErrors",
                        "#/components/schemas/ErrorDetail"
                    ],
                    "{method} {path}: a 400 is field errors or a detail"
                );
            }
        }
    }
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("LeadWrite", "first_name"),
        ("ContactWrite", "first_name"),
        ("NoteWrite", "content"),
        ("ReminderWrite", "title"),
        ("CorrespondenceWrite", "description"),
        ("UserWrite", "username"),
        ("LoginRequest", "password"),
    ] {
        assert_eq!(
            schemas[schema]["properties"][field]["minLength"], 1,
            "{schema}.{field} may not be blank"
        );
    }
    for (schema, field) in [
        ("LeadWrite", "status"),
        ("LeadWrite", "priority"),
        ("CorrespondenceWrite", "direction"),
        ("UserWrite", "role"),
        ("ReminderWrite", "recipient"),
    ] {
        let property = schemas[schema]["properties"][field].to_string();
        assert!(
            !property.contains("null"),
            "{schema}.{field} refuses null: {property}"
        );
    }
    assert_eq!(schemas["UserBrief"]["additionalProperties"], false);
    assert!(schemas["PatchedLeadWrite"].get("required").is_none());
    assert_eq!(
        doc["paths"]["/api/users/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/UserCreate"
    );
}

// An id written as `3.0` is the integer 3 to JSON Schema, and so to the document: the server
// takes it as that id; another fraction is still refused, naming the field.
both_backends!(an_id_with_a_zero_fraction_is_accepted_as_that_id);

async fn an_id_with_a_zero_fraction_is_accepted_as_that_id(app: TestApp) {
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Wanjiru"})).await;
    let id = lead["id"].as_i64().unwrap();
    let body = json!({"lead": id as f64, "content": "Called back."});
    let (status, note) = app.post("/api/notes/", &manager, body).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    assert_eq!(note["lead"], id);
    let body = json!({"lead": id as f64 + 0.5, "content": "Called back."});
    let (status, errors) = app.post("/api/notes/", &manager, body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(errors["lead"].is_array(), "{errors}");
}

// Each query parameter is documented as what the server reads, checked against its answers:
// the lead filters on every operation that shares them, timestamps as timestamps, `cards` up
// to 100, the timeline's kinds, and the dashboard's `assigned_to` without `none`.
both_backends!(query_parameters_are_documented_as_the_server_reads_them);

async fn query_parameters_are_documented_as_the_server_reads_them(app: TestApp) {
    let doc = schema(&app).await;
    let param = |path: &str, name: &str| -> Value {
        let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap();
        let found = params.iter().find(|p| p["name"] == name);
        found.unwrap_or_else(|| panic!("{path} documents {name}"))["schema"].clone()
    };
    for path in ["/api/leads/", "/api/leads/board/", "/api/leads/export/"] {
        assert!(param(path, "no_next_step").to_string().contains("boolean"));
        for name in ["next_reminder_before", "last_activity_before"] {
            let schema = param(path, name).to_string();
            assert!(schema.contains("date-time"), "{path} {name}: {schema}");
        }
    }
    let manager = app.manager().await;
    let (status, body) = app
        .get("/api/leads/board/?last_activity_before=soon", &manager)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["last_activity_before"].is_array(), "{body}");

    let cards = param("/api/leads/board/", "cards").to_string();
    assert!(cards.contains(r#""maximum":100"#), "{cards}");
    for (cards, expected) in [(100, StatusCode::OK), (101, StatusCode::BAD_REQUEST)] {
        let url = format!("/api/leads/board/?cards={cards}");
        assert_eq!(app.get(&url, &manager).await.0, expected, "cards={cards}");
    }

    let kind = param("/api/leads/{id}/timeline/", "kind")["pattern"].to_string();
    for k in ["note", "email", "call", "meeting", "reminder", "status"] {
        assert!(kind.contains(k), "{kind}");
    }
    let lead = app.lead(&manager, json!({"first_name": "Akinyi"})).await;
    let url = format!("/api/leads/{}/timeline/?kind=note,sms", lead["id"]);
    let (status, body) = app.get(&url, &manager).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    let assignee = param("/api/dashboard-stats/", "assigned_to")["pattern"].to_string();
    assert!(assignee.contains("[mM][eE]") && !assignee.contains("[nN][oO][nN][eE]"));
    let (status, body) = app
        .get("/api/dashboard-stats/?assigned_to=none", &manager)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (_, body) = app
        .get("/api/dashboard-stats/?assigned_to=999999", &manager)
        .await;
    assert_eq!(
        body["assigned_to"],
        json!([r#"Invalid pk "999999" - object does not exist."#])
    );
}
