//! The pipeline board's column heads (`/api/leads/board/`): true counts and totals per
//! status for the list's filters, in funnel order.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    columns_equal_the_list_for_every_filter,
    columns_come_in_funnel_order_and_status_picks_them,
    an_agent_sees_their_own_columns_with_assigned_to_me,
    totals_are_exact_beyond_64_bit_cents,
    a_move_changes_both_columns,
    cards_are_the_lists_first_page_of_each_column,
    bad_filters_are_400_naming_the_parameter
);

const FUNNEL: [&str; 5] = ["new", "contacted", "qualified", "converted", "lost"];

/// "1234.50" → 123450.
fn cents(value: &str) -> i128 {
    let (units, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let fraction = format!("{fraction:0<2}");
    units.parse::<i128>().unwrap() * 100 + fraction[..2].parse::<i128>().unwrap()
}

/// (count, total cents) of the list for `query` and `status`, from the rows themselves.
async fn listed(app: &TestApp, token: &str, query: &str, status: &str) -> (i64, i128) {
    let (code, page) = app
        .get(
            &format!("/api/leads/?{query}&status={status}&page_size=100"),
            token,
        )
        .await;
    assert_eq!(code, StatusCode::OK, "{query}: {page}");
    let rows = page["results"].as_array().unwrap();
    assert_eq!(
        page["count"],
        rows.len(),
        "{query} {status}: one page holds all"
    );
    let total = rows
        .iter()
        .map(|l| cents(l["estimated_value"].as_str().unwrap()))
        .sum();
    (rows.len() as i64, total)
}

async fn board(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let (code, body) = app.get(&format!("/api/leads/board/?{query}"), token).await;
    assert_eq!(code, StatusCode::OK, "{query}: {body}");
    body["columns"].as_array().unwrap().clone()
}

/// Fails unless every column of the board for `query` equals the list's rows.
async fn assert_matches_list(app: &TestApp, token: &str, query: &str) {
    let columns = board(app, token, query).await;
    assert_eq!(columns.len(), 5, "{query}");
    for column in &columns {
        let status = column["status"].as_str().unwrap();
        let (count, total) = listed(app, token, query, status).await;
        assert_eq!(column["count"], count, "{query}: {status} count");
        let shown = column["total_value"].as_str().unwrap();
        assert_eq!(cents(shown), total, "{query}: {status} total {shown}");
        assert_eq!(shown, format!("{}.{:02}", total / 100, total % 100));
    }
}

/// A spread of leads over statuses, priorities, owners and values.
async fn spread(app: &TestApp, token: &str) {
    let statuses = ["new", "contacted", "qualified", "lost", "converted"];
    let priorities = ["low", "medium", "high"];
    for i in 0..23_usize {
        let assigned = match i % 3 {
            0 => json!(app.agent_id),
            1 => json!(app.manager_id),
            _ => Value::Null,
        };
        let name = if i % 4 == 0 { "Wanjiru" } else { "Otieno" };
        app.lead(
            token,
            json!({
                "first_name": name, "last_name": format!("L{i}"),
                "company": if i % 5 == 0 { "Safaricom" } else { "Equity Bank" },
                "status": statuses[i % 5], "priority": priorities[i % 3],
                "estimated_value": format!("{}.{:02}", 1000 * i + 7, (i * 37) % 100),
                "assigned_to": assigned,
            }),
        )
        .await;
    }
}

async fn columns_equal_the_list_for_every_filter(app: TestApp) {
    let manager = app.manager().await;
    spread(&app, &manager).await;
    let queries = [
        String::new(),
        "priority=high".into(),
        "priority=low,medium".into(),
        format!("assigned_to={}", app.agent_id),
        "assigned_to=me".into(),
        "assigned_to=none".into(),
        "search=wanjiru".into(),
        "search=safaricom&priority=high".into(),
        "min_value=5000&max_value=15000".into(),
        format!("created_by={}", app.manager_id),
    ];
    for query in &queries {
        assert_matches_list(&app, &manager, query).await;
    }
    // The filters narrow it: not every query sees the same figures.
    let all = board(&app, &manager, "").await;
    let high = board(&app, &manager, "priority=high").await;
    assert_eq!(
        all.iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum::<i64>(),
        23
    );
    assert!(
        high.iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum::<i64>()
            < 23
    );
}

async fn columns_come_in_funnel_order_and_status_picks_them(app: TestApp) {
    let manager = app.manager().await;
    let statuses = |columns: &[Value]| -> Vec<String> {
        columns
            .iter()
            .map(|c| c["status"].as_str().unwrap().to_string())
            .collect()
    };
    // An empty installation still has every column, with zeros.
    let empty = board(&app, &manager, "").await;
    assert_eq!(statuses(&empty), FUNNEL);
    assert!(
        empty
            .iter()
            .all(|c| c["count"] == 0 && c["total_value"] == "0.00")
    );
    app.lead(&manager, json!({"first_name": "Lost", "status": "lost"}))
        .await;
    let picked = board(&app, &manager, "status=lost,new").await;
    assert_eq!(statuses(&picked), ["new", "lost"]);
    assert_eq!(picked[1]["count"], 1);
    let picked = board(&app, &manager, "status=lost&assigned_to=none").await;
    assert_eq!(statuses(&picked), ["lost"]);
    assert_eq!(picked[0]["count"], 1);
}

async fn an_agent_sees_their_own_columns_with_assigned_to_me(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    spread(&app, &manager).await;
    assert_matches_list(&app, &agent, "assigned_to=me").await;
    let mine = board(&app, &agent, "assigned_to=me").await;
    let everyone = board(&app, &agent, "").await;
    let sum = |c: &[Value]| c.iter().map(|c| c["count"].as_i64().unwrap()).sum::<i64>();
    assert_eq!(sum(&mine), 8, "every third of 23 leads is the agent's");
    assert_eq!(sum(&everyone), 23);
}

async fn totals_are_exact_beyond_64_bit_cents(app: TestApp) {
    let manager = app.manager().await;
    for (value, priority) in [("1000000000000", "high"), ("1000000000000", "low")] {
        app.lead(
            &manager,
            json!({"first_name": "Big", "estimated_value": value, "priority": priority}),
        )
        .await;
    }
    for value in ["0.55", "0.55", "999999999999.99"] {
        app.lead(
            &manager,
            json!({"first_name": "Small", "estimated_value": value, "assigned_to": app.agent_id}),
        )
        .await;
    }
    // From the counters, and from the rows (the owner filter).
    let all = board(&app, &manager, "").await;
    assert_eq!(all[0]["total_value"], "3000000000001.09");
    let agent = board(&app, &manager, &format!("assigned_to={}", app.agent_id)).await;
    assert_eq!(agent[0]["total_value"], "1000000000001.09");
    assert_eq!(agent[0]["count"], 3);
}

async fn a_move_changes_both_columns(app: TestApp) {
    let manager = app.manager().await;
    let lead = app
        .lead(
            &manager,
            json!({"first_name": "Mover", "estimated_value": "250.25", "assigned_to": app.manager_id}),
        )
        .await;
    let figures = |columns: Vec<Value>| -> Vec<(i64, String)> {
        columns
            .iter()
            .map(|c| {
                (
                    c["count"].as_i64().unwrap(),
                    c["total_value"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let path = format!("/api/leads/{}/", lead["id"]);
    let (code, _) = app
        .patch(&path, &manager, json!({"status": "converted"}))
        .await;
    assert_eq!(code, StatusCode::OK);
    for query in ["", "assigned_to=me"] {
        let after = figures(board(&app, &manager, query).await);
        assert_eq!(after[0], (0, "0.00".to_string()), "{query}: new");
        assert_eq!(after[3], (1, "250.25".to_string()), "{query}: converted");
    }
}

async fn cards_are_the_lists_first_page_of_each_column(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    spread(&app, &manager).await;
    let ids = |leads: &Value| -> Vec<i64> {
        leads
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["id"].as_i64().unwrap())
            .collect()
    };
    for (token, query) in [
        (&manager, "cards=2"),
        (&manager, "cards=3&priority=high"),
        (&agent, "cards=2&assigned_to=me"),
        (&manager, "cards=2&search=otieno"),
    ] {
        let columns = board(&app, token, query).await;
        for column in &columns {
            let status = column["status"].as_str().unwrap();
            let size = &query[6..7];
            let rest = query.split_once('&').map_or("", |(_, r)| r);
            let (_, page) = app
                .get(
                    &format!(
                        "/api/leads/?status={status}&ordering=-estimated_value&page_size={size}&{rest}"
                    ),
                    token,
                )
                .await;
            assert_eq!(
                ids(&column["leads"]),
                ids(&page["results"]),
                "{query} {status}"
            );
            assert!(column["leads"].as_array().unwrap().len() <= size.parse().unwrap());
            if let Some(first) = column["leads"].get(0) {
                assert_eq!(first["status"], status);
                assert!(first["contacts_count"].is_number());
            }
        }
    }
    // Without `cards`, the figures only.
    let columns = board(&app, &manager, "").await;
    assert!(columns.iter().all(|c| c["leads"] == json!([])));
}

async fn bad_filters_are_400_naming_the_parameter(app: TestApp) {
    let manager = app.manager().await;
    for (query, field) in [
        ("status=won", "status"),
        ("priority=urgent", "priority"),
        ("assigned_to=someone", "assigned_to"),
        ("created_by=x", "created_by"),
        ("min_value=lots", "min_value"),
        ("created_after=yesterday", "created_after"),
        ("cards=101", "cards"),
        ("cards=-1", "cards"),
        ("cards=many", "cards"),
    ] {
        let (code, body) = app
            .get(&format!("/api/leads/board/?{query}"), &manager)
            .await;
        assert_eq!(code, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert!(body[field].is_array(), "{query}: {body}");
    }
    let (code, _) = app.get("/api/leads/board/", "not-a-token").await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
}
