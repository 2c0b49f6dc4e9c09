//! Correspondence: emails, calls and meetings, newest first. A contact named must belong
//! to the same lead.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::leads::lock::lock_lead;
use super::resource::{self, Resource};
use super::sql::sql;
use super::{Db, DbError, WriteResult};
use crate::domain::Actor;
use crate::domain::correspondence::{
    self, Correspondence, CorrespondenceChanges, CorrespondenceType, Direction,
};

pub struct Correspondences;

#[derive(Debug, Clone, FromQueryResult)]
pub struct CorrespondenceRow {
    pub id: i64,
    pub lead_id: i64,
    pub contact_id: Option<i64>,
    pub kind: String,
    pub direction: String,
    pub subject: String,
    pub description: String,
    pub date: DateTime<Utc>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Resource for Correspondences {
    const TABLE: &'static str = "correspondences";
    const ENTITY: &'static str = "correspondence";
    const COLUMNS: &'static str = "correspondences.id, correspondences.lead_id, \
        correspondences.contact_id, correspondences.type AS kind, correspondences.direction, \
        correspondences.subject, correspondences.description, correspondences.date, \
        correspondences.created_by, correspondences.created_at, correspondences.updated_at";
    const FROM: &'static str = "correspondences";
    type Row = CorrespondenceRow;
    type View = Correspondence;

    fn view(r: CorrespondenceRow) -> Correspondence {
        Correspondence {
            id: r.id,
            lead: r.lead_id,
            contact: r.contact_id,
            kind: CorrespondenceType::parse(&r.kind).unwrap_or(CorrespondenceType::Email),
            direction: Direction::parse(&r.direction).unwrap_or(Direction::Outbound),
            subject: r.subject,
            description: r.description,
            date: r.date,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    fn id(view: &Correspondence) -> i64 {
        view.id
    }
}

pub const ORDERING: &[(&str, &str)] = &[
    ("date", "correspondences.date"),
    ("created_at", "correspondences.created_at"),
    ("type", "correspondences.type"),
];

#[derive(Debug, Default)]
pub struct CorrespondenceFilter {
    pub lead: Option<i64>,
    pub contact: Option<i64>,
    pub kinds: Vec<CorrespondenceType>,
    pub date_after: Option<DateTime<Utc>>,
    pub date_before: Option<DateTime<Utc>>,
}

pub async fn list(
    db: &Db,
    f: &CorrespondenceFilter,
    order: &str,
    limit: u64,
    offset: u64,
) -> Result<(i64, Vec<Correspondence>), DbError> {
    resource::page::<Correspondences, _>(
        &db.conn,
        |q| {
            if let Some(lead) = f.lead {
                q.push(" AND correspondences.lead_id = ").bind(lead);
            }
            if let Some(contact) = f.contact {
                q.push(" AND correspondences.contact_id = ").bind(contact);
            }
            if !f.kinds.is_empty() {
                let params: Vec<String> = f.kinds.iter().map(|k| q.param(k.as_str())).collect();
                q.push(&format!(
                    " AND correspondences.type IN ({})",
                    params.join(", ")
                ));
            }
            if let Some(after) = f.date_after {
                q.push(" AND correspondences.date >= ").bind(after);
            }
            if let Some(before) = f.date_before {
                q.push(" AND correspondences.date <= ").bind(before);
            }
        },
        order,
        limit,
        offset,
    )
    .await
}

/// Checks the contact named on `lead` under the rules of `correspondence::check_contact`.
async fn check_contact<C: ConnectionTrait>(
    txn: &C,
    lead: i64,
    contact: Option<i64>,
) -> WriteResult<()> {
    let found = match contact {
        Some(id) => sql("SELECT lead_id FROM contacts WHERE id = $1", [id.into()])
            .row(txn)
            .await?
            .map(|row| row.try_get_by_index::<i64>(0))
            .transpose()?,
        None => None,
    };
    correspondence::check_contact(lead, contact, found)?;
    Ok(())
}

pub async fn create(
    db: &Db,
    actor: &Actor,
    c: &CorrespondenceChanges,
) -> WriteResult<Correspondence> {
    let lead_id = c.lead.unwrap_or_default();
    let txn = db.begin_write().await?;
    lock_lead(&txn, lead_id).await?;
    let contact = c.contact.flatten();
    check_contact(&txn, lead_id, contact).await?;
    let item = resource::create::<Correspondences, _>(
        &txn,
        actor,
        &[
            "lead_id",
            "contact_id",
            "type",
            "direction",
            "subject",
            "description",
            "date",
            "created_by",
        ],
        vec![
            lead_id.into(),
            contact.into(),
            c.kind.unwrap_or(CorrespondenceType::Email).as_str().into(),
            c.direction.unwrap_or(Direction::Outbound).as_str().into(),
            c.subject.clone().unwrap_or_default().into(),
            c.description.clone().unwrap_or_default().into(),
            c.date.unwrap_or_else(super::now).into(),
            actor.id.into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(item)
}

pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    c: &CorrespondenceChanges,
) -> WriteResult<Correspondence> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Correspondences, _>(&txn, id, |v| v.lead).await?;
    let lead = c.lead.unwrap_or(before.lead);
    // Its own lead is locked already; a lead it moves to is locked too.
    if lead != before.lead {
        lock_lead(&txn, lead).await?;
    }
    // Moving to another lead re-checks the kept contact too.
    let contact = c.contact.unwrap_or(before.contact);
    check_contact(&txn, lead, contact).await?;
    let after = resource::update::<Correspondences, _>(&txn, actor, &before, |q| {
        q.set("lead_id", c.lead)
            .set("contact_id", c.contact)
            .set("type", c.kind.map(CorrespondenceType::as_str))
            .set("direction", c.direction.map(Direction::as_str))
            .set("subject", c.subject.clone())
            .set("description", c.description.clone())
            .set("date", c.date);
    })
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(db: &Db, actor: &Actor, id: i64) -> WriteResult<()> {
    let txn = db.begin_write().await?;
    let before = resource::require_child_locked::<Correspondences, _>(&txn, id, |v| v.lead).await?;
    resource::delete::<Correspondences, _>(&txn, actor, &before).await?;
    txn.commit().await?;
    Ok(())
}

/// Clears `contact` on the correspondence that names a contact about to be deleted,
/// recording each change (the records themselves stay).
pub async fn detach_contact<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    contact_id: i64,
) -> Result<(), DbError> {
    let q = sql(
        &format!(
            "SELECT {} FROM {} WHERE correspondences.contact_id = $1",
            Correspondences::COLUMNS,
            Correspondences::FROM
        ),
        [contact_id.into()],
    );
    for row in q.all::<CorrespondenceRow, _>(txn).await? {
        let before = Correspondences::view(row);
        resource::update::<Correspondences, _>(txn, actor, &before, |q| {
            q.set("contact_id", Some(None::<i64>));
        })
        .await?;
    }
    Ok(())
}
