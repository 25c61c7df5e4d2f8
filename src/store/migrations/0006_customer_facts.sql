-- Schema 6: the remaining hard facts (salutation, title, more phones and e-mails, industry,
-- company size, annual revenue, customer since, responsible employee, tags, status) and the
-- soft facts (birthday with the year optional, partner, further relations, preferred
-- channels, do-not-contact times, peak months, Sie/Du, closeness, interests, preferences),
-- plus saved list filters.
--
-- Lists that are only ever read with their customer (relations, quiet times, preferences …)
-- are JSON arrays in a column; what the list filters on (tags, birthday month, city,
-- employee, status) is in plain columns or tables with indexes.

ALTER TABLE customers ADD COLUMN salutation TEXT NOT NULL DEFAULT ''
    CHECK (salutation IN ('', 'mr', 'ms'));
ALTER TABLE customers ADD COLUMN title TEXT NOT NULL DEFAULT '';
-- [{"label": "Mobil", "value": "0171 …"}, …]
ALTER TABLE customers ADD COLUMN other_phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_phones));
ALTER TABLE customers ADD COLUMN other_emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(other_emails));
ALTER TABLE customers ADD COLUMN industry TEXT NOT NULL DEFAULT '';
-- Number of employees of a customer firm.
ALTER TABLE customers ADD COLUMN company_size INTEGER CHECK (company_size IS NULL OR company_size >= 0);
ALTER TABLE customers ADD COLUMN annual_revenue_cents INTEGER
    CHECK (annual_revenue_cents IS NULL OR annual_revenue_cents >= 0);
ALTER TABLE customers ADD COLUMN customer_since TEXT
    CHECK (customer_since IS NULL OR customer_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE customers ADD COLUMN employee_id INTEGER REFERENCES employees (id);
ALTER TABLE customers ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'lost'));

-- Birthdays with the year optional: day and month are both set or both empty.
ALTER TABLE customers ADD COLUMN birth_day INTEGER CHECK (birth_day BETWEEN 1 AND 31);
ALTER TABLE customers ADD COLUMN birth_month INTEGER
    CHECK (birth_month IS NULL OR (birth_month BETWEEN 1 AND 12 AND birth_day IS NOT NULL));
ALTER TABLE customers ADD COLUMN birth_year INTEGER CHECK (birth_year IS NULL OR birth_month IS NOT NULL);
ALTER TABLE customers ADD COLUMN partner_name TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN partner_birth_day INTEGER CHECK (partner_birth_day BETWEEN 1 AND 31);
ALTER TABLE customers ADD COLUMN partner_birth_month INTEGER
    CHECK (partner_birth_month IS NULL OR (partner_birth_month BETWEEN 1 AND 12 AND partner_birth_day IS NOT NULL));
ALTER TABLE customers ADD COLUMN partner_birth_year INTEGER
    CHECK (partner_birth_year IS NULL OR partner_birth_month IS NOT NULL);
-- [{"name": "Lea", "relation": "Tochter", "birthday": {"day": 3, "month": 5, "year": 2010}}]
ALTER TABLE customers ADD COLUMN relations TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(relations));
-- ["phone", "email"]: the order is the preference.
ALTER TABLE customers ADD COLUMN preferred_channels TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(preferred_channels));
-- [{"weekdays": [1, 2], "from": "11:00", "to": "14:00"}]: weekdays 1 = Monday … 7 = Sunday.
ALTER TABLE customers ADD COLUMN quiet_times TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quiet_times));
-- [11, 12]: months of the customer's peak season, no contact then.
ALTER TABLE customers ADD COLUMN peak_months TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(peak_months));
ALTER TABLE customers ADD COLUMN address_form TEXT NOT NULL DEFAULT ''
    CHECK (address_form IN ('', 'sie', 'du'));
ALTER TABLE customers ADD COLUMN closeness INTEGER CHECK (closeness IS NULL OR closeness BETWEEN 1 AND 5);
ALTER TABLE customers ADD COLUMN interests TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(interests));
-- [{"label": "Zimmer", "value": "12, Mineralwasser in der Minibar"}]
ALTER TABLE customers ADD COLUMN preferences TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preferences));

-- The old full-date birthday moves into the new columns; the column goes.
UPDATE customers SET
    birth_day = CAST(substr(birthday, 9, 2) AS INTEGER),
    birth_month = CAST(substr(birthday, 6, 2) AS INTEGER),
    birth_year = CAST(substr(birthday, 1, 4) AS INTEGER)
WHERE birthday IS NOT NULL;

-- Dropping a column re-checks every trigger, so the ones that read the search view go
-- first and come back below, unchanged, with the new view.
DROP TRIGGER customer_search_insert;
DROP TRIGGER customer_search_update;
DROP TRIGGER contacts_search_insert;
DROP TRIGGER contacts_search_update;
DROP TRIGGER contacts_search_delete;
DROP VIEW customer_search_source;
ALTER TABLE customers DROP COLUMN birthday;

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (customer_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX customer_tags_by_tag ON customer_tags (tag, customer_id);

CREATE TABLE saved_filters (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- The filter as JSON, see `customers::CustomerFilter`.
    filter     TEXT NOT NULL CHECK (json_valid(filter)),
    created_at TEXT NOT NULL
) STRICT;

-- Filters and sort orders of the customer list.
CREATE INDEX customers_live_by_city ON customers (city COLLATE NOCASE, sort_key, id)
    WHERE trashed_at IS NULL;
CREATE INDEX customers_live_by_number ON customers (length(number), number, id)
    WHERE trashed_at IS NULL;
CREATE INDEX customers_live_by_created ON customers (created_at, id) WHERE trashed_at IS NULL;
CREATE INDEX customers_by_birthday ON customers (birth_month, birth_day) WHERE trashed_at IS NULL;
CREATE INDEX customers_by_employee ON customers (employee_id) WHERE employee_id IS NOT NULL;

-- The search now also finds partner and relations by name, further phones and e-mails,
-- tags, interests and preferences ("Minibar"), and streets and cities typed without
-- umlauts ("koeln").
CREATE VIEW customer_search_source AS
SELECT
    id,
    first_name || ' ' || last_name || ' ' || firm_name || ' ' || contact_text AS names,
    replace(replace(replace(replace(replace(replace(replace(
        first_name || ' ' || last_name || ' ' || firm_name || ' ' || contact_text,
        'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')
        AS alt_names,
    street || ' ' || postal_code || ' ' || city || ' ' ||
        replace(replace(replace(replace(replace(replace(replace(
            street || ' ' || city,
            'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')
        AS place,
    notes || ' ' || industry || ' ' || partner_name || ' ' || tag_text || ' ' || soft_text AS notes,
    number || ' ' || phone || ' ' || email || ' ' || more_reach || ' ' ||
        replace(replace(replace(replace(replace(replace(replace(
            phone || ' ' || more_reach, ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), '+', '')
        AS reach
FROM (
    SELECT c.*,
        coalesce((SELECT group_concat(k.name || ' ' || k.role || ' ' || k.email, ' ')
                  FROM contacts k WHERE k.customer_id = c.id), '') AS contact_text,
        coalesce((SELECT group_concat(t.tag, ' ') FROM customer_tags t
                  WHERE t.customer_id = c.id), '') AS tag_text,
        coalesce((SELECT group_concat(j.value ->> 'value', ' ')
                  FROM (SELECT value FROM json_each(c.other_phones)
                        UNION ALL SELECT value FROM json_each(c.other_emails)) j), '')
            AS more_reach,
        coalesce((SELECT group_concat(x, ' ') FROM (
                  SELECT value AS x FROM json_each(c.interests)
                  UNION ALL SELECT (value ->> 'label') || ' ' || (value ->> 'value')
                            FROM json_each(c.preferences)
                  UNION ALL SELECT (value ->> 'name') || ' ' || (value ->> 'relation')
                            FROM json_each(c.relations))), '') AS soft_text
    FROM customers c
    WHERE c.trashed_at IS NULL
);

CREATE TRIGGER customer_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = new.id;
END;

CREATE TRIGGER customer_search_update AFTER UPDATE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = new.id;
END;

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    DELETE FROM customer_search WHERE rowid = new.customer_id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = new.customer_id;
END;

CREATE TRIGGER contacts_search_update AFTER UPDATE ON contacts BEGIN
    DELETE FROM customer_search WHERE rowid = new.customer_id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = new.customer_id;
END;

CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM customer_search WHERE rowid = old.customer_id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = old.customer_id;
END;

CREATE TRIGGER customer_tags_search_insert AFTER INSERT ON customer_tags BEGIN
    DELETE FROM customer_search WHERE rowid = new.customer_id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = new.customer_id;
END;

CREATE TRIGGER customer_tags_search_delete AFTER DELETE ON customer_tags BEGIN
    DELETE FROM customer_search WHERE rowid = old.customer_id;
    INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
    SELECT id, names, alt_names, place, notes, reach FROM customer_search_source
    WHERE id = old.customer_id;
END;

-- Rebuild the index from the new view.
INSERT INTO customer_search (customer_search) VALUES ('delete-all');
INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
SELECT id, names, alt_names, place, notes, reach FROM customer_search_source;
