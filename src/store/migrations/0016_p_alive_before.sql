-- The previous analysis's P(alive) per customer (the last one of an earlier day), so the
-- early warning can say "fell from 82 % to 41 % since 01.10.". Replaced by each analysis
-- on a new day; a second analysis on the same day leaves it as it is.
CREATE TABLE customer_p_alive_before (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    p_alive     REAL NOT NULL CHECK (p_alive BETWEEN 0 AND 1),
    analysed_on TEXT NOT NULL CHECK (analysed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
