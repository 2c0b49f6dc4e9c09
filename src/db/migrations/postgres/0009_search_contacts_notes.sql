-- The twin of sqlite/0009_search_contacts_notes.sql. Contacts (names, email, phone with its
-- Kenyan national forms) and notes (content) get search documents as generated columns
-- with GIN indexes, built like leads.search_vector. A lead's contacts' documents are kept
-- together on the lead (`contacts_vector`, by a trigger, in the writing transaction), and
-- the lead is searched through one GIN index over both of its vectors.

ALTER TABLE contacts ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(
        first_name || ' ' || last_name || ' ' || email || ' ' || phone || ' '
        || CASE WHEN phone LIKE '+254%' THEN '0' || substr(phone, 5) || ' ' || substr(phone, 5)
                ELSE '' END,
        '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX contacts_search ON contacts USING GIN (search_vector);

ALTER TABLE notes ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX notes_search ON notes USING GIN (search_vector);

-- `||` of every vector of a group.
CREATE AGGREGATE search_concat (TSVECTOR) (SFUNC = tsvector_concat, STYPE = TSVECTOR, INITCOND = '');

ALTER TABLE leads ADD COLUMN contacts_vector TSVECTOR NOT NULL DEFAULT '';
UPDATE leads SET contacts_vector = c.vector
FROM (SELECT lead_id, search_concat(search_vector) AS vector FROM contacts GROUP BY lead_id) c
WHERE leads.id = c.lead_id;

CREATE FUNCTION contacts_lead_search() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE leads SET contacts_vector = (SELECT search_concat(c.search_vector)
                                            FROM contacts c WHERE c.lead_id = OLD.lead_id)
        WHERE id = OLD.lead_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.lead_id <> OLD.lead_id THEN
        UPDATE leads SET contacts_vector = (SELECT search_concat(c.search_vector)
                                            FROM contacts c WHERE c.lead_id = NEW.lead_id)
        WHERE id = NEW.lead_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER contacts_lead_search
    AFTER INSERT OR DELETE OR UPDATE OF lead_id, first_name, last_name, email, phone ON contacts
    FOR EACH ROW EXECUTE FUNCTION contacts_lead_search();

DROP INDEX leads_search;
CREATE INDEX leads_search ON leads USING GIN ((search_vector || contacts_vector));
