//! Correspondence: types and directions, the same-lead rule for contacts, date filters.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    correspondence_is_validated_and_defaults_to_outbound,
    a_contact_of_another_lead_is_refused,
    correspondence_filters_by_type_contact_and_date_newest_first
);

async fn correspondence_is_validated_and_defaults_to_outbound(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Mutua"})).await;
    let (status, c) = app
        .post(
            "/api/correspondences/",
            &token,
            json!({
                "lead": lead["id"], "type": "meeting", "subject": "Site visit",
                "description": "Met in Mombasa", "date": "2026-11-01T09:00:00+03:00"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(c["direction"], "outbound");
    assert_eq!(c["type"], "meeting");
    assert_eq!(c["date"], "2026-11-01T06:00:00Z");
    assert_eq!(c["created_by"], app.agent_id);
    let (status, body) = app.post("/api/correspondences/", &token, json!({
        "lead": lead["id"], "type": "fax", "direction": "sideways", "subject": "s".repeat(201)
    })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for key in ["type", "direction", "subject", "description", "date"] {
        assert!(body[key][0].is_string(), "{key}: {body}");
    }
}

async fn a_contact_of_another_lead_is_refused(app: TestApp) {
    let token = app.agent().await;
    let a = app.lead(&token, json!({"first_name": "A"})).await;
    let b = app.lead(&token, json!({"first_name": "B"})).await;
    let (_, contact_b) = app
        .post(
            "/api/contacts/",
            &token,
            json!({"lead": b["id"], "first_name": "Bee"}),
        )
        .await;
    let body = json!({
        "lead": a["id"], "contact": contact_b["id"], "type": "call", "description": "x",
        "date": "2026-11-01"
    });
    let (status, err) = app.post("/api/correspondences/", &token, body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        err["contact"][0],
        "The contact must belong to the same lead."
    );
    let (status, ok) = app
        .post(
            "/api/correspondences/",
            &token,
            json!({
                "lead": b["id"], "contact": contact_b["id"], "type": "call", "description": "x",
                "date": "2026-11-01"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, err) = app
        .patch(
            &format!("/api/correspondences/{}/", ok["id"]),
            &token,
            json!({"lead": a["id"]}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "moving it away from its contact's lead: {err}"
    );
    assert!(err["contact"][0].is_string());
}

async fn correspondence_filters_by_type_contact_and_date_newest_first(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Dates"})).await;
    let mut made = Vec::new();
    for (kind, date) in [
        ("email", "2026-10-01T08:00:00Z"),
        ("call", "2026-10-15T08:00:00Z"),
        ("meeting", "2026-11-01T08:00:00Z"),
        ("call", "2026-11-10T23:00:00Z"),
    ] {
        let (_, c) = app
            .post(
                "/api/correspondences/",
                &token,
                json!({
                    "lead": lead["id"], "type": kind, "direction": "inbound", "description": kind,
                    "date": date
                }),
            )
            .await;
        made.push(c["id"].clone());
    }
    let ids = |page: &Value| {
        page["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect::<Vec<_>>()
    };
    let (_, all) = app
        .get(
            &format!("/api/correspondences/?lead={}", lead["id"]),
            &token,
        )
        .await;
    assert_eq!(
        ids(&all),
        vec![
            made[3].clone(),
            made[2].clone(),
            made[1].clone(),
            made[0].clone()
        ]
    );
    let (_, calls) = app.get("/api/correspondences/?type=call", &token).await;
    assert_eq!(ids(&calls), vec![made[3].clone(), made[1].clone()]);
    let (_, window) = app
        .get(
            "/api/correspondences/?date_after=2026-10-10&date_before=2026-11-10",
            &token,
        )
        .await;
    assert_eq!(
        ids(&window),
        vec![made[3].clone(), made[2].clone(), made[1].clone()],
        "date_before covers its whole day"
    );
    let (status, body) = app
        .get("/api/correspondences/?type=letter&date_after=soon", &token)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["type"][0].is_string() && body["date_after"][0].is_string());
}
