//! Login throttling: slows an attack on one user without letting anyone lock that user out,
//! and tells the user once, by email, without holding up the login.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use crm::app::AppState;
use crm::config::Secret;
use crm::jobs::mailer::Mailer;
use crm::jobs::sink::{Behaviour, SmtpSink};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, PASSWORD, TestApp};

/// A client whose requests come from `address` (any of 127.0.0.0/8 on Linux).
fn client_from(address: &str) -> reqwest::Client {
    let address: IpAddr = address.parse().unwrap();
    reqwest::Client::builder()
        .local_address(address)
        .build()
        .unwrap()
}

async fn login_from(
    app: &TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/auth/login/"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

async fn bad_passwords_from_one_address_do_not_lock_the_user_out_from_another(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (a, b) = (client_from("127.0.0.2"), client_from("127.0.0.3"));
    for _ in 0..5 {
        let res = login_from(&app, &a, "manager", "wrong-password").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = login_from(&app, &a, "manager", PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the (user, address) pair is throttled"
    );
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let res = login_from(&app, &b, "manager", PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the same user from another address logs in"
    );
}

/// The alert emails to `to` in the outbox, waiting up to 5 seconds for `expected` of them
/// (they are sent after the login answers).
async fn alerts_to(app: &TestApp, manager: &str, to: &str, expected: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (status, page) = app.get("/api/outbox/", manager).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let found: Vec<Value> = page["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["to"] == to && m["subject"] == "Failed sign-ins to your CRM account")
            .cloned()
            .collect();
        if found.len() >= expected || Instant::now() > deadline {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn past_the_username_limit_logins_are_slowed_and_the_user_is_told_once(backend: Backend) {
    let mut config = crm::config::Config::default();
    config.throttle.per_username = 4;
    config.throttle.slowdown_step = Duration::from_millis(800);
    config.throttle.slowdown_max = Duration::from_millis(1200);
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        return;
    };
    let manager = app.manager().await;
    for i in 0..4 {
        let client = client_from(&format!("127.0.1.{}", i + 1));
        let res = login_from(&app, &client, "agent", "guess-number-one").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let alerts = alerts_to(&app, &manager, "agent@example.com", 1).await;
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    let text = alerts[0]["body_text"].as_str().unwrap();
    assert!(text.contains("4 failed attempts"), "{text}");
    assert!(text.contains("from 4 addresses"), "{text}");
    assert!(
        !text.contains("guess-number-one"),
        "never the attempted password"
    );

    // Past the limit: slowed, one step for the first attempt over, then up to the cap.
    let started = Instant::now();
    let res = login_from(&app, &client_from("127.0.2.1"), "agent", "guess-number-two").await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "slowed, not refused"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(800),
        "{:?}",
        started.elapsed()
    );

    let started = Instant::now();
    let res = login_from(&app, &client_from("127.0.2.2"), "agent", PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the right password from a fresh address works"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );

    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        alerts_to(&app, &manager, "agent@example.com", 1)
            .await
            .len(),
        1,
        "once per window"
    );
}

/// A second server on the test app's database whose mail goes to `sink`; returns its base
/// URL. The login throttle of the test app is not shared, so the limits start afresh.
async fn server_mailing_to(app: &TestApp, sink: &SmtpSink, per_username: u32) -> String {
    let mut config = crm::config::Config::default();
    config.throttle.per_username = per_username;
    let mailer = Mailer::new(
        Some(&Secret::new(sink.url())),
        "CRM <crm@localhost>",
        Duration::from_secs(20),
    )
    .unwrap();
    let state = AppState::new(app.db.clone(), config, None)
        .await
        .unwrap()
        .with_mailer(mailer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(crm::server::serve(listener, state, std::future::pending()));
    base
}

async fn login_at(base: &str, address: &str, password: &str) -> (StatusCode, Duration) {
    let started = Instant::now();
    let res = client_from(address)
        .post(format!("{base}/api/auth/login/"))
        .json(&json!({"username": "agent", "password": password}))
        .send()
        .await
        .unwrap();
    (res.status(), started.elapsed())
}

async fn the_alert_goes_by_smtp_without_holding_up_the_login_or_failing_it(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // A slow mail server: the login that triggers the alert does not wait for it.
    let slow = SmtpSink::start(Behaviour {
        delay: Duration::from_secs(6),
        ..Behaviour::default()
    })
    .await
    .unwrap();
    let base = server_mailing_to(&app, &slow, 2).await;
    assert_eq!(
        login_at(&base, "127.0.3.1", "nope-1").await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, took) = login_at(&base, "127.0.3.2", "nope-2").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        took < Duration::from_secs(5),
        "the login waited for the mail: {took:?}"
    );
    assert_eq!(slow.wait_for(1, Duration::from_secs(15)).await, 1);
    let message = &slow.messages()[0];
    assert_eq!(message.to, ["agent@example.com"]);
    assert_eq!(
        message.header("Subject").unwrap(),
        "Failed sign-ins to your CRM account"
    );
    assert!(
        !message.data.contains("nope-"),
        "never the attempted passwords"
    );

    // A mail server that refuses: the failure is logged, the logins answer as ever.
    let refusing = SmtpSink::start(Behaviour {
        refuse_first: 10,
        ..Behaviour::default()
    })
    .await
    .unwrap();
    let base = server_mailing_to(&app, &refusing, 2).await;
    for (i, address) in ["127.0.4.1", "127.0.4.2", "127.0.4.3"].iter().enumerate() {
        let (status, _) = login_at(&base, address, &format!("nope-{i}")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_at(&base, "127.0.4.4", PASSWORD).await.0,
        StatusCode::OK
    );
    let (_, page) = app.get("/api/outbox/", &app.manager().await).await;
    assert_eq!(
        page["count"], 0,
        "SMTP is configured: nothing goes to the outbox"
    );
}

crate::run_on_both_backends!(
    bad_passwords_from_one_address_do_not_lock_the_user_out_from_another,
    past_the_username_limit_logins_are_slowed_and_the_user_is_told_once,
    the_alert_goes_by_smtp_without_holding_up_the_login_or_failing_it,
);

crate::both_backends!(a_database_outage_during_logins_does_not_throttle_the_right_password_later);

async fn a_database_outage_during_logins_does_not_throttle_the_right_password_later(app: TestApp) {
    use sea_orm::ConnectionTrait;
    // The login's user lookup fails as it would with the database away.
    let rename = |from: &str, to: &str| format!("ALTER TABLE {from} RENAME TO {to}");
    app.db
        .conn
        .execute_unprepared(&rename("users", "users_away"))
        .await
        .unwrap();
    for _ in 0..6 {
        let (status, body) = app.login_body("agent", PASSWORD).await;
        assert!(status.is_server_error(), "{status} {body}");
    }
    app.db
        .conn
        .execute_unprepared(&rename("users_away", "users"))
        .await
        .unwrap();
    let (status, body) = app.login_body("agent", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
