//! Synthetic data at scale for benchmarks: N leads with, per lead, 1 or 2 contacts (1.5 on
//! average, the first primary), 2 notes, 1 reminder and 2 correspondence entries — realistic
//! Kenyan names, companies and numbers across every status, priority and assignee.
//!
//! It takes the fastest correct path on each backend: PostgreSQL `COPY`, SQLite multi-row
//! inserts with bound parameters in large transactions. Ids are assigned here (after the
//! current maximum) so children need no round trip; the database's triggers keep the
//! search index and the counters exact as usual. Bulk rows are not written to the audit
//! trail: they are generated, not changes anyone made.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sqlx::{self, Acquire};
use sea_orm::{ConnectionTrait, DbBackend};

use crate::db::{self, Db, now};
use crate::domain::user::Role;
use words::{COMPANIES, FIRST, LAST, NEEDS, SOURCES, STATUSES, TITLES};

/// Leads generated and written per round.
const CHUNK: u64 = 20_000;

/// A small deterministic generator (SplitMix64): the same N gives the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

struct Lead {
    id: i64,
    first: &'static str,
    last: &'static str,
    company: &'static str,
    title: &'static str,
    email: String,
    phone: String,
    status: &'static str,
    priority: i16,
    value: i64,
    source: &'static str,
    description: String,
    assigned_to: Option<i64>,
    created_by: i64,
    created_at: DateTime<Utc>,
}

struct Contact {
    id: i64,
    lead_id: i64,
    first: &'static str,
    last: &'static str,
    email: String,
    phone: String,
    position: &'static str,
    primary: bool,
    at: DateTime<Utc>,
}

struct Note {
    lead_id: i64,
    content: String,
    author: i64,
    at: DateTime<Utc>,
}

struct Reminder {
    lead_id: i64,
    title: String,
    remind_at: DateTime<Utc>,
    recipient: i64,
    status: &'static str,
    sent_at: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
}

struct Correspondence {
    lead_id: i64,
    contact_id: i64,
    kind: &'static str,
    direction: &'static str,
    subject: &'static str,
    description: String,
    date: DateTime<Utc>,
    created_by: i64,
    at: DateTime<Utc>,
}

#[derive(Default)]
struct Batch {
    leads: Vec<Lead>,
    contacts: Vec<Contact>,
    notes: Vec<Note>,
    reminders: Vec<Reminder>,
    correspondence: Vec<Correspondence>,
}

impl Batch {
    fn rows(&self) -> usize {
        self.leads.len()
            + self.contacts.len()
            + self.notes.len()
            + self.reminders.len()
            + self.correspondence.len()
    }
}

fn phone(rng: &mut Rng) -> String {
    let prefix = ["70", "71", "72", "74", "79", "11"][rng.below(6) as usize];
    format!("+254{prefix}{:07}", rng.below(10_000_000))
}

fn email(first: &str, last: &str, company: &str, n: u64) -> String {
    let domain: String = company
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    format!(
        "{}.{}{}@{}.co.ke",
        first.to_lowercase(),
        last.to_lowercase(),
        n % 1000,
        domain
    )
}

/// Generates leads `first_id..first_id + count` and their related rows.
fn generate(
    rng: &mut Rng,
    ids: &mut NextIds,
    count: u64,
    users: &[i64],
    start: DateTime<Utc>,
) -> Batch {
    let mut b = Batch::default();
    for _ in 0..count {
        let id = ids.take_lead();
        let (first, last, company) = (rng.pick(FIRST), rng.pick(LAST), rng.pick(COMPANIES));
        let created_at = start - Duration::seconds(rng.below(730 * 86_400) as i64);
        let creator = users[rng.below(users.len() as u64) as usize];
        let assignee = (rng.below(10) != 0).then(|| users[rng.below(users.len() as u64) as usize]);
        b.leads.push(Lead {
            id,
            first,
            last,
            company,
            title: rng.pick(TITLES),
            email: email(first, last, company, rng.next()),
            phone: phone(rng),
            status: rng.pick(STATUSES),
            priority: [0, 1, 1, 2][rng.below(4) as usize],
            value: rng.below(5_000_000) as i64 * 100,
            source: rng.pick(SOURCES),
            description: format!("Interested in {} for {company}.", rng.pick(NEEDS)),
            assigned_to: assignee,
            created_by: creator,
            created_at,
        });
        let contacts = 1 + (id % 2);
        let mut primary_contact = 0;
        for k in 0..contacts {
            let (cf, cl) = if k == 0 {
                (first, last)
            } else {
                (rng.pick(FIRST), rng.pick(LAST))
            };
            let contact_id = ids.take_contact();
            if k == 0 {
                primary_contact = contact_id;
            }
            b.contacts.push(Contact {
                id: contact_id,
                lead_id: id,
                first: cf,
                last: cl,
                email: email(cf, cl, company, rng.next()),
                phone: phone(rng),
                position: rng.pick(TITLES),
                primary: k == 0,
                at: created_at,
            });
        }
        for k in 0..2 {
            let at = created_at + Duration::seconds(3600 * (k + 1));
            b.notes.push(Note {
                lead_id: id,
                content: format!(
                    "Spoke with {first} about {}; next step agreed.",
                    rng.pick(NEEDS)
                ),
                author: creator,
                at,
            });
        }
        // Past reminders were sent; future ones wait (none falls due during a benchmark).
        let remind_at = start + Duration::seconds(rng.below(90 * 86_400) as i64 - 30 * 86_400);
        let due = remind_at <= start;
        b.reminders.push(Reminder {
            lead_id: id,
            title: format!("Follow up with {first} {last}"),
            remind_at: if due {
                remind_at
            } else {
                remind_at + Duration::days(1)
            },
            recipient: assignee.unwrap_or(creator),
            status: if due { "sent" } else { "pending" },
            sent_at: due.then_some(remind_at),
            at: created_at,
        });
        for k in 0..2 {
            let kind = ["email", "call", "meeting"][rng.below(3) as usize];
            b.correspondence.push(Correspondence {
                lead_id: id,
                contact_id: primary_contact,
                kind,
                direction: if k == 0 { "outbound" } else { "inbound" },
                subject: match kind {
                    "email" => "Proposal and pricing",
                    "call" => "Discovery call",
                    _ => "On-site meeting",
                },
                description: format!("Discussed {} with {first}.", rng.pick(NEEDS)),
                date: created_at + Duration::seconds(86_400 * (k + 1)),
                created_by: creator,
                at: created_at,
            });
        }
    }
    b
}

/// The next free id of each table.
struct NextIds {
    lead: i64,
    contact: i64,
}

impl NextIds {
    fn take_lead(&mut self) -> i64 {
        self.lead += 1;
        self.lead
    }
    fn take_contact(&mut self) -> i64 {
        self.contact += 1;
        self.contact
    }
}

async fn max_id(db: &Db, table: &str) -> anyhow::Result<i64> {
    let row = db::sql::sql(
        &format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}"),
        [],
    )
    .row(&db.conn)
    .await?;
    Ok(row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0))
}

/// Users to own and be assigned the leads: the existing ones plus ten bulk agents.
async fn users(db: &Db) -> anyhow::Result<Vec<i64>> {
    let hash = crate::auth::password::hash(crate::auth::random_hex(16)).await?;
    for n in 1..=10 {
        let (first, last) = (FIRST[n * 3 % FIRST.len()], LAST[n * 7 % LAST.len()]);
        let username = format!("agent{n:02}");
        db::users::insert_if_missing(
            db,
            &username,
            &format!("{username}@example.com"),
            first,
            last,
            Role::Agent,
            &hash,
        )
        .await
        .map_err(|e| anyhow::anyhow!("bulk users: {e}"))?;
    }
    let rows = db::sql::sql(
        "SELECT id FROM users WHERE is_active = TRUE ORDER BY id",
        [],
    );
    let rows = db.conn.query_all_raw(rows.statement(db.backend())).await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get_by_index::<i64>(0))
        .collect::<Result<_, _>>()?)
}

/// Loads `n` leads with their related rows; `progress` is told (leads done, rows written)
/// after each round. Returns the total number of rows written.
///
/// The whole load is one transaction, so it lands completely or not at all. Inside it the
/// secondary indexes are dropped and rebuilt at the end, and the per-row triggers (search
/// index, counters) are set aside and their work done once, set-wise: building an index
/// over sorted data is many times faster than maintaining ten of them row by row.
pub async fn bulk(db: &Db, n: u64, progress: impl FnMut(u64, u64)) -> anyhow::Result<u64> {
    let users = users(db).await?;
    let ids = NextIds {
        lead: max_id(db, "leads").await?,
        contact: max_id(db, "contacts").await?,
    };
    let rng = Rng(0x5EED_0000 ^ n ^ ids.lead as u64);
    let mut load = Load {
        rng,
        ids,
        users,
        start: now(),
        n,
        progress,
    };
    let rows = match db.backend() {
        DbBackend::Postgres => postgres::load(db, &mut load).await?,
        _ => sqlite::load(db, &mut load).await?,
    };
    db.conn.execute_unprepared("ANALYZE").await?;
    Ok(rows)
}

/// The state of one bulk load: generates the batches.
struct Load<P> {
    rng: Rng,
    ids: NextIds,
    users: Vec<i64>,
    start: DateTime<Utc>,
    n: u64,
    progress: P,
}

impl<P: FnMut(u64, u64)> Load<P> {
    /// The next batch, or `None` when all `n` leads are generated.
    fn next_batch(&mut self, done: u64) -> Option<Batch> {
        (done < self.n).then(|| {
            generate(
                &mut self.rng,
                &mut self.ids,
                CHUNK.min(self.n - done),
                &self.users,
                self.start,
            )
        })
    }
}

const TABLES: [&str; 5] = ["leads", "contacts", "notes", "reminders", "correspondences"];

/// Runs `bulk` and prints progress and the rate.
pub async fn bulk_with_report(db: &Db, n: u64) -> anyhow::Result<String> {
    let started = Instant::now();
    let rows = bulk(db, n, |leads, rows| {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "  {leads:>9} leads, {rows:>9} rows, {secs:>6.1} s, {:>8.0} rows/s",
            rows as f64 / secs
        );
    })
    .await?;
    let secs = started.elapsed().as_secs_f64();
    Ok(format!(
        "bulk data: {n} leads and {rows} rows in {secs:.1} s ({:.0} rows/s)",
        rows as f64 / secs
    ))
}

mod postgres;
mod sqlite;
mod words;
