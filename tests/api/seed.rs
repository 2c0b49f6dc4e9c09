//! Demo data: complete, Kenyan, and idempotent.

use serde_json::Value;

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn all(app: &TestApp, token: &str, resource: &str) -> Vec<Value> {
    let (_, page) = app
        .get(&format!("/api/{resource}/?page_size=100"), token)
        .await;
    page["results"].as_array().unwrap().clone()
}

on_both_backends! {
    async fn demo_data_is_complete_and_a_second_run_changes_nothing(app) {
        crm::seed::demo(&app.db).await.unwrap();
        let token = app.manager().await;
        let leads = all(&app, &token, "leads").await;
        assert_eq!(leads.len(), 10);
        for lead in &leads {
            assert!(lead["phone"].as_str().unwrap().starts_with("+2547"), "{lead}");
            assert!(lead["estimated_value"].as_str().unwrap().ends_with(".00"));
            let n = lead["contacts_count"].as_i64().unwrap();
            assert!((1..=2).contains(&n), "one or two contacts: {lead}");
            assert!(lead["primary_contact"].is_object());
        }
        let statuses: std::collections::BTreeSet<&str> = leads.iter().map(|l| l["status"].as_str().unwrap()).collect();
        assert_eq!(statuses.len(), 5, "every status appears");
        assert!(!all(&app, &token, "notes").await.is_empty());
        let reminders = all(&app, &token, "reminders").await;
        assert!(reminders.iter().any(|r| r["recipient"] == app.agent_id), "some reminders are the agent's");
        let (_, upcoming) = app.get("/api/reminders/?upcoming=true", &token).await;
        let (_, overdue) = app.get("/api/reminders/?overdue=true", &token).await;
        assert!(upcoming["count"].as_i64().unwrap() > 0 && overdue["count"].as_i64().unwrap() > 0);
        let log = all(&app, &token, "correspondences").await;
        for kind in ["email", "call", "meeting"] {
            assert!(log.iter().any(|c| c["type"] == kind), "{kind}");
        }
        for direction in ["inbound", "outbound"] {
            assert!(log.iter().any(|c| c["direction"] == direction), "{direction}");
        }

        let (_, audit_before) = app.get("/api/audit-logs/", &token).await;
        crm::seed::demo(&app.db).await.unwrap();
        let (_, audit_after) = app.get("/api/audit-logs/", &token).await;
        assert_eq!(audit_before["count"], audit_after["count"], "the second run wrote nothing");
        assert_eq!(all(&app, &token, "leads").await.len(), 10);
    }
}
