-- Schema 3: full-text search over customers (names, address, notes, phone, e-mail, number).
-- unicode61 with remove_diacritics folds "Müller" to "muller" for both the index and the
-- query; the alt_names column adds the German spelling without umlauts ("mueller"), so
-- either way of typing finds the customer. Triggers keep the index in step with every
-- write, whichever code path makes it. Customers in the trash are not indexed (moving one
-- to the trash is an update, which takes it out; restoring puts it back), so a search
-- needs no join to leave them out.

CREATE VIRTUAL TABLE customer_search USING fts5(
    names, alt_names, place, notes, reach,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Names weigh most, then phone/e-mail/number, then the address, then notes.
INSERT INTO customer_search (customer_search, rank) VALUES ('rank', 'bm25(10.0, 10.0, 3.0, 1.0, 5.0)');

CREATE VIEW customer_search_source AS
SELECT
    id,
    first_name || ' ' || last_name || ' ' || firm_name AS names,
    replace(replace(replace(replace(replace(replace(replace(
        first_name || ' ' || last_name || ' ' || firm_name,
        'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')
        AS alt_names,
    street || ' ' || postal_code || ' ' || city AS place,
    notes,
    number || ' ' || phone || ' ' || email || ' ' ||
        replace(replace(replace(replace(replace(replace(replace(
            phone, ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), '+', '')
        AS reach
FROM customers
WHERE trashed_at IS NULL;

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

CREATE TRIGGER customer_search_delete AFTER DELETE ON customers BEGIN
    DELETE FROM customer_search WHERE rowid = old.id;
END;

INSERT INTO customer_search (rowid, names, alt_names, place, notes, reach)
SELECT id, names, alt_names, place, notes, reach FROM customer_search_source;
