//! The personal dashboard (`?assigned_to=me|<id>`) and the people's names (`user_name`) in
//! the activity feed and the audit trail.

use chrono::{Duration, Utc};
use crm::audit::Action;
use crm::domain::Actor;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

async fn count(app: &TestApp, token: &str, query: &str) -> i64 {
    let (status, page) = app.get(&format!("/api/{query}"), token).await;
    assert_eq!(status, StatusCode::OK, "{query}: {page}");
    page["count"].as_i64().unwrap()
}

/// The exact sum, in cents, of the estimated values of a list's leads.
async fn value_of(app: &TestApp, token: &str, query: &str) -> i128 {
    let (_, page) = app
        .get(&format!("/api/leads/?page_size=100&{query}"), token)
        .await;
    page["results"]
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
        .sum()
}

fn cents(text: &Value) -> i128 {
    let (units, frac) = text.as_str().unwrap().split_once('.').unwrap();
    units.parse::<i128>().unwrap() * 100 + frac.parse::<i128>().unwrap()
}

/// Leads of three owners (agent, manager, nobody) with contacts and reminders for two.
async fn populate(app: &TestApp, manager: &str) {
    let owners = [
        Value::from(app.agent_id),
        Value::from(app.manager_id),
        Value::Null,
    ];
    let statuses = ["new", "contacted", "qualified", "lost", "converted"];
    let priorities = ["low", "medium", "high"];
    for i in 0..14 {
        let owner = &owners[i % 3];
        let lead = app
            .lead(
                manager,
                json!({
                    "first_name": format!("P{i}"), "status": statuses[i % 5],
                    "priority": priorities[(i / 2) % 3],
                    "estimated_value": format!("{}.{:02}", 1000 * i + 7, i * 7 % 100),
                    "assigned_to": owner
                }),
            )
            .await;
        for k in 0..(i % 3) {
            app.post(
                "/api/contacts/",
                manager,
                json!({"lead": lead["id"], "first_name": format!("C{i}-{k}")}),
            )
            .await;
        }
        let recipient = if i % 2 == 0 {
            app.agent_id
        } else {
            app.manager_id
        };
        let remind_at = (Utc::now() + Duration::hours(i as i64 - 3)).to_rfc3339();
        let (status, body) = app
            .post(
                "/api/reminders/",
                manager,
                json!({"lead": lead["id"], "title": format!("R{i}"), "remind_at": remind_at,
                       "recipient": recipient}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}

/// Every figure of `stats` equals what the lists say for `owner`.
async fn assert_figures_of(app: &TestApp, stats: &Value, owner: i64, manager: &str) {
    let mine = format!("assigned_to={owner}");
    let total = count(app, manager, &format!("leads/?{mine}")).await;
    assert!(total > 0, "the test gives {owner} leads");
    assert_eq!(stats["total_leads"].as_i64().unwrap(), total, "{stats}");
    for status in ["new", "contacted", "qualified", "lost", "converted"] {
        assert_eq!(
            stats["leads_by_status"][status].as_i64().unwrap(),
            count(app, manager, &format!("leads/?{mine}&status={status}")).await,
            "{owner} {status}"
        );
    }
    for priority in ["low", "medium", "high"] {
        assert_eq!(
            stats["leads_by_priority"][priority].as_i64().unwrap(),
            count(app, manager, &format!("leads/?{mine}&priority={priority}")).await,
            "{owner} {priority}"
        );
    }
    assert_eq!(
        cents(&stats["total_estimated_value"]),
        value_of(app, manager, &mine).await
    );
    let (_, leads) = app
        .get(&format!("/api/leads/?page_size=100&{mine}"), manager)
        .await;
    let mut contacts = 0;
    for lead in leads["results"].as_array().unwrap() {
        contacts += count(app, manager, &format!("contacts/?lead={}", lead["id"])).await;
    }
    assert_eq!(stats["total_contacts"].as_i64().unwrap(), contacts);
    let (_, upcoming) = app
        .get(
            &format!("/api/reminders/?recipient={owner}&upcoming=true&page_size=5"),
            manager,
        )
        .await;
    assert!(!upcoming["results"].as_array().unwrap().is_empty());
    assert_eq!(
        stats["upcoming_reminders"], upcoming["results"],
        "their 5 soonest"
    );
    for entry in stats["recent_activity"].as_array().unwrap() {
        assert_eq!(entry["user"], owner, "only their own actions: {entry}");
    }
}

both_backends!(
    a_personal_dashboard_equals_the_list_counts_of_that_assignee,
    a_bad_assignee_is_refused_naming_the_field,
    activity_and_audit_entries_carry_the_persons_name,
    the_feed_can_leave_out_the_systems_entries
);

async fn a_personal_dashboard_equals_the_list_counts_of_that_assignee(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    populate(&app, &manager).await;
    app.lead(
        &agent,
        json!({"first_name": "Own", "assigned_to": app.agent_id}),
    )
    .await;

    let (status, mine) = app
        .get("/api/dashboard-stats/?assigned_to=me", &agent)
        .await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_figures_of(&app, &mine, app.agent_id, &manager).await;
    assert!(
        !mine["recent_activity"].as_array().unwrap().is_empty(),
        "the agent's own lead"
    );
    let (_, by_id) = app
        .get(
            &format!("/api/dashboard-stats/?assigned_to={}", app.agent_id),
            &manager,
        )
        .await;
    assert_eq!(by_id["total_leads"], mine["total_leads"]);
    assert_eq!(by_id["leads_by_status"], mine["leads_by_status"]);
    let (_, theirs) = app
        .get(
            &format!("/api/dashboard-stats/?assigned_to={}", app.manager_id),
            &agent,
        )
        .await;
    assert_figures_of(&app, &theirs, app.manager_id, &manager).await;

    let (_, team) = app.get("/api/dashboard-stats/", &agent).await;
    assert_eq!(
        team["total_leads"].as_i64().unwrap(),
        count(&app, &manager, "leads/").await,
        "without a filter: everyone's"
    );
    assert!(team["total_leads"].as_i64() > mine["total_leads"].as_i64());
}

async fn a_bad_assignee_is_refused_naming_the_field(app: TestApp) {
    let agent = app.agent().await;
    for query in ["assigned_to=abc", "assigned_to=999999", "assigned_to=-1"] {
        let (status, body) = app
            .get(&format!("/api/dashboard-stats/?{query}"), &agent)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert!(body["assigned_to"].is_array(), "{query}: {body}");
    }
    let (status, body) = app
        .get("/api/dashboard-stats/?include_system=perhaps", &agent)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["include_system"].is_array(), "{body}");
}

async fn activity_and_audit_entries_carry_the_persons_name(app: TestApp) {
    let manager = app.manager().await;
    let (status, body) = app
        .patch(
            &format!("/api/users/{}/", app.agent_id),
            &manager,
            json!({"first_name": "Grace", "last_name": "Wanjiru"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, nameless) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "nameless", "password": "a long enough password"}),
        )
        .await;
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Named"})).await;
    assert!(nameless["id"].is_i64(), "{nameless}");
    let (_, login) = app.login_body("nameless", "a long enough password").await;
    let nameless_token = login["access"].as_str().unwrap().to_string();
    app.lead(&nameless_token, json!({"first_name": "ByNameless"}))
        .await;

    let (_, log) = app
        .get(
            &format!("/api/audit-logs/?entity=lead&entity_id={}", lead["id"]),
            &manager,
        )
        .await;
    let entry = &log["results"][0];
    assert_eq!(entry["username"], "agent");
    assert_eq!(entry["user_name"], "Grace Wanjiru");
    let (_, stats) = app.get("/api/dashboard-stats/", &agent).await;
    let feed = stats["recent_activity"].as_array().unwrap();
    let of = |username: &str| -> Value {
        feed.iter()
            .find(|e| e["username"] == username)
            .unwrap_or_else(|| panic!("{username} in {feed:?}"))["user_name"]
            .clone()
    };
    assert_eq!(of("agent"), "Grace Wanjiru");
    assert_eq!(of("nameless"), "nameless", "no name: the username");
    assert_eq!(of("manager"), "manager Test");

    // Read at each request: a renamed person shows under their name of today.
    app.patch(
        &format!("/api/users/{}/", nameless["id"]),
        &manager,
        json!({"first_name": "Amina"}),
    )
    .await;
    let (_, log) = app
        .get(
            &format!("/api/audit-logs/?user={}", nameless["id"]),
            &manager,
        )
        .await;
    assert_eq!(log["results"][0]["user_name"], "Amina");
}

async fn the_feed_can_leave_out_the_systems_entries(app: TestApp) {
    let agent = app.agent().await;
    app.lead(&agent, json!({"first_name": "Before"})).await;
    // The dispatcher and the seed write as the system; one such entry, newest of all.
    let txn = app.db.begin_write().await.unwrap();
    let after = json!({"title": "Sent"});
    crm::db::audit::record(
        &txn,
        &Actor::system(),
        Action::Update,
        "reminder",
        1,
        None,
        Some(&after),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();

    let (_, all) = app.get("/api/dashboard-stats/", &agent).await;
    let newest = &all["recent_activity"][0];
    assert_eq!(newest["username"], "system");
    assert_eq!(newest["user"], Value::Null);
    assert_eq!(newest["user_name"], Value::Null, "no person: null");
    let (_, people) = app
        .get("/api/dashboard-stats/?include_system=false", &agent)
        .await;
    let feed = people["recent_activity"].as_array().unwrap();
    assert!(!feed.is_empty());
    assert!(feed.iter().all(|e| !e["user"].is_null()), "{feed:?}");
    let (_, log) = app
        .get("/api/audit-logs/?page_size=1", &app.manager().await)
        .await;
    assert_eq!(log["results"][0]["user_name"], Value::Null);
}
