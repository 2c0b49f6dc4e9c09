//! Reminder emails through a real SMTP server on loopback: content, outbox, retries and
//! failures, cancellation; the calendar feed (`calendar`); exactly-once delivery with two
//! worker processes, and recovery after a worker is killed (`workers`).

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::Utc;
use crm::config::{DispatchArgs, Secret};
use crm::jobs::dispatcher::Dispatcher;
use crm::jobs::sink::{Behaviour, Received, SmtpSink};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::TestApp;

mod calendar;
mod workers;

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
    let (status, r) = app
        .post(
            "/api/reminders/",
            token,
            json!({
                "lead": lead["id"], "title": title,
                "message": "Bring the <b>signed</b> \"KES\" quote & contract", "remind_at": at
            }),
        )
        .await;
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

both_backends!(
    a_due_reminder_is_emailed_once_with_text_and_escaped_html,
    without_smtp_messages_go_to_the_outbox_for_managers_to_read,
    smtp_refusals_are_retried_with_backoff_until_delivered,
    after_the_last_attempt_a_reminder_fails_readably_and_rescheduling_revives_it,
    an_unreachable_server_is_a_readable_error,
    an_inactive_or_addressless_recipient_fails_at_once,
    cancelling_wins_over_a_claimed_send
);

async fn a_due_reminder_is_emailed_once_with_text_and_escaped_html(app: TestApp) {
    let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
    let agent = app.agent().await;
    let lead = app
        .lead(
            &agent,
            json!({"first_name": "Wanjiku", "last_name": "Kamau", "company": "Safaricom PLC"}),
        )
        .await;
    let r = due_reminder(&app, &agent, &lead, "Call <Wanjiku> back", -1).await;
    let later = due_reminder(&app, &agent, &lead, "Not yet", 3600).await;
    let dispatcher = Dispatcher::new(app.db.clone(), settings(Some(&sink))).unwrap();
    assert_eq!(dispatcher.tick().await.unwrap(), 1);
    assert_eq!(dispatcher.tick().await.unwrap(), 0, "nothing left to claim");
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.to, ["agent@example.com"]);
    assert_eq!(
        m.header("Subject").unwrap(),
        "Reminder: Call <Wanjiku> back"
    );
    let id = m.header("Message-ID").unwrap();
    assert!(
        id.starts_with(&format!("<reminder-{}.", r["id"])) && id.ends_with("@crm.example.co.ke>"),
        "{id}"
    );
    assert!(
        m.header("Content-Type")
            .unwrap()
            .starts_with("multipart/alternative")
    );
    let body = decode_qp(&m.data);
    assert!(body.contains("text/plain") && body.contains("text/html"));
    assert!(body.contains("Wanjiku Kamau (Safaricom PLC)"));
    assert!(body.contains(&format!("https://crm.example.co.ke/leads/{}", lead["id"])));
    assert!(
        body.contains("Call &lt;Wanjiku&gt; back"),
        "the title is escaped in HTML"
    );
    assert!(body.contains("&lt;b&gt;signed&lt;/b&gt; &quot;KES&quot; quote &amp; contract"));
    assert!(
        body.contains("Bring the <b>signed</b> \"KES\" quote & contract"),
        "plain text as written"
    );
    let sent = reminder(&app, &agent, &r).await;
    assert_eq!(sent["status"], "sent");
    assert!(sent["sent_at"].is_string());
    assert_eq!(reminder(&app, &agent, &later).await["status"], "pending");
    let (_, log) = app
        .get(
            &format!(
                "/api/audit-logs/?entity=reminder&entity_id={}&action=update",
                r["id"]
            ),
            &app.manager().await,
        )
        .await;
    assert_eq!(log["results"][0]["username"], "system");
    assert_eq!(log["results"][0]["changes"]["after"]["status"], "sent");
}

async fn without_smtp_messages_go_to_the_outbox_for_managers_to_read(app: TestApp) {
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
    assert_eq!(
        app.get("/api/outbox/", &agent).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/api/outbox/", &app.manager().await, json!({}))
            .await
            .0,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

async fn smtp_refusals_are_retried_with_backoff_until_delivered(app: TestApp) {
    let sink = SmtpSink::start(Behaviour {
        refuse_first: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Retry"})).await;
    let r = due_reminder(&app, &agent, &lead, "Retry me", -1).await;
    let dispatcher = Dispatcher::new(app.db.clone(), settings(Some(&sink))).unwrap();
    dispatcher.tick().await.unwrap();
    let after_first = reminder(&app, &agent, &r).await;
    assert_eq!(after_first["status"], "pending");
    assert!(
        after_first["last_error"].as_str().unwrap().contains("451"),
        "{after_first}"
    );
    assert_eq!(
        dispatcher.tick().await.unwrap(),
        0,
        "not before its backoff"
    );
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

async fn after_the_last_attempt_a_reminder_fails_readably_and_rescheduling_revives_it(
    app: TestApp,
) {
    let sink = SmtpSink::start(Behaviour {
        refuse_first: usize::MAX,
        ..Default::default()
    })
    .await
    .unwrap();
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Fail"})).await;
    let r = due_reminder(&app, &agent, &lead, "Doomed", -1).await;
    let dispatcher = Dispatcher::new(
        app.db.clone(),
        DispatchArgs {
            mail_max_attempts: 2,
            mail_backoff: Duration::from_millis(50),
            ..settings(Some(&sink))
        },
    )
    .unwrap();
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
    assert!(
        error.contains("451") && error.contains("Try again later"),
        "{failed}"
    );
    let (status, again) = app
        .patch(
            &format!("/api/reminders/{}/", r["id"]),
            &agent,
            json!({"remind_at": (Utc::now() + chrono::Duration::hours(1)).to_rfc3339()}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["status"], "pending");
}

async fn an_unreachable_server_is_a_readable_error(app: TestApp) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Down"})).await;
    let r = due_reminder(&app, &agent, &lead, "Nobody home", -1).await;
    let args = DispatchArgs {
        smtp_url: Some(Secret::new(format!("smtp://{closed}"))),
        mail_max_attempts: 1,
        ..settings(None)
    };
    Dispatcher::new(app.db.clone(), args)
        .unwrap()
        .tick()
        .await
        .unwrap();
    let failed = reminder(&app, &agent, &r).await;
    assert_eq!(failed["status"], "failed");
    let error = failed["last_error"].as_str().unwrap().to_lowercase();
    assert!(
        error.starts_with("smtp") && error.contains("connect"),
        "{error}"
    );
}

async fn an_inactive_or_addressless_recipient_fails_at_once(app: TestApp) {
    let sink = SmtpSink::start(Behaviour::default()).await.unwrap();
    let manager = app.manager().await;
    let (_, quiet) = app
        .post(
            "/api/users/",
            &manager,
            json!({"username": "quiet", "password": "long enough password"}),
        )
        .await;
    let (_, gone) = app
        .post(
            "/api/users/",
            &manager,
            json!({
                "username": "gone", "email": "gone@example.com", "password": "long enough password"
            }),
        )
        .await;
    let lead = app.lead(&manager, json!({"first_name": "Nobody"})).await;
    let at = (Utc::now() - chrono::Duration::seconds(1)).to_rfc3339();
    let (_, a) = app
        .post(
            "/api/reminders/",
            &manager,
            json!({"lead": lead["id"], "title": "a", "remind_at": at, "recipient": quiet["id"]}),
        )
        .await;
    let (_, b) = app
        .post(
            "/api/reminders/",
            &manager,
            json!({"lead": lead["id"], "title": "b", "remind_at": at, "recipient": gone["id"]}),
        )
        .await;
    app.patch(
        &format!("/api/users/{}/", gone["id"]),
        &manager,
        json!({"is_active": false}),
    )
    .await;
    Dispatcher::new(app.db.clone(), settings(Some(&sink)))
        .unwrap()
        .tick()
        .await
        .unwrap();
    let a = reminder(&app, &manager, &a).await;
    let b = reminder(&app, &manager, &b).await;
    assert_eq!(
        (a["status"].as_str(), b["status"].as_str()),
        (Some("failed"), Some("failed"))
    );
    assert_eq!(a["last_error"], "The recipient quiet has no email address.");
    assert_eq!(b["last_error"], "The recipient gone is inactive.");
    assert_eq!(sink.count(), 0);
}

async fn cancelling_wins_over_a_claimed_send(app: TestApp) {
    let agent = app.agent().await;
    let lead = app.lead(&agent, json!({"first_name": "Cancel"})).await;
    let r = due_reminder(&app, &agent, &lead, "Changed my mind", -1).await;
    let claimed = crm::db::dispatch::claim(&app.db, "lease-1", Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let (status, _) = app
        .patch(
            &format!("/api/reminders/{}/", r["id"]),
            &agent,
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = r["id"].as_i64().unwrap();
    assert!(
        !crm::db::dispatch::still_ours(&app.db.conn, id, "lease-1")
            .await
            .unwrap()
    );
    assert!(
        !crm::db::dispatch::mark_sent(&app.db.conn, id, "lease-1")
            .await
            .unwrap()
    );
    assert_eq!(reminder(&app, &agent, &r).await["status"], "cancelled");
}
