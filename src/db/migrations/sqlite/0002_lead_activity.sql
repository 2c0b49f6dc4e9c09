-- Contacts, notes, reminders and correspondence: everything that hangs off a lead.

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    lead_id    INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    position   TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_lead ON contacts (lead_id, created_at, id);
CREATE INDEX contacts_created_at ON contacts (created_at, id);
-- At most one primary contact per lead, enforced by the database.
CREATE UNIQUE INDEX contacts_one_primary ON contacts (lead_id) WHERE is_primary = 1;

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    lead_id    INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    author_id  INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_lead ON notes (lead_id, created_at, id);
CREATE INDEX notes_created_at ON notes (created_at, id);

CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY,
    lead_id      INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    message      TEXT NOT NULL DEFAULT '',
    remind_at    TEXT NOT NULL,
    recipient_id INTEGER NOT NULL REFERENCES users (id),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'cancelled', 'failed')),
    sent_at      TEXT,
    completed_at TEXT,
    last_error   TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders (status, remind_at, id);
CREATE INDEX reminders_recipient ON reminders (recipient_id, remind_at);
CREATE INDEX reminders_lead ON reminders (lead_id, remind_at);
CREATE INDEX reminders_created_at ON reminders (created_at, id);
CREATE INDEX reminders_remind_at ON reminders (remind_at, id);

CREATE TABLE correspondences (
    id          INTEGER PRIMARY KEY,
    lead_id     INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    type        TEXT NOT NULL CHECK (type IN ('email', 'call', 'meeting')),
    direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    subject     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    date        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX correspondences_lead ON correspondences (lead_id, date, id);
CREATE INDEX correspondences_contact ON correspondences (contact_id);
CREATE INDEX correspondences_date ON correspondences (date, id);
