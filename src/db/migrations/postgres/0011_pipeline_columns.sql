-- A pipeline column is one status's leads, most valuable first, 50 at a time, for everyone
-- or for one owner. These indexes hold exactly that order, so a column's page is a short
-- range scan at any size; without them the planner may fetch a whole status (a fifth of
-- the table) through leads_status and sort it.
CREATE INDEX leads_status_value ON leads (status, estimated_value, id);
CREATE INDEX leads_assignee_status_value ON leads (assigned_to, status, estimated_value, id);
