//! Login, tokens, refresh rotation and reuse detection, logout, password change, throttling.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestApp};

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn claims(sub: i64, sid: &str, iat: i64, exp: i64) -> Value {
    json!({"sub": sub.to_string(), "role": "manager", "iat": iat, "exp": exp,
           "jti": "forged", "token_type": "access", "sid": sid})
}

fn sign(alg: Algorithm, secret: &str, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn decode_claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

both_backends!(
    login_returns_tokens_and_the_user_without_secrets,
    access_tokens_carry_the_documented_claims_and_last_an_hour,
    wrong_password_and_unknown_user_get_the_same_401,
    login_without_fields_names_each_missing_field,
    requests_without_a_token_are_401_with_www_authenticate,
    forged_none_expired_and_foreign_algorithm_tokens_are_rejected,
    a_refresh_token_is_not_an_access_token,
    refresh_rotates_and_reuse_revokes_the_whole_session,
    two_concurrent_refreshes_with_one_token_succeed_once,
    logout_revokes_the_refresh_token,
    me_returns_the_callers_record,
    change_password_checks_both_passwords_and_ends_other_sessions,
    a_deactivated_user_is_locked_out_on_the_next_request,
    repeated_failures_for_one_username_are_throttled_without_locking_out_others
);

async fn login_returns_tokens_and_the_user_without_secrets(app: TestApp) {
    let (status, body) = app.login_body("manager", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["access"].is_string() && body["refresh"].is_string());
    assert_eq!(body["user"]["username"], "manager");
    assert_eq!(body["user"]["role"], "manager");
    assert!(body["user"]["last_login"].is_string());
    let text = body["user"].to_string();
    assert!(
        !text.contains("password") && !text.contains("argon2"),
        "{text}"
    );
}

async fn access_tokens_carry_the_documented_claims_and_last_an_hour(app: TestApp) {
    let token = app.manager().await;
    let claims = decode_claims(&token);
    assert_eq!(claims["sub"], app.manager_id.to_string());
    assert_eq!(claims["role"], "manager");
    assert!(claims["jti"].as_str().is_some_and(|j| j.len() >= 16));
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        3600
    );
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "HS256");
}

async fn wrong_password_and_unknown_user_get_the_same_401(app: TestApp) {
    let (s1, b1) = app.login_body("manager", "wrong-password").await;
    let (s2, b2) = app.login_body("nobody", "wrong-password").await;
    assert_eq!(s1, StatusCode::UNAUTHORIZED);
    assert_eq!(s2, StatusCode::UNAUTHORIZED);
    assert_eq!(b1, b2);
    assert_eq!(
        b1["detail"],
        "No active account found with the given credentials"
    );
}

async fn login_without_fields_names_each_missing_field(app: TestApp) {
    let (status, body) = app
        .call(Method::POST, "/api/auth/login/", None, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["username"][0], "This field is required.");
    assert_eq!(body["password"][0], "This field is required.");
}

async fn requests_without_a_token_are_401_with_www_authenticate(app: TestApp) {
    let res = app
        .client
        .get(app.url("/api/auth/me/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body["detail"],
        "Authentication credentials were not provided."
    );
    let res = app
        .client
        .get(app.url("/api/auth/me/"))
        .header("authorization", "Token abc")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn forged_none_expired_and_foreign_algorithm_tokens_are_rejected(app: TestApp) {
    let id = app.manager_id;
    let t = now();
    let sid = decode_claims(&app.manager().await)["sid"]
        .as_str()
        .unwrap()
        .to_string();
    let valid = sign(
        Algorithm::HS256,
        &app.jwt_secret,
        &claims(id, &sid, t, t + 600),
    );
    let (status, _) = app.get("/api/auth/me/", &valid).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a token signed with the real secret works"
    );
    let no_session = sign(
        Algorithm::HS256,
        &app.jwt_secret,
        &claims(id, "made-up", t, t + 600),
    );
    let (status, _) = app.get("/api/auth/me/", &no_session).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "even a well-signed token needs a live session"
    );

    let wrong_secret = sign(
        Algorithm::HS256,
        "another-secret-another-secret-xx",
        &claims(id, &sid, t, t + 600),
    );
    let expired = sign(
        Algorithm::HS256,
        &app.jwt_secret,
        &claims(id, &sid, t - 7200, t - 3600),
    );
    let other_alg = sign(
        Algorithm::HS512,
        &app.jwt_secret,
        &claims(id, &sid, t, t + 600),
    );
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims(id, &sid, t, t + 600).to_string())
    );
    let mut tampered = valid.clone();
    tampered.insert(valid.find('.').unwrap() + 3, 'x');
    for (name, token) in [
        ("wrong secret", wrong_secret),
        ("expired", expired),
        ("HS512", other_alg),
        ("alg none", none),
        ("tampered", tampered),
        ("garbage", "abc.def.ghi".into()),
    ] {
        let (status, body) = app.get("/api/auth/me/", &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}: {body}");
    }
}

async fn a_refresh_token_is_not_an_access_token(app: TestApp) {
    let (_, body) = app.login_body("agent", PASSWORD).await;
    let (status, _) = app
        .get("/api/auth/me/", body["refresh"].as_str().unwrap())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.refresh(body["access"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn refresh_rotates_and_reuse_revokes_the_whole_session(app: TestApp) {
    let (_, login) = app.login_body("agent", PASSWORD).await;
    let first = login["refresh"].as_str().unwrap().to_string();
    let (status, pair) = app.refresh(&first).await;
    assert_eq!(status, StatusCode::OK, "{pair}");
    let second = pair["refresh"].as_str().unwrap().to_string();
    assert_ne!(first, second);
    let (status, _) = app
        .get("/api/auth/me/", pair["access"].as_str().unwrap())
        .await;
    assert_eq!(status, StatusCode::OK);

    let (status, _) = app.refresh(&first).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a rotated-out token is refused"
    );
    let (status, _) = app.refresh(&second).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "reuse revoked the descendants too"
    );

    // Another login of the same user is a different session and is untouched.
    let (_, other) = app.login_body("agent", PASSWORD).await;
    let (status, _) = app.refresh(other["refresh"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
}

async fn two_concurrent_refreshes_with_one_token_succeed_once(app: TestApp) {
    let (_, login) = app.login_body("agent", PASSWORD).await;
    let token = login["refresh"].as_str().unwrap().to_string();
    let (a, b) = tokio::join!(app.refresh(&token), app.refresh(&token));
    let ok = [a.0, b.0].iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(ok, 1, "{a:?} {b:?}");
}

async fn logout_revokes_the_refresh_token(app: TestApp) {
    let (_, login) = app.login_body("agent", PASSWORD).await;
    let access = login["access"].as_str().unwrap();
    let token = login["refresh"].as_str().unwrap();
    let (status, _) = app
        .post("/api/auth/logout/", access, json!({"refresh": token}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.refresh(token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let other = app.agent().await;
    let (status, body) = app.post("/api/auth/logout/", &other, json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["refresh"][0], "This field is required.");
}

async fn me_returns_the_callers_record(app: TestApp) {
    let token = app.agent().await;
    let (status, me) = app.get("/api/auth/me/", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["id"], app.agent_id);
    assert_eq!(me["role"], "agent");
    assert_eq!(me["email"], "agent@example.com");
}

async fn change_password_checks_both_passwords_and_ends_other_sessions(app: TestApp) {
    let (_, other) = app.login_body("agent", PASSWORD).await;
    let (_, this) = app.login_body("agent", PASSWORD).await;
    let access = this["access"].as_str().unwrap();

    let (status, body) = app
        .post(
            "/api/auth/change-password/",
            access,
            json!({"old_password": "not-it", "new_password": "short"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["old_password"][0], "Wrong password.");
    assert!(
        body["new_password"][0]
            .as_str()
            .unwrap()
            .contains("at least 12")
    );

    let (status, _) = app
        .post(
            "/api/auth/change-password/",
            access,
            json!({"old_password": PASSWORD, "new_password": "a much longer passphrase"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.login_body("agent", PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login_body("agent", "a much longer passphrase").await.0,
        StatusCode::OK
    );
    assert_eq!(
        app.refresh(other["refresh"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.refresh(this["refresh"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
}

async fn a_deactivated_user_is_locked_out_on_the_next_request(app: TestApp) {
    let agent = app.agent().await;
    let (_, login) = app.login_body("agent", PASSWORD).await;
    let manager = app.manager().await;
    let (status, _) = app
        .patch(
            &format!("/api/users/{}/", app.agent_id),
            &manager,
            json!({"is_active": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app.get("/api/leads/", &agent).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(
        app.refresh(login["refresh"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login_body("agent", PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
}

async fn repeated_failures_for_one_username_are_throttled_without_locking_out_others(app: TestApp) {
    for _ in 0..5 {
        assert_eq!(
            app.login_body("agent", "wrong-password").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let res = app
        .client
        .post(app.url("/api/auth/login/"))
        .json(&json!({"username": "agent", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let body: Value = res.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("throttled"));
    assert_eq!(
        app.login_body("manager", PASSWORD).await.0,
        StatusCode::OK,
        "other users still log in"
    );
}

async fn failures_from_one_address_are_throttled_across_usernames(backend: Backend) {
    let mut config = crm::config::Config::default();
    config.throttle.per_address = 3;
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        return;
    };
    for name in ["a1", "a2", "a3"] {
        assert_eq!(
            app.login_body(name, "wrong-password").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.login_body("manager", PASSWORD).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
}

crate::run_on_both_backends!(failures_from_one_address_are_throttled_across_usernames);
