//! Bulk load into PostgreSQL: `COPY … FROM STDIN`, in one transaction.

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

async fn copy(conn: &mut sqlx::PgConnection, statement: &str, data: String) -> anyhow::Result<()> {
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
    let first_new_lead = load.ids.lead;
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
    // The triggers are off: the new leads' contacts' search documents are gathered here,
    // before the indexes come back.
    sqlx::query(
        "UPDATE leads SET contacts_vector = c.vector FROM (SELECT lead_id, \
         search_concat(search_vector) AS vector FROM contacts WHERE lead_id > $1 \
         GROUP BY lead_id) c WHERE leads.id = c.lead_id",
    )
    .bind(first_new_lead)
    .execute(&mut *tx)
    .await?;
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
    let next_steps = crate::db::leads::next_steps::backfill_after(sea_orm::DbBackend::Postgres);
    sqlx::query(next_steps)
        .bind(first_new_lead)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // Freshly copied pages are not yet marked all-visible, so every index-only scan (the
    // board's per-owner counts, the lists' counts) still reads the table until autovacuum
    // gets to them: the board for one owner took 150–380 ms at 200 000 leads, 6 ms after
    // this. VACUUM runs outside a transaction; `bulk` then analyzes the whole database.
    sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM {}", TABLES.join(", "))))
        .execute(&mut *conn)
        .await?;
    Ok(rows)
}
