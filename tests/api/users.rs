//! Users: managers manage, agents see the short list, no deletion, no self-lockout.

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::TestApp;

both_backends!(
    managers_see_whole_records_and_agents_the_short_form,
    managers_create_users_who_can_then_log_in,
    user_input_is_validated_with_every_error_at_once,
    passwords_are_twelve_to_128_characters_and_never_truncated,
    agents_can_only_read_users,
    users_are_never_deleted,
    deleting_a_user_asks_for_a_token_then_a_manager_before_refusing_the_method,
    agents_search_filter_and_order_users_only_by_what_they_are_shown,
    a_manager_cannot_deactivate_or_demote_themselves,
    managers_update_deactivate_and_reactivate_users
);

async fn managers_see_whole_records_and_agents_the_short_form(app: TestApp) {
    let (status, page) = app.get("/api/users/", &app.manager().await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["count"], 2);
    let user = &page["results"][0];
    for key in [
        "id",
        "username",
        "email",
        "first_name",
        "last_name",
        "full_name",
        "role",
        "is_active",
        "date_joined",
        "last_login",
    ] {
        assert!(user.get(key).is_some(), "{key}");
    }
    let (status, page) = app.get("/api/users/", &app.agent().await).await;
    assert_eq!(status, StatusCode::OK);
    let mut keys: Vec<&String> = page["results"][0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["full_name", "id", "role", "username"]);
    let (status, one) = app
        .get(
            &format!("/api/users/{}/", app.manager_id),
            &app.agent().await,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(one.get("email").is_none());
}

async fn managers_create_users_who_can_then_log_in(app: TestApp) {
    let manager = app.manager().await;
    let (status, user) = app
        .post(
            "/api/users/",
            &manager,
            json!({
                "username": "amina", "email": "Amina@Example.com", "first_name": "Amina",
                "last_name": "Hassan", "role": "agent", "password": "correct horse battery"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{user}");
    assert_eq!(user["email"], "amina@example.com");
    assert_eq!(user["full_name"], "Amina Hassan");
    assert!(user.get("password").is_none());
    assert!(!user.to_string().contains("argon2"));
    assert_eq!(
        app.login_body("amina", "correct horse battery").await.0,
        StatusCode::OK
    );
}

async fn user_input_is_validated_with_every_error_at_once(app: TestApp) {
    let manager = app.manager().await;
    let (status, body) = app
        .post(
            "/api/users/",
            &manager,
            json!({
                "username": "bad name!", "email": "nope", "role": "boss", "password": "short"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for key in ["username", "email", "role", "password"] {
        assert!(body[key][0].is_string(), "{key}: {body}");
    }
    let (status, body) = app
        .post("/api/users/", &manager, json!({"username": "x"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["password"][0], "This field is required.");
    let (status, body) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "agent", "password": "long enough password"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["username"][0]
            .as_str()
            .unwrap()
            .contains("already exists")
    );
}

async fn passwords_are_twelve_to_128_characters_and_never_truncated(app: TestApp) {
    let manager = app.manager().await;
    let long = "p".repeat(128);
    let (status, _) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "u128", "password": long}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.login_body("u128", &long).await.0, StatusCode::OK);
    assert_eq!(
        app.login_body("u128", &long[..127]).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "u129", "password": "p".repeat(129)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "u11", "password": "p".repeat(11)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn agents_can_only_read_users(app: TestApp) {
    let agent = app.agent().await;
    let (status, _) = app
        .post(
            "/api/users/",
            &agent,
            json!({"username": "x", "password": "long enough password"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .patch(
            &format!("/api/users/{}/", app.agent_id),
            &agent,
            json!({"role": "manager"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn users_are_never_deleted(app: TestApp) {
    let (status, body) = app
        .delete(
            &format!("/api/users/{}/", app.agent_id),
            &app.manager().await,
        )
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["detail"], "Method \"DELETE\" not allowed.");
}

async fn deleting_a_user_asks_for_a_token_then_a_manager_before_refusing_the_method(app: TestApp) {
    let path = format!("/api/users/{}/", app.manager_id);
    let (status, _) = app.call(reqwest::Method::DELETE, &path, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app.delete(&path, &app.agent().await).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = app.delete(&path, &app.manager().await).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = app.get(&path, &app.manager().await).await;
    assert_eq!(status, StatusCode::OK, "still there");
}

async fn agents_search_filter_and_order_users_only_by_what_they_are_shown(app: TestApp) {
    let manager = app.manager().await;
    let agent = app.agent().await;
    let (status, _) = app
        .post(
            "/api/users/",
            &manager,
            json!({
                "username": "kamau", "first_name": "Kamau", "email": "secretxyz@example.com",
                "password": "long enough password"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, gone) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "gone", "password": "long enough password"}),
        )
        .await;
    app.patch(
        &format!("/api/users/{}/", gone["id"]),
        &manager,
        json!({"is_active": false}),
    )
    .await;
    let count = |page: &serde_json::Value| page["count"].as_i64().unwrap();
    let (_, page) = app.get("/api/users/?search=secretx", &manager).await;
    assert_eq!(count(&page), 1, "managers search the email");
    let (status, page) = app.get("/api/users/?search=secretx", &agent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        count(&page),
        0,
        "agents are not shown emails, so they do not search them"
    );
    let (_, page) = app.get("/api/users/?search=kama", &agent).await;
    assert_eq!(count(&page), 1, "username and name still match");
    let (_, page) = app.get("/api/users/?is_active=false", &manager).await;
    assert_eq!(count(&page), 1);
    let (_, all) = app.get("/api/users/", &agent).await;
    for query in ["is_active=false", "is_active=true", "is_active=nonsense"] {
        let (status, page) = app.get(&format!("/api/users/?{query}"), &agent).await;
        assert_eq!(status, StatusCode::OK, "{query}: ignored for agents");
        assert_eq!(page["count"], all["count"], "{query}");
    }
    for field in [
        "email",
        "date_joined",
        "-created_at",
        "updated_at",
        "is_active",
        "last_login",
    ] {
        let (status, body) = app
            .get(&format!("/api/users/?ordering={field}"), &agent)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {body}");
        assert!(body["ordering"][0].is_string());
    }
    let (status, page) = app.get("/api/users/?ordering=-username", &agent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["results"][0]["username"], "manager");
    assert_eq!(
        app.get("/api/users/?ordering=date_joined", &manager)
            .await
            .0,
        StatusCode::OK
    );
}

async fn a_manager_cannot_deactivate_or_demote_themselves(app: TestApp) {
    let manager = app.manager().await;
    let path = format!("/api/users/{}/", app.manager_id);
    let (status, body) = app
        .patch(&path, &manager, json!({"is_active": false}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["is_active"][0].is_string());
    let (status, body) = app.patch(&path, &manager, json!({"role": "agent"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["role"][0].is_string());
    let (status, me) = app.get("/api/auth/me/", &manager).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["role"], "manager");
    assert_eq!(me["is_active"], true);
}

async fn managers_update_deactivate_and_reactivate_users(app: TestApp) {
    let manager = app.manager().await;
    let path = format!("/api/users/{}/", app.agent_id);
    let (status, user) = app
        .patch(
            &path,
            &manager,
            json!({"first_name": "Brian", "is_active": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["is_active"], false);
    assert_eq!(user["first_name"], "Brian");
    let (_, user) = app.patch(&path, &manager, json!({"is_active": true})).await;
    assert_eq!(user["is_active"], true);
    assert_eq!(
        app.login_body("agent", crate::helpers::PASSWORD).await.0,
        StatusCode::OK
    );
    let (_, page) = app
        .get("/api/users/?is_active=true&role=agent", &manager)
        .await;
    assert_eq!(page["count"], 1);
    let (_, page) = app.get("/api/users/?search=MANA", &manager).await;
    assert_eq!(page["count"], 1);
}
