-- Exact figures without counting rows: the number and total value of leads per
-- (status, priority), and the number of contacts, kept by triggers in the same transaction
-- as every change. The dashboard and unfiltered or status/priority-filtered lead lists read
-- these instead of scanning a million rows.

CREATE TABLE lead_stats (
    status      TEXT NOT NULL,
    priority    INTEGER NOT NULL,
    leads       INTEGER NOT NULL DEFAULT 0,
    -- Whole units and cents apart, so that 64-bit sums cannot overflow.
    value_units INTEGER NOT NULL DEFAULT 0,
    value_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (status, priority)
);
INSERT INTO lead_stats (status, priority)
SELECT s.status, p.priority
FROM (SELECT 'new' AS status UNION ALL SELECT 'contacted' UNION ALL SELECT 'qualified'
      UNION ALL SELECT 'lost' UNION ALL SELECT 'converted') s
CROSS JOIN (SELECT 0 AS priority UNION ALL SELECT 1 UNION ALL SELECT 2) p;
UPDATE lead_stats SET
    leads = (SELECT COUNT(*) FROM leads l WHERE l.status = lead_stats.status AND l.priority = lead_stats.priority),
    value_units = (SELECT COALESCE(SUM(estimated_value / 100), 0) FROM leads l WHERE l.status = lead_stats.status AND l.priority = lead_stats.priority),
    value_cents = (SELECT COALESCE(SUM(estimated_value % 100), 0) FROM leads l WHERE l.status = lead_stats.status AND l.priority = lead_stats.priority);

CREATE TRIGGER lead_stats_insert AFTER INSERT ON leads BEGIN
    UPDATE lead_stats SET leads = leads + 1,
        value_units = value_units + new.estimated_value / 100,
        value_cents = value_cents + new.estimated_value % 100
    WHERE status = new.status AND priority = new.priority;
END;
CREATE TRIGGER lead_stats_delete AFTER DELETE ON leads BEGIN
    UPDATE lead_stats SET leads = leads - 1,
        value_units = value_units - old.estimated_value / 100,
        value_cents = value_cents - old.estimated_value % 100
    WHERE status = old.status AND priority = old.priority;
END;
CREATE TRIGGER lead_stats_update AFTER UPDATE OF status, priority, estimated_value ON leads BEGIN
    UPDATE lead_stats SET leads = leads - 1,
        value_units = value_units - old.estimated_value / 100,
        value_cents = value_cents - old.estimated_value % 100
    WHERE status = old.status AND priority = old.priority;
    UPDATE lead_stats SET leads = leads + 1,
        value_units = value_units + new.estimated_value / 100,
        value_cents = value_cents + new.estimated_value % 100
    WHERE status = new.status AND priority = new.priority;
END;

CREATE TABLE row_counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO row_counts (name, n) SELECT 'contacts', COUNT(*) FROM contacts;
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'contacts';
END;
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'contacts';
END;
