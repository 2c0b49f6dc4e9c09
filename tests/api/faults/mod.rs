//! Faults and abuse: the real `crm` binary killed, starved of disk, cut off from its
//! database, held open by slow clients, and fed hostile parameters. The processes and
//! databases these tests start are removed by guards, also when a test panics.

mod disk_full;
mod export_abort;
mod hostile_params;
mod kill;
mod ledger;
mod pg_cluster;
mod pg_outage;
mod slow_clients;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

/// The message of a 503 while the database is down or unreachable.
pub const DB_UNAVAILABLE: &str = "The database is unavailable. Try again shortly.";

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A temporary folder, removed when dropped.
pub struct Folder(pub PathBuf);

impl Folder {
    pub fn new(prefix: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("{prefix}_{}", crm::auth::random_hex(6)));
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    pub fn sqlite_url(&self) -> String {
        format!("sqlite://{}/crm.db", self.0.display())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `crm <args>` against `database_url` to completion; panics on failure.
pub fn crm(database_url: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run crm");
    assert!(
        out.status.success(),
        "crm {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A `crm serve` process on a fixed port, SIGKILLed when dropped. Its log goes to a file
/// next to the test's data, so that a failure can be read afterwards.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    database_url: String,
    env: Vec<(String, String)>,
    log: PathBuf,
}

impl Server {
    pub async fn start(database_url: &str, env: &[(&str, &str)]) -> Server {
        let log = std::env::temp_dir().join(format!("crm_fault_{}.log", crm::auth::random_hex(6)));
        let mut server = Server {
            child: None,
            port: free_port(),
            database_url: database_url.to_string(),
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            log,
        };
        server.launch().await;
        server
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    async fn launch(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_crm"))
            .arg("serve")
            .env("DATABASE_URL", &self.database_url)
            .env("CRM_BIND", format!("127.0.0.1:{}", self.port))
            .env("CRM_DISPATCH_INTERVAL", "1h")
            .env("RUST_LOG", "warn")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start crm serve");
        self.child = Some(child);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(res) = client.get(self.url("/healthz")).send().await
                && res.status() == StatusCode::OK
            {
                return;
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("crm serve exited ({status}): {}", self.log_text());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("crm serve did not start: {}", self.log_text());
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no flush, nothing finished.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Kills the server (if running) and starts it again on the same port and database.
    pub async fn restart(&mut self) {
        self.kill();
        self.launch().await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// An HTTP client that gives up on a request after `secs`.
pub fn client(secs: u64) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(secs))
        .build()
        .unwrap()
}

/// Logs in as `username` (password `password123`) and returns the access token.
pub async fn login(client: &reqwest::Client, server: &Server, username: &str) -> String {
    let res = client
        .post(server.url("/api/auth/login/"))
        .json(&json!({"username": username, "password": crate::helpers::PASSWORD}))
        .send()
        .await
        .expect("login request");
    assert_eq!(res.status(), StatusCode::OK, "login as {username}");
    let body: Value = res.json().await.unwrap();
    body["access"].as_str().unwrap().to_string()
}

/// Creates the lead that the writers' notes go to and returns its id.
pub async fn holder_lead(client: &reqwest::Client, server: &Server, token: &str) -> i64 {
    let res = client
        .post(server.url("/api/leads/"))
        .bearer_auth(token)
        .json(&json!({"first_name": "Holder of notes"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// Sends a request and returns its status, body and how long it took; a transport error
/// is `None` as status.
pub async fn timed(req: reqwest::RequestBuilder) -> (Option<StatusCode>, Value, Duration) {
    let started = Instant::now();
    match req.send().await {
        Ok(res) => {
            let status = res.status();
            let text = res.text().await.unwrap_or_default();
            let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
            (Some(status), body, started.elapsed())
        }
        Err(_) => (None, Value::Null, started.elapsed()),
    }
}

/// Whether the test process runs as root (tmpfs mounts and `runuser` need it).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Runs a command to completion; panics with its output when it fails.
pub fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?}: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
