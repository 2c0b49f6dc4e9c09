-- The twin of postgres/0007: SQLite runs one write transaction at a time, so its counter
-- triggers cannot deadlock and need no change.
SELECT 1;
