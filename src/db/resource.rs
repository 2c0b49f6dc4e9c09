//! What every written resource (users, leads and their contacts, notes, reminders and
//! correspondence) shares: read one, read a page, and audited create, update and delete
//! inside a transaction. Each resource declares its table and representation once; the
//! domain's decisions, made on the state loaded in the transaction, wrap these calls.

use std::future::Future;

use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Value};
use serde::Serialize;

use super::sql::{Sql, sql};
use super::{DbErr, DbError, now};
use crate::audit::Action;
use crate::db::audit;
use crate::domain::Actor;

pub trait Resource {
    /// The table, also the alias its columns are qualified with.
    const TABLE: &'static str;
    /// The audit trail's name for it.
    const ENTITY: &'static str;
    /// The selected columns (qualified), with any joins in `FROM`.
    const COLUMNS: &'static str;
    const FROM: &'static str;
    type Row: FromQueryResult + Send + Sync;
    type View: Serialize + Send + Sync;
    fn view(row: Self::Row) -> Self::View;
    fn id(view: &Self::View) -> i64;

    /// One object as the API shows it. A resource whose representation needs more than its
    /// row (a lead's contacts) loads it its own way.
    fn load<C: ConnectionTrait>(
        db: &C,
        id: i64,
    ) -> impl Future<Output = Result<Option<Self::View>, DbError>> + Send
    where
        Self: Sized,
    {
        get::<Self, C>(db, id)
    }
}

pub async fn get<R: Resource, C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<R::View>, DbError> {
    let q = sql(
        &format!(
            "SELECT {} FROM {} WHERE {}.id = $1",
            R::COLUMNS,
            R::FROM,
            R::TABLE
        ),
        [id.into()],
    );
    Ok(q.one::<R::Row, _>(db).await?.map(R::view))
}

pub async fn require<R: Resource, C: ConnectionTrait>(db: &C, id: i64) -> Result<R::View, DbError> {
    R::load(db, id).await?.ok_or(DbError::NotFound)
}

/// Loads row `id` for a write and holds it until the transaction ends, so that the domain
/// decides on the state the write will change, not on a copy another writer has since
/// changed or deleted. PostgreSQL locks the row (`FOR UPDATE`); SQLite's write
/// transactions already run one at a time.
pub async fn require_locked<R: Resource, C: ConnectionTrait>(
    txn: &C,
    id: i64,
) -> Result<R::View, DbError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let locked = sql(
            &format!("SELECT id FROM {} WHERE id = $1 FOR UPDATE", R::TABLE),
            [id.into()],
        )
        .row(txn)
        .await?;
        if locked.is_none() {
            return Err(DbError::NotFound);
        }
    }
    require::<R, C>(txn, id).await
}

/// `require_locked` for a row that belongs to a lead: the lead is locked first, in the
/// order a lead's delete takes them (lead, then children), so the two cannot deadlock,
/// and a child whose lead is being deleted is found gone rather than written.
pub async fn require_child_locked<R: Resource, C: ConnectionTrait>(
    txn: &C,
    id: i64,
    lead_of: impl Fn(&R::View) -> i64,
) -> Result<R::View, DbError> {
    let seen = require::<R, C>(txn, id).await?;
    if !super::leads::lock::lock(txn, lead_of(&seen)).await? {
        return Err(DbError::NotFound);
    }
    require_locked::<R, C>(txn, id).await
}

/// All rows of `lead_id`, oldest first.
pub async fn of_lead<R: Resource, C: ConnectionTrait>(
    db: &C,
    lead_id: i64,
) -> Result<Vec<R::View>, DbError> {
    let q = sql(
        &format!(
            "SELECT {} FROM {} WHERE {t}.lead_id = $1 ORDER BY {t}.created_at, {t}.id",
            R::COLUMNS,
            R::FROM,
            t = R::TABLE
        ),
        [lead_id.into()],
    );
    Ok(q.all::<R::Row, _>(db)
        .await?
        .into_iter()
        .map(R::view)
        .collect())
}

/// A page of rows; `conditions` appends ` AND …` clauses to `WHERE 1 = 1`.
pub async fn page<R: Resource, C: ConnectionTrait>(
    db: &C,
    conditions: impl FnOnce(&mut Sql),
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<R::View>), DbError> {
    let mut from = Sql::new(format!("FROM {} WHERE 1 = 1", R::FROM));
    conditions(&mut from);
    let (count, rows) =
        super::sql::page::<R::Row, C>(db, R::COLUMNS, &from, order, limit, offset).await?;
    Ok((count, rows.into_iter().map(R::view).collect()))
}

/// Inserts a row (`created_at`/`updated_at` are added) and records its creation.
pub async fn create<R: Resource, C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    columns: &[&str],
    values: Vec<Value>,
) -> Result<R::View, DbError> {
    let mut q = Sql::new(format!(
        "INSERT INTO {} ({}, created_at, updated_at) VALUES (",
        R::TABLE,
        columns.join(", ")
    ));
    for (i, value) in values.into_iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.bind(value);
    }
    let ts = q.param(now());
    q.push(&format!(", {ts}, {ts}) RETURNING id"));
    let row = q.row(txn).await?.ok_or(DbErr::RecordNotInserted)?;
    let id: i64 = row.try_get_by_index(0)?;
    let view = require::<R, C>(txn, id).await?;
    audit::record(txn, actor, Action::Create, R::ENTITY, id, None, Some(&view)).await?;
    Ok(view)
}

/// Updates row `id`: `set` appends the SET items (with `Sql::set`); the whole object
/// before and after is recorded.
pub async fn update<R: Resource, C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    before: &R::View,
    set: impl FnOnce(&mut Sql),
) -> Result<R::View, DbError> {
    let id = R::id(before);
    let mut q = Sql::new(format!("UPDATE {} SET updated_at = ", R::TABLE));
    q.bind(now());
    set(&mut q);
    q.push(" WHERE id = ").bind(id);
    q.execute(txn).await?;
    let after = require::<R, C>(txn, id).await?;
    audit::record(
        txn,
        actor,
        Action::Update,
        R::ENTITY,
        id,
        Some(before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

/// Deletes row `id` and records what it was.
pub async fn delete<R: Resource, C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    before: &R::View,
) -> Result<(), DbError> {
    let id = R::id(before);
    sql(
        &format!("DELETE FROM {} WHERE id = $1", R::TABLE),
        [id.into()],
    )
    .execute(txn)
    .await?;
    audit::record(
        txn,
        actor,
        Action::Delete,
        R::ENTITY,
        id,
        Some(before),
        None,
    )
    .await?;
    Ok(())
}
