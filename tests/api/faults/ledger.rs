//! Writes under faults and what must hold afterwards: every write the server acknowledged
//! is in the database, nothing is there that the server refused, and the audit log, the
//! maintained counters and the file itself are consistent.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crm::db::{ConnectionTrait, Db, DbBackend, QueryResult};
use serde_json::{Value, json};

/// What became of one write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx with the new row's id.
    Acknowledged(i64),
    /// Sent, but no answer came (connection reset, timeout): either way is correct.
    Indeterminate,
    /// Any other status: must not have been saved.
    Refused(u16),
    /// The connection could not be made, so nothing was sent: must not have been saved.
    Unsent,
}

/// Every write of a run, by marker. Markers of leads start with `L`, of notes with `N`.
#[derive(Default)]
pub struct Ledger {
    pub writes: BTreeMap<String, Outcome>,
}

pub struct Figures {
    pub attempted: usize,
    pub acknowledged: usize,
    pub indeterminate: usize,
    pub refused: usize,
    pub unsent: usize,
    pub present: usize,
    pub lost: usize,
}

/// Writes leads and notes (on `lead`) as fast as it can until `stop`, each with a unique
/// marker, and records what became of each.
pub async fn writer(
    base: String,
    token: String,
    worker: usize,
    prefix: String,
    lead: i64,
    stop: Arc<AtomicBool>,
) -> Ledger {
    let client = super::client(10);
    let mut ledger = Ledger::default();
    let mut i = 0usize;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let (marker, path, body) = if i.is_multiple_of(2) {
            let marker = format!("L{prefix}-{worker}-{i}");
            let priority = ["low", "medium", "high"][i % 3];
            let status = ["new", "contacted", "qualified"][i % 3];
            let body = json!({
                "first_name": marker,
                "estimated_value": format!("{i}.25"),
                "priority": priority,
                "status": status,
            });
            (marker, "/api/leads/", body)
        } else {
            let marker = format!("N{prefix}-{worker}-{i}");
            (
                marker.clone(),
                "/api/notes/",
                json!({"lead": lead, "content": marker}),
            )
        };
        let sent = client
            .post(format!("{base}{path}"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        let outcome = match sent {
            Err(e) if e.is_connect() => Outcome::Unsent,
            Err(_) => Outcome::Indeterminate,
            Ok(res) if res.status().is_success() => match res.json::<Value>().await {
                Ok(v) => Outcome::Acknowledged(v["id"].as_i64().expect("an id in a 2xx")),
                // The status came but the body was cut: the write may or may not be kept.
                Err(_) => Outcome::Indeterminate,
            },
            Ok(res) => Outcome::Refused(res.status().as_u16()),
        };
        if outcome == Outcome::Unsent {
            // The server is down: do not spin.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        ledger.writes.insert(marker, outcome);
    }
    ledger
}

pub fn merge(ledgers: Vec<Ledger>) -> Ledger {
    let mut all = Ledger::default();
    for l in ledgers {
        all.writes.extend(l.writes);
    }
    all
}

pub async fn query(db: &Db, text: &str) -> Vec<QueryResult> {
    let backend = db.backend();
    db.conn
        .query_all_raw(crm::db::sql::sql(text, []).statement(backend))
        .await
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn i64_at(row: &QueryResult, i: usize) -> i64 {
    row.try_get_by_index(i).unwrap()
}

fn text_at(row: &QueryResult, i: usize) -> String {
    row.try_get_by_index(i).unwrap()
}

/// Checks acknowledged ⊆ present ⊆ acknowledged ∪ indeterminate for the writes marked
/// with `prefix`, an audit entry per present row, the counters, and (SQLite) the file.
pub async fn check(db: &Db, ledger: &Ledger, prefix: &str) -> Figures {
    let mut present: BTreeMap<String, (&str, i64)> = BTreeMap::new();
    let leads = format!("SELECT first_name, id FROM leads WHERE first_name LIKE 'L{prefix}-%'");
    for row in query(db, &leads).await {
        present.insert(text_at(&row, 0), ("lead", i64_at(&row, 1)));
    }
    let notes = format!("SELECT content, id FROM notes WHERE content LIKE 'N{prefix}-%'");
    for row in query(db, &notes).await {
        present.insert(text_at(&row, 0), ("note", i64_at(&row, 1)));
    }
    let mut lost = Vec::new();
    for (marker, outcome) in &ledger.writes {
        match (outcome, present.get(marker)) {
            (Outcome::Acknowledged(id), Some((_, found))) => {
                assert_eq!(id, found, "{marker}: acknowledged id")
            }
            (Outcome::Acknowledged(_), None) => lost.push(marker.clone()),
            (Outcome::Refused(500), _) => panic!("{marker}: 500 instead of a clear answer"),
            (Outcome::Refused(status), Some(_)) => {
                panic!("{marker} was refused with {status} but saved")
            }
            (Outcome::Unsent, Some(_)) => panic!("{marker} was never sent but saved"),
            _ => {}
        }
    }
    for marker in present.keys() {
        assert!(
            ledger.writes.contains_key(marker),
            "{marker} saved but never written"
        );
    }
    let audited: BTreeSet<(String, i64)> = query(
        db,
        "SELECT entity, entity_id FROM audit_logs \
         WHERE action = 'create' AND entity IN ('lead', 'note')",
    )
    .await
    .iter()
    .map(|r| (text_at(r, 0), i64_at(r, 1)))
    .collect();
    for (marker, (entity, id)) in &present {
        assert!(
            audited.contains(&(entity.to_string(), *id)),
            "{marker} ({entity} {id}) has no audit entry"
        );
    }
    check_counters(db).await;
    if db.backend() == DbBackend::Sqlite {
        let rows = query(db, "PRAGMA integrity_check").await;
        assert_eq!(text_at(&rows[0], 0), "ok");
    }
    let count = |f: fn(&Outcome) -> bool| ledger.writes.values().filter(|o| f(o)).count();
    let figures = Figures {
        attempted: ledger.writes.len(),
        acknowledged: count(|o| matches!(o, Outcome::Acknowledged(_))),
        indeterminate: count(|o| matches!(o, Outcome::Indeterminate)),
        refused: count(|o| matches!(o, Outcome::Refused(_))),
        unsent: count(|o| matches!(o, Outcome::Unsent)),
        present: present.len(),
        lost: lost.len(),
    };
    assert!(lost.is_empty(), "acknowledged but missing: {lost:?}");
    figures
}

/// The trigger-maintained figures equal the real counts and sums.
pub async fn check_counters(db: &Db) {
    let kept: BTreeMap<(String, i64), (i64, i64)> = query(
        db,
        "SELECT status, CAST(priority AS BIGINT), CAST(leads AS BIGINT), \
         CAST(value_units * 100 + value_cents AS BIGINT) FROM lead_stats",
    )
    .await
    .iter()
    .map(|r| ((text_at(r, 0), i64_at(r, 1)), (i64_at(r, 2), i64_at(r, 3))))
    .filter(|(_, v)| *v != (0, 0))
    .collect();
    let real: BTreeMap<(String, i64), (i64, i64)> = query(
        db,
        "SELECT status, CAST(priority AS BIGINT), CAST(COUNT(*) AS BIGINT), \
         CAST(COALESCE(SUM(estimated_value), 0) AS BIGINT) FROM leads GROUP BY status, priority",
    )
    .await
    .iter()
    .map(|r| ((text_at(r, 0), i64_at(r, 1)), (i64_at(r, 2), i64_at(r, 3))))
    .collect();
    assert_eq!(kept, real, "lead_stats equals the leads table");
    let contacts = query(
        db,
        "SELECT CAST(n AS BIGINT), (SELECT CAST(COUNT(*) AS BIGINT) FROM contacts) \
         FROM row_counts WHERE name = 'contacts'",
    )
    .await;
    assert_eq!(
        i64_at(&contacts[0], 0),
        i64_at(&contacts[0], 1),
        "row_counts equals the contacts table"
    );
}

pub fn print(name: &str, f: &Figures) {
    eprintln!(
        "{name}: attempted {}, acknowledged {}, indeterminate {}, refused {}, unsent {}, \
         present {}, lost {}",
        f.attempted, f.acknowledged, f.indeterminate, f.refused, f.unsent, f.present, f.lost
    );
}

/// Starts `n` writers against `base`; returns the stop flag and their handles.
pub fn start_writers(
    n: usize,
    base: &str,
    token: &str,
    prefix: &str,
    lead: i64,
) -> (Arc<AtomicBool>, Vec<tokio::task::JoinHandle<Ledger>>) {
    let stop = Arc::new(AtomicBool::new(false));
    let handles = (0..n)
        .map(|w| {
            tokio::spawn(writer(
                base.to_string(),
                token.to_string(),
                w,
                prefix.to_string(),
                lead,
                stop.clone(),
            ))
        })
        .collect();
    (stop, handles)
}

pub async fn stop_writers(
    stop: Arc<AtomicBool>,
    handles: Vec<tokio::task::JoinHandle<Ledger>>,
) -> Ledger {
    stop.store(true, Ordering::Relaxed);
    let mut ledgers = Vec::new();
    for h in handles {
        ledgers.push(h.await.unwrap());
    }
    merge(ledgers)
}
