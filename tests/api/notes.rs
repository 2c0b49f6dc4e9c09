//! Notes: the author is the caller, history is newest first, agents change only their own.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    the_author_is_always_the_caller_and_history_is_newest_first,
    agents_change_only_their_own_notes_and_managers_any,
    a_note_stays_on_its_lead
);

async fn the_author_is_always_the_caller_and_history_is_newest_first(app: TestApp) {
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Mwangi"})).await;
    let (status, first) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": lead["id"], "content": "Called, no answer", "author": app.manager_id}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["author"], app.agent_id, "author is read-only");
    assert_eq!(first["author_name"], "agent Test");
    let (_, second) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": lead["id"], "content": "Sent the brochure"}),
        )
        .await;
    let (_, page) = app
        .get(&format!("/api/notes/?lead={}", lead["id"]), &agent)
        .await;
    let ids: Vec<&Value> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["id"])
        .collect();
    assert_eq!(ids, vec![&second["id"], &first["id"]]);
    let (status, body) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": lead["id"], "content": " "}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["content"][0], "This field may not be blank.");
    let (status, body) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": lead["id"], "content": "x".repeat(10_001)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["content"][0].is_string());
}

async fn agents_change_only_their_own_notes_and_managers_any(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let lead = app.lead(&agent, json!({"first_name": "Chebet"})).await;
    let (_, mine) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": lead["id"], "content": "mine"}),
        )
        .await;
    let (_, theirs) = app
        .post(
            "/api/notes/",
            &manager,
            json!({"lead": lead["id"], "content": "theirs"}),
        )
        .await;
    let mine_path = format!("/api/notes/{}/", mine["id"]);
    let theirs_path = format!("/api/notes/{}/", theirs["id"]);
    assert_eq!(
        app.patch(&theirs_path, &agent, json!({"content": "changed"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.delete(&theirs_path, &agent).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, edited) = app
        .patch(&mine_path, &agent, json!({"content": "edited"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(edited["content"], "edited");
    assert_eq!(edited["author"], app.agent_id);
    assert_eq!(
        app.patch(&mine_path, &manager, json!({"content": "by manager"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.delete(&mine_path, &agent).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&theirs_path, &manager).await.0,
        StatusCode::NO_CONTENT
    );
    let (_, page) = app
        .get(&format!("/api/notes/?lead={}", lead["id"]), &agent)
        .await;
    assert_eq!(page["count"], 0);
}

async fn a_note_stays_on_its_lead(app: TestApp) {
    let agent = app.agent().await;
    let manager = app.manager().await;
    let first = app.lead(&agent, json!({"first_name": "Njeri"})).await;
    let second = app.lead(&agent, json!({"first_name": "Achieng"})).await;
    let (_, note) = app
        .post(
            "/api/notes/",
            &agent,
            json!({"lead": first["id"], "content": "Asked for a quote"}),
        )
        .await;
    let path = format!("/api/notes/{}/", note["id"]);
    for token in [&agent, &manager] {
        let (status, body) = app.patch(&path, token, json!({"lead": second["id"]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            body["lead"][0].as_str().unwrap().contains("another lead"),
            "{body}"
        );
        let (status, body) = app
            .put(
                &path,
                token,
                json!({"lead": second["id"], "content": "moved"}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body["lead"][0].is_string());
    }
    let (status, body) = app
        .put(
            &path,
            &agent,
            json!({"lead": first["id"], "content": "Sent the quote"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the same lead is fine: {body}");
    let (status, body) = app.patch(&path, &agent, json!({"lead": first["id"]})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, stored) = app.get(&path, &agent).await;
    assert_eq!(stored["lead"], first["id"]);
    assert_eq!(stored["content"], "Sent the quote");
    let (_, page) = app
        .get(&format!("/api/notes/?lead={}", second["id"]), &agent)
        .await;
    assert_eq!(page["count"], 0);
}
