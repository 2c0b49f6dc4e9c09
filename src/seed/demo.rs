//! Demo data with a Kenyan sales team in mind. Idempotent: what exists is left alone.

use chrono::Duration;

use crate::auth::password;
use crate::db::resource::of_lead;
use crate::db::{self, Db};
use crate::db::{
    contacts::Contacts, correspondences::Correspondences, notes::Notes, reminders::Reminders,
};
use crate::domain::Actor;
use crate::domain::contact::ContactChanges;
use crate::domain::correspondence::{CorrespondenceChanges, CorrespondenceType, Direction};
use crate::domain::lead::LeadChanges;
use crate::domain::note::NoteChanges;
use crate::domain::reminder::ReminderChanges;
use crate::domain::user::Role;

mod leads;

use leads::{DemoLead, LEADS};

pub const DEMO_PASSWORD: &str = "password123";

/// Loads the demo users and leads; returns a one-line report of what was added.
pub async fn demo(db: &Db) -> anyhow::Result<String> {
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let mut users = 0;
    for (username, email, first, last, role) in [
        (
            "manager",
            "manager@example.com",
            "Grace",
            "Wanjiru",
            Role::Manager,
        ),
        ("agent", "agent@example.com", "Brian", "Otieno", Role::Agent),
    ] {
        if db::users::insert_if_missing(db, username, email, first, last, role, &hash)
            .await
            .map_err(|e| anyhow::anyhow!("seeding user {username}: {e}"))?
        {
            users += 1;
        }
    }
    let manager = db::users::by_username(&db.conn, "manager")
        .await?
        .map(|u| u.actor());
    let agent = db::users::by_username(&db.conn, "agent").await?;
    let actor = manager.unwrap_or_else(Actor::system);
    let mut leads = 0;
    let mut children = 0;
    for (index, lead) in LEADS.iter().enumerate() {
        if let Some(id) =
            db::leads::find_named(&db.conn, lead.first, lead.last, lead.company).await?
        {
            children += activity(
                db,
                &actor,
                agent.as_ref().map(db::users::UserRow::actor),
                index,
                id,
                lead,
            )
            .await?;
            continue;
        }
        let changes = LeadChanges {
            first_name: Some(lead.first.into()),
            last_name: Some(lead.last.into()),
            company: Some(lead.company.into()),
            title: Some(lead.title.into()),
            email: Some(demo_email(lead.first, lead.last, lead.company)),
            phone: crate::domain::phone::normalise(lead.phone),
            status: Some(lead.status),
            priority: Some(lead.priority),
            estimated_value: Some(lead.value_kes * 100),
            source: Some(lead.source.into()),
            description: Some(lead.description.into()),
            assigned_to: Some(if lead.to_agent {
                agent.as_ref().map(|a| a.id)
            } else {
                actor.id
            }),
            lost_reason: None,
        };
        let created = db::leads::create(db, &actor, &changes)
            .await
            .map_err(|e| anyhow::anyhow!("seeding leads: {e}"))?;
        leads += 1;
        children += activity(
            db,
            &actor,
            agent.as_ref().map(db::users::UserRow::actor),
            index,
            created.id,
            lead,
        )
        .await?;
    }
    Ok(format!(
        "demo data: {users} user(s), {leads} lead(s) and {children} contact(s), note(s), \
         reminder(s) and correspondence entries added"
    ))
}

const ASSISTANTS: &[(&str, &str, &str)] = &[
    ("Peter", "Mwangi", "Personal Assistant"),
    ("Faith", "Atieno", "Finance Officer"),
    ("Dennis", "Kiptoo", "IT Support Lead"),
    ("Mercy", "Nyambura", "Procurement Officer"),
    ("Collins", "Omondi", "Operations Analyst"),
];

/// A write refused by the domain or the database, as a line for the terminal.
fn seed_err(what: &'static str) -> impl FnOnce(crate::db::WriteError) -> anyhow::Error {
    move |e| anyhow::anyhow!("seeding {what}: {e}")
}

/// Contacts, notes, reminders and correspondence of demo lead `index`, each kind added only
/// when the lead has none (so a second run adds nothing). Returns how many were added.
async fn activity(
    db: &Db,
    manager: &Actor,
    agent: Option<Actor>,
    index: usize,
    lead_id: i64,
    lead: &DemoLead,
) -> anyhow::Result<usize> {
    let owner = match (&agent, lead.to_agent) {
        (Some(agent), true) => agent.clone(),
        _ => manager.clone(),
    };
    let now = crate::db::now();
    let mut added = 0;

    let mut contact_ids = Vec::new();
    if of_lead::<Contacts, _>(&db.conn, lead_id).await?.is_empty() {
        let email = demo_email(lead.first, lead.last, lead.company);
        let domain = email
            .split('@')
            .nth(1)
            .unwrap_or("example.co.ke")
            .to_string();
        let mut people = vec![(lead.first, lead.last, lead.title, lead.phone, true)];
        if index.is_multiple_of(2) {
            let (first, last, position) = ASSISTANTS[index / 2 % ASSISTANTS.len()];
            people.push((first, last, position, "0790 123 456", false));
        }
        for (first, last, position, phone, primary) in people {
            let changes = ContactChanges {
                lead: Some(lead_id),
                first_name: Some(first.into()),
                last_name: Some(last.into()),
                email: Some(format!("{first}.{last}@{domain}").to_lowercase()),
                phone: crate::domain::phone::normalise(phone),
                position: Some(position.into()),
                is_primary: Some(primary),
            };
            let contact = db::contacts::create(db, &owner, &changes)
                .await
                .map_err(seed_err("contacts"))?;
            contact_ids.push(contact.id);
            added += 1;
        }
    }

    if of_lead::<Notes, _>(&db.conn, lead_id).await?.is_empty() {
        let notes = [
            format!("First call with {}: {}", lead.first, lead.description),
            format!(
                "Shared a proposal in KES with {}. Waiting for feedback.",
                lead.company
            ),
        ];
        for content in notes.into_iter().take(1 + index % 2) {
            let changes = NoteChanges {
                lead: Some(lead_id),
                content: Some(content),
            };
            db::notes::create(db, &owner, &changes)
                .await
                .map_err(seed_err("notes"))?;
            added += 1;
        }
    }

    if of_lead::<Reminders, _>(&db.conn, lead_id).await?.is_empty() {
        // Spread over the past and the coming days: some overdue, most upcoming.
        let offsets_hours = [26_i64, 50, -20, 4, 74, -44, 98, 8, 30, 122];
        let changes = ReminderChanges {
            lead: Some(lead_id),
            title: Some(format!("Follow up with {} {}", lead.first, lead.last)),
            message: Some(format!("Check progress on: {}", lead.description)),
            remind_at: Some(now + Duration::hours(offsets_hours[index % offsets_hours.len()])),
            recipient: owner.id,
            ..Default::default()
        };
        db::reminders::create(db, &owner, &changes)
            .await
            .map_err(seed_err("reminders"))?;
        added += 1;
    }

    if of_lead::<Correspondences, _>(&db.conn, lead_id)
        .await?
        .is_empty()
    {
        for k in 0..2 {
            let kind = CorrespondenceType::ALL[(index + k) % 3];
            let direction = if (index + k).is_multiple_of(2) {
                Direction::Outbound
            } else {
                Direction::Inbound
            };
            let (subject, description) = match kind {
                CorrespondenceType::Email => (
                    "Proposal and pricing",
                    format!(
                        "Emailed the proposal to {} at {}.",
                        lead.first, lead.company
                    ),
                ),
                CorrespondenceType::Call => (
                    "Discovery call",
                    format!("Call with {} about their needs and timelines.", lead.first),
                ),
                CorrespondenceType::Meeting => (
                    "On-site meeting",
                    format!("Met the {} team at their Nairobi office.", lead.company),
                ),
            };
            let changes = CorrespondenceChanges {
                lead: Some(lead_id),
                contact: Some(contact_ids.first().copied()),
                kind: Some(kind),
                direction: Some(direction),
                subject: Some(subject.into()),
                description: Some(description),
                date: Some(now - Duration::days((index + 2 * k + 1) as i64)),
            };
            db::correspondences::create(db, &owner, &changes)
                .await
                .map_err(seed_err("correspondence"))?;
            added += 1;
        }
    }
    Ok(added)
}

/// `wanjiku.kamau@safaricom.co.ke`-style addresses.
fn demo_email(first: &str, last: &str, company: &str) -> String {
    let domain: String = company
        .split_whitespace()
        .next()
        .unwrap_or("example")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{first}.{last}@{domain}.co.ke").to_lowercase()
}
