//! Follow-ups as the Today and Reminders pages read them: names in the list (one request per
//! page), the time-window and completion filters behind exact counts, and undoing a cancel.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

fn at(minutes: i64) -> String {
    (Utc::now() + Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

async fn reminder(app: &TestApp, token: &str, lead: &Value, title: &str, minutes: i64) -> Value {
    let body = json!({"lead": lead["id"], "title": title, "remind_at": at(minutes)});
    let (status, r) = app.post("/api/reminders/", token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    r
}

fn titles(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {page}"))
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

both_backends!(
    reminders_carry_the_lead_and_recipient_names,
    time_window_and_completion_filters_give_the_today_counts,
    the_window_filters_reject_bad_input,
    a_cancel_can_be_undone_by_setting_pending_again,
    a_sent_follow_up_not_yet_done_can_be_snoozed
);

async fn reminders_carry_the_lead_and_recipient_names(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app
        .lead(
            &agent,
            json!({"first_name": "Wanjiru", "last_name": "Kamau", "company": "Mavuno Ltd"}),
        )
        .await;
    let created = reminder(&app, &agent, &lead, "Call back", 60).await;
    assert_eq!(created["lead_name"], "Wanjiru Kamau");
    assert_eq!(created["lead_company"], "Mavuno Ltd");
    let (_, me) = app
        .get(&format!("/api/users/{}/", app.agent_id), &manager)
        .await;
    let expected = match me["full_name"].as_str() {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => me["username"].as_str().unwrap().to_string(),
    };
    assert!(!expected.is_empty());
    assert_eq!(created["recipient_name"], expected.as_str());

    let (status, page) = app
        .get(&format!("/api/reminders/?lead={}", lead["id"]), &manager)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let listed = &page["results"][0];
    assert_eq!(listed["lead_name"], "Wanjiru Kamau");
    assert_eq!(listed["lead_company"], "Mavuno Ltd");
    assert_eq!(listed["recipient_name"], expected.as_str());

    // Read-only: sent values are ignored, and a renamed lead shows its new name.
    let path = format!("/api/reminders/{}/", created["id"]);
    let (status, patched) = app
        .patch(
            &path,
            &agent,
            json!({"lead_name": "Someone", "title": "Call again"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert_eq!(patched["lead_name"], "Wanjiru Kamau");
    app.patch(
        &format!("/api/leads/{}/", lead["id"]),
        &agent,
        json!({"last_name": "Otieno"}),
    )
    .await;
    let (_, again) = app.get(&path, &agent).await;
    assert_eq!(again["lead_name"], "Wanjiru Otieno");
}

async fn time_window_and_completion_filters_give_the_today_counts(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Today"})).await;
    reminder(&app, &agent, &lead, "overdue", -120).await;
    reminder(&app, &agent, &lead, "due soon", 60).await;
    reminder(&app, &agent, &lead, "tomorrow", 60 * 30).await;
    let done = reminder(&app, &agent, &lead, "done", -60).await;
    app.patch(
        &format!("/api/reminders/{}/", done["id"]),
        &agent,
        json!({"completed": true}),
    )
    .await;
    let cancelled = reminder(&app, &agent, &lead, "cancelled", 30).await;
    app.patch(
        &format!("/api/reminders/{}/", cancelled["id"]),
        &agent,
        json!({"status": "cancelled"}),
    )
    .await;
    reminder(&app, &manager, &lead, "the manager's", -30).await;

    // The navigation badge: everything of mine still to do up to the end of the day.
    let end_of_day = at(180);
    let (status, due) = app
        .get(
            &format!(
                "/api/reminders/?recipient=me&completed=false&status=pending,sent,failed\
                 &remind_at_before={end_of_day}&ordering=remind_at&page_size=1"
            ),
            &agent,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{due}");
    assert_eq!(due["count"], 2, "{due}");
    assert_eq!(titles(&due), ["overdue"]);
    // The Today page's two sections.
    let (_, today) = app
        .get(
            &format!("/api/reminders/?recipient=me&upcoming=true&remind_at_before={end_of_day}"),
            &agent,
        )
        .await;
    assert_eq!(titles(&today), ["due soon"]);
    let (_, overdue) = app
        .get(
            "/api/reminders/?recipient=me&overdue=true&ordering=-remind_at",
            &agent,
        )
        .await;
    assert_eq!(titles(&overdue), ["overdue"]);
    // A manager looking at everyone's.
    let (_, all) = app
        .get("/api/reminders/?overdue=true&ordering=-remind_at", &manager)
        .await;
    assert_eq!(titles(&all), ["the manager's", "overdue"]);

    let (_, completed) = app
        .get("/api/reminders/?completed=true&recipient=me", &agent)
        .await;
    assert_eq!(titles(&completed), ["done"]);
    let (_, open) = app
        .get(
            "/api/reminders/?completed=false&recipient=me&ordering=remind_at",
            &agent,
        )
        .await;
    assert_eq!(
        titles(&open),
        ["overdue", "cancelled", "due soon", "tomorrow"]
    );
    // Both bounds are inclusive; a window between the others finds only what is inside.
    let (_, window) = app
        .get(
            &format!(
                "/api/reminders/?recipient=me&remind_at_after={}&remind_at_before={}\
                 &ordering=remind_at",
                at(-90),
                at(45)
            ),
            &agent,
        )
        .await;
    assert_eq!(titles(&window), ["done", "cancelled"]);
}

async fn the_window_filters_reject_bad_input(app: TestApp) {
    let agent = app.agent().await;
    for (query, field) in [
        ("remind_at_before=soon", "remind_at_before"),
        ("remind_at_after=2026-13-01", "remind_at_after"),
        ("completed=maybe", "completed"),
    ] {
        let (status, body) = app.get(&format!("/api/reminders/?{query}"), &agent).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert!(body.get(field).is_some(), "{query}: {body}");
    }
}

async fn a_cancel_can_be_undone_by_setting_pending_again(app: TestApp) {
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Undo"})).await;
    let r = reminder(&app, &agent, &lead, "undo me", 90).await;
    let path = format!("/api/reminders/{}/", r["id"]);
    let (status, cancelled) = app
        .patch(&path, &agent, json!({"status": "cancelled"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    // Moving a cancelled reminder alone still does not revive it.
    let (status, body) = app
        .patch(&path, &agent, json!({"remind_at": at(120)}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.get("remind_at").is_some(), "{body}");

    let (status, back) = app.patch(&path, &agent, json!({"status": "pending"})).await;
    assert_eq!(status, StatusCode::OK, "{back}");
    assert_eq!(back["status"], "pending");
    assert_eq!(back["remind_at"], r["remind_at"]);
    let (_, up) = app
        .get("/api/reminders/?upcoming=true&recipient=me", &agent)
        .await;
    assert_eq!(titles(&up), ["undo me"]);
    // The undo is audited like any change.
    let manager = app.manager().await;
    let (_, log) = app
        .get(
            &format!("/api/audit-logs/?entity=reminder&entity_id={}", r["id"]),
            &manager,
        )
        .await;
    assert!(log["count"].as_i64().unwrap() >= 3, "{log}");

    // Reinstating and rescheduling in one change.
    app.patch(&path, &agent, json!({"status": "cancelled"}))
        .await;
    let later = at(240);
    let (status, moved) = app
        .patch(
            &path,
            &agent,
            json!({"status": "pending", "remind_at": later}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["status"], "pending");

    // Only a cancelled reminder comes back: a completed-and-sent one does not.
    crm::db::sql::sql(
        "UPDATE reminders SET status = 'sent' WHERE id = $1",
        [r["id"].as_i64().unwrap().into()],
    )
    .execute(&app.db.conn)
    .await
    .unwrap();
    let (status, body) = app.patch(&path, &agent, json!({"status": "pending"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.get("status").is_some(), "{body}");
}

async fn a_sent_follow_up_not_yet_done_can_be_snoozed(app: TestApp) {
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Snooze"})).await;
    let r = reminder(&app, &agent, &lead, "emailed", -30).await;
    let id = r["id"].as_i64().unwrap();
    crm::db::sql::sql(
        "UPDATE reminders SET status = 'sent', sent_at = remind_at WHERE id = $1",
        [id.into()],
    )
    .execute(&app.db.conn)
    .await
    .unwrap();
    let (_, over) = app
        .get("/api/reminders/?overdue=true&recipient=me", &agent)
        .await;
    assert_eq!(titles(&over), ["emailed"]);
    assert!(over["results"][0]["sent_at"].is_string(), "{over}");

    let path = format!("/api/reminders/{id}/");
    let (status, snoozed) = app.patch(&path, &agent, json!({"remind_at": at(60)})).await;
    assert_eq!(status, StatusCode::OK, "{snoozed}");
    assert_eq!(snoozed["status"], "pending");
    // Pending again: not sent until it is emailed at the new time.
    assert_eq!(snoozed["sent_at"], Value::Null, "{snoozed}");
    let (_, read) = app.get(&path, &agent).await;
    assert_eq!(read["sent_at"], Value::Null, "{read}");
    let (_, over) = app
        .get("/api/reminders/?overdue=true&recipient=me", &agent)
        .await;
    assert_eq!(over["count"], 0, "{over}");

    // Once done, it keeps its time.
    app.patch(&path, &agent, json!({"completed": true})).await;
    crm::db::sql::sql(
        "UPDATE reminders SET status = 'sent' WHERE id = $1",
        [id.into()],
    )
    .execute(&app.db.conn)
    .await
    .unwrap();
    let (status, body) = app
        .patch(&path, &agent, json!({"remind_at": at(120)}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.get("remind_at").is_some(), "{body}");
}
