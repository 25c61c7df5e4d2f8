-- Schema 4: when somebody last checked that a customer's data is still right
-- ("Daten geprüft"), so records nobody has looked at for a year can be found.

ALTER TABLE customers ADD COLUMN last_verified TEXT
    CHECK (last_verified IS NULL OR last_verified GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
