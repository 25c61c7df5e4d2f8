-- Schema 9: customer value. `customer_potentials` holds the owner's own estimate of what
-- more a customer could buy from the shop a year (cross- and up-selling). The value
-- analysis writes `customer_values` — one row per live customer with purchases — in one
-- transaction each time it runs; the model it fitted is kept in `settings` under
-- 'value.model'. Lists filter and sort on these rows, so no screen recomputes the model.

CREATE TABLE customer_potentials (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    extra_cents INTEGER NOT NULL CHECK (extra_cents >= 0),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE customer_values (
    customer_id            INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    revenue_period_cents   INTEGER NOT NULL,
    revenue_12m_cents      INTEGER NOT NULL,
    potential_cents        INTEGER NOT NULL,
    abc                    TEXT NOT NULL CHECK (abc = 'A' OR abc = 'B' OR abc = 'C'),
    quadrant               TEXT NOT NULL
        CHECK (quadrant = 'top' OR quadrant = 'development' OR quadrant = 'premium'
               OR quadrant = 'small'),
    phase                  TEXT NOT NULL
        CHECK (phase = 'new' OR phase = 'growing' OR phase = 'established'
               OR phase = 'atRisk' OR phase = 'lost'),
    score                  INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    p_alive                REAL CHECK (p_alive IS NULL OR p_alive BETWEEN 0 AND 1),
    expected_purchases_12m REAL NOT NULL,
    expected_spend_cents   INTEGER NOT NULL,
    value_cents            INTEGER NOT NULL
) STRICT;

CREATE INDEX customer_values_by_quadrant ON customer_values (quadrant);
CREATE INDEX customer_values_by_abc ON customer_values (abc);
CREATE INDEX customer_values_by_phase ON customer_values (phase);

-- A customer moved to the trash (or merged into another) leaves the analysis at once;
-- restored, they are back at the next run. So reading the rows needs no join.
CREATE TRIGGER customer_values_trashed AFTER UPDATE OF trashed_at ON customers
WHEN new.trashed_at IS NOT NULL BEGIN
    DELETE FROM customer_values WHERE customer_id = new.id;
END;

-- The owner's own criteria for the score ("Weiterempfehler", "Zahlungsmoral"), each with
-- a weight, and each customer's mark on them, 1 (poor) to 5 (excellent).
CREATE TABLE score_indicators (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    weight     REAL NOT NULL CHECK (weight >= 0 AND weight <= 1000),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE customer_indicator_values (
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES score_indicators (id) ON DELETE CASCADE,
    value        INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    PRIMARY KEY (customer_id, indicator_id)
) STRICT;
