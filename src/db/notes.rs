//! Notes: the author is always the writer; the history of a lead is newest first.

use chrono::{DateTime, Utc};
use sea_orm::FromQueryResult;

use super::resource::{self, Resource};
use super::{Db, DbError, WriteResult};
use crate::domain::Actor;
use crate::domain::note::{self, Note, NoteChanges};
use crate::domain::user::display_name;

pub struct Notes;

#[derive(Debug, Clone, FromQueryResult)]
pub struct NoteRow {
    pub id: i64,
    pub lead_id: i64,
    pub content: String,
    pub author_id: Option<i64>,
    pub author_first: Option<String>,
    pub author_last: Option<String>,
    pub author_username: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Resource for Notes {
    const TABLE: &'static str = "notes";
    const ENTITY: &'static str = "note";
    const COLUMNS: &'static str = "notes.id, notes.lead_id, notes.content, notes.author_id, \
        author.first_name AS author_first, author.last_name AS author_last, \
        author.username AS author_username, notes.created_at, notes.updated_at";
    const FROM: &'static str = "notes LEFT JOIN users author ON author.id = notes.author_id";
    type Row = NoteRow;
    type View = Note;

    fn view(r: NoteRow) -> Note {
        Note {
            id: r.id,
            lead: r.lead_id,
            content: r.content,
            author: r.author_id,
            author_name: display_name(
                r.author_first.as_deref().unwrap_or(""),
                r.author_last.as_deref().unwrap_or(""),
                r.author_username.as_deref().unwrap_or(""),
            ),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    fn id(view: &Note) -> i64 {
        view.id
    }
}

pub const ORDERING: &[(&str, &str)] = &[
    ("created_at", "notes.created_at"),
    ("updated_at", "notes.updated_at"),
];

pub async fn list(
    db: &Db,
    lead: Option<i64>,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Note>), DbError> {
    resource::page::<Notes, _>(
        &db.conn,
        |q| {
            if let Some(lead) = lead {
                q.push(" AND notes.lead_id = ").bind(lead);
            }
        },
        order,
        limit,
        offset,
    )
    .await
}

pub async fn create(db: &Db, actor: &Actor, c: &NoteChanges) -> WriteResult<Note> {
    let lead_id = c.lead.unwrap_or_default();
    let txn = db.begin_write().await?;
    super::leads::lock::lock_lead(&txn, lead_id).await?;
    let note = resource::create::<Notes, _>(
        &txn,
        actor,
        &["lead_id", "content", "author_id"],
        vec![
            lead_id.into(),
            c.content.clone().unwrap_or_default().into(),
            actor.id.into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(note)
}

/// Updates a note under the rules of `note::check_update`.
pub async fn update(db: &Db, actor: &Actor, id: i64, c: &NoteChanges) -> WriteResult<Note> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Notes, _>(&txn, id, |v| v.lead).await?;
    note::check_update(actor, &before, c)?;
    let after = resource::update::<Notes, _>(&txn, actor, &before, |q| {
        q.set("content", c.content.clone());
    })
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(db: &Db, actor: &Actor, id: i64) -> WriteResult<()> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Notes, _>(&txn, id, |v| v.lead).await?;
    note::check_access(actor, &before)?;
    resource::delete::<Notes, _>(&txn, actor, &before).await?;
    txn.commit().await?;
    Ok(())
}
