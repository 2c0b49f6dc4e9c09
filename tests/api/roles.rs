//! The role matrix: manager and agent × list, create, read, update, delete, per resource;
//! and deleting a lead removes its children with an audit entry for each.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

const OK: StatusCode = StatusCode::OK;
const CREATED: StatusCode = StatusCode::CREATED;
const GONE: StatusCode = StatusCode::NO_CONTENT;
const DENIED: StatusCode = StatusCode::FORBIDDEN;

/// A create body for each resource, on `lead`.
fn body(resource: &str, lead: &Value) -> Value {
    match resource {
        "leads" => json!({"first_name": "Matrix"}),
        "contacts" => json!({"lead": lead["id"], "first_name": "C"}),
        "notes" => json!({"lead": lead["id"], "content": "N"}),
        "reminders" => {
            json!({"lead": lead["id"], "title": "R", "remind_at": "2030-01-01T00:00:00Z"})
        }
        _ => json!({"lead": lead["id"], "type": "email", "description": "E", "date": "2026-01-01"}),
    }
}

fn change(resource: &str) -> Value {
    match resource {
        "leads" | "contacts" => json!({"last_name": "Changed"}),
        "notes" => json!({"content": "Changed"}),
        "reminders" => json!({"title": "Changed"}),
        _ => json!({"subject": "Changed"}),
    }
}

/// Runs list, create, read, update, delete as `token` and returns the statuses.
async fn crud(app: &TestApp, token: &str, resource: &str, lead: &Value) -> [StatusCode; 5] {
    let base = format!("/api/{resource}/");
    let list = app.get(&base, token).await.0;
    let (create, made) = app.post(&base, token, body(resource, lead)).await;
    let path = format!("{base}{}/", made["id"]);
    let read = app.get(&path, token).await.0;
    let update = app.patch(&path, token, change(resource)).await.0;
    let delete = app.delete(&path, token).await.0;
    [list, create, read, update, delete]
}

both_backends!(
    each_role_may_do_what_the_matrix_says,
    deleting_a_lead_removes_its_children_and_records_each
);

async fn each_role_may_do_what_the_matrix_says(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    let lead = app.lead(&manager, json!({"first_name": "Parent"})).await;
    let expected = [
        (
            "leads",
            [OK, CREATED, OK, OK, GONE],
            [OK, CREATED, OK, OK, DENIED],
        ),
        (
            "contacts",
            [OK, CREATED, OK, OK, GONE],
            [OK, CREATED, OK, OK, DENIED],
        ),
        (
            "notes",
            [OK, CREATED, OK, OK, GONE],
            [OK, CREATED, OK, OK, GONE],
        ),
        (
            "reminders",
            [OK, CREATED, OK, OK, GONE],
            [OK, CREATED, OK, OK, GONE],
        ),
        (
            "correspondences",
            [OK, CREATED, OK, OK, GONE],
            [OK, CREATED, OK, OK, GONE],
        ),
    ];
    for (resource, as_manager, as_agent) in expected {
        assert_eq!(
            crud(&app, &manager, resource, &lead).await,
            as_manager,
            "manager on {resource}"
        );
        assert_eq!(
            crud(&app, &agent, resource, &lead).await,
            as_agent,
            "agent on {resource}"
        );
    }
    for resource in [
        "leads",
        "contacts",
        "notes",
        "reminders",
        "correspondences",
        "users",
        "audit-logs",
        "dashboard-stats",
    ] {
        let res = app
            .client
            .get(app.url(&format!("/api/{resource}/")))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "{resource} without a token"
        );
    }
    assert_eq!(app.get("/api/audit-logs/", &agent).await.0, DENIED);
    assert_eq!(app.get("/api/audit-logs/", &manager).await.0, OK);
}

async fn deleting_a_lead_removes_its_children_and_records_each(app: TestApp) {
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Cascade"})).await;
    let other = app.lead(&manager, json!({"first_name": "Survivor"})).await;
    let mut children = Vec::new();
    for resource in ["contacts", "notes", "reminders", "correspondences"] {
        let (status, made) = app
            .post(
                &format!("/api/{resource}/"),
                &manager,
                body(resource, &lead),
            )
            .await;
        assert_eq!(status, CREATED, "{made}");
        children.push((resource, made));
        app.post(
            &format!("/api/{resource}/"),
            &manager,
            body(resource, &other),
        )
        .await;
    }
    assert_eq!(
        app.delete(&format!("/api/leads/{}/", lead["id"]), &manager)
            .await
            .0,
        GONE
    );
    for (resource, made) in &children {
        assert_eq!(
            app.get(&format!("/api/{resource}/{}/", made["id"]), &manager)
                .await
                .0,
            StatusCode::NOT_FOUND,
            "{resource}"
        );
        let entity = match *resource {
            "contacts" => "contact",
            "notes" => "note",
            "reminders" => "reminder",
            _ => "correspondence",
        };
        let (_, log) = app
            .get(
                &format!(
                    "/api/audit-logs/?entity={entity}&entity_id={}&action=delete",
                    made["id"]
                ),
                &manager,
            )
            .await;
        assert_eq!(log["count"], 1, "{entity} deletion recorded");
        assert_eq!(log["results"][0]["changes"]["before"]["id"], made["id"]);
        assert!(log["results"][0]["changes"]["after"].is_null());
    }
    for resource in ["contacts", "notes", "reminders", "correspondences"] {
        let (_, page) = app
            .get(&format!("/api/{resource}/?lead={}", other["id"]), &manager)
            .await;
        assert_eq!(page["count"], 1, "the other lead keeps its {resource}");
    }
}
