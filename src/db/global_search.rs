//! The global search box: the newest few leads, contacts and notes that match, each as its
//! list shows it. "Newest" (highest id) is what the indexes give without reading every
//! match, so the answer stays fast however common the words typed are.

use sea_orm::ConnectionTrait;

use super::contacts::Contacts;
use super::notes::Notes;
use super::resource::Resource;
use super::search;
use super::sql::{Sql, rows};
use super::{Db, DbBackend, DbError};
use crate::domain::contact::Contact;
use crate::domain::lead::Lead;
use crate::domain::note::Note;

#[derive(Debug, Default)]
pub struct Found {
    pub leads: Vec<Lead>,
    pub contacts: Vec<Contact>,
    pub notes: Vec<Note>,
}

/// Up to `limit` of each kind, newest first. A lead matches by its own fields and its
/// contacts'; an entry with no letter or digit matches nothing.
pub async fn search(db: &Db, text: &str, limit: u64) -> Result<Found, DbError> {
    let backend = db.backend();
    let Some(query) = search::query(backend, text) else {
        return Ok(Found::default());
    };
    let mut lead_ids = Sql::default();
    let param = lead_ids.param(query.clone());
    lead_ids.push(&search::newest(backend, "leads", &param, limit));
    // Three reads on pooled connections at once: the answer takes the slowest, not the sum.
    let (leads, contacts, notes) = tokio::try_join!(
        super::leads::newest_among(&db.conn, &lead_ids, limit),
        newest::<Contacts, _>(&db.conn, backend, &query, limit),
        newest::<Notes, _>(&db.conn, backend, &query, limit),
    )?;
    Ok(Found {
        leads,
        contacts,
        notes,
    })
}

/// The newest `limit` rows of `R` whose search document matches `query`.
async fn newest<R: Resource, C: ConnectionTrait>(
    db: &C,
    backend: DbBackend,
    query: &str,
    limit: u64,
) -> Result<Vec<R::View>, DbError> {
    let mut from = Sql::new(format!("FROM {} WHERE {}.id IN (", R::FROM, R::TABLE));
    let param = from.param(query);
    from.push(&search::newest(backend, R::TABLE, &param, limit))
        .push(")");
    let order = format!("{}.id DESC", R::TABLE);
    let found = rows::<R::Row, C>(db, R::COLUMNS, &from, &order, limit, 0).await?;
    Ok(found.into_iter().map(R::view).collect())
}
