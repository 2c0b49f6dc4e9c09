-- Next steps on the lead: `last_activity_at` (the latest note, correspondence or completed
-- reminder) and `next_reminder_at` (the soonest pending, not completed reminder), plus the
-- optional `lost_reason`. Triggers keep the two dates exact in the same transaction as every
-- change of notes, correspondence and reminders, whoever writes them (API, dispatcher,
-- imports, deletes of a lead's children): one rule in one place. Each trigger recomputes the
-- lead's two values from its children (a handful of rows through the per-lead indexes)
-- rather than adjusting them, so no order of changes can leave them stale.

ALTER TABLE leads ADD COLUMN last_activity_at TEXT;
ALTER TABLE leads ADD COLUMN next_reminder_at TEXT;
ALTER TABLE leads ADD COLUMN lost_reason TEXT NOT NULL DEFAULT '';

-- The pending reminders of a lead, soonest first (next_reminder_at).
CREATE INDEX reminders_lead_pending ON reminders (lead_id, remind_at)
    WHERE status = 'pending' AND completed_at IS NULL;
-- Open follow-ups (neither completed nor cancelled) by time, everyone's and one person's:
-- the Today page's overdue list and the navigation's count. Sent but not completed ones
-- are open too, so the status index alone reads most of the table.
CREATE INDEX reminders_open ON reminders (remind_at)
    WHERE completed_at IS NULL AND status <> 'cancelled';
CREATE INDEX reminders_open_recipient ON reminders (recipient_id, remind_at)
    WHERE completed_at IS NULL AND status <> 'cancelled';

-- Timestamps are RFC 3339 text in one format, so text order is time order and MAX/MIN over
-- text are the latest/soonest. The scalar MAX() is NULL when any argument is, hence ''.
-- A correspondence counts at the earlier of its date and its logging (a meeting booked for
-- next month is not activity in the future).
UPDATE leads SET
    last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), ''),
    next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = leads.id
                        AND r.status = 'pending' AND r.completed_at IS NULL);

CREATE TRIGGER notes_next_steps_insert AFTER INSERT ON notes BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id = new.lead_id;
END;
CREATE TRIGGER notes_next_steps_delete AFTER DELETE ON notes BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id = old.lead_id;
END;
CREATE TRIGGER notes_next_steps_update AFTER UPDATE OF lead_id, created_at ON notes
WHEN old.lead_id IS NOT new.lead_id OR old.created_at IS NOT new.created_at BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id IN (old.lead_id, new.lead_id);
END;

CREATE TRIGGER correspondences_next_steps_insert AFTER INSERT ON correspondences BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id = new.lead_id;
END;
CREATE TRIGGER correspondences_next_steps_delete AFTER DELETE ON correspondences BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id = old.lead_id;
END;
CREATE TRIGGER correspondences_next_steps_update AFTER UPDATE OF lead_id, date ON correspondences
WHEN old.lead_id IS NOT new.lead_id OR old.date IS NOT new.date BEGIN
    UPDATE leads SET last_activity_at = NULLIF(MAX(
        COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
        COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), '')
    WHERE id IN (old.lead_id, new.lead_id);
END;

CREATE TRIGGER reminders_next_steps_insert AFTER INSERT ON reminders BEGIN
    UPDATE leads SET
        last_activity_at = NULLIF(MAX(
            COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), ''),
        next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = leads.id
                            AND r.status = 'pending' AND r.completed_at IS NULL)
    WHERE id = new.lead_id;
END;
CREATE TRIGGER reminders_next_steps_delete AFTER DELETE ON reminders BEGIN
    UPDATE leads SET
        last_activity_at = NULLIF(MAX(
            COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), ''),
        next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = leads.id
                            AND r.status = 'pending' AND r.completed_at IS NULL)
    WHERE id = old.lead_id;
END;
-- The dispatcher's claim (lease columns) and retry bookkeeping change none of these columns
-- and so cost nothing here; sending (pending → sent) does, and moves the next step on.
CREATE TRIGGER reminders_next_steps_update
AFTER UPDATE OF lead_id, status, remind_at, completed_at ON reminders
WHEN old.lead_id IS NOT new.lead_id OR old.status IS NOT new.status
  OR old.remind_at IS NOT new.remind_at OR old.completed_at IS NOT new.completed_at BEGIN
    UPDATE leads SET
        last_activity_at = NULLIF(MAX(
            COALESCE((SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(MIN(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id), ''),
            COALESCE((SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id), '')), ''),
        next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = leads.id
                            AND r.status = 'pending' AND r.completed_at IS NULL)
    WHERE id IN (old.lead_id, new.lead_id);
END;

-- List orderings with nulls last in both directions: the API orders by
-- `(column IS NULL), column`, and these indexes serve both directions of that key.
CREATE INDEX leads_next_reminder_at ON leads ((next_reminder_at IS NULL), next_reminder_at, id);
CREATE INDEX leads_next_reminder_at_desc ON leads ((next_reminder_at IS NULL), next_reminder_at DESC, id DESC);
CREATE INDEX leads_last_activity_at ON leads ((last_activity_at IS NULL), last_activity_at, id);
CREATE INDEX leads_last_activity_at_desc ON leads ((last_activity_at IS NULL), last_activity_at DESC, id DESC);
-- `no_next_step=true` in the default order.
CREATE INDEX leads_no_next_step ON leads (created_at, id)
    WHERE next_reminder_at IS NULL AND status NOT IN ('lost', 'converted');
