-- Privacy and access: consent per channel with its history, an append-only audit trail,
-- erasure (a customer row that stays only as an empty tombstone), and a PIN per employee
-- for the app lock.

-- A customer erased on request: every personal field is emptied, the row stays so that
-- the purchases the shop must keep for its accounts still belong to a (nameless) record.
ALTER TABLE customers ADD COLUMN erased_on TEXT
    CHECK (erased_on IS NULL OR erased_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Consent to advertising per channel, as given or withdrawn; every change is a new row,
-- the latest per channel counts.
CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'phone', 'messenger')),
    given       INTEGER NOT NULL CHECK (given IN (0, 1)),
    on_date     TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source      TEXT NOT NULL CHECK (source IN ('form', 'paper', 'kiosk', 'import', 'phone', 'email', 'other')),
    wording     TEXT NOT NULL DEFAULT '' CHECK (length(wording) <= 2000),
    employee_id INTEGER REFERENCES employees (id),
    created_at  TEXT NOT NULL
) STRICT;

-- Covering: the latest consent per customer and channel is the last row of its group.
CREATE INDEX consents_by_customer ON consents (customer_id, channel, on_date, id, given);

-- The firms among the live customers (a firm may be called unless it objected).
CREATE INDEX customers_firms ON customers (id) WHERE kind = 'firm' AND trashed_at IS NULL;

-- A merge moves a consent to the surviving record (its customer_id); nothing else of a
-- consent ever changes.
CREATE TRIGGER consents_append_only
BEFORE UPDATE OF id, channel, given, on_date, source, wording, employee_id, created_at
ON consents
BEGIN
    SELECT RAISE(ABORT, 'consent history cannot be changed');
END;

-- Only an erasure removes a customer's consents (or the row itself going).
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
WHEN EXISTS (SELECT 1 FROM customers WHERE id = old.customer_id AND erased_on IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'consent history cannot be deleted');
END;

-- Who did what and when. `detail` is JSON that names fields, channels and figures, never
-- the personal values themselves, so an entry may outlive an erasure.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    employee_id INTEGER REFERENCES employees (id),
    -- No foreign key: the entry outlives the record it is about.
    customer_id INTEGER,
    action      TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 40),
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

CREATE INDEX audit_log_by_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX audit_log_by_action ON audit_log (action, id);
CREATE INDEX audit_log_by_employee ON audit_log (employee_id, id) WHERE employee_id IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be deleted');
END;

-- That an erasure happened: the day, by whom, why. Not what was erased.
CREATE TABLE erasures (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    erased_on   TEXT NOT NULL CHECK (erased_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    employee_id INTEGER REFERENCES employees (id),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at  TEXT NOT NULL
) STRICT;

-- A ledger note of an erased customer may be emptied (the points and days stay); a
-- correction, which must name a reason, keeps a dash.
DROP TRIGGER loyalty_entries_append_only;
CREATE TRIGGER loyalty_entries_append_only
BEFORE UPDATE OF id, kind, on_date, points, purchase_id, bonus, note, employee_id, created_at
ON loyalty_entries
WHEN NOT (new.note IN ('', '–') AND new.id = old.id AND new.kind = old.kind
          AND new.on_date = old.on_date AND new.points = old.points
          AND new.purchase_id IS old.purchase_id AND new.bonus IS old.bonus
          AND new.employee_id IS old.employee_id AND new.created_at = old.created_at
          AND EXISTS (SELECT 1 FROM customers WHERE id = old.customer_id AND erased_on IS NOT NULL))
BEGIN
    SELECT RAISE(ABORT, 'loyalty ledger entries cannot be changed');
END;

-- The app lock: an employee's PIN or password as an Argon2id hash; NULL: no PIN.
ALTER TABLE employees ADD COLUMN pin_hash TEXT;
