-- Schema 13: complaints get a workflow. A complaint is an interaction marked as one (a
-- call, a visit, or a kiosk comment taken up); it now has a status (open, in progress,
-- solved), an owner among the employees and a resolution. `complaint_resolved_on` stays
-- the day it was solved, and the triggers keep status and that day in step for the code
-- that only sets the day (the care plan's "mark resolved", the demo). Survey responses
-- remember the complaint taken up from their comment.

ALTER TABLE interactions ADD COLUMN complaint_status TEXT
    CHECK (complaint_status IS NULL OR complaint_status IN ('open', 'in_progress', 'solved'));
ALTER TABLE interactions ADD COLUMN complaint_owner INTEGER REFERENCES employees (id)
    ON DELETE SET NULL;
ALTER TABLE interactions ADD COLUMN complaint_resolution TEXT NOT NULL DEFAULT ''
    CHECK (length(complaint_resolution) <= 2000);

UPDATE interactions
   SET complaint_status = CASE WHEN complaint_resolved_on IS NULL THEN 'open' ELSE 'solved' END
 WHERE complaint = 1;

CREATE TRIGGER interactions_complaint_status_on_insert AFTER INSERT ON interactions
WHEN NEW.complaint = 1 AND NEW.complaint_status IS NULL
BEGIN
    UPDATE interactions
       SET complaint_status = CASE WHEN NEW.complaint_resolved_on IS NULL THEN 'open' ELSE 'solved' END
     WHERE id = NEW.id;
END;

CREATE TRIGGER interactions_complaint_status_on_resolve
AFTER UPDATE OF complaint_resolved_on ON interactions
WHEN NEW.complaint = 1
BEGIN
    UPDATE interactions
       SET complaint_status = CASE
               WHEN NEW.complaint_resolved_on IS NOT NULL THEN 'solved'
               WHEN NEW.complaint_status = 'solved' OR NEW.complaint_status IS NULL THEN 'open'
               ELSE NEW.complaint_status END
     WHERE id = NEW.id;
END;

ALTER TABLE survey_responses ADD COLUMN complaint_id INTEGER REFERENCES interactions (id)
    ON DELETE SET NULL;
