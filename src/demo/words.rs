//! The demo shop's words: names, towns, streets, firms, products, topics of calls, and
//! how the year's sales swing by month.

/// The share of private customers entered a second time by mistake.
pub(super) const DOUBLE_ENTRIES: f64 = 0.02;

/// The shop's staff.
pub(super) const EMPLOYEES: &[&str] = &["Sabine Krüger", "Tobias Lang", "Aylin Demir"];

/// `FIRST_NAMES[..WOMEN]` are women's names, the rest men's.
pub(super) const WOMEN: usize = 18;

pub(super) const TAGS: &[&str] = &["VIP", "Newsletter", "Stammtisch", "Empfehlung", "Kochkurs"];

pub(super) const INTERESTS: &[&str] = &[
    "Kaffee",
    "Kochen",
    "Heimkino",
    "Garten",
    "Fußball",
    "Backen",
    "Technik",
    "Wein",
    "Radfahren",
];

pub(super) const PREFERENCES: &[(&str, &str)] = &[
    ("Kaffee", "schwarz, ohne Zucker"),
    ("Lieferung", "nur vormittags"),
    ("Beratung", "am liebsten ausführlich, nimmt sich Zeit"),
    ("Parken", "braucht den Parkplatz direkt vor dem Laden"),
    ("Getränk", "Mineralwasser still"),
    ("Rechnung", "bitte per E-Mail"),
];

pub(super) const CHILD_RELATIONS: &[&str] = &["Tochter", "Sohn", "Enkelin", "Enkel"];

pub(super) const CONTACT_ROLES: &[&str] =
    &["Einkauf", "Geschäftsführung", "Buchhaltung", "Technik"];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Maria",
    "Ursula",
    "Monika",
    "Petra",
    "Sabine",
    "Claudia",
    "Susanne",
    "Andrea",
    "Birgit",
    "Julia",
    "Katharina",
    "Lena",
    "Sophie",
    "Emma",
    "Zeynep",
    "Elif",
    "Jana",
    "Hans",
    "Peter",
    "Michael",
    "Thomas",
    "Andreas",
    "Stefan",
    "Jürgen",
    "Klaus",
    "Frank",
    "Uwe",
    "Markus",
    "Christian",
    "Jan",
    "Lukas",
    "Felix",
    "Jonas",
    "Mehmet",
    "Luca",
    "Björn",
    "Günther",
    "Jörg",
    "Dieter",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Öztürk",
    "Yılmaz",
    "Kowalski",
    "Nowak",
    "Rossi",
];

/// City, postcode prefix and dialling code.
pub(super) const CITIES: &[(&str, &str, &str)] = &[
    ("Köln", "50", "0221"),
    ("Bonn", "53", "0228"),
    ("Düsseldorf", "40", "0211"),
    ("Leverkusen", "51", "0214"),
    ("Bergisch Gladbach", "51", "02202"),
    ("Brühl", "50", "02232"),
    ("Hürth", "50", "02233"),
    ("Frechen", "50", "02234"),
    ("Pulheim", "50", "02238"),
    ("Siegburg", "53", "02241"),
    ("Troisdorf", "53", "02241"),
    ("Königswinter", "53", "02223"),
    ("Euskirchen", "53", "02251"),
    ("Neuss", "41", "02131"),
    ("Dormagen", "41", "02133"),
];

pub(super) const STREETS: &[&str] = &[
    "Hauptstraße",
    "Bahnhofstraße",
    "Kirchstraße",
    "Gartenstraße",
    "Schulstraße",
    "Lindenallee",
    "Am Markt",
    "Rosenweg",
    "Bergstraße",
    "Waldstraße",
    "Ringstraße",
    "Mühlenweg",
    "Schillerstraße",
    "Goethestraße",
    "Friedrichstraße",
    "Kölner Straße",
    "Bonner Straße",
    "Am Rathaus",
    "Burgstraße",
    "Wiesenweg",
];

pub(super) const FIRM_KINDS: &[&str] = &[
    "Bäckerei",
    "Autohaus",
    "Friseursalon",
    "Architekturbüro",
    "Elektro",
    "Gärtnerei",
    "Hotel",
    "Weinhandlung",
    "Zahnarztpraxis",
    "Steuerbüro",
    "Café",
    "Schreinerei",
    "Kanzlei",
    "Physiotherapie",
    "Blumenhaus",
];

pub(super) const FIRM_FORMS: &[&str] = &["GmbH", "KG", "e. K.", "GmbH & Co. KG", "OHG", ""];

/// Product, category and a typical price in euros.
pub(super) const PRODUCTS: &[(&str, &str, f64)] = &[
    ("Kaffeevollautomat", "Küche", 649.0),
    ("Wasserkocher", "Küche", 49.9),
    ("Messerset", "Küche", 129.0),
    ("Pfannenset", "Küche", 89.9),
    ("Staubsauger", "Haushalt", 279.0),
    ("Bügeleisen", "Haushalt", 59.9),
    ("Waschmaschine", "Großgeräte", 799.0),
    ("Kühlschrank", "Großgeräte", 899.0),
    ("Fernseher 55 Zoll", "Unterhaltung", 999.0),
    ("Kopfhörer", "Unterhaltung", 149.0),
    ("Navigationsgerät", "Unterhaltung", 229.0),
    ("Espressobohnen 1 kg", "Zubehör", 19.9),
    ("Entkalker", "Zubehör", 12.9),
    ("Staubsaugerbeutel", "Zubehör", 9.9),
    ("Reparatur", "Service", 85.0),
    ("Lieferung und Aufbau", "Service", 49.0),
];

pub(super) const CALL_TOPICS: &[&str] = &[
    "Nachgefragt, ob mit dem Gerät alles passt",
    "Beratung zu einem neuen Kaffeevollautomaten",
    "Termin für die Lieferung abgestimmt",
    "Rückfrage zur Rechnung",
    "Einladung zum Sommerfest",
    "Hinweis auf die neue Kollektion",
    "Ersatzteil bestellt",
    "Wartung besprochen",
];

pub(super) const OUTCOMES: &[&str] = &[
    "Sehr zufrieden",
    "Möchte im Herbst wiederkommen",
    "Angebot erwünscht",
    "Kein Bedarf im Moment",
    "",
    "",
];

/// Relative weight of each month: quiet summer, a strong Christmas season.
pub(super) const SEASON: [f64; 12] = [0.7, 0.7, 0.9, 1.0, 1.0, 0.9, 0.8, 0.8, 1.0, 1.1, 1.4, 1.9];
