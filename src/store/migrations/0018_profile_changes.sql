-- Which customers' look-alike profiles changed, latest last: the look-alike index kept
-- between calls (while a new customer is typed) reads only these since it was made.
-- One row per customer, its latest change; `customer` is the id only (no personal data,
-- and a deleted customer's row just says "changed", so it is not a table about customers).
CREATE TABLE profile_changes (
    customer INTEGER PRIMARY KEY,
    seq      INTEGER NOT NULL
) STRICT;
CREATE INDEX profile_changes_by_seq ON profile_changes (seq);

CREATE TRIGGER profile_changes_insert AFTER INSERT ON customers BEGIN
    INSERT OR REPLACE INTO profile_changes (customer, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM profile_changes));
END;

CREATE TRIGGER profile_changes_update AFTER UPDATE OF kind, first_name, last_name,
    firm_name, street, postal_code, city, birth_day, birth_month, birth_year, phone,
    other_phones, email, other_emails, trashed_at ON customers BEGIN
    INSERT OR REPLACE INTO profile_changes (customer, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM profile_changes));
END;

CREATE TRIGGER profile_changes_delete AFTER DELETE ON customers BEGIN
    INSERT OR REPLACE INTO profile_changes (customer, seq)
    VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM profile_changes));
END;
