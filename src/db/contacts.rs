//! Contacts: at most one primary per lead (kept in the same transaction, and by a partial
//! unique index), the first contact of a lead becomes primary, and a deleted primary hands
//! over to the oldest remaining contact.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::correspondences;
use super::leads::lock::lock_lead;
use super::resource::{self, Resource};
use super::sql::{Sql, sql};
use super::{Db, DbErr, DbError, WriteResult};
use crate::domain::Actor;
use crate::domain::contact::{self, Contact, ContactChanges};
use crate::domain::user::full_name;

pub struct Contacts;

#[derive(Debug, Clone, FromQueryResult)]
pub struct ContactRow {
    pub id: i64,
    pub lead_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub position: String,
    pub is_primary: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Resource for Contacts {
    const TABLE: &'static str = "contacts";
    const ENTITY: &'static str = "contact";
    const COLUMNS: &'static str = "contacts.id, contacts.lead_id, contacts.first_name, \
        contacts.last_name, contacts.email, contacts.phone, contacts.position, \
        contacts.is_primary, contacts.created_at, contacts.updated_at";
    const FROM: &'static str = "contacts";
    type Row = ContactRow;
    type View = Contact;

    fn view(r: ContactRow) -> Contact {
        Contact {
            id: r.id,
            lead: r.lead_id,
            full_name: full_name(&r.first_name, &r.last_name),
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            phone: r.phone,
            position: r.position,
            is_primary: r.is_primary,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    fn id(view: &Contact) -> i64 {
        view.id
    }
}

pub const ORDERING: &[(&str, &str)] = &[
    ("first_name", "contacts.first_name"),
    ("last_name", "contacts.last_name"),
    ("created_at", "contacts.created_at"),
];

#[derive(Debug, Default)]
pub struct ContactFilter {
    pub lead: Option<i64>,
    pub is_primary: Option<bool>,
    pub search: Option<String>,
}

pub async fn list(
    db: &Db,
    f: &ContactFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Contact>), DbError> {
    resource::page::<Contacts, _>(
        &db.conn,
        |q| {
            if let Some(lead) = f.lead {
                q.push(" AND contacts.lead_id = ").bind(lead);
            }
            if let Some(primary) = f.is_primary {
                q.push(" AND contacts.is_primary = ").bind(primary);
            }
            if let Some(text) = &f.search {
                for word in super::search::words(text) {
                    let p = q.param(format!("%{}%", super::search::escape_like(&word)));
                    q.push(&format!(
                        " AND (LOWER(contacts.first_name) LIKE {p} ESCAPE '\\' \
                     OR LOWER(contacts.last_name) LIKE {p} ESCAPE '\\' \
                     OR contacts.email LIKE {p} ESCAPE '\\' OR contacts.phone LIKE {p} ESCAPE '\\' \
                     OR LOWER(contacts.position) LIKE {p} ESCAPE '\\')"
                    ));
                }
            }
        },
        order,
        limit,
        offset,
    )
    .await
}

async fn current_primary<C: ConnectionTrait>(
    txn: &C,
    lead_id: i64,
) -> Result<Option<Contact>, DbErr> {
    let q = sql(
        &format!(
            "SELECT {} FROM contacts WHERE lead_id = $1 AND is_primary = TRUE",
            Contacts::COLUMNS
        ),
        [lead_id.into()],
    );
    Ok(q.one::<ContactRow, _>(txn).await?.map(Contacts::view))
}

/// Un-marks `primary`, recording the change.
async fn demote<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    primary: &Contact,
) -> Result<(), DbError> {
    resource::update::<Contacts, _>(txn, actor, primary, |q| {
        q.set("is_primary", Some(false));
    })
    .await?;
    Ok(())
}

/// Creates a contact under the rules of `contact::plan_create`.
pub async fn create(db: &Db, actor: &Actor, c: &ContactChanges) -> WriteResult<Contact> {
    // The body's reading requires `lead` on create; a missing one names no lead.
    let lead_id = c.lead.unwrap_or_default();
    let txn = db.begin_write().await?;
    lock_lead(&txn, lead_id).await?;
    let current = current_primary(&txn, lead_id).await?;
    let primary = contact::primary_on_create(c, current.as_ref());
    if primary && let Some(current) = &current {
        demote(&txn, actor, current).await?;
    }
    let contact = resource::create::<Contacts, _>(
        &txn,
        actor,
        &[
            "lead_id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "position",
            "is_primary",
        ],
        vec![
            lead_id.into(),
            c.first_name.clone().unwrap_or_default().into(),
            c.last_name.clone().unwrap_or_default().into(),
            c.email.clone().unwrap_or_default().into(),
            c.phone.clone().unwrap_or_default().into(),
            c.position.clone().unwrap_or_default().into(),
            primary.into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(contact)
}

/// Updates a contact under the rules of `contact::plan_update`.
pub async fn update(db: &Db, actor: &Actor, id: i64, c: &ContactChanges) -> WriteResult<Contact> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Contacts, _>(&txn, id, |v| v.lead).await?;
    let becomes_primary = contact::plan_update(&before, c)?;
    if becomes_primary && let Some(current) = current_primary(&txn, before.lead).await? {
        demote(&txn, actor, &current).await?;
    }
    let after = resource::update::<Contacts, _>(&txn, actor, &before, |q: &mut Sql| {
        q.set("first_name", c.first_name.clone())
            .set("last_name", c.last_name.clone())
            .set("email", c.email.clone())
            .set("phone", c.phone.clone())
            .set("position", c.position.clone())
            .set("is_primary", c.is_primary);
    })
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a contact. Its correspondence stays, with `contact` cleared (each recorded);
/// a deleted primary hands over as `contact::successor` decides.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> WriteResult<()> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Contacts, _>(&txn, id, |v| v.lead).await?;
    correspondences::detach_contact(&txn, actor, id).await?;
    resource::delete::<Contacts, _>(&txn, actor, &before).await?;
    let remaining = resource::of_lead::<Contacts, _>(&txn, before.lead).await?;
    if let Some(next) = contact::successor(&before, &remaining) {
        resource::update::<Contacts, _>(&txn, actor, next, |q| {
            q.set("is_primary", Some(true));
        })
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Contact counts and primary contacts of many leads, in two queries (no query per lead).
pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    lead_ids: &[i64],
) -> Result<(Vec<(i64, i64)>, Vec<Contact>), DbError> {
    if lead_ids.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut q = Sql::new("SELECT lead_id, COUNT(*) AS n FROM contacts WHERE lead_id IN (");
    push_ids(&mut q, lead_ids);
    q.push(") GROUP BY lead_id");
    let counts = db
        .query_all_raw(q.statement(db.get_database_backend()))
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get_by_index::<i64>(0)?,
                row.try_get_by_index::<i64>(1)?,
            ))
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let mut q = Sql::new(format!(
        "SELECT {} FROM contacts WHERE is_primary = TRUE AND lead_id IN (",
        Contacts::COLUMNS
    ));
    push_ids(&mut q, lead_ids);
    q.push(")");
    let primaries = q
        .all::<ContactRow, _>(db)
        .await?
        .into_iter()
        .map(Contacts::view)
        .collect();
    Ok((counts, primaries))
}

fn push_ids(q: &mut Sql, ids: &[i64]) {
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.bind(*id);
    }
}
