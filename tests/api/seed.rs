//! Demo data: complete, Kenyan, and idempotent.

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn all(app: &TestApp, token: &str, resource: &str) -> Vec<Value> {
    let (_, page) = app
        .get(&format!("/api/{resource}/?page_size=100"), token)
        .await;
    page["results"].as_array().unwrap().clone()
}

both_backends!(demo_data_is_complete_and_a_second_run_changes_nothing);

async fn demo_data_is_complete_and_a_second_run_changes_nothing(app: TestApp) {
    crm::seed::demo(&app.db).await.unwrap();
    let token = app.manager().await;
    let leads = all(&app, &token, "leads").await;
    assert_eq!(leads.len(), 10);
    for lead in &leads {
        assert!(
            lead["phone"].as_str().unwrap().starts_with("+2547"),
            "{lead}"
        );
        assert!(lead["estimated_value"].as_str().unwrap().ends_with(".00"));
        let n = lead["contacts_count"].as_i64().unwrap();
        assert!((1..=2).contains(&n), "one or two contacts: {lead}");
        assert!(lead["primary_contact"].is_object());
    }
    let statuses: std::collections::BTreeSet<&str> = leads
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 5, "every status appears");
    assert!(!all(&app, &token, "notes").await.is_empty());
    let reminders = all(&app, &token, "reminders").await;
    assert!(
        reminders.iter().any(|r| r["recipient"] == app.agent_id),
        "some reminders are the agent's"
    );
    let (_, upcoming) = app.get("/api/reminders/?upcoming=true", &token).await;
    let (_, overdue) = app.get("/api/reminders/?overdue=true", &token).await;
    assert!(upcoming["count"].as_i64().unwrap() > 0 && overdue["count"].as_i64().unwrap() > 0);
    let log = all(&app, &token, "correspondences").await;
    for kind in ["email", "call", "meeting"] {
        assert!(log.iter().any(|c| c["type"] == kind), "{kind}");
    }
    for direction in ["inbound", "outbound"] {
        assert!(
            log.iter().any(|c| c["direction"] == direction),
            "{direction}"
        );
    }

    let (_, audit_before) = app.get("/api/audit-logs/", &token).await;
    crm::seed::demo(&app.db).await.unwrap();
    let (_, audit_after) = app.get("/api/audit-logs/", &token).await;
    assert_eq!(
        audit_before["count"], audit_after["count"],
        "the second run wrote nothing"
    );
    assert_eq!(all(&app, &token, "leads").await.len(), 10);
}

async fn scalar(app: &TestApp, text: &str) -> i64 {
    let row = crm::db::sql::sql(text, [])
        .row(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn index_and_trigger_count(app: &TestApp) -> i64 {
    let text = match app.db.backend() {
        crm::db::DbBackend::Postgres => {
            "SELECT (SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()) \
             + (SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O') \
             + (SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND convalidated)"
        }
        _ => "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')",
    };
    scalar(app, text).await
}

both_backends!(bulk_data_arrives_whole_with_indexes_search_and_counters_intact);

async fn bulk_data_arrives_whole_with_indexes_search_and_counters_intact(app: TestApp) {
    let token = app.manager().await;
    let before = app.lead(&token, json!({"first_name": "Existing"})).await;
    let schema_before = index_and_trigger_count(&app).await;
    let rows = crm::seed::bulk::bulk(&app.db, 301, |_, _| {})
        .await
        .unwrap();
    assert_eq!(
        rows,
        301 + 451 + 602 + 301 + 602,
        "leads, contacts (1.5 per lead), notes, reminders, correspondence"
    );
    assert_eq!(
        index_and_trigger_count(&app).await,
        schema_before,
        "every index and trigger is back"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM leads").await, 302);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM contacts").await, 451);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contacts WHERE is_primary = TRUE"
        )
        .await,
        301
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM reminders \
             WHERE status = 'pending' AND remind_at <= CURRENT_TIMESTAMP"
        )
        .await,
        0,
        "nothing falls due at once"
    );
    let (_, stats) = app.get("/api/dashboard-stats/", &token).await;
    assert_eq!(stats["total_leads"], 302);
    assert_eq!(stats["total_contacts"], 451);
    let (_, all) = app.get("/api/leads/?min_value=0", &token).await;
    assert_eq!(
        all["count"], 302,
        "the counted and the maintained figures agree"
    );
    let (_, found) = app.get("/api/leads/?search=wanjiku", &token).await;
    assert!(
        found["count"].as_i64().unwrap() > 0,
        "bulk leads are in the search index"
    );
    let (_, page) = app
        .get("/api/leads/?page_size=1&ordering=created_at", &token)
        .await;
    assert!(page["results"][0]["primary_contact"].is_object());
    let after = app.lead(&token, json!({"first_name": "After"})).await;
    assert!(
        after["id"].as_i64().unwrap() > before["id"].as_i64().unwrap() + 301,
        "ids continue after the bulk rows"
    );
    let (_, found) = app.get("/api/leads/?search=after", &token).await;
    assert_eq!(found["count"], 1, "the search trigger works again");
}
