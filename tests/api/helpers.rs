//! The test harness: a real server on a random port over a fresh database per test
//! (a temporary SQLite file, or a new PostgreSQL database), spoken to over HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;

use crm::app::AppState;
use crm::config::Config;
use crm::db::ConnectionTrait;
use crm::db::{self, Db};
use crm::domain::user::Role;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::sync::oneshot;

pub const PASSWORD: &str = "password123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server to create test databases on, if tests should use one. CI sets
/// `CRM_REQUIRE_POSTGRES=1`, so that a missing server fails instead of skipping.
fn postgres_admin_url() -> Option<String> {
    let url = std::env::var("CRM_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    assert!(
        url.is_some() || !std::env::var("CRM_REQUIRE_POSTGRES").is_ok_and(|v| v == "1"),
        "CRM_REQUIRE_POSTGRES=1 but CRM_TEST_POSTGRES_URL is not set"
    );
    url
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The database URL, for processes started by a test.
    pub url: String,
    pub jwt_secret: String,
    pub manager_id: i64,
    pub agent_id: i64,
    shutdown: Option<oneshot::Sender<()>>,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(PathBuf),
    Database { admin: String, name: String },
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| crm::auth::password::hash_blocking(PASSWORD).unwrap())
}

impl TestApp {
    /// A running app on `backend` with users `manager` and `agent`; `None` when PostgreSQL
    /// is not configured for tests (the test then passes without running, and `make test`
    /// says that PostgreSQL was skipped).
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, Config::default()).await
    }

    pub async fn spawn_with(backend: Backend, config: Config) -> Option<TestApp> {
        let name = format!("crm_t_{}", crm::auth::random_hex(8));
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(&name);
                std::fs::create_dir_all(&dir).unwrap();
                (
                    format!("sqlite://{}/crm.db", dir.display()),
                    Cleanup::Folder(dir),
                )
            }
            Backend::Postgres => {
                let admin = postgres_admin_url()?;
                let admin_db = Db::connect(&admin)
                    .await
                    .expect("connect to the PostgreSQL test server");
                admin_db
                    .conn
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                admin_db.conn.close().await.ok();
                let base = admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(b, _)| b)
                    .to_string();
                (format!("{base}/{name}"), Cleanup::Database { admin, name })
            }
        };
        let db = Db::connect(&url)
            .await
            .expect("connect to the test database");
        db::migrate::run(&db).await.expect("migrations");
        let hash = password_hash();
        for (username, role) in [("manager", Role::Manager), ("agent", Role::Agent)] {
            let email = format!("{username}@example.com");
            db::users::insert_if_missing(&db, username, &email, username, "Test", role, hash)
                .await
                .unwrap();
        }
        let manager_id = db::users::by_username(&db.conn, "manager")
            .await
            .unwrap()
            .unwrap()
            .id;
        let agent_id = db::users::by_username(&db.conn, "agent")
            .await
            .unwrap()
            .unwrap()
            .id;
        let state = AppState::new(db.clone(), config, None).await.unwrap();
        let jwt_secret = db::settings::get_or_insert(&db.conn, "jwt_secret", String::new)
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(crm::server::serve(listener, state, async {
            let _ = rx.await;
        }));
        Some(TestApp {
            base: format!("http://{addr}"),
            client: reqwest::Client::new(),
            db,
            url,
            jwt_secret,
            manager_id,
            agent_id,
            shutdown: Some(tx),
            cleanup,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends a request with an optional bearer token and JSON body; returns the status and
    /// the body as JSON (`Null` when empty, a string when not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Exchanges a refresh token for a new pair.
    pub async fn refresh(&self, token: &str) -> (StatusCode, Value) {
        let body = serde_json::json!({"refresh": token});
        self.call(Method::POST, "/api/auth/refresh/", None, Some(body))
            .await
    }

    /// Logs in and returns the whole response body.
    pub async fn login_body(&self, username: &str, password: &str) -> (StatusCode, Value) {
        let body = serde_json::json!({"username": username, "password": password});
        self.call(Method::POST, "/api/auth/login/", None, Some(body))
            .await
    }

    /// Logs in and returns the access token.
    pub async fn token(&self, username: &str) -> String {
        let (status, body) = self.login_body(username, PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "login as {username}: {body}");
        body["access"].as_str().unwrap().to_string()
    }

    pub async fn manager(&self) -> String {
        self.token("manager").await
    }

    pub async fn agent(&self) -> String {
        self.token("agent").await
    }

    /// Creates a lead as `token` and returns it.
    pub async fn lead(&self, token: &str, body: Value) -> Value {
        let (status, lead) = self.post("/api/leads/", token, body).await;
        assert_eq!(status, StatusCode::CREATED, "{lead}");
        lead
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match &self.cleanup {
            Cleanup::Folder(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin, name } => {
                let (admin, name) = (admin.clone(), name.clone());
                // Drop cannot await: a short-lived runtime on its own thread removes the
                // database (FORCE ends the pool's connections).
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async {
                        if let Ok(db) = Db::connect(&admin).await {
                            let _ = db
                                .conn
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// For tests written as `async fn name(app: TestApp)`: runs each on a fresh app on both
/// backends, as `<name>::sqlite` and `<name>::postgres`. The tests stay plain functions, so
/// that rustfmt formats them (it cannot format code inside a macro call's braces).
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let backend = $crate::helpers::Backend::Sqlite;
                super::$name($crate::helpers::TestApp::spawn(backend).await.unwrap()).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let backend = $crate::helpers::Backend::Postgres;
                let Some(app) = $crate::helpers::TestApp::spawn(backend).await else {
                    eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
                    return;
                };
                super::$name(app).await;
            }
        }
    )*};
}

/// For tests written as `async fn name(backend: Backend)` (they set up their own app):
/// runs each on both backends, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! run_on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await;
            }
        }
    )*};
}
