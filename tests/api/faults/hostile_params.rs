//! Hostile query parameters on every list: huge orderings, absurd pages, and search text
//! full of query-language syntax. A clear 4xx or a 200, never a 500.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

const LISTS: [&str; 9] = [
    "/api/users/",
    "/api/leads/",
    "/api/leads/export/",
    "/api/contacts/",
    "/api/notes/",
    "/api/reminders/",
    "/api/correspondences/",
    "/api/audit-logs/",
    "/api/outbox/",
];

async fn status_of(
    app: &TestApp,
    token: &str,
    path: &str,
    query: &[(&str, &str)],
) -> (StatusCode, Value) {
    let url = reqwest::Url::parse_with_params(&app.url(path), query).unwrap();
    let res = app
        .client
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("an answer, not a dropped connection");
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

both_backends!(
    two_thousand_ordering_keys_are_a_400_naming_ordering,
    absurd_pages_and_page_sizes_are_never_a_500,
    search_text_with_query_syntax_is_never_a_500,
);
async fn two_thousand_ordering_keys_are_a_400_naming_ordering(app: TestApp) {
    let token = app.manager().await;
    let ordering = vec!["-created_at"; 2000].join(",");
    for path in LISTS {
        let (status, body) = status_of(&app, &token, path, &[("ordering", &ordering)]).await;
        if path == "/api/outbox/" {
            // The outbox has one fixed order and takes no `ordering`.
            assert_eq!(status, StatusCode::OK, "{body}");
            continue;
        }
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(
            body.get("ordering").is_some() || body.to_string().contains("ordering"),
            "{path}: {body}"
        );
    }
}

async fn absurd_pages_and_page_sizes_are_never_a_500(app: TestApp) {
    let token = app.manager().await;
    let lead = app.lead(&token, json!({"first_name": "Paging"})).await;
    app.post(
        "/api/notes/",
        &token,
        json!({"lead": lead["id"], "content": "a note"}),
    )
    .await;
    let values = [
        "0",
        "-1",
        "abc",
        "99999999999999999999",
        "1e3",
        "",
        " 1",
        "18446744073709551615",
        "9223372036854775807",
    ];
    for path in LISTS {
        for value in values {
            for key in ["page", "page_size"] {
                let (status, body) = status_of(&app, &token, path, &[(key, value)]).await;
                assert!(
                    status.is_success() || status.is_client_error(),
                    "{path}?{key}={value}: {status} {body}"
                );
            }
        }
        let (status, body) = status_of(&app, &token, path, &[("page_size", "100000")]).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{path}: a large page_size is clamped: {body}"
        );
    }
}

async fn search_text_with_query_syntax_is_never_a_500(app: TestApp) {
    let token = app.manager().await;
    let lead = app
        .lead(
            &token,
            json!({"first_name": "Wanjiku", "company": "Safaricom (Kenya) 100% _Ltd_"}),
        )
        .await;
    app.post(
        "/api/contacts/",
        &token,
        json!({"lead": lead["id"], "first_name": "Otieno"}),
    )
    .await;
    let long = "w".repeat(10_000);
    let searches = [
        "\"",
        "'",
        "\"unterminated",
        "*",
        "a*",
        "*a",
        "NEAR",
        "NEAR(a b)",
        "a NEAR/2 b",
        "OR",
        "a OR",
        "AND",
        "NOT",
        "a AND NOT",
        "(",
        ")",
        "((a)",
        "%",
        "_",
        "%_%",
        "\\",
        "-",
        "+",
        ":",
        "first_name:x",
        "^a",
        "{a}",
        "a & b | !c",
        "<->",
        "Ünïcödé 日本語 🚀 ñandú",
        "",
        " ",
        long.as_str(),
    ];
    for path in LISTS {
        for search in searches {
            let (status, body) = status_of(&app, &token, path, &[("search", search)]).await;
            let shown: String = search.chars().take(40).collect();
            assert!(
                status.is_success() || status.is_client_error(),
                "{path}?search={shown}: {status} {body}"
            );
        }
    }
    let (status, body) = status_of(
        &app,
        &token,
        "/api/leads/",
        &[("search", "Safaricom (Kenya")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = status_of(&app, &token, "/api/leads/", &[("search", "100%")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
