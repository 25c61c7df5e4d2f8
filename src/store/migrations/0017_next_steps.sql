-- The next step ★ and new products (issue 19).
--
-- What happened to a suggested measure, one row per event: assigned to an employee (with
-- a due day), done, or "not now" (until a day). The latest event of a customer and measure
-- is its state; every event is on the customer's timeline. The measure's name, channel and
-- the customer's matrix field and phase are kept as they were, so the timeline still
-- reads when the catalogue or the analysis changed.
CREATE TABLE next_steps (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    measure_id   INTEGER REFERENCES care_measures (id) ON DELETE SET NULL,
    measure_name TEXT NOT NULL CHECK (length(measure_name) BETWEEN 1 AND 80),
    channel      TEXT NOT NULL,
    quadrant     TEXT NOT NULL DEFAULT '',
    phase        TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL CHECK (action IN ('assigned', 'done', 'notNow')),
    -- assigned: to whom.
    assignee_id  INTEGER REFERENCES employees (id),
    -- assigned: due on; notNow: back on.
    due_on       TEXT CHECK (due_on IS NULL OR due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    -- Who recorded it.
    employee_id  INTEGER REFERENCES employees (id),
    -- The shop's local time, `YYYY-MM-DDTHH:MM` (the timeline's position).
    at           TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX next_steps_by_customer ON next_steps (customer_id, at, id);

-- Products and categories worth telling customers about: from `new_since` until `until`
-- (or 90 days after) customers whose interests, preferences or past purchases match get
-- an occasion on the agenda.
CREATE TABLE new_products (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    category   TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 80),
    -- ["Espresso", "Siebträger"]: further words that interest the right customers.
    keywords   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    text       TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 300),
    new_since  TEXT NOT NULL CHECK (new_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    until      TEXT CHECK (until IS NULL OR until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at TEXT NOT NULL
) STRICT;

-- Who bought in a category, and since when (the new products' occasions).
CREATE INDEX transactions_by_category ON transactions (category COLLATE NOCASE, customer_id, date)
    WHERE category <> '';
