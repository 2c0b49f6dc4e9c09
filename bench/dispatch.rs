//! Reminder dispatch throughput: N due reminders (default 10 000) sent to a loopback SMTP
//! sink, on SQLite with one `crm worker` and on PostgreSQL with two. Prints reminders per
//! second and checks that each reminder arrived exactly once (distinct Message-IDs).
//!
//! Run: `make bench-dispatch` (or `cargo bench --bench dispatch -- [N]`). PostgreSQL is
//! used when `CRM_BENCH_POSTGRES_URL` (or `CRM_TEST_POSTGRES_URL`) names a server where a
//! scratch database may be created.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crm::db::sql::Sql;
use crm::db::{self, ConnectionTrait, Db};
use crm::domain::Actor;
use crm::domain::lead::LeadChanges;
use crm::domain::user::Role;
use crm::jobs::sink::{Behaviour, SmtpSink};

struct Workers(Vec<Child>);

impl Drop for Workers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

async fn prepare(url: &str, n: usize) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db::migrate::run(&db).await?;
    let hash = crm::auth::password::hash_blocking("bench password 1")?;
    db::users::insert_if_missing(
        &db,
        "bench",
        "bench@example.com",
        "Bench",
        "User",
        Role::Agent,
        &hash,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = db::users::by_username(&db.conn, "bench")
        .await?
        .expect("bench user");
    let lead = LeadChanges {
        first_name: Some("Wanjiku".into()),
        company: Some("Safaricom PLC".into()),
        ..Default::default()
    };
    let lead = db::leads::create(&db, &Actor::system(), &lead)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let at = db::now() - chrono::Duration::seconds(1);
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let mut q = Sql::new(
            "INSERT INTO reminders (lead_id, title, remind_at, recipient_id, status, created_at, updated_at) VALUES ",
        );
        for (k, i) in chunk.iter().enumerate() {
            if k > 0 {
                q.push(", ");
            }
            q.push("(")
                .bind(lead.id)
                .push(", ")
                .bind(format!("Follow up {i}"))
                .push(", ")
                .bind(at);
            q.push(", ")
                .bind(user.id)
                .push(", 'pending', ")
                .bind(at)
                .push(", ")
                .bind(at)
                .push(")");
        }
        q.execute(&db.conn).await?;
    }
    Ok(db)
}

async fn run(label: &str, url: &str, workers: usize, n: usize) -> anyhow::Result<()> {
    let db = prepare(url, n).await?;
    let sink = SmtpSink::start(Behaviour::default()).await?;
    let started = Instant::now();
    let _workers = Workers(
        (0..workers)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_crm"))
                    .arg("worker")
                    .env("DATABASE_URL", url)
                    .env("CRM_SMTP_URL", sink.url())
                    .env("CRM_DISPATCH_INTERVAL", "1s")
                    .env("CRM_DISPATCH_BATCH", "100")
                    .env("RUST_LOG", "warn")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
            })
            .collect::<Result<_, _>>()?,
    );
    let received = sink.wait_for(n, Duration::from_secs(600)).await;
    let elapsed = started.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let messages = sink.messages();
    let distinct: BTreeSet<String> = messages
        .iter()
        .filter_map(|m| m.header("Message-ID"))
        .collect();
    let sent: i64 = db
        .conn
        .query_one_raw(
            crm::db::sql::sql("SELECT COUNT(*) FROM reminders WHERE status = 'sent'", [])
                .statement(db.backend()),
        )
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0);
    println!(
        "{label:<28} {workers} worker(s)  {received:>6} due  {:>7.2} s  {:>8.0} reminders/s  messages {:>6}  distinct {:>6}  marked sent {:>6}",
        elapsed.as_secs_f64(),
        received as f64 / elapsed.as_secs_f64(),
        messages.len(),
        distinct.len(),
        sent
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // The first number among the arguments (the program's own path is never one).
    let n: usize = std::env::args()
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    println!(
        "reminder dispatch to a loopback SMTP sink, {n} due reminders, {} cores",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    let dir = std::env::temp_dir().join(format!("crm-bench-{}", crm::auth::random_hex(4)));
    std::fs::create_dir_all(&dir)?;
    let sqlite = format!("sqlite://{}/bench.db", dir.display());
    run("SQLite", &sqlite, 1, n).await?;
    std::fs::remove_dir_all(&dir)?;

    let admin =
        std::env::var("CRM_BENCH_POSTGRES_URL").or_else(|_| std::env::var("CRM_TEST_POSTGRES_URL"));
    match admin {
        Ok(admin) => {
            let name = format!("crm_bench_{}", crm::auth::random_hex(4));
            let server = Db::connect(&admin).await?;
            server
                .conn
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await?;
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            let result = run("PostgreSQL", &format!("{base}/{name}"), 2, n).await;
            server
                .conn
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await?;
            result?;
        }
        Err(_) => println!("PostgreSQL: skipped (set CRM_BENCH_POSTGRES_URL)"),
    }
    Ok(())
}
