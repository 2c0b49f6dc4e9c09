//! Bulk load into SQLite: multi-row inserts with bound parameters, in one transaction.

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
    let first_new_contact = load.ids.contact;
    let (last_old_note,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM notes")
        .fetch_one(&mut *tx)
        .await?;
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
    for (_, _, sql) in &saved {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut *tx)
            .await?;
    }
    // The search indexes are filled set-wise once the indexes are back: a lead's document
    // reads its contacts through `contacts_lead`.
    sqlx::query(
        "INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, \
         contacts) SELECT * FROM leads_search_document WHERE id > ?1",
    )
    .bind(first_new_lead)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO contacts_fts (rowid, first_name, last_name, email, phone) \
         SELECT id, first_name, last_name, email, phone FROM contacts_search_document WHERE id > ?1",
    )
    .bind(first_new_contact)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO notes_fts (rowid, content) SELECT id, content FROM notes WHERE id > ?1",
    )
    .bind(last_old_note)
    .execute(&mut *tx)
    .await?;
    for statement in crate::db::dashboard::RECOUNT {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    let next_steps = crate::db::leads::next_steps::backfill_after(sea_orm::DbBackend::Sqlite);
    sqlx::query(next_steps)
        .bind(first_new_lead)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(rows)
}
