//! A lead's next-step dates (`last_activity_at`, `next_reminder_at`) are kept by database
//! triggers (migration 0008) on every change of its notes, correspondence and reminders.
//! A bulk load sets the triggers aside; it then fills the dates of the leads it added with
//! one set-wise statement, the same computation as the triggers'.

use sea_orm::DbBackend;

/// Recomputes the next-step dates of every lead whose id is above the one bound parameter
/// (`?1` on SQLite, `$1` on PostgreSQL, as the bulk loader's driver binds them).
pub fn backfill_after(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "UPDATE leads SET \
               last_activity_at = GREATEST( \
                 (SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), \
                 (SELECT MAX(LEAST(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), \
                 (SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id)), \
               next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r \
                 WHERE r.lead_id = leads.id AND r.status = 'pending' AND r.completed_at IS NULL) \
             WHERE leads.id > $1"
        }
        _ => {
            "UPDATE leads SET \
               last_activity_at = NULLIF(MAX( \
                 COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''), \
                 COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''), \
                 COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), ''), \
               next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r \
                 WHERE r.lead_id = leads.id AND r.status = 'pending' AND r.completed_at IS NULL) \
             WHERE leads.id > ?1"
        }
    }
}
