-- A personal dashboard groups one assignee's leads by status and priority and sums their
-- values: with every column it reads in this index, both backends answer from the index
-- alone, reading only that assignee's entries (the counters are kept for the whole table).
CREATE INDEX leads_assignee_figures ON leads (assigned_to, status, priority, estimated_value);
