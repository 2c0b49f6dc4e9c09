//! Leads: validation, CRUD and roles; filters, search, ordering and pagination (`listing`).

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

mod board;
mod listing;

both_backends!(
    a_created_lead_is_normalised_and_gets_defaults,
    money_is_accepted_as_string_or_number_and_shown_with_two_places,
    every_invalid_field_is_reported_at_once,
    money_limits_and_precision_are_enforced,
    missing_required_fields_and_non_object_bodies_are_400,
    only_active_users_can_be_assigned,
    patch_changes_only_the_fields_given_and_put_needs_required_ones,
    agents_cannot_delete_leads_and_managers_can,
    unknown_and_malformed_ids_are_404
);

async fn a_created_lead_is_normalised_and_gets_defaults(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({
        "first_name": "  Wanjiku ", "last_name": "Kamau", "email": "Wanjiku@Safaricom.CO.KE",
        "phone": "0712 345 678", "company": "Safaricom", "id": 999, "created_by": 12345,
        "unknown_field": "ignored"
    })).await;
    assert_eq!(lead["first_name"], "Wanjiku");
    assert_eq!(lead["full_name"], "Wanjiku Kamau");
    assert_eq!(lead["email"], "wanjiku@safaricom.co.ke");
    assert_eq!(lead["phone"], "+254712345678");
    assert_eq!(lead["status"], "new");
    assert_eq!(lead["priority"], "medium");
    assert_eq!(lead["estimated_value"], "0.00");
    assert_eq!(lead["created_by"], app.agent_id);
    assert_ne!(lead["id"], 999);
    assert_eq!(lead["contacts_count"], 0);
    assert!(lead["primary_contact"].is_null());
    assert!(lead["created_at"].as_str().unwrap().ends_with('Z'));
    let (status, fetched) = app
        .get(&format!("/api/leads/{}/", lead["id"]), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched, lead);
}

async fn money_is_accepted_as_string_or_number_and_shown_with_two_places(app: TestApp) {
    let token = app.agent().await;
    let a = app
        .lead(
            &token,
            json!({"first_name": "A", "estimated_value": 1500.5}),
        )
        .await;
    let b = app
        .lead(
            &token,
            json!({"first_name": "B", "estimated_value": "1000000000000"}),
        )
        .await;
    assert_eq!(a["estimated_value"], "1500.50");
    assert_eq!(b["estimated_value"], "1000000000000.00");
}

async fn every_invalid_field_is_reported_at_once(app: TestApp) {
    let token = app.agent().await;
    let (status, body) = app
        .post(
            "/api/leads/",
            &token,
            json!({
                "first_name": "   ", "email": "not-an-email", "phone": "call me maybe",
                "status": "won", "priority": "urgent", "estimated_value": "-1",
                "assigned_to": 99999, "description": "x".repeat(10_001), "company": 42.5,
                "title": ["a"]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["first_name"][0], "This field may not be blank.");
    assert_eq!(body["email"][0], "Enter a valid email address.");
    assert!(
        body["phone"][0]
            .as_str()
            .unwrap()
            .contains("valid phone number")
    );
    assert_eq!(body["status"][0], "\"won\" is not a valid choice.");
    assert_eq!(body["priority"][0], "\"urgent\" is not a valid choice.");
    assert!(
        body["estimated_value"][0]
            .as_str()
            .unwrap()
            .contains("greater than or equal to 0")
    );
    assert!(
        body["assigned_to"][0]
            .as_str()
            .unwrap()
            .contains("does not exist")
    );
    assert!(
        body["description"][0]
            .as_str()
            .unwrap()
            .contains("10000 characters")
    );
    assert_eq!(body["title"][0], "Not a valid string.");
    assert!(
        body.get("company").is_none(),
        "a number is accepted as text: {body}"
    );
    let (_, page) = app.get("/api/leads/", &token).await;
    assert_eq!(page["count"], 0, "nothing was written");
}

async fn money_limits_and_precision_are_enforced(app: TestApp) {
    let token = app.agent().await;
    for (value, message) in [
        (json!("1.234"), "no more than 2 decimal places"),
        (
            json!("1000000000000.01"),
            "less than or equal to 1000000000000",
        ),
        (json!("abc"), "A valid number is required."),
        (json!(true), "A valid number is required."),
    ] {
        let (status, body) = app
            .post(
                "/api/leads/",
                &token,
                json!({"first_name": "A", "estimated_value": value}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body["estimated_value"][0]
                .as_str()
                .unwrap()
                .contains(message),
            "{value}: {body}"
        );
    }
}

async fn missing_required_fields_and_non_object_bodies_are_400(app: TestApp) {
    let token = app.agent().await;
    let (status, body) = app
        .post("/api/leads/", &token, json!({"last_name": "Kamau"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["first_name"][0], "This field is required.");
    let (status, body) = app.post("/api/leads/", &token, json!([1, 2])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["non_field_errors"][0]
            .as_str()
            .unwrap()
            .contains("Expected a dictionary")
    );
}

async fn only_active_users_can_be_assigned(app: TestApp) {
    let manager = app.manager().await;
    let (_, user) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "gone", "password": "long enough password", "role": "agent"}),
        )
        .await;
    app.patch(
        &format!("/api/users/{}/", user["id"]),
        &manager,
        json!({"is_active": false}),
    )
    .await;
    let (status, body) = app
        .post(
            "/api/leads/",
            &manager,
            json!({"first_name": "A", "assigned_to": user["id"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["assigned_to"][0]
            .as_str()
            .unwrap()
            .contains("inactive"),
        "{body}"
    );
    let lead = app
        .lead(
            &manager,
            json!({"first_name": "A", "assigned_to": app.agent_id}),
        )
        .await;
    assert_eq!(lead["assigned_to"], app.agent_id);
    let (status, lead) = app
        .patch(
            &format!("/api/leads/{}/", lead["id"]),
            &manager,
            json!({"assigned_to": null}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(lead["assigned_to"].is_null());
}

async fn patch_changes_only_the_fields_given_and_put_needs_required_ones(app: TestApp) {
    let token = app.agent().await;
    let lead = app
        .lead(
            &token,
            json!({"first_name": "Otieno", "company": "Kenya Power", "priority": "high"}),
        )
        .await;
    let path = format!("/api/leads/{}/", lead["id"]);
    let (status, patched) = app
        .patch(&path, &token, json!({"status": "contacted"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(patched["status"], "contacted");
    assert_eq!(patched["company"], "Kenya Power");
    assert_eq!(patched["priority"], "high");
    assert!(patched["updated_at"].as_str() >= lead["updated_at"].as_str());
    let (status, body) = app.put(&path, &token, json!({"company": "KPLC"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["first_name"][0], "This field is required.");
    let (status, put) = app
        .put(
            &path,
            &token,
            json!({"first_name": "Otieno", "company": "KPLC"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(put["company"], "KPLC");
}

async fn agents_cannot_delete_leads_and_managers_can(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Achieng"})).await;
    let path = format!("/api/leads/{}/", lead["id"]);
    let (status, body) = app.delete(&path, &agent).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["detail"],
        "You do not have permission to perform this action."
    );
    assert_eq!(app.delete(&path, &manager).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path, &manager).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.delete(&path, &manager).await.0, StatusCode::NOT_FOUND);
}

async fn unknown_and_malformed_ids_are_404(app: TestApp) {
    let token = app.agent().await;
    for path in [
        "/api/leads/999999/",
        "/api/leads/abc/",
        "/api/leads/-1/",
        "/api/leads/1.5/",
    ] {
        let (status, body) = app.get(path, &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["detail"], "Not found.");
    }
}
