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

/// Leads generated and written per round.
const CHUNK: u64 = 20_000;

const FIRST: &[&str] = &[
    "Wanjiku",
    "Otieno",
    "Achieng",
    "Mwangi",
    "Chebet",
    "Njeri",
    "Kipchoge",
    "Akinyi",
    "Mutua",
    "Wairimu",
    "Kamau",
    "Atieno",
    "Kiprono",
    "Nyambura",
    "Omondi",
    "Wambui",
    "Kiptoo",
    "Auma",
    "Njoroge",
    "Moraa",
    "Barasa",
    "Jepkemboi",
    "Ochieng",
    "Wafula",
    "Nafula",
    "Kibet",
    "Muthoni",
    "Onyango",
    "Chepkoech",
    "Mugo",
    "Adhiambo",
    "Karanja",
    "Wekesa",
    "Nyokabi",
    "Rotich",
    "Amani",
    "Baraka",
    "Zawadi",
    "Imani",
    "Faraji",
];
const LAST: &[&str] = &[
    "Kamau",
    "Odhiambo",
    "Onyango",
    "Njoroge",
    "Kiprono",
    "Wambui",
    "Rotich",
    "Ochieng",
    "Musyoka",
    "Githinji",
    "Mwangi",
    "Otieno",
    "Kariuki",
    "Wanjala",
    "Chege",
    "Macharia",
    "Koech",
    "Mutiso",
    "Nyaga",
    "Were",
    "Kiplagat",
    "Owino",
    "Maina",
    "Kimani",
    "Ndirangu",
    "Langat",
    "Mbugua",
    "Oduya",
    "Cheruiyot",
    "Kinyua",
];
const COMPANIES: &[&str] = &[
    "Safaricom PLC",
    "Kenya Power",
    "Equity Bank",
    "Bidco Africa",
    "KCB Group",
    "Twiga Foods",
    "East African Breweries",
    "Nation Media Group",
    "Jambojet",
    "Co-operative Bank",
    "Kenya Airways",
    "Bamburi Cement",
    "Brookside Dairy",
    "Copia Kenya",
    "Sendy",
    "M-KOPA",
    "Java House",
    "Naivas Supermarkets",
    "Davis & Shirtliff",
    "Kenya Pipeline",
    "Britam",
    "Jubilee Insurance",
    "Standard Group",
    "Sameer Africa",
    "Mumias Sugar",
    "Kakuzi",
    "Cellulant",
    "Africa's Talking",
    "Lipa Later",
    "Wasoko",
];
const TITLES: &[&str] = &[
    "Procurement Manager",
    "Head of IT",
    "Operations Lead",
    "Finance Director",
    "CEO",
    "Sales Manager",
    "Marketing Lead",
    "Branch Manager",
    "Supply Chain Director",
    "CTO",
];
const SOURCES: &[&str] = &[
    "website",
    "referral",
    "event",
    "cold call",
    "partner",
    "social",
];
const NEEDS: &[&str] = &[
    "fleet tracking for delivery vans",
    "branch queue management",
    "SMS follow-ups",
    "distributor order tracking",
    "route planning for field sales",
    "pipeline reports",
    "customer onboarding workflow",
    "payment reminders over M-Pesa",
];
const STATUSES: &[&str] = &[
    "new",
    "new",
    "new",
    "contacted",
    "contacted",
    "qualified",
    "lost",
    "converted",
];

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
        .filter(|c| c.is_ascii_alphanumeric())
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

mod sqlite {
    use super::*;
    use sea_orm::sqlx::Sqlite;
    use sea_orm::sqlx::query::Query;
    use sea_orm::sqlx::sqlite::SqliteArguments;

    /// Rows per INSERT: well under SQLite's limit of 32 766 parameters.
    const ROWS_PER_STATEMENT: usize = 1000;

    fn insert(table_and_columns: &str, columns: usize, rows: usize) -> String {
        let mut text = format!("INSERT INTO {table_and_columns} VALUES ");
        for r in 0..rows {
            text.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..columns {
                // Anonymous `?`: SQLite looks numbered names up one by one, which is
                // quadratic in a statement with thousands of parameters.
                text.push_str(if c == 0 { "?" } else { ", ?" });
            }
            text.push(')');
        }
        text
    }

    type Q<'q> = Query<'q, Sqlite, SqliteArguments>;

    async fn run<'a, T, F>(
        conn: &mut sqlx::SqliteConnection,
        head: &str,
        columns: usize,
        rows: &'a [T],
        bind: F,
    ) -> anyhow::Result<()>
    where
        F: Fn(Q<'a>, &'a T) -> Q<'a>,
    {
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let text = insert(head, columns, chunk.len());
            let mut q = sqlx::query(sqlx::AssertSqlSafe(text));
            for row in chunk {
                q = bind(q, row);
            }
            q.execute(&mut *conn).await?;
        }
        Ok(())
    }

    async fn write(tx: &mut sqlx::SqliteConnection, b: &Batch) -> anyhow::Result<()> {
        run(tx, "leads (id, first_name, last_name, company, title, email, phone, status, priority, estimated_value, source, description, assigned_to, created_by, created_at, updated_at)", 16, &b.leads, |q, l| {
            q.bind(l.id).bind(l.first).bind(l.last).bind(l.company).bind(l.title).bind(&l.email).bind(&l.phone)
                .bind(l.status).bind(l.priority).bind(l.value).bind(l.source).bind(&l.description)
                .bind(l.assigned_to).bind(l.created_by).bind(l.created_at).bind(l.created_at)
        }).await?;
        run(tx, "contacts (id, lead_id, first_name, last_name, email, phone, position, is_primary, created_at, updated_at)", 10, &b.contacts, |q, c| {
            q.bind(c.id).bind(c.lead_id).bind(c.first).bind(c.last).bind(&c.email).bind(&c.phone).bind(c.position)
                .bind(c.primary).bind(c.at).bind(c.at)
        }).await?;
        run(
            tx,
            "notes (lead_id, content, author_id, created_at, updated_at)",
            5,
            &b.notes,
            |q, n| {
                q.bind(n.lead_id)
                    .bind(&n.content)
                    .bind(n.author)
                    .bind(n.at)
                    .bind(n.at)
            },
        )
        .await?;
        run(tx, "reminders (lead_id, title, remind_at, recipient_id, status, sent_at, created_by, created_at, updated_at)", 9, &b.reminders, |q, r| {
            q.bind(r.lead_id).bind(&r.title).bind(r.remind_at).bind(r.recipient).bind(r.status).bind(r.sent_at)
                .bind(r.recipient).bind(r.at).bind(r.at)
        }).await?;
        run(tx, "correspondences (lead_id, contact_id, type, direction, subject, description, date, created_by, created_at, updated_at)", 10, &b.correspondence, |q, c| {
            q.bind(c.lead_id).bind(c.contact_id).bind(c.kind).bind(c.direction).bind(c.subject).bind(&c.description)
                .bind(c.date).bind(c.created_by).bind(c.at).bind(c.at)
        }).await?;
        Ok(())
    }

    pub async fn load<P: FnMut(u64, u64)>(db: &Db, load: &mut Load<P>) -> anyhow::Result<u64> {
        let mut conn = db.conn.get_sqlite_connection_pool().acquire().await?;
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(&mut *conn)
            .await?;
        let mut tx = conn.begin().await?;
        let first_new_lead = load.ids.lead;
        // Set aside the secondary indexes and the triggers of the loaded tables.
        let tables = TABLES.map(|t| format!("'{t}'")).join(", ");
        let saved: Vec<(String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') \
             AND tbl_name IN ({tables}) AND sql IS NOT NULL"
        )))
        .fetch_all(&mut *tx)
        .await?;
        for (kind, name, _) in &saved {
            let kind = if kind == "index" { "INDEX" } else { "TRIGGER" };
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP {kind} \"{name}\"")))
                .execute(&mut *tx)
                .await?;
        }
        let (mut done, mut rows) = (0, 0);
        while let Some(batch) = load.next_batch(done) {
            write(&mut tx, &batch).await?;
            done += batch.leads.len() as u64;
            rows += batch.rows() as u64;
            (load.progress)(done, rows);
        }
        sqlx::query(
            "INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description) \
             SELECT * FROM leads_search_document WHERE id > ?1",
        )
        .bind(first_new_lead)
        .execute(&mut *tx)
        .await?;
        for (_, _, sql) in &saved {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .execute(&mut *tx)
                .await?;
        }
        for statement in crate::db::dashboard::RECOUNT {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(rows)
    }
}

mod postgres {
    use super::*;

    /// One row in COPY's text format: tab-separated, `\N` for null, backslash escapes.
    fn line(out: &mut String, fields: &[Option<&str>]) {
        for (i, value) in fields.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            let Some(value) = value else {
                out.push_str("\\N");
                continue;
            };
            for c in value.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
        out.push('\n');
    }

    fn ts(t: DateTime<Utc>) -> String {
        t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    }

    async fn copy(
        conn: &mut sqlx::PgConnection,
        statement: &str,
        data: String,
    ) -> anyhow::Result<()> {
        let mut sink = conn.copy_in_raw(statement).await?;
        sink.send(data.into_bytes()).await?;
        sink.finish().await?;
        Ok(())
    }

    async fn write(tx: &mut sqlx::PgConnection, b: &Batch) -> anyhow::Result<()> {
        let mut data = String::new();
        for l in &b.leads {
            let (id, pr, v, at) = (
                l.id.to_string(),
                l.priority.to_string(),
                l.value.to_string(),
                ts(l.created_at),
            );
            let (assigned, creator) = (
                l.assigned_to.map(|a| a.to_string()),
                l.created_by.to_string(),
            );
            line(
                &mut data,
                &[
                    Some(&id),
                    Some(l.first),
                    Some(l.last),
                    Some(l.company),
                    Some(l.title),
                    Some(&l.email),
                    Some(&l.phone),
                    Some(l.status),
                    Some(&pr),
                    Some(&v),
                    Some(l.source),
                    Some(&l.description),
                    assigned.as_deref(),
                    Some(&creator),
                    Some(&at),
                    Some(&at),
                ],
            );
        }
        copy(tx, "COPY leads (id, first_name, last_name, company, title, email, phone, status, priority, estimated_value, source, description, assigned_to, created_by, created_at, updated_at) FROM STDIN", data).await?;
        let mut data = String::new();
        for c in &b.contacts {
            let (id, lead, at) = (c.id.to_string(), c.lead_id.to_string(), ts(c.at));
            let primary = if c.primary { "t" } else { "f" };
            line(
                &mut data,
                &[
                    Some(&id),
                    Some(&lead),
                    Some(c.first),
                    Some(c.last),
                    Some(&c.email),
                    Some(&c.phone),
                    Some(c.position),
                    Some(primary),
                    Some(&at),
                    Some(&at),
                ],
            );
        }
        copy(tx, "COPY contacts (id, lead_id, first_name, last_name, email, phone, position, is_primary, created_at, updated_at) FROM STDIN", data).await?;
        let mut data = String::new();
        for n in &b.notes {
            let (lead, author, at) = (n.lead_id.to_string(), n.author.to_string(), ts(n.at));
            line(
                &mut data,
                &[
                    Some(&lead),
                    Some(&n.content),
                    Some(&author),
                    Some(&at),
                    Some(&at),
                ],
            );
        }
        copy(
            tx,
            "COPY notes (lead_id, content, author_id, created_at, updated_at) FROM STDIN",
            data,
        )
        .await?;
        let mut data = String::new();
        for r in &b.reminders {
            let (lead, rec, at, when) = (
                r.lead_id.to_string(),
                r.recipient.to_string(),
                ts(r.at),
                ts(r.remind_at),
            );
            let sent = r.sent_at.map(ts);
            line(
                &mut data,
                &[
                    Some(&lead),
                    Some(&r.title),
                    Some(&when),
                    Some(&rec),
                    Some(r.status),
                    sent.as_deref(),
                    Some(&rec),
                    Some(&at),
                    Some(&at),
                ],
            );
        }
        copy(tx, "COPY reminders (lead_id, title, remind_at, recipient_id, status, sent_at, created_by, created_at, updated_at) FROM STDIN", data).await?;
        let mut data = String::new();
        for c in &b.correspondence {
            let (lead, contact, by, at, date) = (
                c.lead_id.to_string(),
                c.contact_id.to_string(),
                c.created_by.to_string(),
                ts(c.at),
                ts(c.date),
            );
            line(
                &mut data,
                &[
                    Some(&lead),
                    Some(&contact),
                    Some(c.kind),
                    Some(c.direction),
                    Some(c.subject),
                    Some(&c.description),
                    Some(&date),
                    Some(&by),
                    Some(&at),
                    Some(&at),
                ],
            );
        }
        copy(tx, "COPY correspondences (lead_id, contact_id, type, direction, subject, description, date, created_by, created_at, updated_at) FROM STDIN", data).await?;
        Ok(())
    }

    pub async fn load<P: FnMut(u64, u64)>(db: &Db, load: &mut Load<P>) -> anyhow::Result<u64> {
        let mut conn = db.conn.get_postgres_connection_pool().acquire().await?;
        let mut tx = conn.begin().await?;
        sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
            .execute(&mut *tx)
            .await?;
        // Set aside the secondary indexes (not those behind constraints) and the triggers.
        let tables = TABLES.map(|t| format!("'{t}'")).join(", ");
        let saved: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = current_schema() \
             AND tablename IN ({tables}) \
             AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )))
        .fetch_all(&mut *tx)
        .await?;
        for (name, _) in &saved {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX \"{name}\"")))
                .execute(&mut *tx)
                .await?;
        }
        // Foreign keys too: checked row by row they cost more than the COPY itself; added
        // back at the end, PostgreSQL validates each with one join.
        let foreign_keys: Vec<(String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE contype = 'f' AND conrelid::regclass::text IN ({tables})"
        )))
        .fetch_all(&mut *tx)
        .await?;
        for (table, name, _) in &foreign_keys {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {table} DROP CONSTRAINT \"{name}\""
            )))
            .execute(&mut *tx)
            .await?;
        }
        for table in TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {table} DISABLE TRIGGER USER"
            )))
            .execute(&mut *tx)
            .await?;
        }
        let (mut done, mut rows) = (0, 0);
        while let Some(batch) = load.next_batch(done) {
            write(&mut tx, &batch).await?;
            done += batch.leads.len() as u64;
            rows += batch.rows() as u64;
            (load.progress)(done, rows);
        }
        for (_, definition) in &saved {
            sqlx::query(sqlx::AssertSqlSafe(definition.clone()))
                .execute(&mut *tx)
                .await?;
        }
        for (table, name, definition) in &foreign_keys {
            let add = format!("ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
            sqlx::query(sqlx::AssertSqlSafe(add))
                .execute(&mut *tx)
                .await?;
        }
        for table in TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {table} ENABLE TRIGGER USER"
            )))
            .execute(&mut *tx)
            .await?;
        }
        // Move the id sequences past the ids assigned here.
        for table in ["leads", "contacts"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )))
            .execute(&mut *tx)
            .await?;
        }
        for statement in crate::db::dashboard::RECOUNT {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(rows)
    }
}
