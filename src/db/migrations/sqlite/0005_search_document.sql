-- The search document of a lead is defined once, as a view; the triggers that keep the
-- search index in sync (and bulk loads) insert from it.

CREATE VIEW leads_search_document AS
SELECT id, first_name, last_name, company, email,
       phone || CASE WHEN phone LIKE '+254%'
                     THEN ' 0' || substr(phone, 5) || ' ' || substr(phone, 5)
                     ELSE '' END AS phone,
       description
FROM leads;

DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_update;
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description)
    SELECT * FROM leads_search_document WHERE id = new.id;
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE OF first_name, last_name, company, email, phone, description ON leads BEGIN
    DELETE FROM leads_fts WHERE rowid = old.id;
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description)
    SELECT * FROM leads_search_document WHERE id = new.id;
END;
