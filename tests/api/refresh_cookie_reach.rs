//! What the `crm_refresh` cookie's token reaches: never a response body a page's script can
//! read, a cookie no longer-lived than the token, and a logout that clears the cookie of the
//! session it ends (even when the server refuses the token) and no other.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use crm::config::Config;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

use crate::helpers::{Backend, PASSWORD, TestApp};
use crate::refresh_cookie::{Answer, Post, login, me};
use crate::{both_backends, run_on_both_backends};

both_backends!(
    a_cookie_refresh_answers_an_empty_refresh_and_sets_the_new_one_as_the_cookie,
    a_logout_by_cookie_clears_it_even_when_the_token_is_refused,
    a_logout_by_the_body_clears_only_a_cookie_of_the_same_session
);

run_on_both_backends!(the_cookie_expires_with_its_token_at_the_sessions_absolute_end);

/// The `exp` claim of a token (the test does not hold the signing key; the server checks it).
fn expiry(token: &str) -> i64 {
    let payload = token.split('.').nth(1).expect("a JWT");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["exp"].as_i64().unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Asserts that the cookie lives as long as `token`, give or take the clock's tick.
fn lives_as_long_as(answer: &Answer, token: &str) {
    let left = expiry(token) - now();
    let age = answer.max_age();
    assert!(
        (left - 2..=left + 1).contains(&age),
        "Max-Age {age}, token expires in {left}s"
    );
}

async fn a_cookie_refresh_answers_an_empty_refresh_and_sets_the_new_one_as_the_cookie(
    app: TestApp,
) {
    let first = login(&app, "agent").await.value();
    let answer = Post::refresh(&first).send(&app).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let keys: Vec<&String> = answer.body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["access", "refresh"], "the contract's shape");
    assert_eq!(
        answer.body["refresh"], "",
        "no script can read the cookie's token"
    );
    let second = answer.value();
    assert!(!second.is_empty() && second != first);
    lives_as_long_as(&answer, &second);
    assert!(
        answer.max_age() <= 604_800,
        "never beyond the refresh lifetime"
    );
    let access = answer.body["access"].as_str().unwrap();
    assert_eq!(me(&app, access).await, StatusCode::OK);

    // The cookie's new token is the one that works next; a client that sends its own token
    // in the body gets the new one in the body as before.
    let answer = Post::refresh(&second).send(&app).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let (_, body) = app.login_body("agent", PASSWORD).await;
    let (status, pair) = app.refresh(body["refresh"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!pair["refresh"].as_str().unwrap().is_empty());
}

async fn the_cookie_expires_with_its_token_at_the_sessions_absolute_end(backend: Backend) {
    let config = Config {
        refresh_ttl: Duration::from_secs(7200),
        refresh_absolute_ttl: Duration::from_secs(3600),
        ..Config::default()
    };
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    let answer = login(&app, "agent").await;
    lives_as_long_as(&answer, answer.body["refresh"].as_str().unwrap());
    assert!(answer.max_age() <= 3600, "not the 7200 s refresh lifetime");
    let refreshed = Post::refresh(&answer.value()).send(&app).await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    lives_as_long_as(&refreshed, &refreshed.value());
    assert!(refreshed.max_age() <= 3600);
}

/// `POST /api/auth/logout/` with `body`, the bearer `access` and the cookie `cookie`.
async fn logout(app: &TestApp, access: &str, body: Value, cookie: &str) -> Answer {
    let mut post = Post::refresh(cookie);
    post.path = "/api/auth/logout/";
    post.body = body.to_string();
    post.bearer = Some(access);
    post.send(app).await
}

async fn a_logout_by_cookie_clears_it_even_when_the_token_is_refused(app: TestApp) {
    let access = app.agent().await;
    let other = login(&app, "manager").await;
    for cookie in ["not-a-token".to_string(), other.value()] {
        let answer = logout(&app, &access, json!({}), &cookie).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
        assert_eq!(answer.value(), "", "cleared");
        assert!(answer.attributes().contains(&"Max-Age=0".to_string()));
    }
    let manager = other.body["access"].as_str().unwrap();
    assert_eq!(
        me(&app, manager).await,
        StatusCode::OK,
        "another user's session stays"
    );
}

async fn a_logout_by_the_body_clears_only_a_cookie_of_the_same_session(app: TestApp) {
    let browser = login(&app, "agent").await;
    let (_, client) = app.login_body("agent", PASSWORD).await;
    let access = client["access"].as_str().unwrap();
    let body = json!({"refresh": client["refresh"]});
    let answer = logout(&app, access, body, &browser.value()).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    assert_eq!(
        answer.cookie, None,
        "the browser's cookie is of another session"
    );
    assert_eq!(me(&app, access).await, StatusCode::UNAUTHORIZED);
    let still = Post::refresh(&browser.value()).send(&app).await;
    assert_eq!(still.status, StatusCode::OK, "{}", still.body);

    let access = still.body["access"].as_str().unwrap();
    let body = json!({"refresh": still.value()});
    let answer = logout(&app, access, body, &still.value()).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    assert_eq!(
        answer.value(),
        "",
        "the cookie of the ended session is cleared"
    );
    assert_eq!(me(&app, access).await, StatusCode::UNAUTHORIZED);
}
