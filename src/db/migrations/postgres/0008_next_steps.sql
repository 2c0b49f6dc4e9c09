-- The twin of sqlite/0008_next_steps.sql: `last_activity_at`, `next_reminder_at` and
-- `lost_reason` on leads, the two dates kept exact by triggers in the same transaction as
-- every change of notes, correspondence and reminders. Every writer of a child locks the
-- lead's row first (db::leads::lock, and the dispatcher does too), so the trigger's update
-- of that row never waits on a lock taken in the other order.

ALTER TABLE leads ADD COLUMN last_activity_at TIMESTAMPTZ;
ALTER TABLE leads ADD COLUMN next_reminder_at TIMESTAMPTZ;
ALTER TABLE leads ADD COLUMN lost_reason TEXT NOT NULL DEFAULT '';

CREATE INDEX reminders_lead_pending ON reminders (lead_id, remind_at)
    WHERE status = 'pending' AND completed_at IS NULL;
-- Open follow-ups (neither completed nor cancelled) by time, everyone's and one person's:
-- the Today page's overdue list and the navigation's count. Sent but not completed ones
-- are open too, so the status index alone reads most of the table.
CREATE INDEX reminders_open ON reminders (remind_at)
    WHERE completed_at IS NULL AND status <> 'cancelled';
CREATE INDEX reminders_open_recipient ON reminders (recipient_id, remind_at)
    WHERE completed_at IS NULL AND status <> 'cancelled';

-- Recomputes one lead's two dates from its children (a few rows through per-lead indexes).
-- A correspondence counts at the earlier of its date and its logging (a meeting booked for
-- next month is not activity in the future).
CREATE FUNCTION lead_next_steps_refresh(lead BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE leads SET
        last_activity_at = GREATEST(
            (SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = lead),
            (SELECT MAX(LEAST(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = lead),
            (SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = lead)),
        next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = lead
                            AND r.status = 'pending' AND r.completed_at IS NULL)
    WHERE id = lead;
$$;

CREATE FUNCTION lead_next_steps_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM lead_next_steps_refresh(NEW.lead_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.lead_id IS DISTINCT FROM NEW.lead_id) THEN
        PERFORM lead_next_steps_refresh(OLD.lead_id);
    END IF;
    RETURN NULL;
END;
$$;

UPDATE leads SET
    last_activity_at = GREATEST(
        (SELECT MAX(n.created_at) FROM notes n WHERE n.lead_id = leads.id),
        (SELECT MAX(LEAST(c.date, c.created_at)) FROM correspondences c WHERE c.lead_id = leads.id),
        (SELECT MAX(r.completed_at) FROM reminders r WHERE r.lead_id = leads.id)),
    next_reminder_at = (SELECT MIN(r.remind_at) FROM reminders r WHERE r.lead_id = leads.id
                        AND r.status = 'pending' AND r.completed_at IS NULL);

CREATE TRIGGER notes_next_steps AFTER INSERT OR DELETE ON notes
    FOR EACH ROW EXECUTE FUNCTION lead_next_steps_apply();
CREATE TRIGGER notes_next_steps_update AFTER UPDATE OF lead_id, created_at ON notes
    FOR EACH ROW WHEN (OLD.lead_id IS DISTINCT FROM NEW.lead_id
                       OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION lead_next_steps_apply();
CREATE TRIGGER correspondences_next_steps AFTER INSERT OR DELETE ON correspondences
    FOR EACH ROW EXECUTE FUNCTION lead_next_steps_apply();
CREATE TRIGGER correspondences_next_steps_update AFTER UPDATE OF lead_id, date ON correspondences
    FOR EACH ROW WHEN (OLD.lead_id IS DISTINCT FROM NEW.lead_id OR OLD.date IS DISTINCT FROM NEW.date)
    EXECUTE FUNCTION lead_next_steps_apply();
CREATE TRIGGER reminders_next_steps AFTER INSERT OR DELETE ON reminders
    FOR EACH ROW EXECUTE FUNCTION lead_next_steps_apply();
-- The dispatcher's claim and retry bookkeeping change none of these columns.
CREATE TRIGGER reminders_next_steps_update
    AFTER UPDATE OF lead_id, status, remind_at, completed_at ON reminders
    FOR EACH ROW WHEN (OLD.lead_id IS DISTINCT FROM NEW.lead_id
                       OR OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.remind_at IS DISTINCT FROM NEW.remind_at
                       OR OLD.completed_at IS DISTINCT FROM NEW.completed_at)
    EXECUTE FUNCTION lead_next_steps_apply();

-- List orderings with nulls last in both directions (the API orders by
-- `(column IS NULL), column`); each index serves one direction of that key.
CREATE INDEX leads_next_reminder_at ON leads ((next_reminder_at IS NULL), next_reminder_at, id);
CREATE INDEX leads_next_reminder_at_desc ON leads ((next_reminder_at IS NULL), next_reminder_at DESC, id DESC);
CREATE INDEX leads_last_activity_at ON leads ((last_activity_at IS NULL), last_activity_at, id);
CREATE INDEX leads_last_activity_at_desc ON leads ((last_activity_at IS NULL), last_activity_at DESC, id DESC);
CREATE INDEX leads_no_next_step ON leads (created_at, id)
    WHERE next_reminder_at IS NULL AND status NOT IN ('lost', 'converted');
