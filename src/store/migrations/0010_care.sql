-- Schema 10: the care plan. A catalogue of retention measures, a communication plan per
-- segment, what was done or put off on the agenda, each customer's last contact per
-- channel (kept by triggers, so the agenda need not scan every interaction), the purchase
-- signals of the early warning (written with the value analysis), resolved complaints,
-- and lost customers with their reasons and win-back attempts.

CREATE TABLE care_measures (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
    channel     TEXT NOT NULL CHECK (channel IN
                    ('phone', 'visit', 'email', 'letter', 'messenger', 'social', 'event', 'other')),
    cost_cents  INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    -- ["top", "development"]: the matrix fields it suits; empty: every field.
    quadrants   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quadrants)),
    -- ["new", "atRisk"]: the phases it suits; empty: every phase.
    phases      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phases)),
    employee_id INTEGER REFERENCES employees (id),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;

INSERT INTO care_measures (name, channel, cost_cents, quadrants, phases, note, created_at) VALUES
    ('Persönlicher Besuch', 'visit', 5000, '["top","development"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Anruf', 'phone', 500, '[]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Geburtstagskarte', 'letter', 300, '[]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Kleines Geschenk', 'visit', 1500, '["top","premium"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Exklusiver Vorabzugang zu Neuheiten', 'email', 0, '["top","premium"]', '["established"]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Treuerabatt', 'letter', 1000, '["top","development"]', '["atRisk"]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Besonderer Service', 'visit', 2000, '["top"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Sonderanfertigung', 'visit', 0, '["top","premium"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Einladung zur Veranstaltung', 'event', 2500, '["top","development","premium"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Partnerangebot', 'email', 0, '["development","small"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Newsletter', 'email', 10, '["small"]', '[]', '', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));

-- Which channel how often, per segment. A rule applies to a customer when each condition
-- it sets (matrix field, ABC class, tag) holds; several rules can apply at once.
CREATE TABLE care_plan (
    id         INTEGER PRIMARY KEY,
    quadrant   TEXT CHECK (quadrant IS NULL OR quadrant IN ('top', 'development', 'premium', 'small')),
    abc        TEXT CHECK (abc IS NULL OR abc IN ('A', 'B', 'C')),
    tag        TEXT COLLATE NOCASE CHECK (tag IS NULL OR length(tag) BETWEEN 1 AND 60),
    channel    TEXT NOT NULL CHECK (channel IN
                   ('phone', 'visit', 'email', 'letter', 'messenger', 'social', 'event', 'other')),
    every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 3650),
    measure_id INTEGER REFERENCES care_measures (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO care_plan (quadrant, abc, tag, channel, every_days, measure_id, created_at) VALUES
    ('top', NULL, NULL, 'visit', 91, 1, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('top', NULL, NULL, 'phone', 30, 2, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('development', NULL, NULL, 'phone', 61, 2, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('premium', NULL, NULL, 'phone', 91, 2, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('small', NULL, NULL, 'email', 182, 11, strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));

-- An agenda item done or put off. `key` names the item (see `care::agenda::ItemKey`).
CREATE TABLE agenda_marks (
    key           TEXT PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    done_on       TEXT,
    snoozed_until TEXT,
    updated_at    TEXT NOT NULL,
    CHECK (done_on IS NOT NULL OR snoozed_until IS NOT NULL)
) STRICT;

CREATE INDEX agenda_marks_by_customer ON agenda_marks (customer_id);

-- Each customer's latest interaction per channel (the day, `YYYY-MM-DD`).
CREATE TABLE customer_last_contacts (
    customer_id INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    last_on     TEXT NOT NULL,
    PRIMARY KEY (customer_id, channel)
) STRICT, WITHOUT ROWID;

INSERT INTO customer_last_contacts (customer_id, channel, last_on)
SELECT customer_id, channel, substr(max(at), 1, 10) FROM interactions
GROUP BY customer_id, channel;

CREATE TRIGGER interactions_last_contact_insert AFTER INSERT ON interactions BEGIN
    INSERT INTO customer_last_contacts (customer_id, channel, last_on)
    VALUES (new.customer_id, new.channel, substr(new.at, 1, 10))
    ON CONFLICT (customer_id, channel) DO UPDATE SET last_on = max(last_on, excluded.last_on);
END;

CREATE TRIGGER interactions_last_contact_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM customer_last_contacts
    WHERE customer_id = old.customer_id AND channel = old.channel;
    INSERT INTO customer_last_contacts (customer_id, channel, last_on)
    SELECT customer_id, channel, substr(max(at), 1, 10) FROM interactions
    WHERE customer_id = old.customer_id AND channel = old.channel
    GROUP BY customer_id, channel;
END;

CREATE TRIGGER interactions_last_contact_update
AFTER UPDATE OF customer_id, channel, at ON interactions BEGIN
    DELETE FROM customer_last_contacts
    WHERE (customer_id = old.customer_id AND channel = old.channel)
       OR (customer_id = new.customer_id AND channel = new.channel);
    INSERT INTO customer_last_contacts (customer_id, channel, last_on)
    SELECT customer_id, channel, substr(max(at), 1, 10) FROM interactions
    WHERE (customer_id = old.customer_id AND channel = old.channel)
       OR (customer_id = new.customer_id AND channel = new.channel)
    GROUP BY customer_id, channel;
END;

-- What the agenda and the early warning read of every active customer, in an index of
-- its own: a scan of it reads a tenth of the pages the table has. (`trashed_at` is in the
-- index too: SQLite reads a partial index as covering only when it holds the columns of
-- its WHERE.)
CREATE INDEX customers_care ON customers (status, id, customer_since, created_at, peak_months,
    birth_month, birth_day, birth_year, partner_birth_month, partner_birth_day,
    partner_birth_year, trashed_at) WHERE trashed_at IS NULL;
-- The relations (with their birthdays) of the customers who have any.
CREATE INDEX customers_with_relations ON customers (id, relations, trashed_at)
    WHERE relations <> '[]' AND trashed_at IS NULL;

-- The agenda reads the recent purchases (for the follow-up calls) and the next steps that
-- fall due.
CREATE INDEX transactions_by_date ON transactions (date, customer_id, amount_cents, discount_cents);
CREATE INDEX interactions_next_steps ON interactions (next_step_due)
    WHERE next_step_due IS NOT NULL;

-- A complaint stays open until it is marked resolved.
ALTER TABLE interactions ADD COLUMN complaint_resolved_on TEXT
    CHECK (complaint_resolved_on IS NULL OR complaint_resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
CREATE INDEX interactions_open_complaints ON interactions (customer_id)
    WHERE complaint = 1 AND complaint_resolved_on IS NULL;

-- What the early warning reads of a customer's purchases, written with `customer_values`
-- by each run of the value analysis.
CREATE TABLE customer_signals (
    customer_id         INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    -- Before discount, and the discount, in the last 12 months and the 12 before.
    gross_12m_cents     INTEGER NOT NULL,
    discount_12m_cents  INTEGER NOT NULL,
    gross_prior_cents   INTEGER NOT NULL,
    discount_prior_cents INTEGER NOT NULL,
    purchases           INTEGER NOT NULL,
    first_purchase      TEXT NOT NULL,
    -- Distinct non-empty categories ever bought, and the one when it is only one.
    categories          INTEGER NOT NULL,
    only_category       TEXT
) STRICT;

CREATE TRIGGER customer_signals_trashed AFTER UPDATE OF trashed_at ON customers
WHEN new.trashed_at IS NOT NULL BEGIN
    DELETE FROM customer_signals WHERE customer_id = new.id;
END;

-- Why customers leave ("Preis", "Umzug" …): an editable catalogue.
CREATE TABLE lost_reasons (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
    created_at TEXT NOT NULL
) STRICT;

INSERT INTO lost_reasons (name, created_at) VALUES
    ('Preis zu hoch', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Unzufrieden mit Qualität', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Unzufrieden mit Beratung oder Service', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Zur Konkurrenz gewechselt', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Umgezogen', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Kein Bedarf mehr', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));

-- Each time a customer was lost: when, why, and when they came back. Setting the status
-- to 'lost' anywhere (the form, an import) opens one; setting it back closes it.
CREATE TABLE customer_losses (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    lost_on        TEXT NOT NULL CHECK (lost_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason_id      INTEGER REFERENCES lost_reasons (id),
    note           TEXT NOT NULL DEFAULT '',
    reactivated_on TEXT,
    created_at     TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX customer_losses_open ON customer_losses (customer_id)
    WHERE reactivated_on IS NULL;
CREATE INDEX customer_losses_by_date ON customer_losses (lost_on);

INSERT INTO customer_losses (customer_id, lost_on, created_at)
SELECT id, substr(updated_at, 1, 10), updated_at FROM customers WHERE status = 'lost';

CREATE TRIGGER customers_lost_insert AFTER INSERT ON customers
WHEN new.status = 'lost' BEGIN
    INSERT INTO customer_losses (customer_id, lost_on, created_at)
    VALUES (new.id, substr(new.updated_at, 1, 10), new.updated_at);
END;

CREATE TRIGGER customers_lost_update AFTER UPDATE OF status ON customers
WHEN new.status = 'lost' AND old.status <> 'lost' BEGIN
    INSERT INTO customer_losses (customer_id, lost_on, created_at)
    VALUES (new.id, substr(new.updated_at, 1, 10), new.updated_at);
END;

CREATE TRIGGER customers_reactivated AFTER UPDATE OF status ON customers
WHEN new.status = 'active' AND old.status = 'lost' BEGIN
    UPDATE customer_losses SET reactivated_on = substr(new.updated_at, 1, 10)
    WHERE customer_id = new.id AND reactivated_on IS NULL;
END;

-- A try to win a lost customer back: an interaction on the timeline, tied to the loss.
CREATE TABLE winback_attempts (
    loss_id        INTEGER NOT NULL REFERENCES customer_losses (id) ON DELETE CASCADE,
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    PRIMARY KEY (loss_id, interaction_id)
) STRICT, WITHOUT ROWID;
