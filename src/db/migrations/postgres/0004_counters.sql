-- Exact figures without counting rows. The twin of sqlite/0004_counters.sql.

CREATE TABLE lead_stats (
    status      TEXT NOT NULL,
    priority    SMALLINT NOT NULL,
    leads       BIGINT NOT NULL DEFAULT 0,
    value_units BIGINT NOT NULL DEFAULT 0,
    value_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (status, priority)
);
INSERT INTO lead_stats (status, priority, leads, value_units, value_cents)
SELECT s.status, p.priority,
       (SELECT COUNT(*) FROM leads l WHERE l.status = s.status AND l.priority = p.priority),
       (SELECT COALESCE(SUM(estimated_value / 100), 0) FROM leads l WHERE l.status = s.status AND l.priority = p.priority),
       (SELECT COALESCE(SUM(estimated_value % 100), 0) FROM leads l WHERE l.status = s.status AND l.priority = p.priority)
FROM (VALUES ('new'), ('contacted'), ('qualified'), ('lost'), ('converted')) s (status)
CROSS JOIN (VALUES (0::SMALLINT), (1::SMALLINT), (2::SMALLINT)) p (priority);

CREATE FUNCTION lead_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER lead_stats_insert_delete AFTER INSERT OR DELETE ON leads
    FOR EACH ROW EXECUTE FUNCTION lead_stats_apply();
CREATE TRIGGER lead_stats_update AFTER UPDATE OF status, priority, estimated_value ON leads
    FOR EACH ROW EXECUTE FUNCTION lead_stats_apply();

CREATE TABLE row_counts (
    name TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO row_counts (name, n) SELECT 'contacts', COUNT(*) FROM contacts;
CREATE FUNCTION contacts_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_counts SET n = n + CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END
    WHERE name = 'contacts';
    RETURN NULL;
END;
$$;
CREATE TRIGGER contacts_count AFTER INSERT OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION contacts_count_apply();
