//! Leads: validation, CRUD and roles, filters, search, ordering and pagination.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::on_both_backends;

fn ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect()
}

on_both_backends! {
    async fn a_created_lead_is_normalised_and_gets_defaults(app) {
        let token = app.agent().await;
        let lead = app.lead(&token, json!({
            "first_name": "  Wanjiku ", "last_name": "Kamau", "email": "Wanjiku@Safaricom.CO.KE",
            "phone": "0712 345 678", "company": "Safaricom", "id": 999, "created_by": 12345,
            "unknown_field": "ignored"
        })).await;
        assert_eq!(lead["first_name"], "Wanjiku");
        assert_eq!(lead["full_name"], "Wanjiku Kamau");
        assert_eq!(lead["email"], "wanjiku@safaricom.co.ke");
        assert_eq!(lead["phone"], "+254712345678");
        assert_eq!(lead["status"], "new");
        assert_eq!(lead["priority"], "medium");
        assert_eq!(lead["estimated_value"], "0.00");
        assert_eq!(lead["created_by"], app.agent_id);
        assert_ne!(lead["id"], 999);
        assert_eq!(lead["contacts_count"], 0);
        assert!(lead["primary_contact"].is_null());
        assert!(lead["created_at"].as_str().unwrap().ends_with('Z'));
        let (status, fetched) = app.get(&format!("/api/leads/{}/", lead["id"]), &token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(fetched, lead);
    }

    async fn money_is_accepted_as_string_or_number_and_shown_with_two_places(app) {
        let token = app.agent().await;
        let a = app.lead(&token, json!({"first_name": "A", "estimated_value": 1500.5})).await;
        let b = app.lead(&token, json!({"first_name": "B", "estimated_value": "1000000000000"})).await;
        assert_eq!(a["estimated_value"], "1500.50");
        assert_eq!(b["estimated_value"], "1000000000000.00");
    }

    async fn every_invalid_field_is_reported_at_once(app) {
        let token = app.agent().await;
        let (status, body) = app.post("/api/leads/", &token, json!({
            "first_name": "   ", "email": "not-an-email", "phone": "call me maybe",
            "status": "won", "priority": "urgent", "estimated_value": "-1",
            "assigned_to": 99999, "description": "x".repeat(10_001), "company": 42.5,
            "title": ["a"]
        })).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["first_name"][0], "This field may not be blank.");
        assert_eq!(body["email"][0], "Enter a valid email address.");
        assert!(body["phone"][0].as_str().unwrap().contains("valid phone number"));
        assert_eq!(body["status"][0], "\"won\" is not a valid choice.");
        assert_eq!(body["priority"][0], "\"urgent\" is not a valid choice.");
        assert!(body["estimated_value"][0].as_str().unwrap().contains("greater than or equal to 0"));
        assert!(body["assigned_to"][0].as_str().unwrap().contains("does not exist"));
        assert!(body["description"][0].as_str().unwrap().contains("10000 characters"));
        assert_eq!(body["title"][0], "Not a valid string.");
        assert!(body.get("company").is_none(), "a number is accepted as text: {body}");
        let (_, page) = app.get("/api/leads/", &token).await;
        assert_eq!(page["count"], 0, "nothing was written");
    }

    async fn money_limits_and_precision_are_enforced(app) {
        let token = app.agent().await;
        for (value, message) in [
            (json!("1.234"), "no more than 2 decimal places"),
            (json!("1000000000000.01"), "less than or equal to 1000000000000"),
            (json!("abc"), "A valid number is required."),
            (json!(true), "A valid number is required."),
        ] {
            let (status, body) = app.post("/api/leads/", &token, json!({"first_name": "A", "estimated_value": value})).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert!(body["estimated_value"][0].as_str().unwrap().contains(message), "{value}: {body}");
        }
    }

    async fn missing_required_fields_and_non_object_bodies_are_400(app) {
        let token = app.agent().await;
        let (status, body) = app.post("/api/leads/", &token, json!({"last_name": "Kamau"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["first_name"][0], "This field is required.");
        let (status, body) = app.post("/api/leads/", &token, json!([1, 2])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["non_field_errors"][0].as_str().unwrap().contains("Expected a dictionary"));
    }

    async fn only_active_users_can_be_assigned(app) {
        let manager = app.manager().await;
        let (_, user) = app.post("/api/users/", &manager, json!({"username": "gone", "password": "long enough password", "role": "agent"})).await;
        app.patch(&format!("/api/users/{}/", user["id"]), &manager, json!({"is_active": false})).await;
        let (status, body) = app.post("/api/leads/", &manager, json!({"first_name": "A", "assigned_to": user["id"]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["assigned_to"][0].as_str().unwrap().contains("inactive"), "{body}");
        let lead = app.lead(&manager, json!({"first_name": "A", "assigned_to": app.agent_id})).await;
        assert_eq!(lead["assigned_to"], app.agent_id);
        let (status, lead) = app.patch(&format!("/api/leads/{}/", lead["id"]), &manager, json!({"assigned_to": null})).await;
        assert_eq!(status, StatusCode::OK);
        assert!(lead["assigned_to"].is_null());
    }

    async fn patch_changes_only_the_fields_given_and_put_needs_required_ones(app) {
        let token = app.agent().await;
        let lead = app.lead(&token, json!({"first_name": "Otieno", "company": "Kenya Power", "priority": "high"})).await;
        let path = format!("/api/leads/{}/", lead["id"]);
        let (status, patched) = app.patch(&path, &token, json!({"status": "contacted"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(patched["status"], "contacted");
        assert_eq!(patched["company"], "Kenya Power");
        assert_eq!(patched["priority"], "high");
        assert!(patched["updated_at"].as_str() >= lead["updated_at"].as_str());
        let (status, body) = app.put(&path, &token, json!({"company": "KPLC"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["first_name"][0], "This field is required.");
        let (status, put) = app.put(&path, &token, json!({"first_name": "Otieno", "company": "KPLC"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(put["company"], "KPLC");
    }

    async fn agents_cannot_delete_leads_and_managers_can(app) {
        let agent = app.agent().await;
        let manager = app.manager().await;
        let lead = app.lead(&agent, json!({"first_name": "Achieng"})).await;
        let path = format!("/api/leads/{}/", lead["id"]);
        let (status, body) = app.delete(&path, &agent).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["detail"], "You do not have permission to perform this action.");
        assert_eq!(app.delete(&path, &manager).await.0, StatusCode::NO_CONTENT);
        assert_eq!(app.get(&path, &manager).await.0, StatusCode::NOT_FOUND);
        assert_eq!(app.delete(&path, &manager).await.0, StatusCode::NOT_FOUND);
    }

    async fn unknown_and_malformed_ids_are_404(app) {
        let token = app.agent().await;
        for path in ["/api/leads/999999/", "/api/leads/abc/", "/api/leads/-1/", "/api/leads/1.5/"] {
            let (status, body) = app.get(path, &token).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(body["detail"], "Not found.");
        }
    }

    async fn filters_narrow_the_list(app) {
        let manager = app.manager().await;
        let agent = app.agent().await;
        let a = app.lead(&manager, json!({"first_name": "A", "status": "new", "priority": "low", "estimated_value": "100", "assigned_to": app.agent_id})).await;
        let b = app.lead(&manager, json!({"first_name": "B", "status": "qualified", "priority": "high", "estimated_value": "5000"})).await;
        let c = app.lead(&agent, json!({"first_name": "C", "status": "lost", "priority": "medium", "estimated_value": "250.50", "assigned_to": app.manager_id})).await;
        let cases: Vec<(&str, Vec<&Value>)> = vec![
            ("status=new", vec![&a]),
            ("status=new,qualified", vec![&b, &a]),
            ("priority=high,medium", vec![&c, &b]),
            ("assigned_to=none", vec![&b]),
            ("assigned_to=me", vec![&c]),
            (&*Box::leak(format!("assigned_to={}", app.agent_id).into_boxed_str()), vec![&a]),
            (&*Box::leak(format!("created_by={}", app.agent_id).into_boxed_str()), vec![&c]),
            ("min_value=250.50", vec![&c, &b]),
            ("max_value=250.5", vec![&c, &a]),
            ("min_value=200&max_value=300", vec![&c]),
            ("created_after=2000-01-01&created_before=2999-12-31", vec![&c, &b, &a]),
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
        let (_, page) = app.get(&format!("/api/leads/?created_before={today}&created_after={today}"), &manager).await;
        assert_eq!(page["count"], 3, "a bare date covers its whole day");
    }

    async fn bad_filter_values_are_400_naming_the_parameter(app) {
        let token = app.agent().await;
        let (status, body) = app.get("/api/leads/?status=won&priority=urgent&assigned_to=someone&created_after=yesterday&min_value=lots", &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        for key in ["status", "priority", "assigned_to", "created_after", "min_value"] {
            assert!(body[key][0].is_string(), "{key}: {body}");
        }
        assert!(body["status"][0].as_str().unwrap().contains("won"));
    }

    async fn search_matches_every_word_by_prefix_in_any_case(app) {
        let token = app.agent().await;
        let w = app.lead(&token, json!({"first_name": "Wanjiku", "last_name": "Kamau", "company": "Safaricom PLC", "phone": "0712345678", "email": "wk@acme.co.ke"})).await;
        let o = app.lead(&token, json!({"first_name": "Otieno", "last_name": "Kamau", "company": "Kenya Power", "description": "Wants solar installations"})).await;
        app.lead(&token, json!({"first_name": "Njeri", "company": "Twiga Foods"})).await;
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
            let (status, page) = app.get(&format!("/api/leads/?search={query}"), &token).await;
            assert_eq!(status, StatusCode::OK, "{query}: {page}");
            let want: Vec<i64> = expected.iter().map(|l| l["id"].as_i64().unwrap()).collect();
            assert_eq!(ids(&page), want, "search={query}");
        }
        let (status, page) = app.get("/api/leads/?search=%22%27%2A%3A%26()", &token).await;
        assert_eq!(status, StatusCode::OK, "punctuation-only search is harmless");
        assert_eq!(page["count"], 3);
    }

    async fn search_follows_updates_and_deletes(app) {
        let token = app.manager().await;
        let lead = app.lead(&token, json!({"first_name": "Mutua"})).await;
        let path = format!("/api/leads/{}/", lead["id"]);
        app.patch(&path, &token, json!({"first_name": "Musyoka"})).await;
        assert_eq!(app.get("/api/leads/?search=mutua", &token).await.1["count"], 0);
        assert_eq!(app.get("/api/leads/?search=musy", &token).await.1["count"], 1);
        app.delete(&path, &token).await;
        assert_eq!(app.get("/api/leads/?search=musy", &token).await.1["count"], 0);
    }

    async fn ordering_sorts_by_rank_and_value_with_a_stable_tie_breaker(app) {
        let token = app.agent().await;
        let low = app.lead(&token, json!({"first_name": "L", "priority": "low", "estimated_value": "300"})).await;
        let high = app.lead(&token, json!({"first_name": "H", "priority": "high", "estimated_value": "100"})).await;
        let medium = app.lead(&token, json!({"first_name": "M", "priority": "medium", "estimated_value": "200"})).await;
        let id = |l: &Value| l["id"].as_i64().unwrap();
        let (_, page) = app.get("/api/leads/?ordering=priority", &token).await;
        assert_eq!(ids(&page), vec![id(&low), id(&medium), id(&high)]);
        let (_, page) = app.get("/api/leads/?ordering=-priority", &token).await;
        assert_eq!(ids(&page), vec![id(&high), id(&medium), id(&low)]);
        let (_, page) = app.get("/api/leads/?ordering=-estimated_value", &token).await;
        assert_eq!(ids(&page), vec![id(&low), id(&medium), id(&high)]);
        let (_, page) = app.get("/api/leads/", &token).await;
        assert_eq!(ids(&page), vec![id(&medium), id(&high), id(&low)], "newest first by default");
        let (status, body) = app.get("/api/leads/?ordering=password", &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let message = body["ordering"][0].as_str().unwrap();
        assert!(message.contains("password") && message.contains("estimated_value"), "{message}");
    }

    async fn pages_never_overlap_even_when_the_sort_key_ties(app) {
        let token = app.agent().await;
        for i in 0..7 {
            app.lead(&token, json!({"first_name": format!("Lead {i}"), "status": "new"})).await;
        }
        let mut seen = Vec::new();
        for page in 1..=4 {
            let (status, body) = app.get(&format!("/api/leads/?ordering=status&page_size=2&page={page}"), &token).await;
            assert_eq!(status, StatusCode::OK);
            seen.extend(ids(&body));
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(seen.len(), 7);
        assert_eq!(unique.len(), 7);
    }

    async fn pagination_has_links_bounds_and_clamps(app) {
        let token = app.agent().await;
        for i in 0..25 {
            app.lead(&token, json!({"first_name": format!("P{i}")})).await;
        }
        let (_, first) = app.get("/api/leads/?status=new", &token).await;
        assert_eq!(first["count"], 25);
        assert_eq!(first["results"].as_array().unwrap().len(), 20);
        assert!(first["previous"].is_null());
        let next = first["next"].as_str().unwrap();
        assert!(next.starts_with("http://") && next.contains("page=2") && next.contains("status=new"), "{next}");
        let (_, second) = app.get("/api/leads/?status=new&page=2", &token).await;
        assert_eq!(second["results"].as_array().unwrap().len(), 5);
        assert!(second["next"].is_null());
        assert!(second["previous"].as_str().unwrap().contains("status=new"));
        let (_, big) = app.get("/api/leads/?page_size=1000", &token).await;
        assert_eq!(big["results"].as_array().unwrap().len(), 25, "clamped to 100, so all 25");
        let (_, small) = app.get("/api/leads/?page_size=3", &token).await;
        assert_eq!(small["results"].as_array().unwrap().len(), 3);
        for query in ["page=3", "page=0", "page=abc", "page=-1"] {
            let (status, body) = app.get(&format!("/api/leads/?{query}"), &token).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{query}");
            assert_eq!(body["detail"], "Invalid page.");
        }
    }
}
