-- Schema 12: satisfaction surveys. Templates (the questions as JSON, see
-- `surveys::template::Template`; the two shipped ones seeded) and the responses given in
-- the kiosk or recorded by an employee after a visit (answers as JSON, one per question;
-- anonymous or linked to a customer and the visit's interaction).

CREATE TABLE survey_templates (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 300),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

INSERT INTO survey_templates (title, body, created_at, updated_at) VALUES
    ('Zufriedenheit nach dem Kauf', '{"title":{"de":"Zufriedenheit nach dem Kauf","en":"Satisfaction after the purchase"},"intro":{"de":"Vielen Dank für Ihren Einkauf! Drei kurze Fragen – es dauert eine Minute.","en":"Thank you for your purchase! Three short questions – it takes a minute."},"questions":[{"text":{"de":"Wie wahrscheinlich ist es, dass Sie uns Freunden oder Kollegen empfehlen?","en":"How likely are you to recommend us to a friend or colleague?"},"kind":{"type":"nps"},"required":true},{"text":{"de":"Wie zufrieden sind Sie mit dem Produkt?","en":"How satisfied are you with the product?"},"kind":{"type":"rating","style":"stars"},"required":true},{"text":{"de":"Wie zufrieden sind Sie mit unserer Beratung?","en":"How satisfied are you with our advice?"},"kind":{"type":"rating","style":"smileys"},"required":true},{"text":{"de":"Möchten Sie uns noch etwas sagen?","en":"Anything else you would like to tell us?"},"kind":{"type":"longText"},"required":false}]}', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'), strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')),
    ('Warum Sie bei uns sind', '{"title":{"de":"Warum Sie bei uns sind","en":"Why you shop with us"},"intro":{"de":"Helfen Sie uns zu verstehen, was Ihnen bei uns wichtig ist.","en":"Help us understand what matters to you here."},"questions":[{"text":{"de":"Warum haben Sie sich für uns entschieden?","en":"Why did you choose us?"},"kind":{"type":"multipleChoice","options":[{"de":"Beratung","en":"Advice"},{"de":"Auswahl","en":"Choice of products"},{"de":"Preis","en":"Price"},{"de":"Nähe","en":"Close by"},{"de":"Empfehlung","en":"Recommendation"},{"de":"Service und Reparatur","en":"Service and repairs"}]},"required":true},{"text":{"de":"Was hat Sie anfangs zögern lassen?","en":"What made you hesitate at first?"},"kind":{"type":"longText"},"required":false},{"text":{"de":"Welchen Service würden Sie vermissen, wenn es uns nicht mehr gäbe?","en":"Which service would you miss if we were gone?"},"kind":{"type":"shortText"},"required":false},{"text":{"de":"Wem würden Sie uns empfehlen?","en":"Whom would you recommend us to?"},"kind":{"type":"shortText"},"required":false}]}', strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'), strftime('%Y-%m-%d %H:%M:%f+00:00', 'now'));

CREATE TABLE survey_responses (
    id             INTEGER PRIMARY KEY,
    template_id    INTEGER NOT NULL REFERENCES survey_templates (id),
    customer_id    INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    source         TEXT NOT NULL CHECK (source IN ('kiosk', 'visit')),
    complete       INTEGER NOT NULL CHECK (complete IN (0, 1)),
    answered_on    TEXT NOT NULL CHECK (answered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    answers        TEXT NOT NULL CHECK (json_valid(answers)),
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX survey_responses_by_template ON survey_responses (template_id, answered_on);
CREATE INDEX survey_responses_by_customer ON survey_responses (customer_id)
    WHERE customer_id IS NOT NULL;
