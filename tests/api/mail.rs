//! Reminder emails through a real SMTP server on loopback: content, outbox, retries and
//! failures, cancellation, exactly-once delivery with two worker processes, and recovery
//! after a worker is killed.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use crm::config::{DispatchArgs, Secret};
use crm::jobs::dispatcher::Dispatcher;
use crm::jobs::sink::{Behaviour, Received, SmtpSink};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

fn settings(smtp: Option<&SmtpSink>) -> DispatchArgs {
    DispatchArgs {
        smtp_url: smtp.map(|s| Secret::new(s.url())),
        public_url: "https://crm.example.co.ke".into(),
        mail_from: "CRM <crm@example.co.ke>".into(),
        mail_backoff: Duration::from_millis(200),
        mail_timeout: Duration::from_secs(5),
        ..DispatchArgs::default()
    }
}

async fn due_reminder(
    app: &TestApp,
    token: &str,
    lead: &Value,
    title: &str,
    seconds_from_now: i64,
) -> Value {
    let at = (Utc::now() + chrono::Duration::seconds(seconds_from_now)).to_rfc3339();
    let (status, r) = app.post("/api/reminders/", token, json!({"lead": lead["id"], "title": title, "message": "Bring the <b>signed</b> \"KES\" quote & contract", "remind_at": at})).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    r
}

async fn reminder(app: &TestApp, token: &str, r: &Value) -> Value {
    app.get(&format!("/api/reminders/{}/", r["id"]), token)
        .await
        .1
}

/// Undoes quoted-printable soft breaks and escapes, enough to read a message body.
fn decode_qp(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn message_ids(messages: &[Received]) -> BTreeSet<String> {
    messages
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect()
}

on_both_backends! {
    async fn a_due_reminder_is_emailed_once_with_text_and_escaped_html(app) {
        let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Wanjiku", "last_name": "Kamau", "company": "Safaricom PLC"})).await;
        let r = due_reminder(&app, &agent, &lead, "Call <Wanjiku> back", -1).await;
        let later = due_reminder(&app, &agent, &lead, "Not yet", 3600).await;
        let dispatcher = Dispatcher::new(app.db.clone(), settings(Some(&sink))).unwrap();
        assert_eq!(dispatcher.tick().await.unwrap(), 1);
        assert_eq!(dispatcher.tick().await.unwrap(), 0, "nothing left to claim");
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let m = &messages[0];
        assert_eq!(m.to, ["agent@example.com"]);
        assert_eq!(m.header("Subject").unwrap(), "Reminder: Call <Wanjiku> back");
        let id = m.header("Message-ID").unwrap();
        assert!(id.starts_with(&format!("<reminder-{}.", r["id"])) && id.ends_with("@crm.example.co.ke>"), "{id}");
        assert!(m.header("Content-Type").unwrap().starts_with("multipart/alternative"));
        let body = decode_qp(&m.data);
        assert!(body.contains("text/plain") && body.contains("text/html"));
        assert!(body.contains("Wanjiku Kamau (Safaricom PLC)"));
        assert!(body.contains(&format!("https://crm.example.co.ke/leads/{}", lead["id"])));
        assert!(body.contains("Call &lt;Wanjiku&gt; back"), "the title is escaped in HTML");
        assert!(body.contains("&lt;b&gt;signed&lt;/b&gt; &quot;KES&quot; quote &amp; contract"));
        assert!(body.contains("Bring the <b>signed</b> \"KES\" quote & contract"), "plain text as written");
        let sent = reminder(&app, &agent, &r).await;
        assert_eq!(sent["status"], "sent");
        assert!(sent["sent_at"].is_string());
        assert_eq!(reminder(&app, &agent, &later).await["status"], "pending");
        let (_, log) = app.get(&format!("/api/audit-logs/?entity=reminder&entity_id={}&action=update", r["id"]), &app.manager().await).await;
        assert_eq!(log["results"][0]["username"], "system");
        assert_eq!(log["results"][0]["changes"]["after"]["status"], "sent");
    }

    async fn without_smtp_messages_go_to_the_outbox_for_managers_to_read(app) {
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Otieno"})).await;
        let r = due_reminder(&app, &agent, &lead, "Outbox check", -5).await;
        let dispatcher = Dispatcher::new(app.db.clone(), settings(None)).unwrap();
        assert_eq!(dispatcher.tick().await.unwrap(), 1);
        assert_eq!(reminder(&app, &agent, &r).await["status"], "sent");
        let (status, page) = app.get("/api/outbox/", &app.manager().await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["count"], 1);
        let message = &page["results"][0];
        assert_eq!(message["to"], "agent@example.com");
        assert_eq!(message["subject"], "Reminder: Outbox check");
        assert_eq!(message["reminder"], r["id"]);
        assert!(message["body_text"].as_str().unwrap().contains("Otieno"));
        assert_eq!(app.get("/api/outbox/", &agent).await.0, StatusCode::FORBIDDEN);
        assert_eq!(app.post("/api/outbox/", &app.manager().await, json!({})).await.0, StatusCode::METHOD_NOT_ALLOWED);
    }

    async fn smtp_refusals_are_retried_with_backoff_until_delivered(app) {
        let sink = SmtpSink::start(Behaviour { refuse_first: 2, ..Default::default() }).await.unwrap();
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Retry"})).await;
        let r = due_reminder(&app, &agent, &lead, "Retry me", -1).await;
        let dispatcher = Dispatcher::new(app.db.clone(), settings(Some(&sink))).unwrap();
        dispatcher.tick().await.unwrap();
        let after_first = reminder(&app, &agent, &r).await;
        assert_eq!(after_first["status"], "pending");
        assert!(after_first["last_error"].as_str().unwrap().contains("451"), "{after_first}");
        assert_eq!(dispatcher.tick().await.unwrap(), 0, "not before its backoff");
        let mut delivered = false;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            dispatcher.tick().await.unwrap();
            if reminder(&app, &agent, &r).await["status"] == "sent" {
                delivered = true;
                break;
            }
        }
        assert!(delivered);
        assert_eq!(sink.count(), 1);
        assert_eq!(reminder(&app, &agent, &r).await["last_error"], "");
    }

    async fn after_the_last_attempt_a_reminder_fails_readably_and_rescheduling_revives_it(app) {
        let sink = SmtpSink::start(Behaviour { refuse_first: usize::MAX, ..Default::default() }).await.unwrap();
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Fail"})).await;
        let r = due_reminder(&app, &agent, &lead, "Doomed", -1).await;
        let dispatcher = Dispatcher::new(app.db.clone(), DispatchArgs { mail_max_attempts: 2, mail_backoff: Duration::from_millis(50), ..settings(Some(&sink)) }).unwrap();
        for _ in 0..20 {
            dispatcher.tick().await.unwrap();
            if reminder(&app, &agent, &r).await["status"] == "failed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(60)).await;
        }
        let failed = reminder(&app, &agent, &r).await;
        assert_eq!(failed["status"], "failed");
        let error = failed["last_error"].as_str().unwrap();
        assert!(error.contains("451") && error.contains("Try again later"), "{failed}");
        let (status, again) = app.patch(&format!("/api/reminders/{}/", r["id"]), &agent, json!({"remind_at": (Utc::now() + chrono::Duration::hours(1)).to_rfc3339()})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(again["status"], "pending");
    }

    async fn an_unreachable_server_is_a_readable_error(app) {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Down"})).await;
        let r = due_reminder(&app, &agent, &lead, "Nobody home", -1).await;
        let args = DispatchArgs { smtp_url: Some(Secret::new(format!("smtp://{closed}"))), mail_max_attempts: 1, ..settings(None) };
        Dispatcher::new(app.db.clone(), args).unwrap().tick().await.unwrap();
        let failed = reminder(&app, &agent, &r).await;
        assert_eq!(failed["status"], "failed");
        let error = failed["last_error"].as_str().unwrap().to_lowercase();
        assert!(error.starts_with("smtp") && error.contains("connect"), "{error}");
    }

    async fn an_inactive_or_addressless_recipient_fails_at_once(app) {
        let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
        let manager = app.manager().await;
        let (_, quiet) = app.post("/api/users/", &manager, json!({"username": "quiet", "password": "long enough password"})).await;
        let (_, gone) = app.post("/api/users/", &manager, json!({"username": "gone", "email": "gone@example.com", "password": "long enough password"})).await;
        let lead = app.lead(&manager, json!({"first_name": "Nobody"})).await;
        let at = (Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
        let (_, a) = app.post("/api/reminders/", &manager, json!({"lead": lead["id"], "title": "a", "remind_at": at, "recipient": quiet["id"]})).await;
        let (_, b) = app.post("/api/reminders/", &manager, json!({"lead": lead["id"], "title": "b", "remind_at": at, "recipient": gone["id"]})).await;
        app.patch(&format!("/api/users/{}/", gone["id"]), &manager, json!({"is_active": false})).await;
        Dispatcher::new(app.db.clone(), settings(Some(&sink))).unwrap().tick().await.unwrap();
        let a = reminder(&app, &manager, &a).await;
        let b = reminder(&app, &manager, &b).await;
        assert_eq!((a["status"].as_str(), b["status"].as_str()), (Some("failed"), Some("failed")));
        assert_eq!(a["last_error"], "The recipient quiet has no email address.");
        assert_eq!(b["last_error"], "The recipient gone is inactive.");
        assert_eq!(sink.count(), 0);
    }

    async fn cancelling_wins_over_a_claimed_send(app) {
        let agent = app.agent().await;
        let lead = app.lead(&agent, json!({"first_name": "Cancel"})).await;
        let r = due_reminder(&app, &agent, &lead, "Changed my mind", -1).await;
        let claimed = crm::db::dispatch::claim(&app.db, "lease-1", Duration::from_secs(60), 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        let (status, _) = app.patch(&format!("/api/reminders/{}/", r["id"]), &agent, json!({"status": "cancelled"})).await;
        assert_eq!(status, StatusCode::OK);
        let id = r["id"].as_i64().unwrap();
        assert!(!crm::db::dispatch::still_ours(&app.db.conn, id, "lease-1").await.unwrap());
        assert!(!crm::db::dispatch::mark_sent(&app.db.conn, id, "lease-1").await.unwrap());
        assert_eq!(reminder(&app, &agent, &r).await["status"], "cancelled");
    }

    async fn the_calendar_feed_is_valid_icalendar_with_stable_uids(app) {
        let agent = app.agent().await;
        let manager = app.manager().await;
        let lead = app.lead(&agent, json!({"first_name": "Akinyi", "company": "Nation, Media; Group"})).await;
        let title = "Call back; bring quote, \"draft\" \\ v2 — Ksh 1,000,000 for the whole Nairobi and Mombasa rollout";
        let at = (Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
        app.post("/api/reminders/", &agent, json!({"lead": lead["id"], "title": title, "message": "Line one\nLine two", "remind_at": at})).await;
        let (_, cancelled) = app.post("/api/reminders/", &agent, json!({"lead": lead["id"], "title": "Cancelled", "remind_at": at})).await;
        app.patch(&format!("/api/reminders/{}/", cancelled["id"]), &agent, json!({"status": "cancelled"})).await;
        app.post("/api/reminders/", &manager, json!({"lead": lead["id"], "title": "Someone else's", "remind_at": at})).await;

        let (_, me) = app.get("/api/auth/me/", &agent).await;
        let url = me["calendar_url"].as_str().unwrap().to_string();
        assert!(url.starts_with("http://127.0.0.1:8080/calendar/") && url.ends_with(".ics"), "{url}");
        let path = &url["http://127.0.0.1:8080".len()..];
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let text = res.text().await.unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "folded at 75 octets: {line}");
            assert!(!line.contains('\n'));
        }
        let unfolded = icalendar::parser::unfold(&text);
        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let events: Vec<_> = parsed.components.iter().filter(|c| c.name == "VEVENT").collect();
        assert_eq!(events.len(), 1, "one event per pending or sent reminder of this user");
        let event = events[0];
        let prop = |name: &str| event.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string()).unwrap();
        assert_eq!(prop("SUMMARY"), title, "escaped text reads back exactly");
        let description = prop("DESCRIPTION");
        assert!(description.contains("Nation, Media; Group)\nLine one\nLine two"), "{description}");
        assert!(unfolded.contains("Nation\\, Media\\; Group"), "escaped on the wire");
        assert!(prop("DTSTART").ends_with('Z'));
        assert!(event.components.iter().any(|c| c.name == "VALARM"));
        let uid = prop("UID");
        let again = app.client.get(app.url(path)).send().await.unwrap().text().await.unwrap();
        assert!(again.contains(&format!("UID:{uid}")), "UIDs are stable");

        let (status, rotated) = app.post("/api/auth/calendar-token/", &agent, json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let new_url = rotated["calendar_url"].as_str().unwrap();
        assert_ne!(new_url, url);
        assert_eq!(app.client.get(app.url(path)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "the old URL stops working");
        let new_path = &new_url["http://127.0.0.1:8080".len()..];
        assert_eq!(app.client.get(app.url(new_path)).send().await.unwrap().status(), StatusCode::OK);
        for bad in ["/calendar/nope.ics", "/calendar/abcdef.ics", "/calendar/abc"] {
            assert_eq!(app.client.get(app.url(bad)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{bad}");
        }
    }
}

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
        "INSERT INTO reminders (lead_id, title, remind_at, recipient_id, status, created_at, updated_at) VALUES ",
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
