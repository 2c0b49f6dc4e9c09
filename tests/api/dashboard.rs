//! The dashboard: exact figures that agree with the list endpoints.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn count(app: &TestApp, token: &str, query: String) -> i64 {
    app.get(&format!("/api/{query}"), token).await.1["count"]
        .as_i64()
        .unwrap()
}

both_backends!(
    an_empty_database_shows_every_key_with_zero,
    figures_agree_with_the_list_endpoints
);

async fn an_empty_database_shows_every_key_with_zero(app: TestApp) {
    let (status, stats) = app.get("/api/dashboard-stats/", &app.agent().await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stats["total_leads"], 0);
    assert_eq!(stats["total_estimated_value"], "0.00");
    for key in ["new", "contacted", "qualified", "lost", "converted"] {
        assert_eq!(stats["leads_by_status"][key], 0, "{key}");
    }
    for key in ["low", "medium", "high"] {
        assert_eq!(stats["leads_by_priority"][key], 0, "{key}");
    }
    assert_eq!(stats["upcoming_reminders"], json!([]));
}

async fn figures_agree_with_the_list_endpoints(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    let statuses = [
        "new",
        "contacted",
        "qualified",
        "lost",
        "converted",
        "new",
        "qualified",
    ];
    let priorities = ["low", "medium", "high", "high", "medium", "medium", "low"];
    let values = [
        "100.50",
        "2500",
        "0.25",
        "999999.99",
        "12",
        "0",
        "1000000000000",
    ];
    for i in 0..statuses.len() {
        let lead = app
            .lead(
                &agent,
                json!({
                    "first_name": format!("D{i}"), "status": statuses[i], "priority": priorities[i],
                    "estimated_value": values[i]
                }),
            )
            .await;
        for k in 0..(i % 3) {
            app.post(
                "/api/contacts/",
                &agent,
                json!({"lead": lead["id"], "first_name": format!("C{k}")}),
            )
            .await;
        }
        let remind_at =
            (Utc::now() + Duration::hours(i as i64) - Duration::minutes(90)).to_rfc3339();
        app.post(
            "/api/reminders/",
            &agent,
            json!({"lead": lead["id"], "title": format!("R{i}"), "remind_at": remind_at}),
        )
        .await;
    }
    let (_, stats) = app.get("/api/dashboard-stats/", &agent).await;
    assert_eq!(
        stats["total_leads"].as_i64().unwrap(),
        count(&app, &manager, "leads/".into()).await
    );
    for status in ["new", "contacted", "qualified", "lost", "converted"] {
        assert_eq!(
            stats["leads_by_status"][status].as_i64().unwrap(),
            count(&app, &manager, format!("leads/?status={status}")).await,
            "{status}"
        );
    }
    for priority in ["low", "medium", "high"] {
        assert_eq!(
            stats["leads_by_priority"][priority].as_i64().unwrap(),
            count(&app, &manager, format!("leads/?priority={priority}")).await,
            "{priority}"
        );
    }
    assert_eq!(
        stats["total_contacts"].as_i64().unwrap(),
        count(&app, &manager, "contacts/".into()).await
    );
    let (_, page) = app.get("/api/leads/?page_size=100", &manager).await;
    let cents: i128 = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let (units, frac) = l["estimated_value"]
                .as_str()
                .unwrap()
                .split_once('.')
                .unwrap();
            units.parse::<i128>().unwrap() * 100 + frac.parse::<i128>().unwrap()
        })
        .sum();
    assert_eq!(
        stats["total_estimated_value"],
        format!("{}.{:02}", cents / 100, cents % 100)
    );
    assert_eq!(stats["total_estimated_value"], "1000001002612.74");

    let (_, upcoming) = app
        .get("/api/reminders/?upcoming=true&page_size=5", &manager)
        .await;
    let want: Vec<_> = upcoming["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let got: Vec<_> = stats["upcoming_reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 5);

    let activity = stats["recent_activity"].as_array().unwrap();
    assert_eq!(activity.len(), 10);
    let (_, audit) = app.get("/api/audit-logs/?page_size=10", &manager).await;
    let audit_ids: Vec<_> = audit["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    let activity_ids: Vec<_> = activity.iter().map(|e| e["id"].clone()).collect();
    assert_eq!(activity_ids, audit_ids, "the 10 newest changes");
    for entry in activity {
        assert!(entry.get("changes").is_none(), "summaries only");
        assert!(entry["summary"].as_str().unwrap().starts_with("agent "));
    }
}

/// Per-(status, priority) figures computed from the rows themselves.
async fn counted(app: &TestApp) -> Vec<(String, i64, i64, i64)> {
    let q = crm::db::sql::sql(
        "SELECT s.status, s.priority, \
         (SELECT COUNT(*) FROM leads l WHERE l.status = s.status AND l.priority = s.priority), \
         s.leads, \
         (SELECT CAST(COALESCE(SUM(estimated_value), 0) AS BIGINT) FROM leads l \
          WHERE l.status = s.status AND l.priority = s.priority), \
         CAST(s.value_units * 100 + s.value_cents AS BIGINT) \
         FROM lead_stats s ORDER BY s.status, s.priority",
        [],
    );
    let rows = crm::db::ConnectionTrait::query_all_raw(&app.db.conn, q.statement(app.db.backend()))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let status: String = r.try_get_by_index(0).unwrap();
            let priority: i16 = r.try_get_by_index(1).unwrap();
            let (real, kept): (i64, i64) = (
                r.try_get_by_index(2).unwrap(),
                r.try_get_by_index(3).unwrap(),
            );
            let (real_value, kept_value): (i64, i64) = (
                r.try_get_by_index(4).unwrap(),
                r.try_get_by_index(5).unwrap(),
            );
            assert_eq!(real, kept, "count of {status}/{priority}");
            assert_eq!(real_value, kept_value, "value of {status}/{priority}");
            (status, i64::from(priority), real, real_value)
        })
        .collect()
}

both_backends!(maintained_counters_stay_exact_through_every_kind_of_change);

async fn maintained_counters_stay_exact_through_every_kind_of_change(app: TestApp) {
    let manager = app.manager().await;
    let mut ids = Vec::new();
    for (i, (status, priority)) in [
        ("new", "low"),
        ("new", "high"),
        ("lost", "medium"),
        ("converted", "high"),
    ]
    .iter()
    .enumerate()
    {
        let lead = app
            .lead(
                &manager,
                json!({
                    "first_name": format!("K{i}"), "status": status, "priority": priority,
                    "estimated_value": format!("{}.{}5", 1000 * (i + 1), i)
                }),
            )
            .await;
        ids.push(lead["id"].clone());
    }
    app.patch(
        &format!("/api/leads/{}/", ids[0]),
        &manager,
        json!({"status": "qualified", "estimated_value": "77.77"}),
    )
    .await;
    app.patch(
        &format!("/api/leads/{}/", ids[1]),
        &manager,
        json!({"priority": "low"}),
    )
    .await;
    app.patch(
        &format!("/api/leads/{}/", ids[2]),
        &manager,
        json!({"title": "no change to the figures"}),
    )
    .await;
    let (_, c) = app
        .post(
            "/api/contacts/",
            &manager,
            json!({"lead": ids[3], "first_name": "C"}),
        )
        .await;
    app.post(
        "/api/contacts/",
        &manager,
        json!({"lead": ids[2], "first_name": "D"}),
    )
    .await;
    app.delete(&format!("/api/contacts/{}/", c["id"]), &manager)
        .await;
    app.delete(&format!("/api/leads/{}/", ids[2]), &manager)
        .await;
    let figures = counted(&app).await;
    assert_eq!(figures.iter().map(|f| f.2).sum::<i64>(), 3);
    let (_, stats) = app.get("/api/dashboard-stats/", &manager).await;
    assert_eq!(
        stats["total_contacts"], 0,
        "the contact of the deleted lead went with it"
    );
    assert_eq!(stats["leads_by_status"]["qualified"], 1);
    assert_eq!(
        stats["leads_by_priority"]["low"], 2,
        "K0 stays low, K1 moved from high to low"
    );
    assert_eq!(stats["total_estimated_value"], "6078.27");
    // A count read from the counters equals one counted from the rows.
    let (_, by_counter) = app.get("/api/leads/?status=new,qualified", &manager).await;
    let (_, by_rows) = app
        .get("/api/leads/?status=new,qualified&min_value=0", &manager)
        .await;
    assert_eq!(by_counter["count"], by_rows["count"]);
    assert_eq!(by_counter["count"], 2);
}

/// The newest activity entry of `entity` #`id` on the dashboard.
fn activity_of<'a>(stats: &'a Value, entity: &str, id: &Value) -> &'a Value {
    stats["recent_activity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == entity && e["entity_id"] == *id)
        .unwrap_or_else(|| panic!("no activity for {entity} {id}"))
}

async fn activity_entries_name_the_lead_of_the_changed_record(app: TestApp) {
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Owner"})).await;
    let gone = app.lead(&manager, json!({"first_name": "Gone"})).await;
    let (_, contact) = app
        .post(
            "/api/contacts/",
            &manager,
            json!({"lead": lead["id"], "first_name": "C"}),
        )
        .await;
    let (_, note) = app
        .post(
            "/api/notes/",
            &manager,
            json!({"lead": lead["id"], "content": "Called"}),
        )
        .await;
    let (status, _) = app
        .delete(&format!("/api/leads/{}/", gone["id"]), &manager)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, user) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "feed", "password": "a long enough password"}),
        )
        .await;

    let (_, stats) = app.get("/api/dashboard-stats/", &app.agent().await).await;
    assert_eq!(activity_of(&stats, "lead", &lead["id"])["lead"], lead["id"]);
    assert_eq!(
        activity_of(&stats, "contact", &contact["id"])["lead"],
        lead["id"]
    );
    assert_eq!(activity_of(&stats, "note", &note["id"])["lead"], lead["id"]);
    assert_eq!(
        activity_of(&stats, "user", &user["id"])["lead"],
        Value::Null,
        "a user belongs to no lead"
    );
    let deleted: Vec<_> = stats["recent_activity"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "lead" && e["entity_id"] == gone["id"])
        .collect();
    assert_eq!(deleted.len(), 2, "created, then deleted");
    for entry in deleted {
        assert_eq!(entry["lead"], Value::Null, "no page for a deleted lead");
    }
}

both_backends!(activity_entries_name_the_lead_of_the_changed_record);
