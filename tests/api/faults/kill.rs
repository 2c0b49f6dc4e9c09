//! SIGKILL under concurrent writes: nothing acknowledged is lost, nothing refused is kept,
//! and the audit log, counters and file stay consistent across five kills.

use std::time::Duration;

use serde_json::json;

use super::ledger::{self, check, print};
use super::{Server, client, holder_lead, login};
use crate::helpers::{Backend, TestApp};

/// A random duration in `[min, min + spread)` milliseconds.
fn random_ms(min: u64, spread: u64) -> Duration {
    let r = u64::from_str_radix(&crm::auth::random_hex(4), 16).unwrap();
    Duration::from_millis(min + r % spread)
}

async fn sigkill_under_writes_loses_no_acknowledged_write(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    let mut server = Server::start(&app.url, &[]).await;
    let http = client(10);
    let token = login(&http, &server, "agent").await;
    let lead = holder_lead(&http, &server, &token).await;
    let prefix = crm::auth::random_hex(3);
    let (stop, writers) = ledger::start_writers(6, &server.base(), &token, &prefix, lead);
    tokio::time::sleep(Duration::from_millis(500)).await;
    for _ in 0..5 {
        tokio::time::sleep(random_ms(200, 1000)).await;
        server.kill();
        // Writers meet a dead server for a moment: their requests go unanswered or unsent.
        tokio::time::sleep(random_ms(0, 200)).await;
        server.restart().await;
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    let ledger = ledger::stop_writers(stop, writers).await;
    let figures = check(&app.db, &ledger, &prefix).await;
    print(&format!("sigkill ({backend:?})"), &figures);
    assert!(figures.acknowledged > 50, "the writers made progress");
    assert!(
        figures.indeterminate + figures.unsent > 0,
        "the kills landed while writes were under way"
    );
    // The server still works after the last restart.
    let res = http
        .post(server.url("/api/notes/"))
        .bearer_auth(&token)
        .json(&json!({"lead": lead, "content": "after the kills"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
}

crate::run_on_both_backends!(sigkill_under_writes_loses_no_acknowledged_write);
