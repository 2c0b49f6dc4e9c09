//! Requests crafted to hurt: thousands of ordering keys, repeated keys, and a forged `Host`
//! header that would turn pagination links elsewhere.

use crm::config::Config;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::{both_backends, run_on_both_backends};

/// Every list that takes `ordering`, with one of its fields, and who may read it.
const LISTS: &[(&str, &str)] = &[
    ("/api/leads/", "created_at"),
    ("/api/leads/export/", "created_at"),
    ("/api/users/", "username"),
    ("/api/contacts/", "created_at"),
    ("/api/notes/", "created_at"),
    ("/api/reminders/", "created_at"),
    ("/api/correspondences/", "date"),
    ("/api/audit-logs/", "timestamp"),
];

both_backends!(
    two_thousand_ordering_keys_are_refused_on_every_list,
    a_field_given_twice_in_ordering_is_refused,
    an_ordering_error_is_reported_with_the_other_parameters_errors
);

async fn two_thousand_ordering_keys_are_refused_on_every_list(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    app.lead(&agent, json!({"first_name": "Hostile"})).await;
    for (list, field) in LISTS {
        let many = vec![*field; 2000].join(",");
        for token in [&manager, &agent] {
            let (status, body) = app.get(&format!("{list}?ordering={many}"), token).await;
            if *list == "/api/audit-logs/" && token == &agent {
                assert_eq!(status, StatusCode::FORBIDDEN);
                continue;
            }
            assert_eq!(status, StatusCode::BAD_REQUEST, "{list}: {body}");
            let message = body["ordering"][0].as_str().unwrap_or_default();
            assert!(
                message.contains("Too many ordering fields (2000)"),
                "{list}: {body}"
            );
        }
    }
    let (status, body) = app
        .get(
            &format!("/api/leads/?ordering={}", vec!["nope"; 2000].join(",")),
            &agent,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["ordering"].as_array().unwrap().len(),
        1,
        "one message, not 2 000"
    );
}

async fn a_field_given_twice_in_ordering_is_refused(app: TestApp) {
    let manager = app.manager().await;
    for (list, field) in LISTS {
        let (status, body) = app
            .get(&format!("{list}?ordering={field},-{field}"), &manager)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{list}: {body}");
        assert!(
            body["ordering"][0]
                .as_str()
                .unwrap()
                .contains("more than once"),
            "{list}: {body}"
        );
    }
    let (status, _) = app
        .get(
            "/api/leads/?ordering=status,-created_at,first_name",
            &manager,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "distinct fields are fine");
}

async fn an_ordering_error_is_reported_with_the_other_parameters_errors(app: TestApp) {
    let manager = app.manager().await;
    for (query, other) in [
        ("/api/users/?ordering=password&role=boss", "role"),
        ("/api/leads/?ordering=password&status=lost-ish", "status"),
        ("/api/notes/?ordering=password&lead=x", "lead"),
        (
            "/api/reminders/?ordering=password&upcoming=perhaps",
            "upcoming",
        ),
        ("/api/audit-logs/?ordering=password&user=x", "user"),
    ] {
        let (status, body) = app.get(query, &manager).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            body["ordering"][0].as_str().unwrap().contains("password"),
            "{query}: {body}"
        );
        assert!(body[other][0].is_string(), "{query}: {body}");
    }
}

async fn pagination_links_start_with_the_public_url_whatever_the_host_header(backend: Backend) {
    let config = Config {
        public_url: "https://crm.example.co.ke/".into(),
        ..Config::default()
    };
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    let token = app.agent().await;
    for i in 0..3 {
        app.lead(&token, json!({"first_name": format!("Host{i}")}))
            .await;
    }
    let page = |page: u32| {
        app.client
            .get(app.url(&format!("/api/leads/?page_size=1&status=new&page={page}")))
            .bearer_auth(&token)
            .header("host", "evil.example")
            .header("x-forwarded-proto", "http")
            .send()
    };
    let body: serde_json::Value = page(2).await.unwrap().json().await.unwrap();
    for link in ["next", "previous"] {
        let url = body[link].as_str().unwrap();
        assert!(
            url.starts_with("https://crm.example.co.ke/api/leads/?"),
            "{link}: {url}"
        );
        assert!(
            url.contains("status=new") && url.contains("page_size=1"),
            "{url}"
        );
    }
    assert_eq!(
        body["previous"],
        "https://crm.example.co.ke/api/leads/?page_size=1&status=new"
    );
}

run_on_both_backends!(pagination_links_start_with_the_public_url_whatever_the_host_header);
