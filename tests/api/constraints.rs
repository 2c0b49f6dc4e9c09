//! Unique and referential rules under concurrency: a write that loses a race to another
//! writer gets the same 400 naming the field as one that came second, never a 500, on both
//! backends.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::run_on_both_backends;
use crm::db::ConnectionTrait;

run_on_both_backends!(
    twenty_concurrent_creates_of_one_username_make_one_user_and_nineteen_400s,
    twenty_concurrent_renames_to_one_username_succeed_once,
    twenty_concurrent_primary_contacts_leave_exactly_one_primary,
    children_added_while_their_lead_is_deleted_land_before_it_or_name_the_lead,
    correspondence_added_while_its_contact_is_deleted_keeps_no_dangling_contact,
    a_foreign_key_the_domain_did_not_check_is_a_400_naming_the_field,
);

const RACERS: usize = 20;

async fn spawn(backend: Backend) -> Option<TestApp> {
    let app = TestApp::spawn(backend).await;
    if app.is_none() {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
    }
    app
}

/// Counts the answers by status, failing on any 5xx.
fn tally(answers: &[(StatusCode, Value)]) -> (usize, usize) {
    for (status, body) in answers {
        assert!(!status.is_server_error(), "{status}: {body}");
    }
    let ok = answers.iter().filter(|(s, _)| s.is_success()).count();
    let refused = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::BAD_REQUEST)
        .count();
    assert_eq!(ok + refused, answers.len(), "{answers:?}");
    (ok, refused)
}

async fn twenty_concurrent_creates_of_one_username_make_one_user_and_nineteen_400s(
    backend: Backend,
) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let manager = app.manager().await;
    let body = json!({"username": "wanjiru", "password": "correct horse battery"});
    let answers =
        join_all((0..RACERS).map(|_| app.post("/api/users/", &manager, body.clone()))).await;
    let (created, refused) = tally(&answers);
    assert_eq!((created, refused), (1, RACERS - 1), "{answers:?}");
    assert!(
        answers
            .iter()
            .any(|(status, _)| *status == StatusCode::CREATED)
    );
    for (status, body) in &answers {
        if *status == StatusCode::BAD_REQUEST {
            assert_eq!(
                body,
                &json!({"username": ["A user with that username already exists."]})
            );
        }
    }
    let (_, page) = app.get("/api/users/?search=wanjiru", &manager).await;
    assert_eq!(page["count"], 1);
}

async fn twenty_concurrent_renames_to_one_username_succeed_once(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let manager = app.manager().await;
    let mut ids = Vec::new();
    for i in 0..RACERS {
        let body = json!({"username": format!("user{i}"), "password": "correct horse battery"});
        let (status, user) = app.post("/api/users/", &manager, body).await;
        assert_eq!(status, StatusCode::CREATED, "{user}");
        ids.push(user["id"].as_i64().unwrap());
    }
    let paths: Vec<String> = ids.iter().map(|id| format!("/api/users/{id}/")).collect();
    let answers = join_all(
        paths
            .iter()
            .map(|path| app.patch(path, &manager, json!({"username": "kamau"}))),
    )
    .await;
    assert_eq!(tally(&answers), (1, RACERS - 1), "{answers:?}");
    for (status, body) in &answers {
        if *status == StatusCode::BAD_REQUEST {
            assert_eq!(
                body["username"][0],
                "A user with that username already exists."
            );
        }
    }
}

async fn twenty_concurrent_primary_contacts_leave_exactly_one_primary(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Race"})).await;
    let answers = join_all((0..RACERS).map(|i| {
        let body = json!({"lead": lead["id"], "first_name": format!("C{i}"), "is_primary": true});
        app.post("/api/contacts/", &token, body)
    }))
    .await;
    assert_eq!(tally(&answers), (RACERS, 0), "{answers:?}");
    let (_, page) = app
        .get(
            &format!("/api/contacts/?lead={}&page_size=100", lead["id"]),
            &token,
        )
        .await;
    assert_eq!(page["count"], RACERS);
    let primaries = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["is_primary"] == true)
        .count();
    assert_eq!(primaries, 1, "{page}");
}

async fn children_added_while_their_lead_is_deleted_land_before_it_or_name_the_lead(
    backend: Backend,
) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Doomed"})).await;
    let id = lead["id"].clone();
    let bodies = [
        ("/api/contacts/", json!({"lead": id, "first_name": "Ann"})),
        ("/api/notes/", json!({"lead": id, "content": "a note"})),
        (
            "/api/reminders/",
            json!({"lead": id, "title": "call", "remind_at": "2030-01-01T09:00:00Z"}),
        ),
        (
            "/api/correspondences/",
            json!({
                "lead": id,
                "type": "call",
                "subject": "hello",
                "description": "d",
                "date": "2030-01-01T09:00:00Z",
            }),
        ),
    ];
    let adds = join_all((0..RACERS).map(|i| {
        let (path, body) = &bodies[i % bodies.len()];
        app.post(path, &manager, body.clone())
    }));
    let path = format!("/api/leads/{id}/");
    let delete = app.delete(&path, &manager);
    let (answers, (deleted, _)) = tokio::join!(adds, delete);
    assert_eq!(deleted, StatusCode::NO_CONTENT);
    tally(&answers);
    for (status, body) in &answers {
        if *status == StatusCode::BAD_REQUEST {
            assert_eq!(
                body,
                &json!({"lead": [format!("Invalid pk \"{id}\" - object does not exist.")]})
            );
        }
    }
    // Whatever was added before the delete went with the lead, each deletion recorded.
    for (path, _) in &bodies {
        let (status, page) = app.get(&format!("{path}?lead={id}"), &manager).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["count"], 0, "{path}: {page}");
    }
    let added = answers.iter().filter(|(s, _)| s.is_success()).count();
    let (_, audit) = app
        .get("/api/audit-logs/?action=delete&page_size=100", &manager)
        .await;
    assert_eq!(audit["count"], added + 1, "{audit}");
}

async fn correspondence_added_while_its_contact_is_deleted_keeps_no_dangling_contact(
    backend: Backend,
) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let manager = app.manager().await;
    let lead = app.lead(&manager, json!({"first_name": "Busy"})).await;
    let (status, contact) = app
        .post(
            "/api/contacts/",
            &manager,
            json!({"lead": lead["id"], "first_name": "Gone"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    let body = json!({
        "lead": lead["id"],
        "contact": contact["id"],
        "type": "call",
        "subject": "hi",
        "description": "d",
        "date": "2030-01-01T09:00:00Z",
    });
    let adds =
        join_all((0..RACERS).map(|_| app.post("/api/correspondences/", &manager, body.clone())));
    let path = format!("/api/contacts/{}/", contact["id"]);
    let delete = app.delete(&path, &manager);
    let (answers, (deleted, _)) = tokio::join!(adds, delete);
    assert_eq!(deleted, StatusCode::NO_CONTENT);
    let (added, _) = tally(&answers);
    for (status, body) in &answers {
        if *status == StatusCode::BAD_REQUEST {
            let expected = format!("Invalid pk \"{}\" - object does not exist.", contact["id"]);
            assert_eq!(body, &json!({"contact": [expected]}));
        }
    }
    let (_, page) = app
        .get(
            &format!("/api/correspondences/?lead={}&page_size=100", lead["id"]),
            &manager,
        )
        .await;
    assert_eq!(page["count"], added);
    for item in page["results"].as_array().unwrap() {
        assert_eq!(item["contact"], Value::Null, "{item}");
    }
}

async fn a_foreign_key_the_domain_did_not_check_is_a_400_naming_the_field(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    // Every write checks an assignee inside its transaction; the database's own key is the
    // last word for a statement that does not, and reads as the same field error.
    let insert = "INSERT INTO leads (first_name, last_name, company, title, email, phone, \
                  status, priority, estimated_value, source, description, assigned_to, \
                  created_by, created_at, updated_at) \
                  VALUES ('Orphan', '', '', '', '', '', 'new', 1, 0, '', '', 987654, NULL, \
                  '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')";
    let err = app
        .db
        .conn
        .execute_unprepared(insert)
        .await
        .expect_err("no such user");
    let db_error = crm::db::DbError::from(err);
    let field = match backend {
        // SQLite does not say which key failed.
        Backend::Sqlite => "non_field_errors",
        Backend::Postgres => "assigned_to",
    };
    assert_eq!(
        db_error.field_error(),
        Some((field, "The object it refers to does not exist."))
    );
    let api = crm::error::ApiError::from(db_error);
    assert_eq!(api.status(), StatusCode::BAD_REQUEST);
}
