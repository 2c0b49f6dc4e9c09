//! A full disk under SQLite: writes are refused with 507 (or 503) and a readable message,
//! never acknowledged without being saved; reads go on; and once space is back, writes
//! succeed again without a restart.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::ledger::{Ledger, Outcome, check, print};
use super::{Folder, Server, client, crm, is_root, login, run, timed};

/// A small tmpfs mounted on a folder, unmounted when dropped (also when the test panics).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        let options = format!("size={size}");
        let dir_text = dir.to_str().unwrap();
        run(
            "mount".as_ref(),
            &["-t", "tmpfs", "-o", &options, "tmpfs", dir_text],
        );
        Tmpfs(dir.to_path_buf())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Writes `path` until the file system refuses: the disk is then full.
fn fill(path: &Path) {
    let mut file = std::fs::File::create(path).unwrap();
    for chunk in [1 << 20, 4096, 1] {
        let block = vec![0u8; chunk];
        loop {
            if let Err(e) = file.write_all(&block) {
                assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
                break;
            }
        }
    }
    let _ = file.sync_all();
}

async fn post_lead(
    http: &reqwest::Client,
    server: &Server,
    token: &str,
    marker: &str,
) -> (Outcome, Value, Duration) {
    // A long description, so that each write needs new pages.
    let body =
        json!({"first_name": marker, "description": "x".repeat(9000), "estimated_value": "10.50"});
    let (status, body, took) = timed(
        http.post(server.url("/api/leads/"))
            .bearer_auth(token)
            .json(&body),
    )
    .await;
    let outcome = match status {
        None => Outcome::Indeterminate,
        Some(s) if s.is_success() => Outcome::Acknowledged(body["id"].as_i64().expect("an id")),
        Some(s) => Outcome::Refused(s.as_u16()),
    };
    (outcome, body, took)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_clearly_and_recovers_when_space_returns() {
    if !is_root() {
        // Only a mount makes a real ENOSPC for another process; PRAGMA max_page_count is
        // per connection and cannot reach the server's.
        eprintln!("not root: cannot mount a small tmpfs; disk-full test skipped");
        return;
    }
    let folder = Folder::new("crm_full");
    let _tmpfs = Tmpfs::mount(&folder.0, "20m");
    let url = folder.sqlite_url();
    crm(&url, &["seed", "--demo"]);
    let mut server = Server::start(&url, &[]).await;
    let http = client(30);
    let token = login(&http, &server, "agent").await;
    let prefix = crm::auth::random_hex(3);
    let mut ledger = Ledger::default();
    for i in 0..5 {
        let marker = format!("L{prefix}-before-{i}");
        let (outcome, body, _) = post_lead(&http, &server, &token, &marker).await;
        assert!(matches!(outcome, Outcome::Acknowledged(_)), "{body}");
        ledger.writes.insert(marker, outcome);
    }

    let filler = folder.0.join("filler");
    fill(&filler);
    let mut refused = 0;
    for i in 0..200 {
        let marker = format!("L{prefix}-full-{i}");
        let (outcome, body, took) = post_lead(&http, &server, &token, &marker).await;
        assert!(
            took < Duration::from_secs(5),
            "a write on a full disk took {took:?}"
        );
        match outcome {
            Outcome::Refused(507 | 503) => {
                assert!(
                    body["detail"].as_str().is_some_and(|d| !d.is_empty()),
                    "{body}"
                );
                refused += 1;
            }
            Outcome::Acknowledged(id) => {
                // Only acceptable if it really was saved (room left in the log file).
                let (status, _, _) = timed(
                    http.get(server.url(&format!("/api/leads/{id}/")))
                        .bearer_auth(&token),
                )
                .await;
                assert_eq!(
                    status,
                    Some(StatusCode::OK),
                    "{marker} acknowledged but unreadable"
                );
            }
            other => panic!("{marker}: {other:?} {body}"),
        }
        ledger.writes.insert(marker, outcome);
        if refused >= 5 {
            break;
        }
    }
    assert!(refused >= 1, "the full disk was never felt");

    let started = Instant::now();
    let (status, _, took) = timed(http.get(server.url("/api/leads/")).bearer_auth(&token)).await;
    assert_eq!(
        status,
        Some(StatusCode::OK),
        "reads go on while the disk is full"
    );
    assert!(took < Duration::from_secs(3), "a read took {took:?}");
    let (status, _, _) = timed(
        http.get(server.url("/api/dashboard-stats/"))
            .bearer_auth(&token),
    )
    .await;
    assert_eq!(status, Some(StatusCode::OK));
    let login_body = json!({"username": "manager", "password": crate::helpers::PASSWORD});
    let (status, body, took) =
        timed(http.post(server.url("/api/auth/login/")).json(&login_body)).await;
    // A login stores a session: it may be refused like any write, but quickly and clearly.
    assert!(
        matches!(status.map(|s| s.as_u16()), Some(200 | 503 | 507)),
        "login while full: {status:?} {body}"
    );
    assert!(took < Duration::from_secs(3), "login took {took:?}");
    assert!(started.elapsed() < Duration::from_secs(10));

    std::fs::remove_file(&filler).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut i = 0;
    loop {
        let marker = format!("L{prefix}-after-{i}");
        i += 1;
        let (outcome, body, _) = post_lead(&http, &server, &token, &marker).await;
        let ok = matches!(outcome, Outcome::Acknowledged(_));
        ledger.writes.insert(marker, outcome);
        if ok {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "writes do not succeed once space is back: {body}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for j in 0..10 {
        let marker = format!("L{prefix}-again-{j}");
        let (outcome, body, _) = post_lead(&http, &server, &token, &marker).await;
        assert!(
            matches!(outcome, Outcome::Acknowledged(_)),
            "{marker}: {body}"
        );
        ledger.writes.insert(marker, outcome);
    }

    server.restart().await;
    let db = crm::db::Db::connect(&url).await.unwrap();
    let figures = check(&db, &ledger, &prefix).await;
    print("disk full (sqlite)", &figures);
    let statuses: Vec<_> = ledger
        .writes
        .values()
        .filter_map(|o| match o {
            Outcome::Refused(s) => Some(*s),
            _ => None,
        })
        .collect();
    eprintln!("disk full (sqlite): refused with {statuses:?}");
    db.conn.close().await.ok();
    drop(server);
}
