//! Contacts: shared field rules, one primary per lead, and what deleting keeps.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn contact(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, contact) = app.post("/api/contacts/", token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    contact
}

async fn primaries(app: &TestApp, token: &str, lead: &Value) -> Vec<i64> {
    let (_, page) = app
        .get(
            &format!("/api/contacts/?lead={}&is_primary=true", lead["id"]),
            token,
        )
        .await;
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

both_backends!(
    contact_fields_follow_the_lead_rules,
    the_first_contact_is_primary_and_there_is_only_ever_one,
    concurrent_primary_contacts_still_leave_one_primary,
    the_database_refuses_a_second_primary,
    lead_lists_show_counts_and_primaries_for_every_row,
    agents_cannot_delete_contacts_and_deleting_keeps_correspondence,
    contacts_filter_search_and_cannot_move_to_another_lead
);

async fn contact_fields_follow_the_lead_rules(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Achieng"})).await;
    let c = contact(
        &app,
        &token,
        json!({
            "lead": lead["id"], "first_name": " Faith ", "email": "Faith@Equity.CO.KE",
            "phone": "0733 567 890", "position": "CFO"
        }),
    )
    .await;
    assert_eq!(c["first_name"], "Faith");
    assert_eq!(c["email"], "faith@equity.co.ke");
    assert_eq!(c["phone"], "+254733567890");
    assert_eq!(c["lead"], lead["id"]);
    let (status, body) = app
        .post(
            "/api/contacts/",
            &token,
            json!({"first_name": "", "email": "x@", "phone": "12", "is_primary": "maybe"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for key in ["lead", "first_name", "email", "phone", "is_primary"] {
        assert!(body[key][0].is_string(), "{key}: {body}");
    }
    let (status, body) = app
        .post(
            "/api/contacts/",
            &token,
            json!({"lead": 99999, "first_name": "X"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["lead"][0].as_str().unwrap().contains("does not exist"));
}

async fn the_first_contact_is_primary_and_there_is_only_ever_one(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Otieno"})).await;
    let first = contact(
        &app,
        &token,
        json!({"lead": lead["id"], "first_name": "A", "is_primary": false}),
    )
    .await;
    assert_eq!(
        first["is_primary"], true,
        "the first contact of a lead becomes primary"
    );
    let second = contact(&app, &token, json!({"lead": lead["id"], "first_name": "B"})).await;
    assert_eq!(second["is_primary"], false);
    let third = contact(
        &app,
        &token,
        json!({"lead": lead["id"], "first_name": "C", "is_primary": true}),
    )
    .await;
    assert_eq!(
        primaries(&app, &token, &lead).await,
        vec![third["id"].as_i64().unwrap()]
    );
    let (status, made) = app
        .patch(
            &format!("/api/contacts/{}/", second["id"]),
            &token,
            json!({"is_primary": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(made["is_primary"], true);
    assert_eq!(
        primaries(&app, &token, &lead).await,
        vec![second["id"].as_i64().unwrap()]
    );
    let (_, shown) = app
        .get(&format!("/api/leads/{}/", lead["id"]), &token)
        .await;
    assert_eq!(shown["contacts_count"], 3);
    assert_eq!(shown["primary_contact"]["id"], second["id"]);
    assert_eq!(shown["primary_contact"]["first_name"], "B");
}

async fn concurrent_primary_contacts_still_leave_one_primary(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Race"})).await;
    let body = |name: &str| json!({"lead": lead["id"], "first_name": name, "is_primary": true});
    let (a, b, c) = tokio::join!(
        app.post("/api/contacts/", &token, body("A")),
        app.post("/api/contacts/", &token, body("B")),
        app.post("/api/contacts/", &token, body("C")),
    );
    for (status, value) in [a, b, c] {
        assert_eq!(status, StatusCode::CREATED, "{value}");
    }
    assert_eq!(primaries(&app, &token, &lead).await.len(), 1);
}

async fn the_database_refuses_a_second_primary(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Guard"})).await;
    contact(&app, &token, json!({"lead": lead["id"], "first_name": "A"})).await;
    let now = crm::db::now();
    let insert = crm::db::sql::sql(
        "INSERT INTO contacts (lead_id, first_name, is_primary, created_at, updated_at) \
         VALUES ($1, 'B', TRUE, $2, $2)",
        [lead["id"].as_i64().unwrap().into(), now.into()],
    );
    assert!(
        insert.execute(&app.db.conn).await.is_err(),
        "the partial unique index holds"
    );
}

async fn lead_lists_show_counts_and_primaries_for_every_row(app: TestApp) {
    let token = app.agent().await;
    let mut leads = Vec::new();
    for n in 0..3 {
        let lead = app
            .lead(&token, json!({"first_name": format!("L{n}")}))
            .await;
        for k in 0..n {
            contact(
                &app,
                &token,
                json!({"lead": lead["id"], "first_name": format!("C{n}{k}")}),
            )
            .await;
        }
        leads.push(lead);
    }
    let (_, page) = app.get("/api/leads/?ordering=created_at", &token).await;
    let rows = page["results"].as_array().unwrap();
    assert_eq!(rows[0]["contacts_count"], 0);
    assert!(rows[0]["primary_contact"].is_null());
    assert_eq!(rows[1]["contacts_count"], 1);
    assert_eq!(rows[1]["primary_contact"]["first_name"], "C10");
    assert_eq!(rows[2]["contacts_count"], 2);
    assert_eq!(rows[2]["primary_contact"]["first_name"], "C20");
}

async fn agents_cannot_delete_contacts_and_deleting_keeps_correspondence(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Njeri"})).await;
    let first = contact(
        &app,
        &agent,
        json!({"lead": lead["id"], "first_name": "First"}),
    )
    .await;
    let second = contact(
        &app,
        &agent,
        json!({"lead": lead["id"], "first_name": "Second"}),
    )
    .await;
    let (status, log) = app.post("/api/correspondences/", &agent, json!({
        "lead": lead["id"], "contact": first["id"], "type": "call", "description": "Intro call",
        "date": "2026-11-20T10:00:00Z"
    })).await;
    assert_eq!(status, StatusCode::CREATED, "{log}");
    let path = format!("/api/contacts/{}/", first["id"]);
    assert_eq!(app.delete(&path, &agent).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&path, &manager).await.0, StatusCode::NO_CONTENT);
    let (status, kept) = app
        .get(&format!("/api/correspondences/{}/", log["id"]), &agent)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kept["contact"].is_null());
    assert_eq!(kept["description"], "Intro call");
    assert_eq!(
        primaries(&app, &agent, &lead).await,
        vec![second["id"].as_i64().unwrap()],
        "the next contact takes over as primary"
    );
}

async fn contacts_filter_search_and_cannot_move_to_another_lead(app: TestApp) {
    let token = app.agent().await;
    let a = app.lead(&token, json!({"first_name": "A"})).await;
    let b = app.lead(&token, json!({"first_name": "B"})).await;
    let c = contact(
        &app,
        &token,
        json!({
            "lead": a["id"], "first_name": "Dennis", "last_name": "Kiptoo", "position": "IT Lead"
        }),
    )
    .await;
    contact(
        &app,
        &token,
        json!({"lead": b["id"], "first_name": "Mercy"}),
    )
    .await;
    let (_, page) = app.get("/api/contacts/?search=kipt%20it", &token).await;
    assert_eq!(page["count"], 1);
    assert_eq!(page["results"][0]["id"], c["id"]);
    let (_, page) = app
        .get(&format!("/api/contacts/?lead={}", b["id"]), &token)
        .await;
    assert_eq!(page["count"], 1);
    let (_, page) = app.get("/api/contacts/?ordering=first_name", &token).await;
    assert_eq!(page["results"][0]["first_name"], "Dennis");
    let (status, body) = app
        .patch(
            &format!("/api/contacts/{}/", c["id"]),
            &token,
            json!({"lead": b["id"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["lead"][0].is_string());
}
