//! Slow and idle clients over raw TCP: connections that never finish a request head are
//! closed after the header timeout, slow bodies get 408, oversized ones 413 at once, and a
//! thousand idle connections do not starve anyone else.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Server, client, login, timed};
use crate::helpers::{Backend, TestApp};

const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
const BODY_TIMEOUT: Duration = Duration::from_secs(3);
/// Slack for timers and scheduling on a busy test machine.
const MARGIN: Duration = Duration::from_secs(2);

async fn slow_server(backend: Backend) -> Option<(TestApp, Server)> {
    let Some(app) = TestApp::spawn(backend).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return None;
    };
    let env = [("CRM_HEADER_TIMEOUT", "2s"), ("CRM_BODY_TIMEOUT", "3s")];
    let server = Server::start(&app.url, &env).await;
    Some((app, server))
}

async fn connect(server: &Server) -> TcpStream {
    TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap()
}

/// Waits for the server to close the connection (end of stream or reset), discarding
/// whatever it sends first; panics if it is still open after `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration, what: &str) -> Duration {
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => panic!("{what}: still open after {limit:?}"),
            Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
        }
    }
}

/// Reads one response: status, lower-cased head, body.
async fn response(stream: &mut TcpStream, limit: Duration) -> (u16, String, String) {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let started = Instant::now();
    let complete = |data: &[u8]| -> Option<(usize, usize)> {
        let end = data.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
        let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .map_or(0, |v| v.trim().parse().unwrap());
        (data.len() >= end + length).then_some((end, length))
    };
    let (end, length) = loop {
        if let Some(done) = complete(&data) {
            break done;
        }
        let left = limit.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => panic!(
                "no complete response within {limit:?}: {:?}",
                String::from_utf8_lossy(&data)
            ),
            Ok(Ok(0)) | Ok(Err(_)) => panic!(
                "closed without a response: {:?}",
                String::from_utf8_lossy(&data)
            ),
            Ok(Ok(n)) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = String::from_utf8_lossy(&data[end..end + length]).into_owned();
    (status, head, body)
}

fn says_close(head: &str) -> bool {
    head.lines()
        .any(|l| l.starts_with("connection:") && l.contains("close"))
}

async fn connections_that_never_finish_a_request_head_are_closed(backend: Backend) {
    let Some((_app, server)) = slow_server(backend).await else {
        return;
    };
    let limit = HEADER_TIMEOUT + MARGIN;
    let cases: [(&str, &[u8]); 3] = [
        ("an idle new connection", b""),
        ("a partial request line", b"GET /heal"),
        (
            "partial headers",
            b"GET /healthz HTTP/1.1\r\nHost: crm\r\nX-Slow: 1",
        ),
    ];
    let mut streams = Vec::new();
    for (what, sent) in cases {
        let mut stream = connect(&server).await;
        stream.write_all(sent).await.unwrap();
        streams.push((what, stream));
    }
    for (what, stream) in &mut streams {
        closed_within(stream, limit, what).await;
    }
}

async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout(backend: Backend) {
    let Some((_app, server)) = slow_server(backend).await else {
        return;
    };
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: crm\r\n\r\n")
        .await
        .unwrap();
    let (status, head, _) = response(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(status, 200);
    assert!(
        !says_close(&head),
        "kept alive after a complete request: {head}"
    );
    closed_within(
        &mut stream,
        HEADER_TIMEOUT + MARGIN,
        "an idle kept-alive connection",
    )
    .await;
}

async fn a_body_that_stops_arriving_gets_408_and_the_connection_closes(backend: Backend) {
    let Some((_app, server)) = slow_server(backend).await else {
        return;
    };
    let token = login(&client(10), &server, "agent").await;
    let mut stream = connect(&server).await;
    let head = format!(
        "POST /api/leads/ HTTP/1.1\r\nHost: crm\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"first_na"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (status, head, body) = response(&mut stream, BODY_TIMEOUT + MARGIN).await;
    assert_eq!(status, 408, "{head}{body}");
    assert!(
        started.elapsed() >= BODY_TIMEOUT - Duration::from_millis(500),
        "408 came too soon"
    );
    assert!(says_close(&head), "{head}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(body["detail"].is_string(), "{body}");
    closed_within(&mut stream, MARGIN, "after a 408").await;
}

async fn a_declared_body_over_the_limit_gets_413_at_once(backend: Backend) {
    let Some((_app, server)) = slow_server(backend).await else {
        return;
    };
    let token = login(&client(10), &server, "agent").await;
    let mut stream = connect(&server).await;
    let head = format!(
        "POST /api/leads/ HTTP/1.1\r\nHost: crm\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (status, head, body) = response(&mut stream, Duration::from_secs(1)).await;
    assert_eq!(status, 413, "{head}{body}");
    assert!(
        says_close(&head),
        "the unread body cannot be followed by another request: {head}"
    );
    closed_within(&mut stream, MARGIN, "after a 413").await;
}

/// The soft limit on open files of this process, from /proc.
fn open_file_limit() -> u64 {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap();
    let soft = line.split_whitespace().nth(3).unwrap();
    soft.parse().unwrap_or(u64::MAX)
}

async fn a_thousand_idle_connections_do_not_starve_other_clients(backend: Backend) {
    let limit = open_file_limit();
    assert!(
        limit >= 2500,
        "this test holds 1 000 connections: raise the open-file limit (ulimit -n, now {limit})"
    );
    let Some((_app, server)) = slow_server(backend).await else {
        return;
    };
    let http = client(10);
    let token = login(&http, &server, "agent").await;
    let mut idle = Vec::new();
    for _ in 0..1000 {
        idle.push(connect(&server).await);
    }
    let (status, _, took) = timed(http.get(server.url("/healthz"))).await;
    assert_eq!(status, Some(StatusCode::OK));
    assert!(took < Duration::from_secs(1), "/healthz took {took:?}");
    let (status, _, took) = timed(http.get(server.url("/api/leads/")).bearer_auth(&token)).await;
    assert_eq!(status, Some(StatusCode::OK));
    assert!(
        took < Duration::from_secs(2),
        "an API request took {took:?}"
    );
    // The idle ones are then closed like any other.
    let mut last = idle.pop().unwrap();
    closed_within(&mut last, HEADER_TIMEOUT + MARGIN, "one of a thousand idle").await;
}

crate::run_on_both_backends!(
    connections_that_never_finish_a_request_head_are_closed,
    an_idle_keep_alive_connection_is_closed_after_the_header_timeout,
    a_body_that_stops_arriving_gets_408_and_the_connection_closes,
    a_declared_body_over_the_limit_gets_413_at_once,
    a_thousand_idle_connections_do_not_starve_other_clients,
);
