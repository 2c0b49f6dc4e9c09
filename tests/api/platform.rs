//! The platform: DRF-shaped errors for the framework's own rejections, headers, trailing
//! slashes, CORS, health, meta, and failures that answer 500 without losing data.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

both_backends!(
    collection_urls_answer_with_or_without_the_trailing_slash,
    unknown_routes_and_wrong_methods_get_json_errors,
    malformed_json_wrong_content_type_and_huge_bodies_are_refused_clearly,
    every_response_carries_the_security_headers,
    health_readiness_and_meta_need_no_token,
    a_database_failure_answers_500_without_internals_and_keeps_nothing_half_done
);

async fn collection_urls_answer_with_or_without_the_trailing_slash(app: TestApp) {
    let token = app.agent().await;
    app.lead(&token, json!({"first_name": "Slash"})).await;
    let (s1, with) = app.get("/api/leads/?search=slash", &token).await;
    let (s2, without) = app.get("/api/leads?search=slash", &token).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(with["results"], without["results"]);
    let (status, lead) = app
        .post("/api/leads", &token, json!({"first_name": "NoSlash"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{lead}");
}

async fn unknown_routes_and_wrong_methods_get_json_errors(app: TestApp) {
    let token = app.agent().await;
    let (status, body) = app.get("/api/nothing-here/", &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Not found."}));
    let (status, body) = app.put("/api/leads/", &token, json!({})).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body, json!({"detail": "Method \"PUT\" not allowed."}));
}

async fn malformed_json_wrong_content_type_and_huge_bodies_are_refused_clearly(app: TestApp) {
    let token = app.agent().await;
    let send = |body: Vec<u8>, content_type: &'static str| {
        app.client
            .post(app.url("/api/leads/"))
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let res = send(b"{\"first_name\": ".to_vec(), "application/json")
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("JSON parse error"),
        "{body}"
    );
    let res = send(
        b"first_name=x".to_vec(),
        "application/x-www-form-urlencoded",
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("Unsupported media type")
    );
    let huge = format!("{{\"first_name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let res = send(huge.into_bytes(), "application/json").await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert!(body["detail"].is_string());
    let (_, page) = app.get("/api/leads/", &token).await;
    assert_eq!(page["count"], 0);
}

async fn every_response_carries_the_security_headers(app: TestApp) {
    let token = app.agent().await;
    for (path, auth) in [
        ("/api/leads/", true),
        ("/api/leads/", false),
        ("/api/nowhere/", true),
        ("/healthz", false),
        ("/swagger/", false),
        ("/", false),
    ] {
        let mut req = app.client.get(app.url(path));
        if auth {
            req = req.bearer_auth(&token);
        }
        let res = req.send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(h.get("server").is_none(), "{path}");
        assert!(h.get("x-request-id").is_some(), "{path}");
        if path.starts_with("/api/") {
            assert_eq!(h["cache-control"], "no-store", "{path}");
        }
    }
}

async fn health_readiness_and_meta_need_no_token(app: TestApp) {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let meta: Value = app
        .client
        .get(app.url("/api/meta/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["currency"], "KES");
    assert_eq!(meta["version"], env!("CARGO_PKG_VERSION"));
    let statuses: Vec<&str> = meta["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["new", "contacted", "qualified", "lost", "converted"]
    );
    assert_eq!(meta["priorities"].as_array().unwrap().len(), 3);
    assert_eq!(meta["correspondence_types"].as_array().unwrap().len(), 3);
}

async fn a_database_failure_answers_500_without_internals_and_keeps_nothing_half_done(
    app: TestApp,
) {
    let token = app.agent().await;
    // Break the audit trail: the lead insert succeeds, its audit entry cannot.
    crm::db::ConnectionTrait::execute_unprepared(&app.db.conn, "DROP TABLE audit_logs")
        .await
        .unwrap();
    let (status, body) = app
        .post("/api/leads/", &token, json!({"first_name": "Orphan"}))
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, json!({"detail": "Internal server error."}));
    let (_, page) = app.get("/api/leads/", &token).await;
    assert_eq!(
        page["count"], 0,
        "the lead was rolled back with its audit entry"
    );
}

async fn cors_headers_go_only_to_listed_origins(backend: Backend) {
    let config = crm::config::Config {
        cors_origins: vec!["https://crm.example.co.ke".into()],
        ..Default::default()
    };
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        return;
    };
    let res = app
        .client
        .get(app.url("/api/meta/"))
        .header("origin", "https://crm.example.co.ke")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://crm.example.co.ke"
    );
    assert!(
        res.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    let res = app
        .client
        .get(app.url("/api/meta/"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let res = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/leads/"))
        .header("origin", "https://crm.example.co.ke")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert!(
        res.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
}

crate::run_on_both_backends!(cors_headers_go_only_to_listed_origins);

/// `crm serve` stops on SIGTERM: it finishes what is in flight and exits cleanly.
async fn serve_shuts_down_gracefully_on_sigterm(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .arg("serve")
        .env("DATABASE_URL", &app.url)
        .env("CRM_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let health = format!("http://127.0.0.1:{port}/healthz");
    let mut up = false;
    for _ in 0..200 {
        if app
            .client
            .get(&health)
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(up, "crm serve answered /healthz");
    let sent = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
    let mut exited = None;
    for _ in 0..200 {
        if let Some(status) = child.try_wait().unwrap() {
            exited = Some(status);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let status = exited.unwrap_or_else(|| {
        let _ = child.kill();
        panic!("crm serve did not stop within 5 s of SIGTERM")
    });
    assert!(status.success(), "exit status {status}");
    assert!(
        app.client.get(&health).send().await.is_err(),
        "the port is closed"
    );
}

crate::run_on_both_backends!(serve_shuts_down_gracefully_on_sigterm);

both_backends!(absurd_pages_and_null_characters_are_client_errors_not_500s);

async fn absurd_pages_and_null_characters_are_client_errors_not_500s(app: TestApp) {
    let manager = app.manager().await;
    let (status, body) = app
        .get("/api/leads/?page=184467440737095516", &manager)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["detail"], "Invalid page.");
    for path in [
        "/api/audit-logs/?entity=%00",
        "/api/users/?search=a%00b",
        "/api/leads/?search=%00",
    ] {
        let (status, body) = app.get(path, &manager).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
    }
    let (status, body) = app.login_body("man\u{0}ager", "password123").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["username"][0].as_str().unwrap().contains("Null"));
}
