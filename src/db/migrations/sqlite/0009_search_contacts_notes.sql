-- Search by contacts and notes. A lead's search document gains its contacts' names, emails
-- and phones (so a lead is found by them, one index read as before); contacts (for the
-- global search) and notes get indexes of their own. Triggers keep all three in the
-- writing transaction, like leads_fts; phones also carry their Kenyan national forms.
-- Every search is a prefix query (what people type is the start of a word): `prefix` keeps
-- an index of 1-, 2- and 3-character prefixes, so a search for "a" reads one entry instead
-- of merging every term that starts with it (a global search for one letter at 200 000
-- leads: about 400 ms without, 10 ms with).

CREATE VIEW contacts_search_document AS
SELECT id, first_name, last_name, email,
       phone || CASE WHEN phone LIKE '+254%'
                     THEN ' 0' || substr(phone, 5) || ' ' || substr(phone, 5)
                     ELSE '' END AS phone,
       lead_id
FROM contacts;

CREATE VIRTUAL TABLE contacts_fts USING fts5 (
    first_name, last_name, email, phone,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO contacts_fts (rowid, first_name, last_name, email, phone)
SELECT id, first_name, last_name, email, phone FROM contacts_search_document;

-- leads_fts gains a column (FTS5 tables cannot be altered): rebuilt from the new view.
DROP TRIGGER leads_fts_insert;
DROP TRIGGER leads_fts_update;
DROP VIEW leads_search_document;
DROP TABLE leads_fts;
CREATE VIRTUAL TABLE leads_fts USING fts5 (
    first_name, last_name, company, email, phone, description, contacts,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE VIEW leads_search_document AS
SELECT id, first_name, last_name, company, email,
       phone || CASE WHEN phone LIKE '+254%'
                     THEN ' 0' || substr(phone, 5) || ' ' || substr(phone, 5)
                     ELSE '' END AS phone,
       description,
       COALESCE((SELECT group_concat(d.first_name || ' ' || d.last_name || ' ' || d.email
                                     || ' ' || d.phone, ' ')
                 FROM contacts_search_document d WHERE d.lead_id = leads.id), '') AS contacts
FROM leads;
INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
SELECT * FROM leads_search_document;

CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
    SELECT * FROM leads_search_document WHERE id = new.id;
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE OF first_name, last_name, company, email, phone, description ON leads BEGIN
    DELETE FROM leads_fts WHERE rowid = old.id;
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
    SELECT * FROM leads_search_document WHERE id = new.id;
END;

-- A contact's change rewrites its own entry and its lead's document.
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, first_name, last_name, email, phone)
    SELECT id, first_name, last_name, email, phone FROM contacts_search_document WHERE id = new.id;
    DELETE FROM leads_fts WHERE rowid = new.lead_id;
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
    SELECT * FROM leads_search_document WHERE id = new.lead_id;
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF lead_id, first_name, last_name, email, phone ON contacts BEGIN
    DELETE FROM contacts_fts WHERE rowid = old.id;
    INSERT INTO contacts_fts (rowid, first_name, last_name, email, phone)
    SELECT id, first_name, last_name, email, phone FROM contacts_search_document WHERE id = new.id;
    DELETE FROM leads_fts WHERE rowid IN (old.lead_id, new.lead_id);
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
    SELECT * FROM leads_search_document WHERE id IN (old.lead_id, new.lead_id);
END;
-- Also fires for the contacts a lead's delete cascades to (the lead is gone by then, so its
-- document is only removed).
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM contacts_fts WHERE rowid = old.id;
    DELETE FROM leads_fts WHERE rowid = old.lead_id;
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description, contacts)
    SELECT * FROM leads_search_document WHERE id = old.lead_id;
END;

-- Notes can be long: the index reads their text from the notes table itself (external
-- content) instead of keeping a second copy.
CREATE VIRTUAL TABLE notes_fts USING fts5 (
    content, content = 'notes', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF content ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO notes_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
