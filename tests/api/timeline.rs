//! `GET /api/leads/{id}/timeline/`: notes, correspondence, reminders and status changes in
//! one list, newest first, paged, filtered by kind; 404 for an unknown lead.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    the_timeline_is_newest_first_with_people_and_objects,
    the_timeline_pages_and_filters_by_kind
);

fn kinds(page: &Value) -> Vec<&str> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect()
}

/// A lead with a call yesterday, a note, a status change and a follow-up tomorrow.
async fn busy_lead(app: &TestApp, token: &str) -> Value {
    let lead = app
        .lead(
            token,
            json!({"first_name": "Wanjiku", "last_name": "Kamau"}),
        )
        .await;
    let yesterday = (Utc::now() - Duration::days(1)).to_rfc3339();
    let (status, _) = app.post("/api/correspondences/", token, json!({
        "lead": lead["id"], "type": "call", "subject": "", "description": "Asked for prices\nand terms",
        "date": yesterday
    })).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app
        .post(
            "/api/notes/",
            token,
            json!({"lead": lead["id"], "content": "Wants a demo"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/leads/{}/", lead["id"]);
    let (status, _) = app
        .patch(&path, token, json!({"status": "contacted"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .patch(&path, token, json!({"description": "no status change"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let tomorrow = (Utc::now() + Duration::days(1)).to_rfc3339();
    let (status, _) = app
        .post(
            "/api/reminders/",
            token,
            json!({
                "lead": lead["id"], "title": "Send the quote", "remind_at": tomorrow
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    lead
}

async fn the_timeline_is_newest_first_with_people_and_objects(app: TestApp) {
    let token = app.agent().await;
    let lead = busy_lead(&app, &token).await;
    let path = format!("/api/leads/{}/timeline/", lead["id"]);
    let (status, page) = app.get(&path, &token).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["count"], 4);
    assert_eq!(kinds(&page), ["reminder", "status", "note", "call"]);
    let items = page["results"].as_array().unwrap();
    for item in items {
        assert_eq!(item["user"], app.agent_id, "{item}");
        assert_eq!(item["user_name"], "agent Test");
        assert!(item["timestamp"].is_string() && item["id"].is_i64());
    }
    assert_eq!(items[0]["summary"], "Send the quote");
    assert_eq!(items[0]["object"]["status"], "pending");
    assert_eq!(items[1]["summary"], "New → Contacted");
    assert_eq!(
        items[1]["object"],
        json!({"from": "new", "to": "contacted", "lost_reason": ""})
    );
    assert_eq!(items[2]["summary"], "Wants a demo");
    assert_eq!(items[2]["object"]["content"], "Wants a demo");
    assert_eq!(
        items[3]["summary"], "Asked for prices…",
        "first line of the description"
    );
    assert_eq!(items[3]["object"]["type"], "call");
    // A deleted note leaves the timeline; managers see the same list.
    let (status, _) = app
        .delete(&format!("/api/notes/{}/", items[2]["id"]), &token)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, page) = app.get(&path, &app.manager().await).await;
    assert_eq!(kinds(&page), ["reminder", "status", "call"]);
    for bad in ["/api/leads/999999/timeline/", "/api/leads/abc/timeline/"] {
        let (status, body) = app.get(bad, &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
        assert_eq!(body["detail"], "Not found.");
    }
    let (status, _) = app.call(reqwest::Method::GET, &path, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_timeline_pages_and_filters_by_kind(app: TestApp) {
    let token = app.agent().await;
    let lead = busy_lead(&app, &token).await;
    let path = format!("/api/leads/{}/timeline/", lead["id"]);
    let (_, first) = app.get(&format!("{path}?page_size=3"), &token).await;
    assert_eq!(
        (first["count"].clone(), kinds(&first)),
        (json!(4), vec!["reminder", "status", "note"])
    );
    assert!(
        first["next"].as_str().unwrap().ends_with("page=2"),
        "{first}"
    );
    let (_, second) = app.get(&format!("{path}?page_size=3&page=2"), &token).await;
    assert_eq!(kinds(&second), ["call"]);
    assert!(second["next"].is_null() && second["previous"].is_string());
    let (status, _) = app.get(&format!("{path}?page_size=3&page=3"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, filtered) = app.get(&format!("{path}?kind=note,call"), &token).await;
    assert_eq!(
        (filtered["count"].clone(), kinds(&filtered)),
        (json!(2), vec!["note", "call"])
    );
    let (_, statuses) = app.get(&format!("{path}?kind=status"), &token).await;
    assert_eq!(kinds(&statuses), ["status"]);
    let (status, body) = app.get(&format!("{path}?kind=note,fax"), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["kind"][0].as_str().unwrap().contains("fax"), "{body}");
    let empty = app.lead(&token, json!({"first_name": "Quiet"})).await;
    let (status, page) = app
        .get(&format!("/api/leads/{}/timeline/", empty["id"]), &token)
        .await;
    assert_eq!((status, page["count"].clone()), (StatusCode::OK, json!(0)));
}
