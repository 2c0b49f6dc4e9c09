//! The outbox: messages recorded instead of sent when no SMTP server is configured.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::Serialize;
use utoipa::ToSchema;

use super::sql::{Sql, sql};
use super::{Db, DbError, now};

#[derive(Debug, Clone, FromQueryResult)]
pub struct OutboxRow {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub reminder_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A recorded message as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub reminder: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<OutboxRow> for OutboxMessage {
    fn from(r: OutboxRow) -> Self {
        OutboxMessage {
            id: r.id,
            to: r.to_address,
            subject: r.subject,
            body_text: r.body_text,
            reminder: r.reminder_id,
            created_at: r.created_at,
        }
    }
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    to: &str,
    subject: &str,
    text: &str,
    html: &str,
    message_id: &str,
    reminder_id: Option<i64>,
) -> Result<(), DbError> {
    sql(
        "INSERT INTO outbox (to_address, subject, body_text, body_html, message_id, reminder_id, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        [
            to.into(),
            subject.into(),
            text.into(),
            html.into(),
            message_id.into(),
            reminder_id.into(),
            now().into(),
        ],
    )
    .execute(db)
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, to_address, subject, body_text, reminder_id, created_at";

pub async fn list(db: &Db, limit: u64, offset: u64) -> Result<(i64, Vec<OutboxMessage>), DbError> {
    let from = Sql::new("FROM outbox");
    let (count, rows) = super::sql::page::<OutboxRow, _>(
        &db.conn,
        COLUMNS,
        &from,
        "created_at DESC, id DESC",
        limit,
        offset,
    )
    .await?;
    Ok((count, rows.into_iter().map(OutboxMessage::from).collect()))
}
