//! CSV exports hold a database connection while they stream: how many run at once is
//! limited, and a client that stops reading loses its export after the send timeout.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::helpers::{Backend, TestApp};
use crate::run_on_both_backends;

/// Short, so that the test sees stalled exports end.
const SEND_TIMEOUT: Duration = Duration::from_secs(3);

/// Enough rows (about 7 MB) that an unread export fills the channel and the socket
/// buffers (the server's send buffer grows to at most 4 MB), and then waits on its client.
const LEADS: u64 = 40_000;

/// Starts an export over a socket with a small, fixed receive buffer, reads the start of
/// the response, and returns the socket unread beyond that, with the status line.
async fn stall_export(app: &TestApp, token: &str) -> (TcpStream, String) {
    let addr = app.base.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    // A fixed size turns off the kernel's tuning, which would otherwise grow the buffer
    // to take in much of the export.
    socket.set_recv_buffer_size(4096).unwrap();
    let mut client = socket.connect(addr).await.unwrap();
    let request = format!(
        "GET /api/leads/export/ HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\r\n"
    );
    client.write_all(request.as_bytes()).await.unwrap();
    let mut start = [0u8; 64];
    let n = client.read(&mut start).await.unwrap();
    let text = String::from_utf8_lossy(&start[..n]);
    let status = text.lines().next().unwrap_or_default().to_string();
    (client, status)
}

async fn open_export(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .get(app.url("/api/leads/export/"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

run_on_both_backends!(stalled_exports_are_limited_and_end_after_the_send_timeout);

async fn stalled_exports_are_limited_and_end_after_the_send_timeout(backend: Backend) {
    let config = crm::config::Config {
        export_send_timeout: SEND_TIMEOUT,
        ..Default::default()
    };
    let Some(app) = TestApp::spawn_with(backend, config).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    crm::seed::bulk::bulk(&app.db, LEADS, |_, _| {})
        .await
        .unwrap();
    let token = app.agent().await;
    let limit = crm::state::export_limit(&app.db);
    assert!(limit >= 1 && limit < app.db.read_connections() as usize);

    // Each client reads the headers and then nothing more.
    let started = Instant::now();
    let mut stalled = Vec::new();
    for _ in 0..limit {
        let (client, status) = stall_export(&app, &token).await;
        assert_eq!(status, "HTTP/1.1 200 OK");
        stalled.push(client);
    }

    let refused = open_export(&app, &token).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(refused.headers().contains_key("retry-after"));
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(
        body["detail"],
        "Too many exports are running. Try again shortly."
    );

    // The rest of the application still has connections.
    for path in ["/api/leads/?page_size=5", "/readyz"] {
        let asked = Instant::now();
        let res = app
            .client
            .get(app.url(path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(asked.elapsed() < Duration::from_secs(1), "{path} was slow");
    }
    assert!(
        started.elapsed() < SEND_TIMEOUT,
        "the checks above ran while the exports were still stalled"
    );

    // Past the send timeout the stalled exports have given up: their bodies end in an
    // error rather than as a complete file, and their permits are free again.
    // The clock starts when an export has filled the buffers, which takes a debug build
    // under a loaded machine a few seconds: hence the margin.
    tokio::time::sleep(SEND_TIMEOUT + Duration::from_secs(6)).await;
    for mut client in stalled {
        let mut rest = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(30), client.read_to_end(&mut rest));
        // An aborted chunked body ends without its last, empty chunk.
        let ended = read.await.expect("the stalled export ends");
        assert!(
            ended.is_err() || !rest.ends_with(b"\r\n0\r\n\r\n"),
            "a stalled export must be aborted, not completed"
        );
    }
    for _ in 0..=limit {
        let res = open_export(&app, &token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let text = res.text().await.expect("a read export arrives whole");
        assert_eq!(text.lines().count() as u64, LEADS + 1);
    }
}
