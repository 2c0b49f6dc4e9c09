//! The audited writes of leads, through the same resource layer as their children.

use sea_orm::ConnectionTrait;

use super::lock::lock;
use super::read::{COLUMNS, LeadRow, get};
use crate::db::contacts::Contacts;
use crate::db::correspondences::Correspondences;
use crate::db::notes::Notes;
use crate::db::reminders::Reminders;
use crate::db::resource::{self, Resource};
use crate::db::{DatabaseTransaction, Db, DbError, WriteResult};
use crate::domain::Actor;
use crate::domain::lead::{Lead, LeadChanges, LeadStatus, Priority};

pub struct Leads;

impl Resource for Leads {
    const TABLE: &'static str = "leads";
    const ENTITY: &'static str = "lead";
    const COLUMNS: &'static str = COLUMNS;
    const FROM: &'static str = "leads";
    type Row = LeadRow;
    type View = Lead;

    fn view(row: LeadRow) -> Lead {
        row.to_lead()
    }

    fn id(view: &Lead) -> i64 {
        view.id
    }

    /// With its contact count and primary contact.
    fn load<C: ConnectionTrait>(
        db: &C,
        id: i64,
    ) -> impl Future<Output = Result<Option<Lead>, DbError>> + Send {
        get(db, id)
    }
}

/// Creates a lead with its audit entry.
pub async fn create(db: &Db, actor: &Actor, c: &LeadChanges) -> WriteResult<Lead> {
    let txn = db.begin_write().await?;
    if let Some(Some(assignee)) = c.assigned_to {
        crate::db::users::require_assignable(&txn, "assigned_to", assignee).await?;
    }
    let lead = resource::create::<Leads, _>(
        &txn,
        actor,
        &[
            "first_name",
            "last_name",
            "company",
            "title",
            "email",
            "phone",
            "status",
            "priority",
            "estimated_value",
            "source",
            "description",
            "assigned_to",
            "created_by",
            "lost_reason",
        ],
        vec![
            c.first_name.clone().unwrap_or_default().into(),
            c.last_name.clone().unwrap_or_default().into(),
            c.company.clone().unwrap_or_default().into(),
            c.title.clone().unwrap_or_default().into(),
            c.email.clone().unwrap_or_default().into(),
            c.phone.clone().unwrap_or_default().into(),
            c.status.unwrap_or(LeadStatus::New).as_str().into(),
            c.priority.unwrap_or(Priority::Medium).rank().into(),
            c.estimated_value.unwrap_or(0).into(),
            c.source.clone().unwrap_or_default().into(),
            c.description.clone().unwrap_or_default().into(),
            c.assigned_to.flatten().into(),
            actor.id.into(),
            c.lost_reason.clone().unwrap_or_default().into(),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(lead)
}

/// Applies `c` to lead `id` with its audit entry (the whole object before and after).
pub async fn update(db: &Db, actor: &Actor, id: i64, c: &LeadChanges) -> WriteResult<Lead> {
    let txn = db.begin_write().await?;
    let before = resource::require_locked::<Leads, _>(&txn, id).await?;
    if let Some(Some(assignee)) = c.assigned_to {
        crate::db::users::require_assignable(&txn, "assigned_to", assignee).await?;
    }
    let after = resource::update::<Leads, _>(&txn, actor, &before, |q| {
        q.set("first_name", c.first_name.clone())
            .set("last_name", c.last_name.clone())
            .set("company", c.company.clone())
            .set("title", c.title.clone())
            .set("email", c.email.clone())
            .set("phone", c.phone.clone())
            .set("source", c.source.clone())
            .set("description", c.description.clone())
            .set("status", c.status.map(LeadStatus::as_str))
            .set("priority", c.priority.map(Priority::rank))
            .set("estimated_value", c.estimated_value)
            .set("assigned_to", c.assigned_to)
            .set("lost_reason", c.lost_reason.clone());
    })
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes lead `id` and everything that hangs off it, in one transaction; the audit trail
/// records each deleted object. The lead is locked first, so a child being added at the
/// same time either lands before (and is deleted with it) or finds the lead gone.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> WriteResult<()> {
    let txn = db.begin_write().await?;
    if !lock(&txn, id).await? {
        return Err(DbError::NotFound.into());
    }
    let before = resource::require::<Leads, _>(&txn, id).await?;
    delete_children::<Correspondences>(&txn, actor, id).await?;
    delete_children::<Contacts>(&txn, actor, id).await?;
    delete_children::<Notes>(&txn, actor, id).await?;
    delete_children::<Reminders>(&txn, actor, id).await?;
    resource::delete::<Leads, _>(&txn, actor, &before).await?;
    txn.commit().await?;
    Ok(())
}

async fn delete_children<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    lead_id: i64,
) -> Result<(), DbError> {
    for child in resource::of_lead::<R, _>(txn, lead_id).await? {
        resource::delete::<R, _>(txn, actor, &child).await?;
    }
    Ok(())
}
