-- Schema 5: contacts at a customer firm (Ansprechpartner): relationships on every level,
-- not only with the buyer. Their names, roles and e-mail addresses also find the firm in
-- the customer search.

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    birthday    TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX contacts_by_customer ON contacts (customer_id, name);

DROP VIEW customer_search_source;

CREATE VIEW customer_search_source AS
SELECT
    id,
    first_name || ' ' || last_name || ' ' || firm_name || ' ' || contact_text AS names,
    replace(replace(replace(replace(replace(replace(replace(
        first_name || ' ' || last_name || ' ' || firm_name || ' ' || contact_text,
        'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')
        AS alt_names,
    street || ' ' || postal_code || ' ' || city AS place,
    notes,
    number || ' ' || phone || ' ' || email || ' ' ||
        replace(replace(replace(replace(replace(replace(replace(
            phone, ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), '+', '')
        AS reach
FROM (
    SELECT c.*,
        coalesce((SELECT group_concat(k.name || ' ' || k.role || ' ' || k.email, ' ')
                  FROM contacts k WHERE k.customer_id = c.id), '') AS contact_text
    FROM customers c
    WHERE c.trashed_at IS NULL
);

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
