-- Schema 14: a complaint's state lives in one column, `complaint_status` (open,
-- in_progress, solved). Until now triggers copied it from `complaint_resolved_on` whenever
-- code set only the day; now the code that solves a complaint writes both the status and
-- the day (the day solved is a fact of its own, not the state). Every row keeps the state
-- it had: the triggers kept the two in step, so nothing is rewritten but a complaint
-- without a status (none is expected) becoming open or solved by its day, as before.

DROP TRIGGER interactions_complaint_status_on_resolve;
DROP TRIGGER interactions_complaint_status_on_insert;

UPDATE interactions
   SET complaint_status = CASE WHEN complaint_resolved_on IS NULL THEN 'open' ELSE 'solved' END
 WHERE complaint = 1 AND complaint_status IS NULL;

-- A new complaint starts open: the status's default, not a copy of another column.
CREATE TRIGGER interactions_complaint_opens AFTER INSERT ON interactions
WHEN NEW.complaint = 1 AND NEW.complaint_status IS NULL
BEGIN
    UPDATE interactions SET complaint_status = 'open' WHERE id = NEW.id;
END;

-- The open complaints (open or in progress) by customer, for the early warning and the
-- customer page.
DROP INDEX interactions_open_complaints;
CREATE INDEX interactions_open_complaints ON interactions (customer_id)
    WHERE complaint = 1 AND complaint_status <> 'solved';
