//! Next steps on the lead: `last_activity_at` and `next_reminder_at` kept exact through
//! every change of notes, correspondence and reminders (the dispatcher's too), their
//! orderings (leads without the date last either way), `no_next_step`, and `lost_reason`.

use chrono::{DateTime, Duration, Utc};
use crm::config::DispatchArgs;
use crm::jobs::dispatcher::Dispatcher;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    next_step_fields_follow_every_change,
    sending_a_reminder_moves_the_next_step_on,
    orderings_put_leads_without_the_date_last_and_no_next_step_finds_open_leads,
    lost_reason_is_a_short_optional_audited_field,
    a_bulk_load_fills_the_next_steps_of_its_leads,
    a_meeting_booked_ahead_is_not_activity_in_the_future
);

fn at(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .map(|s| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc))
}

fn from_now(minutes: i64) -> String {
    (Utc::now() + Duration::minutes(minutes)).to_rfc3339()
}

async fn steps(
    app: &TestApp,
    token: &str,
    lead: &Value,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let (status, l) = app.get(&format!("/api/leads/{}/", lead["id"]), token).await;
    assert_eq!(status, StatusCode::OK);
    (at(&l["last_activity_at"]), at(&l["next_reminder_at"]))
}

async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let (status, v) = app.post(path, token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v
}

async fn next_step_fields_follow_every_change(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Achieng"})).await;
    assert!(lead["last_activity_at"].is_null() && lead["next_reminder_at"].is_null());
    let id = &lead["id"];

    let note = created(
        &app,
        &token,
        "/api/notes/",
        json!({"lead": id, "content": "Met"}),
    )
    .await;
    assert_eq!(
        steps(&app, &token, &lead).await,
        (at(&note["created_at"]), None)
    );
    let call = created(
        &app,
        &token,
        "/api/correspondences/",
        json!({
            "lead": id, "type": "call", "description": "Rang", "date": "2026-01-05T08:00:00Z"
        }),
    )
    .await;
    assert_eq!(
        steps(&app, &token, &lead).await.0,
        at(&note["created_at"]),
        "the older call does not win"
    );
    app.delete(&format!("/api/notes/{}/", note["id"]), &token)
        .await;
    assert_eq!(
        steps(&app, &token, &lead).await.0,
        at(&call["date"]),
        "back to the call"
    );
    let (status, _) = app
        .patch(
            &format!("/api/correspondences/{}/", call["id"]),
            &token,
            json!({"date": "2026-02-01T08:00:00Z"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        steps(&app, &token, &lead).await.0,
        at(&json!("2026-02-01T08:00:00Z"))
    );
    app.delete(&format!("/api/correspondences/{}/", call["id"]), &token)
        .await;
    assert_eq!(steps(&app, &token, &lead).await, (None, None));

    let later = created(
        &app,
        &token,
        "/api/reminders/",
        json!({
            "lead": id, "title": "Later", "remind_at": from_now(120)
        }),
    )
    .await;
    assert_eq!(steps(&app, &token, &lead).await.1, at(&later["remind_at"]));
    let sooner = created(
        &app,
        &token,
        "/api/reminders/",
        json!({
            "lead": id, "title": "Sooner", "remind_at": from_now(60)
        }),
    )
    .await;
    assert_eq!(steps(&app, &token, &lead).await.1, at(&sooner["remind_at"]));
    let sooner_path = format!("/api/reminders/{}/", sooner["id"]);
    let (_, moved) = app
        .patch(&sooner_path, &token, json!({"remind_at": from_now(180)}))
        .await;
    assert_eq!(
        steps(&app, &token, &lead).await.1,
        at(&later["remind_at"]),
        "rescheduled past the other"
    );
    let later_path = format!("/api/reminders/{}/", later["id"]);
    let (status, _) = app
        .patch(&later_path, &token, json!({"status": "cancelled"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        steps(&app, &token, &lead).await.1,
        at(&moved["remind_at"]),
        "cancelled is no next step"
    );
    let (_, done) = app
        .patch(&sooner_path, &token, json!({"completed": true}))
        .await;
    assert_eq!(
        steps(&app, &token, &lead).await,
        (at(&done["completed_at"]), None),
        "completing is activity and ends the next step"
    );
    let (_, undone) = app
        .patch(&sooner_path, &token, json!({"completed": false}))
        .await;
    assert!(undone["completed_at"].is_null());
    assert_eq!(
        steps(&app, &token, &lead).await,
        (None, at(&moved["remind_at"]))
    );
    app.delete(&sooner_path, &token).await;
    assert_eq!(steps(&app, &token, &lead).await, (None, None));
}

async fn sending_a_reminder_moves_the_next_step_on(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Otieno"})).await;
    let due = created(
        &app,
        &token,
        "/api/reminders/",
        json!({
            "lead": lead["id"], "title": "Due", "remind_at": from_now(-1)
        }),
    )
    .await;
    let next = created(
        &app,
        &token,
        "/api/reminders/",
        json!({
            "lead": lead["id"], "title": "Next", "remind_at": from_now(90)
        }),
    )
    .await;
    assert_eq!(steps(&app, &token, &lead).await.1, at(&due["remind_at"]));
    let dispatcher = Dispatcher::new(app.db.clone(), DispatchArgs::default()).unwrap();
    assert_eq!(dispatcher.tick().await.unwrap(), 1);
    let (_, sent) = app
        .get(&format!("/api/reminders/{}/", due["id"]), &token)
        .await;
    assert_eq!(sent["status"], "sent");
    assert_eq!(
        steps(&app, &token, &lead).await.1,
        at(&next["remind_at"]),
        "a sent reminder is no longer pending"
    );
}

fn names(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["first_name"].as_str().unwrap().to_string())
        .collect()
}

async fn orderings_put_leads_without_the_date_last_and_no_next_step_finds_open_leads(app: TestApp) {
    let token = app.agent().await;
    let mut leads = Vec::new();
    for (name, status) in [
        ("A", "new"),
        ("B", "qualified"),
        ("C", "contacted"),
        ("D", "lost"),
        ("E", "converted"),
    ] {
        leads.push(
            app.lead(&token, json!({"first_name": name, "status": status}))
                .await,
        );
    }
    for (lead, minutes) in [(&leads[0], 60), (&leads[1], 120)] {
        created(
            &app,
            &token,
            "/api/reminders/",
            json!({
                "lead": lead["id"], "title": "Call", "remind_at": from_now(minutes)
            }),
        )
        .await;
    }
    for (lead, date) in [
        (&leads[1], "2026-03-01T08:00:00Z"),
        (&leads[2], "2026-04-01T08:00:00Z"),
    ] {
        created(
            &app,
            &token,
            "/api/correspondences/",
            json!({
                "lead": lead["id"], "type": "email", "description": "Sent", "date": date
            }),
        )
        .await;
    }
    let list = |query: &str| {
        let path = format!("/api/leads/?{query}");
        let (app, token) = (&app, &token);
        async move {
            let (status, page) = app.get(&path, token).await;
            assert_eq!(status, StatusCode::OK, "{path}: {page}");
            page
        }
    };
    assert_eq!(
        names(&list("ordering=next_reminder_at").await),
        ["A", "B", "C", "D", "E"]
    );
    assert_eq!(
        names(&list("ordering=-next_reminder_at").await),
        ["B", "A", "E", "D", "C"]
    );
    assert_eq!(
        names(&list("ordering=last_activity_at").await),
        ["B", "C", "A", "D", "E"]
    );
    assert_eq!(
        names(&list("ordering=-last_activity_at").await),
        ["C", "B", "E", "D", "A"]
    );
    let page = list("no_next_step=true").await;
    assert_eq!(
        (page["count"].clone(), names(&page)),
        (json!(1), vec!["C".to_string()])
    );
    let page = list("no_next_step=false&ordering=first_name").await;
    assert_eq!(page["count"], 5);
    let before = (Utc::now() + Duration::minutes(90)).format("%Y-%m-%dT%H:%M:%SZ");
    assert_eq!(
        names(&list(&format!("next_reminder_before={before}")).await),
        ["A"]
    );
    let page = list("last_activity_before=2026-03-15&ordering=first_name").await;
    assert_eq!(
        names(&page),
        ["A", "B", "D", "E"],
        "before that day, or never"
    );
    let (status, body) = app.get("/api/leads/?ordering=next_step", &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["ordering"][0]
            .as_str()
            .unwrap()
            .contains("next_reminder_at, last_activity_at")
    );
    let (status, body) = app.get("/api/leads/?no_next_step=maybe", &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["no_next_step"][0].is_string(), "{body}");
}

async fn lost_reason_is_a_short_optional_audited_field(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Kiprop"})).await;
    assert_eq!(lead["lost_reason"], "");
    let path = format!("/api/leads/{}/", lead["id"]);
    let (status, body) = app
        .patch(
            &path,
            &token,
            json!({"status": "lost", "lost_reason": "x".repeat(201)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["lost_reason"][0].as_str().unwrap().contains("200"),
        "{body}"
    );
    let (status, lost) = app
        .patch(
            &path,
            &token,
            json!({"status": "lost", "lost_reason": "  Chose a cheaper supplier "}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(lost["lost_reason"], "Chose a cheaper supplier");
    let created = app
        .lead(
            &token,
            json!({"first_name": "Njeri", "status": "lost", "lost_reason": "No budget"}),
        )
        .await;
    assert_eq!(created["lost_reason"], "No budget");
    let manager = app.manager().await;
    let (_, audit) = app
        .get(
            &format!(
                "/api/audit-logs/?entity=lead&entity_id={}&action=update",
                lead["id"]
            ),
            &manager,
        )
        .await;
    let entry = &audit["results"][0]["changes"];
    assert_eq!(entry["before"]["lost_reason"], "");
    assert_eq!(entry["after"]["lost_reason"], "Chose a cheaper supplier");
}

async fn a_bulk_load_fills_the_next_steps_of_its_leads(app: TestApp) {
    let token = app.agent().await;
    let before = app.lead(&token, json!({"first_name": "Before"})).await;
    crm::seed::bulk::bulk(&app.db, 40, |_, _| {}).await.unwrap();
    // Every bulk lead has notes (activity); those with a future reminder have a next step.
    let (_, page) = app
        .get("/api/leads/?page_size=100&ordering=created_at", &token)
        .await;
    let leads = page["results"].as_array().unwrap();
    assert_eq!(leads.len(), 41);
    for lead in leads.iter().filter(|l| l["id"] != before["id"]) {
        let (_, notes) = app
            .get(
                &format!("/api/notes/?lead={}&page_size=100", lead["id"]),
                &token,
            )
            .await;
        let newest_note = notes["results"][0]["created_at"].clone();
        let last = at(&lead["last_activity_at"]).expect("bulk leads have activity");
        assert_eq!(Some(last), at(&newest_note), "{lead}");
        let (_, pending) = app
            .get(
                &format!(
                    "/api/reminders/?lead={}&status=pending&ordering=remind_at",
                    lead["id"]
                ),
                &token,
            )
            .await;
        let soonest = pending["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["completed_at"].is_null())
            .map_or(Value::Null, |r| r["remind_at"].clone());
        assert_eq!(at(&lead["next_reminder_at"]), at(&soonest), "{lead}");
    }
}

async fn a_meeting_booked_ahead_is_not_activity_in_the_future(app: TestApp) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Ahead"})).await;
    let body = json!({"lead": lead["id"], "type": "meeting", "description": "Met",
                      "date": from_now(200 * 24 * 60)});
    let meeting = created(&app, &token, "/api/correspondences/", body).await;
    let (last, _) = steps(&app, &token, &lead).await;
    assert_eq!(last, at(&meeting["created_at"]), "counted when logged");
    let soon = (Utc::now() + Duration::minutes(1)).format("%Y-%m-%dT%H:%M:%SZ");
    let path = format!("/api/leads/?last_activity_before={soon}");
    let (_, quiet) = app.get(&path, &token).await;
    assert_eq!(quiet["count"], 1, "{quiet}");
}
