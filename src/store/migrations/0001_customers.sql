-- Schema 1: customers and application settings.
-- Shipped migrations are never edited; later changes go into a new numbered file.

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'firm')),
    first_name  TEXT NOT NULL DEFAULT '',
    last_name   TEXT NOT NULL DEFAULT '',
    firm_name   TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    birthday    TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes       TEXT NOT NULL DEFAULT '',
    -- Folded display name ("mueller hans"), the order of the customer list.
    sort_key    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    trashed_at  TEXT
) STRICT;

-- Keyset paging over the live list walks this index in order.
CREATE INDEX customers_live_by_sort ON customers (sort_key, id) WHERE trashed_at IS NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
