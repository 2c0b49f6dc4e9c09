//! PostgreSQL stopped and started under load: fast 503s while it is down, recovery without
//! a restart, and the same invariants as after a kill.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use super::ledger::{self, Outcome, check, print};
use super::pg_cluster::PgCluster;
use super::{DB_UNAVAILABLE, Server, client, crm, holder_lead, login, timed};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgresql_outage_answers_503_fast_and_recovers_without_a_restart() {
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    crm(&cluster.url(), &["seed", "--demo"]);
    let server = Server::start(&cluster.url(), &[]).await;
    let http = client(30);
    let token = login(&http, &server, "agent").await;
    let lead = holder_lead(&http, &server, &token).await;
    let prefix = crm::auth::random_hex(3);
    let (stop, writers) = ledger::start_writers(4, &server.base(), &token, &prefix, lead);
    tokio::time::sleep(Duration::from_secs(1)).await;

    cluster.stop();
    // The first requests may meet connections that died with the server; from then on
    // every answer is a quick 503.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for i in 0..3 {
        let body = json!({"first_name": format!("During outage {i}")});
        let (status, body, took) = timed(
            http.post(server.url("/api/leads/"))
                .bearer_auth(&token)
                .json(&body),
        )
        .await;
        assert_eq!(
            status,
            Some(StatusCode::SERVICE_UNAVAILABLE),
            "write while down: {body}"
        );
        assert_eq!(body["detail"], DB_UNAVAILABLE);
        assert!(took < Duration::from_millis(2500), "a write took {took:?}");
        let (status, body, took) =
            timed(http.get(server.url("/api/leads/")).bearer_auth(&token)).await;
        assert_eq!(
            status,
            Some(StatusCode::SERVICE_UNAVAILABLE),
            "read while down: {body}"
        );
        assert!(took < Duration::from_millis(2500), "a read took {took:?}");
        let (status, body, took) = timed(
            http.get(server.url("/api/leads/export/"))
                .bearer_auth(&token),
        )
        .await;
        assert_eq!(
            status,
            Some(StatusCode::SERVICE_UNAVAILABLE),
            "export while down: {body}"
        );
        assert!(
            took < Duration::from_millis(2500),
            "an export took {took:?}"
        );
        let (status, _, took) = timed(http.get(server.url("/readyz"))).await;
        assert_eq!(status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert!(took < Duration::from_millis(1500), "/readyz took {took:?}");
        let (status, _, _) = timed(http.get(server.url("/healthz"))).await;
        assert_eq!(status, Some(StatusCode::OK), "the process itself is up");
    }

    cluster.start_again();
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut recovered = false;
    while Instant::now() < deadline {
        let body = json!({"lead": lead, "content": "after the outage"});
        let (status, _, _) = timed(
            http.post(server.url("/api/notes/"))
                .bearer_auth(&token)
                .json(&body),
        )
        .await;
        if status == Some(StatusCode::CREATED) {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        recovered,
        "writes succeed again without restarting the server"
    );
    let (status, _, _) = timed(http.get(server.url("/readyz"))).await;
    assert_eq!(status, Some(StatusCode::OK));
    tokio::time::sleep(Duration::from_secs(1)).await;
    let ledger = ledger::stop_writers(stop, writers).await;

    let db = crm::db::Db::connect(&cluster.url()).await.unwrap();
    let figures = check(&db, &ledger, &prefix).await;
    print("postgresql outage", &figures);
    let refused_503 = ledger
        .writes
        .values()
        .filter(|o| **o == Outcome::Refused(503))
        .count();
    assert!(refused_503 > 0, "writers met the outage");
    assert!(
        ledger.writes.values().all(|o| matches!(
            o,
            Outcome::Acknowledged(_) | Outcome::Indeterminate | Outcome::Refused(503)
        )),
        "every write is acknowledged, cut off, or a 503"
    );
    db.conn.close().await.ok();
}
