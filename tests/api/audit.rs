//! The audit trail: an entry per change with whole before/after objects, manager-only,
//! read-only, filterable, and never a secret in it.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn entries(app: &crate::helpers::TestApp, token: &str, query: &str) -> Vec<Value> {
    let (status, page) = app
        .get(&format!("/api/audit-logs/?page_size=100&{query}"), token)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["results"].as_array().unwrap().clone()
}

both_backends!(
    lead_changes_are_recorded_with_before_and_after,
    user_changes_are_recorded_without_any_secret,
    agents_cannot_read_the_audit_log,
    the_audit_log_is_read_only,
    audit_filters_select_by_user_action_and_time,
    the_audit_log_orders_by_each_key_with_names_joined
);

async fn lead_changes_are_recorded_with_before_and_after(app: TestApp) {
    let manager = app.manager().await;
    let lead = app
        .lead(&manager, json!({"first_name": "Akinyi", "status": "new"}))
        .await;
    let id = lead["id"].as_i64().unwrap();
    let path = format!("/api/leads/{id}/");
    let (_, updated) = app
        .patch(&path, &manager, json!({"status": "qualified"}))
        .await;
    app.delete(&path, &manager).await;

    let log = entries(&app, &manager, &format!("entity=lead&entity_id={id}")).await;
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["delete", "update", "create"], "newest first");
    let (delete, update, create) = (&log[0], &log[1], &log[2]);
    assert!(create["changes"]["before"].is_null());
    assert_eq!(create["changes"]["after"], lead);
    assert_eq!(update["changes"]["before"], lead, "the whole object before");
    assert_eq!(
        update["changes"]["after"], updated,
        "the whole object after"
    );
    assert_eq!(delete["changes"]["before"], updated);
    assert!(delete["changes"]["after"].is_null());
    for entry in &log {
        assert_eq!(entry["user"], app.manager_id);
        assert_eq!(entry["username"], "manager");
        assert_eq!(entry["entity"], "lead");
        assert!(entry["timestamp"].is_string());
    }
    assert!(update["summary"].as_str().unwrap().contains("Akinyi"));
}

async fn user_changes_are_recorded_without_any_secret(app: TestApp) {
    let manager = app.manager().await;
    let (_, user) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "kevin", "password": "secret passphrase 1"}),
        )
        .await;
    app.patch(
        &format!("/api/users/{}/", user["id"]),
        &manager,
        json!({"password": "secret passphrase 2", "last_name": "Mwangi"}),
    )
    .await;
    let agent = app.agent().await;
    app.post(
        "/api/auth/change-password/",
        &agent,
        json!({"old_password": crate::helpers::PASSWORD, "new_password": "secret passphrase 3"}),
    )
    .await;
    let log = entries(&app, &manager, "entity=user").await;
    assert!(log.len() >= 3, "{log:?}");
    let text = serde_json::to_string(&log).unwrap();
    for secret in [
        "secret passphrase",
        "argon2",
        "password_hash",
        "\"password\"",
    ] {
        assert!(!text.contains(secret), "{secret} leaked into the audit log");
    }
    let kevin: Vec<&Value> = log
        .iter()
        .filter(|e| e["entity_id"] == user["id"])
        .collect();
    assert_eq!(kevin.len(), 2);
    assert_eq!(kevin[0]["changes"]["after"]["last_name"], "Mwangi");
}

async fn agents_cannot_read_the_audit_log(app: TestApp) {
    let (status, body) = app.get("/api/audit-logs/", &app.agent().await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["detail"],
        "You do not have permission to perform this action."
    );
    let (status, _) = app.get("/api/audit-logs/1/", &app.agent().await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn the_audit_log_is_read_only(app: TestApp) {
    let manager = app.manager().await;
    app.lead(&manager, json!({"first_name": "X"})).await;
    let id = entries(&app, &manager, "").await[0]["id"].as_i64().unwrap();
    let (status, _) = app.get(&format!("/api/audit-logs/{id}/"), &manager).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.post("/api/audit-logs/", &manager, json!({})).await.0,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        app.put(&format!("/api/audit-logs/{id}/"), &manager, json!({}))
            .await
            .0,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        app.patch(&format!("/api/audit-logs/{id}/"), &manager, json!({}))
            .await
            .0,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        app.delete(&format!("/api/audit-logs/{id}/"), &manager)
            .await
            .0,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

async fn audit_filters_select_by_user_action_and_time(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    app.lead(&agent, json!({"first_name": "ByAgent"})).await;
    let lead = app.lead(&manager, json!({"first_name": "ByManager"})).await;
    app.patch(
        &format!("/api/leads/{}/", lead["id"]),
        &manager,
        json!({"title": "CEO"}),
    )
    .await;
    let by_agent = entries(&app, &manager, &format!("user={}", app.agent_id)).await;
    assert_eq!(by_agent.len(), 1);
    assert_eq!(by_agent[0]["changes"]["after"]["first_name"], "ByAgent");
    let updates = entries(&app, &manager, "action=update&entity=lead").await;
    assert_eq!(updates.len(), 1);
    assert_eq!(entries(&app, &manager, "since=2999-01-01").await.len(), 0);
    let today = chrono::Utc::now().format("%Y-%m-%d");
    assert!(
        entries(&app, &manager, &format!("until={today}&entity=lead"))
            .await
            .len()
            >= 3
    );
    let (status, body) = app.get("/api/audit-logs/?action=destroy", &manager).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["action"][0].is_string());
}

/// The acting user is joined for their name: every ordering key and the single entry still
/// read the audit entry's own columns.
async fn the_audit_log_orders_by_each_key_with_names_joined(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    app.lead(&agent, json!({"first_name": "First"})).await;
    app.lead(&manager, json!({"first_name": "Second"})).await;
    let ids =
        |rows: &[Value]| -> Vec<i64> { rows.iter().map(|e| e["id"].as_i64().unwrap()).collect() };
    let ascending = ids(&entries(&app, &manager, "ordering=id&entity=lead").await);
    assert_eq!(ascending.len(), 2);
    assert!(ascending[0] < ascending[1], "{ascending:?}");
    let descending = ids(&entries(&app, &manager, "ordering=-id&entity=lead").await);
    assert_eq!(
        descending,
        ascending.iter().rev().copied().collect::<Vec<_>>()
    );
    let by_time = entries(&app, &manager, "ordering=timestamp&entity=lead").await;
    assert_eq!(ids(&by_time), ascending);
    assert_eq!(by_time[0]["username"], "agent");
    assert_eq!(by_time[1]["user_name"], "manager Test");
    let (status, one) = app
        .get(&format!("/api/audit-logs/{}/", ascending[0]), &manager)
        .await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["id"], ascending[0]);
    assert_eq!(one["user"], app.agent_id);
    assert_eq!(one["user_name"], by_time[0]["user_name"]);
}
