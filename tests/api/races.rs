//! Writers of different rows, and of one row, at the same time: no deadlock answers 500,
//! and a write decides on the row as it is, not on a copy another writer has changed.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    leads_changing_status_in_opposite_directions_never_deadlock,
    concurrent_deletes_of_one_note_delete_it_once,
    concurrent_cancels_and_reschedules_of_one_reminder_leave_one_consistent_state,
    no_lead_is_assigned_to_a_user_after_their_deactivation,
);

async fn leads_changing_status_in_opposite_directions_never_deadlock(app: TestApp) {
    let token = app.manager().await;
    let mut leads = Vec::new();
    for i in 0..8 {
        let status = if i % 2 == 0 { "new" } else { "lost" };
        let lead = app
            .lead(
                &token,
                json!({"first_name": format!("Racer {i}"), "status": status}),
            )
            .await;
        leads.push((lead["id"].as_i64().unwrap(), i % 2 == 0));
    }
    let writers = leads.iter().map(|&(id, starts_new)| {
        let (app, token) = (&app, &token);
        async move {
            let mut statuses = Vec::new();
            for round in 0..12 {
                let to_lost = (round % 2 == 0) == starts_new;
                let status = if to_lost { "lost" } else { "new" };
                let path = format!("/api/leads/{id}/");
                let (code, body) = app.patch(&path, token, json!({"status": status})).await;
                statuses.push((code, body));
            }
            statuses
        }
    });
    for (status, body) in join_all(writers).await.into_iter().flatten() {
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // The maintained counters still equal the rows.
    let (_, stats) = app.get("/api/dashboard-stats/", &token).await;
    for status in ["new", "lost"] {
        let (_, page) = app
            .get(&format!("/api/leads/?status={status}"), &token)
            .await;
        assert_eq!(stats["leads_by_status"][status], page["count"], "{status}");
    }
}

async fn concurrent_deletes_of_one_note_delete_it_once(app: TestApp) {
    let token = app.manager().await;
    let lead = app.lead(&token, json!({"first_name": "Noted"})).await;
    // All notes first: SQLite may give a deleted row's id to the next one.
    let mut notes = Vec::new();
    for _ in 0..3 {
        let body = json!({"lead": lead["id"], "content": "once"});
        let (status, note) = app.post("/api/notes/", &token, body).await;
        assert_eq!(status, StatusCode::CREATED, "{note}");
        notes.push(note["id"].as_i64().unwrap());
    }
    for id in notes {
        let path = format!("/api/notes/{id}/");
        let answers = join_all((0..8).map(|_| app.delete(&path, &token))).await;
        let deleted = answers
            .iter()
            .filter(|(s, _)| *s == StatusCode::NO_CONTENT)
            .count();
        let gone = answers
            .iter()
            .filter(|(s, _)| *s == StatusCode::NOT_FOUND)
            .count();
        assert_eq!((deleted, gone), (1, 7), "{answers:?}");
        let audit = format!("/api/audit-logs/?entity=note&entity_id={id}&action=delete");
        let (_, entries) = app.get(&audit, &token).await;
        assert_eq!(entries["count"], 1, "one delete, one audit entry");
    }
}

async fn concurrent_cancels_and_reschedules_of_one_reminder_leave_one_consistent_state(
    app: TestApp,
) {
    let token = app.manager().await;
    let lead = app.lead(&token, json!({"first_name": "Reminded"})).await;
    let body = json!({"lead": lead["id"], "title": "Call", "remind_at": "2031-01-01T09:00:00Z"});
    let (status, reminder) = app.post("/api/reminders/", &token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{reminder}");
    let path = format!("/api/reminders/{}/", reminder["id"]);
    let writes = (0..8).map(|i| {
        let change = if i % 2 == 0 {
            json!({"status": "cancelled"})
        } else {
            json!({"remind_at": format!("2031-01-0{}T09:00:00Z", i + 1)})
        };
        app.patch(&path, &token, change)
    });
    let answers = join_all(writes).await;
    for (status, body) in &answers {
        assert!(
            *status == StatusCode::OK || *status == StatusCode::BAD_REQUEST,
            "{status}: {body}"
        );
    }
    // A cancel is final: once one succeeded, no reschedule may have made it pending again.
    let (_, now) = app.get(&path, &token).await;
    let cancels_won = answers
        .iter()
        .any(|(s, b)| *s == StatusCode::OK && b["status"] == "cancelled");
    assert!(
        cancels_won,
        "the first cancel of a pending reminder succeeds"
    );
    assert_eq!(now["status"], "cancelled", "{now}");
}

async fn no_lead_is_assigned_to_a_user_after_their_deactivation(app: TestApp) {
    let token = app.manager().await;
    let body = json!({"username": "leaving", "password": "a long enough password"});
    let (status, user) = app.post("/api/users/", &token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{user}");
    let id = user["id"].as_i64().unwrap();
    let assignments = (0..20).map(|i| {
        let body = json!({"first_name": format!("Assigned {i}"), "assigned_to": id});
        app.post("/api/leads/", &token, body)
    });
    let path = format!("/api/users/{id}/");
    let deactivation = app.patch(&path, &token, json!({"is_active": false}));
    let (answers, (status, body)) = tokio::join!(join_all(assignments), deactivation);
    assert_eq!(status, StatusCode::OK, "{body}");
    // Every lead that was assigned is older, in the audit trail, than the deactivation.
    let (_, entries) = app
        .get(
            &format!("/api/audit-logs/?entity=user&entity_id={id}&action=update"),
            &token,
        )
        .await;
    let deactivated = entries["results"][0]["id"].as_i64().unwrap();
    for (status, lead) in answers {
        if status == StatusCode::BAD_REQUEST {
            assert!(lead["assigned_to"].is_array(), "{lead}");
            continue;
        }
        assert_eq!(status, StatusCode::CREATED, "{lead}");
        let audit = format!("/api/audit-logs/?entity=lead&entity_id={}", lead["id"]);
        let (_, created) = app.get(&audit, &token).await;
        let created = created["results"][0]["id"].as_i64().unwrap();
        assert!(
            created < deactivated,
            "lead {} assigned after the deactivation",
            lead["id"]
        );
    }
}
