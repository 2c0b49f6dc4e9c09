//! Listing leads: filters, search, ordering and pagination.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    filters_narrow_the_list,
    bad_filter_values_are_400_naming_the_parameter,
    search_matches_every_word_by_prefix_in_any_case,
    search_follows_updates_and_deletes,
    ordering_sorts_by_rank_and_value_with_a_stable_tie_breaker,
    pages_never_overlap_even_when_the_sort_key_ties,
    pagination_has_links_bounds_and_clamps
);

fn ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect()
}

async fn filters_narrow_the_list(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    let a = app
        .lead(
            &manager,
            json!({
                "first_name": "A", "status": "new", "priority": "low", "estimated_value": "100",
                "assigned_to": app.agent_id
            }),
        )
        .await;
    let b = app.lead(&manager, json!({
        "first_name": "B", "status": "qualified", "priority": "high", "estimated_value": "5000"
    })).await;
    let c = app.lead(&agent, json!({
        "first_name": "C", "status": "lost", "priority": "medium", "estimated_value": "250.50",
        "assigned_to": app.manager_id
    })).await;
    let cases: Vec<(&str, Vec<&Value>)> = vec![
        ("status=new", vec![&a]),
        ("status=new,qualified", vec![&b, &a]),
        ("priority=high,medium", vec![&c, &b]),
        ("assigned_to=none", vec![&b]),
        ("assigned_to=me", vec![&c]),
        (
            &*Box::leak(format!("assigned_to={}", app.agent_id).into_boxed_str()),
            vec![&a],
        ),
        (
            &*Box::leak(format!("created_by={}", app.agent_id).into_boxed_str()),
            vec![&c],
        ),
        ("min_value=250.50", vec![&c, &b]),
        ("max_value=250.5", vec![&c, &a]),
        ("min_value=200&max_value=300", vec![&c]),
        (
            "created_after=2000-01-01&created_before=2999-12-31",
            vec![&c, &b, &a],
        ),
        ("created_before=2000-01-01", vec![]),
    ];
    for (query, expected) in cases {
        let (status, page) = app.get(&format!("/api/leads/?{query}"), &manager).await;
        assert_eq!(status, StatusCode::OK, "{query}: {page}");
        let want: Vec<i64> = expected.iter().map(|l| l["id"].as_i64().unwrap()).collect();
        assert_eq!(ids(&page), want, "{query}");
        assert_eq!(page["count"], want.len(), "{query}");
    }
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let (_, page) = app
        .get(
            &format!("/api/leads/?created_before={today}&created_after={today}"),
            &manager,
        )
        .await;
    assert_eq!(page["count"], 3, "a bare date covers its whole day");
}

async fn bad_filter_values_are_400_naming_the_parameter(app: TestApp) {
    let token = app.agent().await;
    let (status, body) = app
        .get(
            "/api/leads/?status=won&priority=urgent&assigned_to=someone\
             &created_after=yesterday&min_value=lots",
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for key in [
        "status",
        "priority",
        "assigned_to",
        "created_after",
        "min_value",
    ] {
        assert!(body[key][0].is_string(), "{key}: {body}");
    }
    assert!(body["status"][0].as_str().unwrap().contains("won"));
}

async fn search_matches_every_word_by_prefix_in_any_case(app: TestApp) {
    let token = app.agent().await;
    let w = app
        .lead(
            &token,
            json!({
                "first_name": "Wanjiku", "last_name": "Kamau", "company": "Safaricom PLC",
                "phone": "0712345678", "email": "wk@acme.co.ke"
            }),
        )
        .await;
    let o = app
        .lead(
            &token,
            json!({
                "first_name": "Otieno", "last_name": "Kamau", "company": "Kenya Power",
                "description": "Wants solar installations"
            }),
        )
        .await;
    app.lead(
        &token,
        json!({"first_name": "Njeri", "company": "Twiga Foods"}),
    )
    .await;
    let cases: Vec<(&str, Vec<&Value>)> = vec![
        ("wanj", vec![&w]),
        ("WANJIKU", vec![&w]),
        ("kam", vec![&o, &w]),
        ("kamau otie", vec![&o]),
        ("kamau twiga", vec![]),
        ("safari", vec![&w]),
        ("acme", vec![&w]),
        ("0712", vec![&w]),
        ("712345", vec![&w]),
        ("%2B254712", vec![&w]),
        ("solar", vec![&o]),
        ("power kenya", vec![&o]),
        ("zzz", vec![]),
    ];
    for (query, expected) in cases {
        let (status, page) = app
            .get(&format!("/api/leads/?search={query}"), &token)
            .await;
        assert_eq!(status, StatusCode::OK, "{query}: {page}");
        let want: Vec<i64> = expected.iter().map(|l| l["id"].as_i64().unwrap()).collect();
        assert_eq!(ids(&page), want, "search={query}");
    }
    let (status, page) = app
        .get("/api/leads/?search=%22%27%2A%3A%26()", &token)
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "punctuation-only search is harmless"
    );
    assert_eq!(page["count"], 3);
}

async fn search_follows_updates_and_deletes(app: TestApp) {
    let token = app.manager().await;
    let lead = app.lead(&token, json!({"first_name": "Mutua"})).await;
    let path = format!("/api/leads/{}/", lead["id"]);
    app.patch(&path, &token, json!({"first_name": "Musyoka"}))
        .await;
    assert_eq!(
        app.get("/api/leads/?search=mutua", &token).await.1["count"],
        0
    );
    assert_eq!(
        app.get("/api/leads/?search=musy", &token).await.1["count"],
        1
    );
    app.delete(&path, &token).await;
    assert_eq!(
        app.get("/api/leads/?search=musy", &token).await.1["count"],
        0
    );
}

async fn ordering_sorts_by_rank_and_value_with_a_stable_tie_breaker(app: TestApp) {
    let token = app.agent().await;
    let low = app
        .lead(
            &token,
            json!({"first_name": "L", "priority": "low", "estimated_value": "300"}),
        )
        .await;
    let high = app
        .lead(
            &token,
            json!({"first_name": "H", "priority": "high", "estimated_value": "100"}),
        )
        .await;
    let medium = app
        .lead(
            &token,
            json!({"first_name": "M", "priority": "medium", "estimated_value": "200"}),
        )
        .await;
    let id = |l: &Value| l["id"].as_i64().unwrap();
    let (_, page) = app.get("/api/leads/?ordering=priority", &token).await;
    assert_eq!(ids(&page), vec![id(&low), id(&medium), id(&high)]);
    let (_, page) = app.get("/api/leads/?ordering=-priority", &token).await;
    assert_eq!(ids(&page), vec![id(&high), id(&medium), id(&low)]);
    let (_, page) = app
        .get("/api/leads/?ordering=-estimated_value", &token)
        .await;
    assert_eq!(ids(&page), vec![id(&low), id(&medium), id(&high)]);
    let (_, page) = app.get("/api/leads/", &token).await;
    assert_eq!(
        ids(&page),
        vec![id(&medium), id(&high), id(&low)],
        "newest first by default"
    );
    let (status, body) = app.get("/api/leads/?ordering=password", &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = body["ordering"][0].as_str().unwrap();
    assert!(
        message.contains("password") && message.contains("estimated_value"),
        "{message}"
    );
}

async fn pages_never_overlap_even_when_the_sort_key_ties(app: TestApp) {
    let token = app.agent().await;
    for i in 0..7 {
        app.lead(
            &token,
            json!({"first_name": format!("Lead {i}"), "status": "new"}),
        )
        .await;
    }
    let mut seen = Vec::new();
    for page in 1..=4 {
        let (status, body) = app
            .get(
                &format!("/api/leads/?ordering=status&page_size=2&page={page}"),
                &token,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        seen.extend(ids(&body));
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(seen.len(), 7);
    assert_eq!(unique.len(), 7);
}

async fn pagination_has_links_bounds_and_clamps(app: TestApp) {
    let token = app.agent().await;
    for i in 0..25 {
        app.lead(&token, json!({"first_name": format!("P{i}")}))
            .await;
    }
    let (_, first) = app.get("/api/leads/?status=new", &token).await;
    assert_eq!(first["count"], 25);
    assert_eq!(first["results"].as_array().unwrap().len(), 20);
    assert!(first["previous"].is_null());
    let next = first["next"].as_str().unwrap();
    assert!(
        next.starts_with("http://") && next.contains("page=2") && next.contains("status=new"),
        "{next}"
    );
    let (_, second) = app.get("/api/leads/?status=new&page=2", &token).await;
    assert_eq!(second["results"].as_array().unwrap().len(), 5);
    assert!(second["next"].is_null());
    assert!(second["previous"].as_str().unwrap().contains("status=new"));
    let (_, big) = app.get("/api/leads/?page_size=1000", &token).await;
    assert_eq!(
        big["results"].as_array().unwrap().len(),
        25,
        "clamped to 100, so all 25"
    );
    let (_, small) = app.get("/api/leads/?page_size=3", &token).await;
    assert_eq!(small["results"].as_array().unwrap().len(), 3);
    for query in ["page=3", "page=0", "page=abc", "page=-1"] {
        let (status, body) = app.get(&format!("/api/leads/?{query}"), &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{query}");
        assert_eq!(body["detail"], "Invalid page.");
    }
}
