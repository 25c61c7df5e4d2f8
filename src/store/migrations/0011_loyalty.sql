-- Schema 11: the loyalty program. Members with their card numbers, the points ledger
-- (append only: the database refuses to change or delete an entry, and refuses an entry
-- that would take a balance below zero), the rewards catalogue, coupons and their uses.

CREATE TABLE loyalty_members (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    -- 13 digits, EAN-13 style: "29" (in-store numbers), 10 digits, a check digit.
    card_number TEXT NOT NULL UNIQUE
                CHECK (length(card_number) = 13 AND card_number NOT GLOB '*[^0-9]*'),
    joined_on   TEXT NOT NULL CHECK (joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE loyalty_rewards (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
    kind        TEXT NOT NULL CHECK (kind IN
                    ('discountPercent', 'discountAmount', 'gift', 'presale', 'event', 'partner', 'custom')),
    -- Percent for a percentage discount, cents for an amount; 0 otherwise.
    value       INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
    points      INTEGER NOT NULL CHECK (points > 0),
    -- NULL: unlimited.
    stock       INTEGER CHECK (stock IS NULL OR stock >= 0),
    valid_from  TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;

INSERT INTO loyalty_rewards (name, kind, value, points, stock, description, created_at) VALUES
    ('5 € Rabatt', 'discountAmount', 500, 500, NULL, '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('10 % auf den nächsten Einkauf', 'discountPercent', 10, 800, NULL, '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Kleines Geschenk', 'gift', 0, 300, 50, '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Vorabzugang zur neuen Kollektion', 'presale', 0, 1000, NULL, '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Einladung zum Kundenabend', 'event', 0, 1500, 30, '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));

CREATE TABLE coupons (
    id          INTEGER PRIMARY KEY,
    -- 12 characters of Crockford base 32, without separators.
    code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
    -- NULL: any customer may use it (a campaign code).
    customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
    reward_id   INTEGER REFERENCES loyalty_rewards (id) ON DELETE SET NULL,
    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    -- NULL: as often as wanted.
    max_uses    INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    used        INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND (max_uses IS NULL OR used <= max_uses)),
    valid_until TEXT CHECK (valid_until IS NULL OR valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    issued_on   TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX coupons_by_customer ON coupons (customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE coupon_uses (
    id          INTEGER PRIMARY KEY,
    coupon_id   INTEGER NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    used_on     TEXT NOT NULL CHECK (used_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    employee_id INTEGER REFERENCES employees (id),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE loyalty_entries (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('earn', 'bonus', 'redeem', 'expire', 'correct', 'reverse')),
    on_date     TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    points      INTEGER NOT NULL CHECK (
                    (kind IN ('earn', 'bonus') AND points > 0)
                    OR (kind IN ('redeem', 'expire', 'reverse') AND points < 0)
                    OR (kind = 'correct' AND points <> 0)),
    -- The purchase that earned (or gave back) the points. No foreign key: a cancelled
    -- purchase leaves the ledger, its entries stay.
    purchase_id INTEGER,
    -- Which bonus: welcome, birthday, other.
    bonus       TEXT CHECK (bonus IS NULL OR (kind = 'bonus' AND bonus IN ('welcome', 'birthday', 'other'))),
    reward_id   INTEGER REFERENCES loyalty_rewards (id) ON DELETE SET NULL,
    note        TEXT NOT NULL DEFAULT '' CHECK (kind <> 'correct' OR length(trim(note)) > 0),
    employee_id INTEGER REFERENCES employees (id),
    created_at  TEXT NOT NULL
) STRICT;

-- Covering for balances and the upkeep's scan (the history sorts its few rows by id).
CREATE INDEX loyalty_entries_by_customer ON loyalty_entries (customer_id, on_date, points);
CREATE INDEX loyalty_entries_by_purchase ON loyalty_entries (purchase_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX loyalty_entries_by_day ON loyalty_entries (on_date, kind, points, customer_id);

-- Append only. Only the customer may change, when two customers are merged (and back when
-- the merge is undone); a reward leaving the catalogue keeps the entry, without its link.
CREATE TRIGGER loyalty_entries_append_only
BEFORE UPDATE OF id, kind, on_date, points, purchase_id, bonus, note, employee_id, created_at
ON loyalty_entries
BEGIN
    SELECT RAISE(ABORT, 'loyalty ledger entries cannot be changed');
END;

-- Deleting is refused while the customer exists (a customer deleted for good takes the
-- ledger along).
CREATE TRIGGER loyalty_entries_no_delete
BEFORE DELETE ON loyalty_entries
WHEN EXISTS (SELECT 1 FROM customers WHERE id = old.customer_id)
BEGIN
    SELECT RAISE(ABORT, 'loyalty ledger entries cannot be deleted');
END;

CREATE TRIGGER loyalty_entries_never_below_zero
AFTER INSERT ON loyalty_entries
WHEN new.points < 0
 AND (SELECT sum(points) FROM loyalty_entries WHERE customer_id = new.customer_id) < 0
BEGIN
    SELECT RAISE(ABORT, 'loyalty balance below zero');
END;
