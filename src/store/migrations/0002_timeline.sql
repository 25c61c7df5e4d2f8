-- Schema 2: the shop's employees, purchases (transactions) and interactions: together
-- they make a customer's timeline.

CREATE TABLE employees (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE transactions (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    product        TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    quantity       INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX transactions_by_customer ON transactions (customer_id, date, id);

CREATE TABLE interactions (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- Local date and time of the shop, 'YYYY-MM-DDTHH:MM'.
    at            TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN
                    ('phone', 'visit', 'email', 'letter', 'messenger', 'social', 'event', 'other')),
    direction     TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    employee_id   INTEGER REFERENCES employees (id),
    summary       TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '',
    next_step     TEXT NOT NULL DEFAULT '',
    next_step_due TEXT,
    complaint     INTEGER NOT NULL DEFAULT 0 CHECK (complaint IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX interactions_by_customer ON interactions (customer_id, at, id);
