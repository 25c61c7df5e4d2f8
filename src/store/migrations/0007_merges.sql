-- Schema 7: merging duplicates, with undo. A merge keeps the survivor, moves the other
-- customer's purchases, interactions and contact persons to it and puts the other customer
-- in the trash with `merged_into` set. `merges` remembers the rows of both customers as
-- they were before (every column, as JSON) and which rows moved, so an undo puts
-- everything back exactly.

ALTER TABLE customers ADD COLUMN merged_into INTEGER REFERENCES customers (id);

CREATE TABLE merges (
    id              INTEGER PRIMARY KEY,
    survivor_id     INTEGER NOT NULL REFERENCES customers (id),
    merged_id       INTEGER NOT NULL REFERENCES customers (id),
    survivor_before TEXT NOT NULL CHECK (json_valid(survivor_before)),
    merged_before   TEXT NOT NULL CHECK (json_valid(merged_before)),
    -- {"transactions": [ids], "interactions": [ids], "contacts": [ids]}
    moved           TEXT NOT NULL CHECK (json_valid(moved)),
    merged_at       TEXT NOT NULL,
    undone_at       TEXT
) STRICT;

CREATE INDEX merges_by_customer ON merges (survivor_id, merged_id);
