//! The web app: `/` and every client-side route get its page, with a strict
//! Content-Security-Policy and no caching; the API keeps its JSON 404s. These pass whether or
//! not `web/dist` was built (unbuilt, the page says how to build it).

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use serde_json::Value;

use crate::both_backends;
use crate::helpers::TestApp;

/// Fetches `path` and checks it is the web app's page, served as HTML with its headers.
async fn assert_app_page(app: &TestApp, path: &str) -> String {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let header = |name| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert!(header(CONTENT_TYPE).starts_with("text/html"), "{path}");
    assert_eq!(header(CACHE_CONTROL), "no-cache", "{path}");
    let csp = header(CONTENT_SECURITY_POLICY);
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{path}: {directive} in {csp}");
    }
    assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
    let body = res.text().await.unwrap();
    assert!(body.contains("<html"), "{path}");
    body
}

both_backends!(
    the_home_page_is_the_web_app_with_a_strict_policy,
    client_side_routes_get_the_same_page,
    unknown_api_paths_keep_the_json_404,
    other_methods_outside_the_api_are_not_the_web_apps,
    the_docs_and_health_checks_are_still_the_servers,
    a_missing_hashed_asset_is_a_404_not_the_page
);

async fn the_home_page_is_the_web_app_with_a_strict_policy(app: TestApp) {
    let body = assert_app_page(&app, "/").await;
    // Either the built app, or the page that says how to build it.
    assert!(
        body.contains("id=\"app\"") || body.contains("make build"),
        "{body}"
    );
}

async fn client_side_routes_get_the_same_page(app: TestApp) {
    let home = assert_app_page(&app, "/").await;
    for path in [
        "/leads/5",
        "/leads",
        "/pipeline",
        "/audit?entity=lead",
        "/login",
    ] {
        assert_eq!(assert_app_page(&app, path).await, home, "{path}");
    }
}

async fn unknown_api_paths_keep_the_json_404(app: TestApp) {
    for path in ["/api/nothing-here/", "/api/leads/5/unknown/", "/api"] {
        let (status, body) = app.call(reqwest::Method::GET, path, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body, serde_json::json!({"detail": "Not found."}), "{path}");
    }
    let res = app
        .client
        .get(app.url("/api/nothing-here/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[CONTENT_TYPE], "application/json");
}

async fn other_methods_outside_the_api_are_not_the_web_apps(app: TestApp) {
    let (status, body) = app
        .call(reqwest::Method::POST, "/leads/5", None, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["detail"], Value::from("Not found."));
}

async fn the_docs_and_health_checks_are_still_the_servers(app: TestApp) {
    let res = app.client.get(app.url("/redoc/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("redoc.standalone.js"));
    let (status, _) = app.call(reqwest::Method::GET, "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call(reqwest::Method::GET, "/calendar/unknown.ics", None, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn a_missing_hashed_asset_is_a_404_not_the_page(app: TestApp) {
    let res = app
        .client
        .get(app.url("/assets/missing-0000.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
