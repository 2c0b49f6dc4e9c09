//! The calendar feed of reminders: valid iCalendar, stable UIDs, private links.

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(the_calendar_feed_is_valid_icalendar_with_stable_uids);

async fn the_calendar_feed_is_valid_icalendar_with_stable_uids(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app
        .lead(
            &agent,
            json!({"first_name": "Akinyi", "company": "Nation, Media; Group"}),
        )
        .await;
    let title = "Call back; bring quote, \"draft\" \\ v2 — Ksh 1,000,000 \
        for the whole Nairobi and Mombasa rollout";
    let at = (Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
    app.post(
        "/api/reminders/",
        &agent,
        json!({
            "lead": lead["id"], "title": title, "message": "Line one\nLine two", "remind_at": at
        }),
    )
    .await;
    let (_, cancelled) = app
        .post(
            "/api/reminders/",
            &agent,
            json!({"lead": lead["id"], "title": "Cancelled", "remind_at": at}),
        )
        .await;
    app.patch(
        &format!("/api/reminders/{}/", cancelled["id"]),
        &agent,
        json!({"status": "cancelled"}),
    )
    .await;
    app.post(
        "/api/reminders/",
        &manager,
        json!({"lead": lead["id"], "title": "Someone else's", "remind_at": at}),
    )
    .await;

    let (_, me) = app.get("/api/auth/me/", &agent).await;
    let url = me["calendar_url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:8080/calendar/") && url.ends_with(".ics"),
        "{url}"
    );
    let path = &url["http://127.0.0.1:8080".len()..];
    let res = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = res.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line}");
        assert!(!line.contains('\n'));
    }
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(
        events.len(),
        1,
        "one event per pending or sent reminder of this user"
    );
    let event = events[0];
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap()
    };
    assert_eq!(prop("SUMMARY"), title, "escaped text reads back exactly");
    let description = prop("DESCRIPTION");
    assert!(
        description.contains("Nation, Media; Group)\nLine one\nLine two"),
        "{description}"
    );
    assert!(
        unfolded.contains("Nation\\, Media\\; Group"),
        "escaped on the wire"
    );
    assert!(prop("DTSTART").ends_with('Z'));
    assert!(event.components.iter().any(|c| c.name == "VALARM"));
    let uid = prop("UID");
    let again = app
        .client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(again.contains(&format!("UID:{uid}")), "UIDs are stable");

    let (status, rotated) = app
        .post("/api/auth/calendar-token/", &agent, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let new_url = rotated["calendar_url"].as_str().unwrap();
    assert_ne!(new_url, url);
    assert_eq!(
        app.client.get(app.url(path)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "the old URL stops working"
    );
    let new_path = &new_url["http://127.0.0.1:8080".len()..];
    assert_eq!(
        app.client
            .get(app.url(new_path))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    for bad in [
        "/calendar/nope.ics",
        "/calendar/abcdef.ics",
        "/calendar/abc",
    ] {
        assert_eq!(
            app.client.get(app.url(bad)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}
