-- Core schema: users, auth state, leads (with full-text search), audit trail.
-- Timestamps are RFC 3339 text written by the application (never SQL defaults) so that
-- every value has one format and text order equals time order.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL DEFAULT '',
    first_name    TEXT NOT NULL DEFAULT '',
    last_name     TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('manager', 'agent')),
    is_active     INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    date_joined   TEXT NOT NULL,
    last_login    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX users_created_at ON users (created_at, id);

CREATE TABLE refresh_tokens (
    jti               TEXT PRIMARY KEY,
    user_id           INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id         TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    family_expires_at TEXT NOT NULL,
    used_at           TEXT,
    revoked_at        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE leads (
    id              INTEGER PRIMARY KEY,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL DEFAULT '',
    company         TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'qualified', 'lost', 'converted')),
    -- 0 = low, 1 = medium, 2 = high: ordering by the column is ordering by rank.
    priority        INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
    estimated_value INTEGER NOT NULL CHECK (estimated_value >= 0), -- cents
    source          TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    assigned_to     INTEGER REFERENCES users (id),
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX leads_created_at ON leads (created_at, id);
CREATE INDEX leads_updated_at ON leads (updated_at, id);
CREATE INDEX leads_status ON leads (status, created_at, id);
CREATE INDEX leads_priority ON leads (priority, created_at, id);
CREATE INDEX leads_estimated_value ON leads (estimated_value, id);
CREATE INDEX leads_first_name ON leads (first_name, id);
CREATE INDEX leads_last_name ON leads (last_name, id);
CREATE INDEX leads_company ON leads (company, id);
CREATE INDEX leads_assigned_to ON leads (assigned_to, created_at, id);
CREATE INDEX leads_created_by ON leads (created_by, created_at, id);

-- Search index, kept in sync by triggers. The phone column also carries the Kenyan
-- national forms (0712…, 712…) so that a number typed as people say it is found.
CREATE VIRTUAL TABLE leads_fts USING fts5 (
    first_name, last_name, company, email, phone, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description)
    VALUES (new.id, new.first_name, new.last_name, new.company, new.email,
            new.phone || CASE WHEN new.phone LIKE '+254%'
                              THEN ' 0' || substr(new.phone, 5) || ' ' || substr(new.phone, 5)
                              ELSE '' END,
            new.description);
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE ON leads BEGIN
    DELETE FROM leads_fts WHERE rowid = old.id;
    INSERT INTO leads_fts (rowid, first_name, last_name, company, email, phone, description)
    VALUES (new.id, new.first_name, new.last_name, new.company, new.email,
            new.phone || CASE WHEN new.phone LIKE '+254%'
                              THEN ' 0' || substr(new.phone, 5) || ' ' || substr(new.phone, 5)
                              ELSE '' END,
            new.description);
END;
CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads BEGIN
    DELETE FROM leads_fts WHERE rowid = old.id;
END;

CREATE TABLE audit_logs (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    username   TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    changes    TEXT NOT NULL,
    timestamp  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX audit_logs_timestamp ON audit_logs (timestamp, id);
CREATE INDEX audit_logs_entity ON audit_logs (entity, entity_id, timestamp);
CREATE INDEX audit_logs_user ON audit_logs (user_id, timestamp);
