-- The twin of sqlite/0005_search_document.sql: PostgreSQL keeps its search document in a
-- generated column, so there is nothing to change; the step exists to keep the numbering.
SELECT 1;
