//! A CSV export whose database fails: before the first row the answer is a 503; after the
//! headers were sent the body is cut off, so that no client takes a short file for a whole
//! one.

use std::time::Duration;

use crm::db::ConnectionTrait;
use reqwest::StatusCode;
use serde_json::json;

use super::ledger::query;
use super::pg_cluster::PgCluster;
use super::{Server, client, crm, login};
use crate::helpers::{Backend, TestApp};

/// Reads the rest of the body: `Ok(bytes)` for a clean end, `Err` for a cut one.
async fn rest(res: &mut reqwest::Response, mut got: Vec<u8>) -> Result<Vec<u8>, reqwest::Error> {
    while let Some(chunk) = res.chunk().await? {
        got.extend_from_slice(&chunk);
    }
    Ok(got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_export_cut_off_by_a_postgresql_outage_ends_in_an_error() {
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    crm(&cluster.url(), &["seed", "--demo"]);
    crm(&cluster.url(), &["seed", "--bulk", "100000"]);
    let server = Server::start(&cluster.url(), &[]).await;
    let http = client(60);
    let token = login(&http, &server, "manager").await;
    let db = crm::db::Db::connect(&cluster.url()).await.unwrap();
    let total: i64 = query(&db, "SELECT COUNT(*) FROM leads").await[0]
        .try_get_by_index(0)
        .unwrap();
    db.conn.close().await.ok();
    assert!(total >= 100_000, "{total} leads");

    let mut res = http
        .get(server.url("/api/leads/export/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut got = Vec::new();
    while got.len() < 64 * 1024 {
        let chunk = res.chunk().await.unwrap().expect("more than 64 KiB of CSV");
        got.extend_from_slice(&chunk);
    }
    tokio::task::block_in_place(|| cluster.stop());
    match tokio::time::timeout(Duration::from_secs(30), rest(&mut res, got)).await {
        Err(_) => panic!("the export neither ended nor failed"),
        // Cut off: the client knows the file is incomplete.
        Ok(Err(e)) => eprintln!("export cut off by the outage: {e}"),
        Ok(Ok(body)) => {
            // A clean end is only right if every row had left before the outage.
            let lines = body
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            assert!(
                lines as i64 > total,
                "a clean end after {} of {total} rows: a short file that looks whole",
                lines.saturating_sub(1)
            );
        }
    }
}

async fn an_export_whose_query_fails_is_not_a_clean_200(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        eprintln!("PostgreSQL not configured (CRM_TEST_POSTGRES_URL): skipped");
        return;
    };
    let token = app.manager().await;
    for i in 0..3 {
        app.lead(&token, json!({"first_name": format!("Export {i}")}))
            .await;
    }
    let server = Server::start(&app.url, &[]).await;
    let http = client(30);
    let token = login(&http, &server, "manager").await;
    // The table vanishes under the running server, from a connection of its own.
    app.db
        .conn
        .execute_unprepared("ALTER TABLE leads RENAME TO leads_gone")
        .await
        .unwrap();
    let mut res = http
        .get(server.url("/api/leads/export/"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = rest(&mut res, Vec::new()).await;
    match (status, body) {
        (StatusCode::OK, Ok(body)) => panic!(
            "a clean 200 for a failed export: {:?}",
            String::from_utf8_lossy(&body)
        ),
        (StatusCode::OK, Err(_)) => {}
        (status, body) => {
            // A broken schema is not an outage: 500 is as right as 503 here, as long as
            // it is an answer and not a file, and says nothing of the SQL.
            assert!(matches!(status.as_u16(), 500 | 503), "{status}");
            let body: serde_json::Value = serde_json::from_slice(&body.unwrap()).unwrap();
            let detail = body["detail"].as_str().unwrap().to_lowercase();
            assert!(
                !detail.contains("leads")
                    && !detail.contains("table")
                    && !detail.contains("relation"),
                "{detail}"
            );
        }
    }
    drop(server);
    app.db
        .conn
        .execute_unprepared("ALTER TABLE leads_gone RENAME TO leads")
        .await
        .unwrap();
}

crate::run_on_both_backends!(an_export_whose_query_fails_is_not_a_clean_200);
