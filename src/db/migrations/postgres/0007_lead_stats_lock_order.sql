-- A change of status or priority moves a lead between two lead_stats rows. Two leads moving
-- in opposite directions at once locked those rows in opposite orders and deadlocked
-- (40P01). Both rows are now locked first, always in key order.
CREATE OR REPLACE FUNCTION lead_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM 1 FROM lead_stats
        WHERE (status, priority) IN ((OLD.status, OLD.priority), (NEW.status, NEW.priority))
        ORDER BY status, priority
        FOR UPDATE;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE lead_stats SET leads = leads - 1,
            value_units = value_units - OLD.estimated_value / 100,
            value_cents = value_cents - OLD.estimated_value % 100
        WHERE status = OLD.status AND priority = OLD.priority;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE lead_stats SET leads = leads + 1,
            value_units = value_units + NEW.estimated_value / 100,
            value_cents = value_cents + NEW.estimated_value % 100
        WHERE status = NEW.status AND priority = NEW.priority;
    END IF;
    RETURN NULL;
END;
$$;
