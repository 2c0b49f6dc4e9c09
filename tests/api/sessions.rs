//! The end of a session reaches its access tokens at once; login throttling that slows an
//! attack on one user without letting anyone lock that user out (`throttle`).

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp};

mod throttle;

/// Logs in as `username` and returns (access, refresh).
async fn session(app: &TestApp, username: &str) -> (String, String) {
    let (status, body) = app.login_body(username, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (
        body["access"].as_str().unwrap().to_string(),
        body["refresh"].as_str().unwrap().to_string(),
    )
}

async fn me(app: &TestApp, access: &str) -> StatusCode {
    app.get("/api/auth/me/", access).await.0
}

both_backends!(
    logout_ends_the_access_tokens_of_that_session_at_once,
    logout_with_a_rotated_out_refresh_token_still_ends_its_session,
    refresh_token_reuse_ends_every_access_token_of_the_session_at_once,
    change_password_ends_the_other_sessions_access_tokens_and_keeps_the_callers,
    a_manager_setting_a_password_ends_all_the_users_access_tokens_at_once,
    a_manager_setting_their_own_password_keeps_the_session_in_use,
    a_deactivated_users_access_tokens_stay_dead_after_reactivation
);

async fn logout_ends_the_access_tokens_of_that_session_at_once(app: TestApp) {
    let (access, refresh_token) = session(&app, "agent").await;
    let (other, _) = session(&app, "agent").await;
    assert_eq!(me(&app, &access).await, StatusCode::OK);
    let (status, _) = app
        .post(
            "/api/auth/logout/",
            &access,
            json!({"refresh": refresh_token}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app.get("/api/auth/me/", &access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(
        app.get("/api/leads/", &access).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        me(&app, &other).await,
        StatusCode::OK,
        "another session goes on"
    );
}

async fn logout_with_a_rotated_out_refresh_token_still_ends_its_session(app: TestApp) {
    let (_, first) = session(&app, "agent").await;
    let (status, pair) = app.refresh(&first).await;
    assert_eq!(status, StatusCode::OK);
    let access = pair["access"].as_str().unwrap();
    let (status, _) = app
        .post("/api/auth/logout/", access, json!({"refresh": first}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(me(&app, access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.refresh(pair["refresh"].as_str().unwrap()).await.0,
        StatusCode::UNAUTHORIZED
    );
}

async fn refresh_token_reuse_ends_every_access_token_of_the_session_at_once(app: TestApp) {
    let (first_access, first) = session(&app, "agent").await;
    let (other, _) = session(&app, "agent").await;
    let (status, pair) = app.refresh(&first).await;
    assert_eq!(status, StatusCode::OK);
    let second_access = pair["access"].as_str().unwrap();
    assert_eq!(me(&app, second_access).await, StatusCode::OK);

    assert_eq!(
        app.refresh(&first).await.0,
        StatusCode::UNAUTHORIZED,
        "reuse"
    );
    assert_eq!(me(&app, &first_access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, second_access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        me(&app, &other).await,
        StatusCode::OK,
        "another session goes on"
    );
}

async fn change_password_ends_the_other_sessions_access_tokens_and_keeps_the_callers(app: TestApp) {
    let (other, _) = session(&app, "agent").await;
    let (this, _) = session(&app, "agent").await;
    let (status, _) = app
        .post(
            "/api/auth/change-password/",
            &this,
            json!({"old_password": PASSWORD, "new_password": "a much longer passphrase"}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(me(&app, &other).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &this).await, StatusCode::OK);
}

async fn a_manager_setting_a_password_ends_all_the_users_access_tokens_at_once(app: TestApp) {
    let (first, _) = session(&app, "agent").await;
    let (second, _) = session(&app, "agent").await;
    let manager = app.manager().await;
    let (status, body) = app
        .patch(
            &format!("/api/users/{}/", app.agent_id),
            &manager,
            json!({"password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(me(&app, &first).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &second).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        me(&app, &manager).await,
        StatusCode::OK,
        "the manager's session goes on"
    );
}

async fn a_manager_setting_their_own_password_keeps_the_session_in_use(app: TestApp) {
    let (other, _) = session(&app, "manager").await;
    let (current, _) = session(&app, "manager").await;
    let path = format!("/api/users/{}/", app.manager_id);
    let (status, body) = app
        .patch(
            &path,
            &current,
            json!({"password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        me(&app, &current).await,
        StatusCode::OK,
        "the session in use goes on"
    );
    assert_eq!(
        me(&app, &other).await,
        StatusCode::UNAUTHORIZED,
        "the other session ends"
    );
}

async fn a_deactivated_users_access_tokens_stay_dead_after_reactivation(app: TestApp) {
    let (access, _) = session(&app, "agent").await;
    let manager = app.manager().await;
    let path = format!("/api/users/{}/", app.agent_id);
    assert_eq!(
        app.patch(&path, &manager, json!({"is_active": false}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(me(&app, &access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.patch(&path, &manager, json!({"is_active": true}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        me(&app, &access).await,
        StatusCode::UNAUTHORIZED,
        "the session ended with the deactivation"
    );
    let (fresh, _) = session(&app, "agent").await;
    assert_eq!(me(&app, &fresh).await, StatusCode::OK);
}
