//! Reminders: defaults, recipients, cancel, reschedule, complete, and the upcoming and
//! overdue views.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339()
}

async fn reminder(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, r) = app.post("/api/reminders/", token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    r
}

/// Sets a reminder's status behind the API's back, as the dispatcher would.
async fn force_status(app: &TestApp, id: &Value, status: &str) {
    crm::db::sql::sql(
        "UPDATE reminders SET status = $1, last_error = 'smtp: connection refused' WHERE id = $2",
        [status.into(), id.as_i64().unwrap().into()],
    )
    .execute(&app.db.conn)
    .await
    .unwrap();
}

both_backends!(
    a_reminder_defaults_to_the_caller_and_starts_pending,
    reminder_input_is_validated,
    cancelling_works_on_pending_reminders_only,
    rescheduling_a_pending_or_failed_reminder_makes_it_pending,
    completing_sets_and_clears_completed_at,
    upcoming_and_overdue_views_select_and_order_by_time,
    agents_remind_only_themselves_or_the_leads_assignee,
    agents_change_only_reminders_they_created_or_receive
);

async fn a_reminder_defaults_to_the_caller_and_starts_pending(app: TestApp) {
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Kipchoge"})).await;
    let r = reminder(
        &app,
        &agent,
        json!({
            "lead": lead["id"], "title": "Call back", "remind_at": at(2), "status": "sent",
            "sent_at": at(0)
        }),
    )
    .await;
    assert_eq!(r["recipient"], app.agent_id);
    assert_eq!(r["created_by"], app.agent_id);
    assert_eq!(r["status"], "pending");
    assert!(r["sent_at"].is_null());
    assert!(r["completed_at"].is_null());
    let boss_lead = app
        .lead(
            &agent,
            json!({"first_name": "Rotich", "assigned_to": app.manager_id}),
        )
        .await;
    let r = reminder(
        &app,
        &agent,
        json!({
            "lead": boss_lead["id"], "title": "For the boss", "remind_at": at(2),
            "recipient": app.manager_id
        }),
    )
    .await;
    assert_eq!(r["recipient"], app.manager_id);
}

async fn reminder_input_is_validated(app: TestApp) {
    let manager = app.manager().await;
    let (_, user) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "left", "password": "long enough password"}),
        )
        .await;
    app.patch(
        &format!("/api/users/{}/", user["id"]),
        &manager,
        json!({"is_active": false}),
    )
    .await;
    let lead = app.lead(&manager, json!({"first_name": "X"})).await;
    let (status, body) = app
        .post(
            "/api/reminders/",
            &manager,
            json!({"remind_at": "tomorrow", "recipient": user["id"], "title": "t".repeat(201)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for key in ["lead", "remind_at", "recipient", "title"] {
        assert!(body[key][0].is_string(), "{key}: {body}");
    }
    assert!(body["recipient"][0].as_str().unwrap().contains("inactive"));
    let (status, body) = app
        .post(
            "/api/reminders/",
            &manager,
            json!({"lead": lead["id"], "title": "x", "remind_at": at(1), "status": "sent"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "status other than cancelled is refused on update only: {body}"
    );
    let (status, body) = app
        .patch(
            &format!("/api/reminders/{}/", body["id"]),
            &manager,
            json!({"status": "sent"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["status"][0].as_str().unwrap().contains("cancelled"));
}

async fn cancelling_works_on_pending_reminders_only(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Y"})).await;
    let r = reminder(
        &app,
        &token,
        json!({"lead": lead["id"], "title": "t", "remind_at": at(5)}),
    )
    .await;
    let path = format!("/api/reminders/{}/", r["id"]);
    let (status, cancelled) = app
        .patch(&path, &token, json!({"status": "cancelled"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(
        app.patch(&path, &token, json!({"status": "cancelled"}))
            .await
            .0,
        StatusCode::OK,
        "cancelling twice is harmless"
    );
    let (status, body) = app.patch(&path, &token, json!({"remind_at": at(9)})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["remind_at"][0].is_string());
    let sent = reminder(
        &app,
        &token,
        json!({"lead": lead["id"], "title": "t", "remind_at": at(-1)}),
    )
    .await;
    force_status(&app, &sent["id"], "sent").await;
    let (status, body) = app
        .patch(
            &format!("/api/reminders/{}/", sent["id"]),
            &token,
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["status"][0].as_str().unwrap().contains("sent"));
}

async fn rescheduling_a_pending_or_failed_reminder_makes_it_pending(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Z"})).await;
    let r = reminder(
        &app,
        &token,
        json!({"lead": lead["id"], "title": "t", "remind_at": at(-3)}),
    )
    .await;
    force_status(&app, &r["id"], "failed").await;
    let path = format!("/api/reminders/{}/", r["id"]);
    let (_, failed) = app.get(&path, &token).await;
    assert_eq!(failed["status"], "failed");
    assert!(!failed["last_error"].as_str().unwrap().is_empty());
    let later = at(24);
    let (status, again) = app.patch(&path, &token, json!({"remind_at": later})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["status"], "pending");
    assert_eq!(again["last_error"], "");
    let (status, moved) = app.patch(&path, &token, json!({"remind_at": at(48)})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(moved["status"], "pending");
}

async fn completing_sets_and_clears_completed_at(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Done"})).await;
    let r = reminder(
        &app,
        &token,
        json!({"lead": lead["id"], "title": "t", "remind_at": at(1)}),
    )
    .await;
    let path = format!("/api/reminders/{}/", r["id"]);
    let (_, done) = app.patch(&path, &token, json!({"completed": true})).await;
    assert!(done["completed_at"].is_string());
    let (_, undone) = app.patch(&path, &token, json!({"completed": false})).await;
    assert!(undone["completed_at"].is_null());
    let (_, set) = app
        .patch(
            &path,
            &token,
            json!({"completed_at": "2026-01-02T03:04:05Z"}),
        )
        .await;
    assert_eq!(set["completed_at"], "2026-01-02T03:04:05Z");
}

async fn upcoming_and_overdue_views_select_and_order_by_time(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Views"})).await;
    let make = |title: &str, hours: i64| {
        json!({
            "lead": lead["id"], "title": title, "remind_at": at(hours)
        })
    };
    reminder(&app, &agent, make("soon", 1)).await;
    reminder(&app, &agent, make("later", 30)).await;
    reminder(&app, &agent, make("past", -5)).await;
    reminder(&app, &manager, make("older", -50)).await;
    let done = reminder(&app, &agent, make("done", -2)).await;
    app.patch(
        &format!("/api/reminders/{}/", done["id"]),
        &agent,
        json!({"completed": true}),
    )
    .await;
    let cancelled = reminder(&app, &agent, make("cancelled", 3)).await;
    app.patch(
        &format!("/api/reminders/{}/", cancelled["id"]),
        &agent,
        json!({"status": "cancelled"}),
    )
    .await;
    let titles = |page: &Value| {
        page["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (_, up) = app.get("/api/reminders/?upcoming=true", &agent).await;
    assert_eq!(titles(&up), ["soon", "later"]);
    let (_, over) = app.get("/api/reminders/?overdue=true", &agent).await;
    assert_eq!(titles(&over), ["older", "past"]);
    let (_, mine) = app
        .get("/api/reminders/?overdue=true&recipient=me", &manager)
        .await;
    assert_eq!(titles(&mine), ["older"]);
    let (_, by_status) = app.get("/api/reminders/?status=cancelled", &agent).await;
    assert_eq!(titles(&by_status), ["cancelled"]);
    let (status, body) = app
        .get("/api/reminders/?status=done&upcoming=perhaps", &agent)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["status"][0].is_string() && body["upcoming"][0].is_string());
}

async fn agents_remind_only_themselves_or_the_leads_assignee(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let (_, colleague) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "wanjiru", "password": "long enough password"}),
        )
        .await;
    let theirs = app
        .lead(
            &manager,
            json!({"first_name": "Theirs", "assigned_to": colleague["id"]}),
        )
        .await;
    let mine = app
        .lead(
            &manager,
            json!({"first_name": "Mine", "assigned_to": app.agent_id}),
        )
        .await;
    let to = |lead: &Value, recipient: &Value| {
        json!({
            "lead": lead["id"], "title": "t", "remind_at": at(3), "recipient": recipient
        })
    };
    let (status, body) = app
        .post("/api/reminders/", &agent, to(&mine, &colleague["id"]))
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "not the assignee of that lead: {body}"
    );
    assert!(
        body["recipient"][0].as_str().unwrap().contains("assignee"),
        "{body}"
    );
    let (status, body) = app
        .post("/api/reminders/", &agent, to(&mine, &json!(app.manager_id)))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["recipient"][0].is_string());
    reminder(&app, &agent, to(&theirs, &colleague["id"])).await;
    reminder(&app, &manager, to(&mine, &colleague["id"])).await;
    let own = reminder(&app, &agent, to(&mine, &json!(app.agent_id))).await;
    let path = format!("/api/reminders/{}/", own["id"]);
    let (status, body) = app
        .patch(&path, &agent, json!({"recipient": colleague["id"]}))
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a change of recipient follows the same rule: {body}"
    );
    assert!(body["recipient"][0].is_string());
    let (status, body) = app
        .patch(
            &path,
            &agent,
            json!({"lead": theirs["id"], "recipient": colleague["id"]}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the assignee of the lead it moves to: {body}"
    );
    assert_eq!(body["recipient"], colleague["id"]);
}

async fn agents_change_only_reminders_they_created_or_receive(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Access"})).await;
    let make = |recipient: i64| {
        json!({
            "lead": lead["id"], "title": "t", "remind_at": at(4), "recipient": recipient
        })
    };
    let others = reminder(&app, &manager, make(app.manager_id)).await;
    let path = format!("/api/reminders/{}/", others["id"]);
    assert_eq!(
        app.patch(&path, &agent, json!({"title": "mine now"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.patch(&path, &agent, json!({"status": "cancelled"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.put(&path, &agent, make(app.manager_id)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.delete(&path, &agent).await.0, StatusCode::FORBIDDEN);
    let (_, unchanged) = app.get(&path, &agent).await;
    assert_eq!(unchanged["title"], "t");
    assert_eq!(unchanged["status"], "pending");
    let for_agent = reminder(&app, &manager, make(app.agent_id)).await;
    let path = format!("/api/reminders/{}/", for_agent["id"]);
    let (status, body) = app
        .patch(&path, &agent, json!({"status": "cancelled"}))
        .await;
    assert_eq!(status, StatusCode::OK, "the recipient may cancel: {body}");
    assert_eq!(app.delete(&path, &agent).await.0, StatusCode::NO_CONTENT);
    let by_agent = reminder(&app, &agent, make(app.agent_id)).await;
    let path = format!("/api/reminders/{}/", by_agent["id"]);
    assert_eq!(
        app.patch(&path, &agent, json!({"title": "edited"})).await.0,
        StatusCode::OK
    );
    assert_eq!(
        app.patch(&path, &manager, json!({"title": "by manager"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.delete(&format!("/api/reminders/{}/", others["id"]), &manager)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
}
