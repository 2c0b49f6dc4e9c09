-- Reminder delivery: the reminder rows are the queue. A dispatcher claims due rows with a
-- lease (lease_id, locked_until), retries failures with backoff (attempts, next_attempt_at),
-- and records messages kept instead of sent in the outbox. Users get a calendar feed token.

ALTER TABLE reminders ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reminders ADD COLUMN next_attempt_at TEXT;
ALTER TABLE reminders ADD COLUMN lease_id TEXT;
ALTER TABLE reminders ADD COLUMN locked_until TEXT;
-- Only pending reminders are ever claimed: keep the index to them.
CREATE INDEX reminders_claim ON reminders (remind_at, id) WHERE status = 'pending';

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    to_address  TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    reminder_id INTEGER REFERENCES reminders (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX outbox_created_at ON outbox (created_at, id);

ALTER TABLE users ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX users_calendar_token ON users (calendar_token);
