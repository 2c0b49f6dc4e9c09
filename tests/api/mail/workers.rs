//! `crm worker` processes: each reminder delivered exactly once by two workers, nothing lost
//! when one is killed, and `crm serve` sending on its own.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use crm::jobs::sink::{Behaviour, SmtpSink};
use serde_json::json;

use super::{due_reminder, message_ids};
use crate::helpers::{Backend, TestApp};

/// A `crm worker` process, killed when dropped.
struct Worker(Child);

impl Worker {
    fn start(app: &TestApp, sink: &SmtpSink, lease: &str) -> Worker {
        let child = Command::new(env!("CARGO_BIN_EXE_crm"))
            .arg("worker")
            .env("DATABASE_URL", &app.url)
            .env("CRM_SMTP_URL", sink.url())
            .env("CRM_DISPATCH_INTERVAL", "1s")
            .env("CRM_DISPATCH_BATCH", "20")
            .env("CRM_DISPATCH_LEASE", lease)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start crm worker");
        Worker(child)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Inserts `n` reminders due a second ago for the agent, in one statement.
async fn many_due(app: &TestApp, n: usize) {
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Bulk"})).await;
    let at = Utc::now() - chrono::Duration::seconds(1);
    let mut q = crm::db::sql::Sql::new(
        "INSERT INTO reminders \
         (lead_id, title, remind_at, recipient_id, status, created_at, updated_at) VALUES ",
    );
    for i in 0..n {
        if i > 0 {
            q.push(", ");
        }
        q.push("(")
            .bind(lead["id"].as_i64().unwrap())
            .push(", ")
            .bind(format!("R{i}"))
            .push(", ")
            .bind(at)
            .push(", ")
            .bind(app.agent_id)
            .push(", 'pending', ")
            .bind(at)
            .push(", ")
            .bind(at)
            .push(")");
    }
    q.execute(&app.db.conn).await.unwrap();
}

async fn sent_count(app: &TestApp) -> i64 {
    let row = crm::db::sql::sql("SELECT COUNT(*) FROM reminders WHERE status = 'sent'", [])
        .row(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn two_workers_deliver_each_reminder_exactly_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
    many_due(&app, 500).await;
    let _a = Worker::start(&app, &sink, "5m");
    let _b = Worker::start(&app, &sink, "5m");
    assert_eq!(sink.wait_for(500, Duration::from_secs(90)).await, 500);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 500, "no reminder was sent twice");
    assert_eq!(message_ids(&messages).len(), 500);
    assert_eq!(sent_count(&app).await, 500);
}

async fn a_killed_worker_loses_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let sink = SmtpSink::start(Behaviour {
        delay: Duration::from_millis(50),
        ..Default::default()
    })
    .await
    .unwrap();
    many_due(&app, 60).await;
    let mut first = Worker::start(&app, &sink, "2s");
    assert!(sink.wait_for(5, Duration::from_secs(60)).await >= 5);
    first.0.kill().unwrap(); // SIGKILL, in the middle of a batch
    first.0.wait().unwrap();
    let before = sink.count();
    assert!(before < 60, "killed before it finished ({before} sent)");
    let _second = Worker::start(&app, &sink, "2s");
    // Done when every reminder is recorded as sent: one the first worker had sent but not
    // yet recorded is sent again once its lease (2 s) expires.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while sent_count(&app).await < 60 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        sent_count(&app).await,
        60,
        "every reminder is recorded as sent"
    );
    let messages = sink.messages();
    assert_eq!(message_ids(&messages).len(), 60, "every reminder arrived");
    // The messages in flight at the kill may arrive twice, under the same Message-ID.
    assert!(messages.len() <= 60 + 4, "{} messages", messages.len());
}

async fn crm_serve_sends_due_reminders_within_ten_seconds(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
    let token = app.agent().await;
    let lead = app.lead(&token, json!({"first_name": "Serve"})).await;
    due_reminder(&app, &token, &lead, "From serve", 2).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_crm"))
        .arg("serve")
        .env("DATABASE_URL", &app.url)
        .env("CRM_BIND", format!("127.0.0.1:{port}"))
        .env("CRM_SMTP_URL", sink.url())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _serve = Worker(child);
    assert_eq!(sink.wait_for(1, Duration::from_secs(12)).await, 1);
    assert_eq!(
        sink.messages()[0].header("Subject").unwrap(),
        "Reminder: From serve"
    );
}

crate::run_on_both_backends!(
    two_workers_deliver_each_reminder_exactly_once,
    a_killed_worker_loses_nothing,
    crm_serve_sends_due_reminders_within_ten_seconds,
);
