//! The refresh token as the web app's `crm_refresh` cookie: its attributes, refresh and
//! logout by cookie, rotation and reuse detection through it, and the rules that keep other
//! sites from using it (JSON only, and the `Origin` check).

use crm::config::Config;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use serde_json::{Value, json};

use crate::helpers::{Backend, PASSWORD, TestApp};
use crate::{both_backends, run_on_both_backends};

/// A response's status, JSON body and `Set-Cookie` for `crm_refresh`, if any.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
    pub(crate) cookie: Option<String>,
}

impl Answer {
    pub(crate) async fn from(res: reqwest::Response) -> Answer {
        let status = res.status();
        let cookies: Vec<String> = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .filter(|v| v.starts_with("crm_refresh="))
            .collect();
        assert!(cookies.len() <= 1, "one crm_refresh cookie: {cookies:?}");
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            body,
            cookie: cookies.into_iter().next(),
        }
    }

    /// The cookie's value (what the browser sends back).
    pub(crate) fn value(&self) -> String {
        let cookie = self.cookie.as_deref().expect("a crm_refresh cookie");
        let first = cookie.split(';').next().unwrap();
        first.strip_prefix("crm_refresh=").unwrap().to_string()
    }

    /// The cookie's attributes after its value, as written.
    pub(crate) fn attributes(&self) -> Vec<String> {
        let cookie = self.cookie.as_deref().expect("a crm_refresh cookie");
        cookie
            .split(';')
            .skip(1)
            .map(|a| a.trim().to_string())
            .collect()
    }

    /// The attributes with `Max-Age` checked to be within a second of `seconds` (the clock
    /// may tick between the token's issue and the header) and written as `seconds`.
    fn attributes_living(&self, seconds: i64) -> Vec<String> {
        let mut attributes = self.attributes();
        let age = self.max_age();
        assert!(
            (seconds - 1..=seconds).contains(&age),
            "Max-Age {age}, not {seconds}"
        );
        attributes[0] = format!("Max-Age={seconds}");
        attributes
    }

    pub(crate) fn max_age(&self) -> i64 {
        let first = self.attributes().into_iter().next().unwrap_or_default();
        let age = first.strip_prefix("Max-Age=").expect("Max-Age first");
        age.parse().unwrap()
    }
}

pub(crate) async fn login(app: &TestApp, username: &str) -> Answer {
    let res = app
        .client
        .post(app.url("/api/auth/login/"))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let answer = Answer::from(res).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
}

/// `POST path` with `body` (JSON unless `content_type` says otherwise), the cookie, and
/// optionally a bearer token and an `Origin`.
pub(crate) struct Post<'a> {
    pub(crate) path: &'a str,
    pub(crate) body: String,
    pub(crate) content_type: &'a str,
    pub(crate) cookie: Option<String>,
    pub(crate) bearer: Option<&'a str>,
    pub(crate) origin: Option<&'a str>,
}

impl<'a> Post<'a> {
    pub(crate) fn refresh(cookie: &str) -> Post<'a> {
        Post {
            path: "/api/auth/refresh/",
            body: "{}".into(),
            content_type: "application/json",
            cookie: Some(format!("crm_refresh={cookie}")),
            bearer: None,
            origin: None,
        }
    }

    pub(crate) async fn send(self, app: &TestApp) -> Answer {
        let mut req = app
            .client
            .post(app.url(self.path))
            .header(CONTENT_TYPE, self.content_type)
            .body(self.body);
        if let Some(cookie) = self.cookie {
            req = req.header(COOKIE, cookie);
        }
        if let Some(token) = self.bearer {
            req = req.bearer_auth(token);
        }
        if let Some(origin) = self.origin {
            req = req.header(ORIGIN, origin);
        }
        Answer::from(req.send().await.unwrap()).await
    }
}

pub(crate) async fn me(app: &TestApp, access: &str) -> StatusCode {
    app.get("/api/auth/me/", access).await.0
}

both_backends!(
    login_sets_the_refresh_token_as_an_http_only_strict_cookie_for_the_auth_paths,
    refresh_without_a_token_in_the_body_uses_the_cookie_and_rotates_it,
    a_rotated_out_cookie_used_again_ends_the_session_and_is_cleared,
    the_cookie_is_refused_to_other_origins_and_to_non_json_requests,
    logout_without_a_token_in_the_body_ends_the_cookies_session_and_clears_it,
    the_body_keeps_working_and_wins_over_the_cookie,
    neither_body_nor_cookie_is_a_required_field_error
);

run_on_both_backends!(
    behind_an_https_public_url_the_cookie_is_secure_and_lives_as_long_as_the_refresh_token
);

async fn login_sets_the_refresh_token_as_an_http_only_strict_cookie_for_the_auth_paths(
    app: TestApp,
) {
    let answer = login(&app, "agent").await;
    assert_eq!(answer.value(), answer.body["refresh"].as_str().unwrap());
    assert_eq!(
        answer.attributes_living(604_800),
        [
            "Max-Age=604800",
            "Path=/api/auth/",
            "HttpOnly",
            "SameSite=Strict"
        ],
        "no Secure over the default http public URL"
    );
}

async fn refresh_without_a_token_in_the_body_uses_the_cookie_and_rotates_it(app: TestApp) {
    let first = login(&app, "agent").await.value();
    let answer = Post::refresh(&first).send(&app).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let second = answer.value();
    assert_ne!(second, first, "rotated");
    assert_eq!(
        answer.body["refresh"], "",
        "the new token only in the cookie"
    );
    assert!(answer.attributes().contains(&"HttpOnly".to_string()));
    let access = answer.body["access"].as_str().unwrap();
    assert_eq!(me(&app, access).await, StatusCode::OK);

    let answer = Post::refresh(&second).send(&app).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "the new cookie works in turn"
    );
    assert_ne!(answer.value(), second);
}

async fn a_rotated_out_cookie_used_again_ends_the_session_and_is_cleared(app: TestApp) {
    let first = login(&app, "agent").await.value();
    let (other, _) = app.login_body("agent", PASSWORD).await;
    assert_eq!(other, StatusCode::OK);
    let rotated = Post::refresh(&first).send(&app).await;
    let access = rotated.body["access"].as_str().unwrap().to_string();
    assert_eq!(me(&app, &access).await, StatusCode::OK);

    let reused = Post::refresh(&first).send(&app).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reused.value(), "", "the refused cookie is cleared");
    assert!(reused.attributes().contains(&"Max-Age=0".to_string()));
    assert_eq!(me(&app, &access).await, StatusCode::UNAUTHORIZED);
    let newest = Post::refresh(&rotated.value()).send(&app).await;
    assert_eq!(
        newest.status,
        StatusCode::UNAUTHORIZED,
        "the whole session is revoked"
    );
}

async fn the_cookie_is_refused_to_other_origins_and_to_non_json_requests(app: TestApp) {
    let cookie = login(&app, "agent").await.value();
    for content_type in [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
    ] {
        let mut post = Post::refresh(&cookie);
        post.content_type = content_type;
        post.body = "refresh=".into();
        let answer = post.send(&app).await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        assert_eq!(answer.cookie, None);
    }
    for origin in ["https://evil.example", "null", "http://localhost:1"] {
        let mut post = Post::refresh(&cookie);
        post.origin = Some(origin);
        let answer = post.send(&app).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{origin}");
        assert!(
            answer.body["detail"]
                .as_str()
                .unwrap()
                .starts_with("CSRF Failed: Origin checking failed"),
            "{}",
            answer.body
        );
        assert_eq!(answer.cookie, None);
    }
    // Nothing above used the token: from the server's own origin it still works.
    let mut post = Post::refresh(&cookie);
    post.origin = Some(&app.base);
    let answer = post.send(&app).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn logout_without_a_token_in_the_body_ends_the_cookies_session_and_clears_it(app: TestApp) {
    let session = login(&app, "agent").await;
    let other = app.agent().await;
    let access = session.body["access"].as_str().unwrap();
    let mut post = Post::refresh(&session.value());
    post.path = "/api/auth/logout/";
    post.bearer = Some(access);
    post.origin = Some(&app.base);
    let answer = post.send(&app).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    assert_eq!(answer.value(), "");
    assert_eq!(
        answer.attributes(),
        [
            "Max-Age=0",
            "Path=/api/auth/",
            "HttpOnly",
            "SameSite=Strict"
        ]
    );
    assert_eq!(me(&app, access).await, StatusCode::UNAUTHORIZED);
    let refresh = Post::refresh(&session.value()).send(&app).await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&app, &other).await, StatusCode::OK, "another session");

    // From a foreign origin, the cookie does not end a session.
    let session = login(&app, "agent").await;
    let access = session.body["access"].as_str().unwrap();
    let mut post = Post::refresh(&session.value());
    post.path = "/api/auth/logout/";
    post.bearer = Some(access);
    post.origin = Some("https://evil.example");
    assert_eq!(post.send(&app).await.status, StatusCode::FORBIDDEN);
    assert_eq!(me(&app, access).await, StatusCode::OK);
}

async fn the_body_keeps_working_and_wins_over_the_cookie(app: TestApp) {
    let (_, body) = app.login_body("agent", PASSWORD).await;
    let token = body["refresh"].as_str().unwrap();
    let (status, pair) = app.refresh(token).await;
    assert_eq!(status, StatusCode::OK, "{pair}");

    let mut post = Post::refresh("not-a-token");
    post.body = json!({"refresh": pair["refresh"]}).to_string();
    let answer = post.send(&app).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.value(),
        answer.body["refresh"].as_str().unwrap(),
        "the new token is set as the cookie too"
    );
}

async fn neither_body_nor_cookie_is_a_required_field_error(app: TestApp) {
    let mut post = Post::refresh("");
    post.cookie = None;
    let answer = post.send(&app).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body, json!({"refresh": ["This field is required."]}));
    let mut post = Post::refresh("x");
    post.body = json!({"refresh": ""}).to_string();
    let answer = post.send(&app).await;
    assert_eq!(
        answer.body,
        json!({"refresh": ["This field may not be blank."]})
    );
}

async fn behind_an_https_public_url_the_cookie_is_secure_and_lives_as_long_as_the_refresh_token(
    backend: Backend,
) {
    let config = Config {
        public_url: "https://crm.example.com".into(),
        cors_origins: vec!["https://app.example.com".into()],
        refresh_ttl: std::time::Duration::from_secs(7200),
        ..Config::default()
    };
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    let answer = login(&app, "agent").await;
    assert_eq!(
        answer.attributes_living(7200),
        [
            "Max-Age=7200",
            "Path=/api/auth/",
            "HttpOnly",
            "SameSite=Strict",
            "Secure"
        ]
    );
    let mut cookie = answer.value();
    // The public URL's origin and a CORS origin may use the cookie; the server's own address
    // (behind a proxy, not what the browser sees) still may too.
    let own = app.base.clone();
    for origin in ["https://crm.example.com", "https://app.example.com", &own] {
        let mut post = Post::refresh(&cookie);
        post.origin = Some(origin);
        let answer = post.send(&app).await;
        assert_eq!(answer.status, StatusCode::OK, "{origin}: {}", answer.body);
        assert!(answer.attributes().contains(&"Secure".to_string()));
        cookie = answer.value();
    }
    let mut post = Post::refresh(&cookie);
    post.origin = Some("http://crm.example.com");
    assert_eq!(post.send(&app).await.status, StatusCode::FORBIDDEN);
}
