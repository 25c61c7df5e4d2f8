//! The core's error type, and the wording of each error in the user's language.
//!
//! Validation problems are collected per field so a form can show every message next to
//! its field at once; the shell turns an [`Error`] into `{ code, message, fields }`.

use crate::i18n::Lang;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An input field the core validates. Serialised with the same camelCase name the input
/// DTOs use, so a form finds the field a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Number,
    Kind,
    FirstName,
    LastName,
    FirmName,
    Street,
    PostalCode,
    City,
    Country,
    Phone,
    Email,
    Birthday,
    Notes,
    Limit,
    Language,
    Date,
    Amount,
    Discount,
    Product,
    Category,
    Quantity,
    Note,
    At,
    Summary,
    Outcome,
    NextStep,
    NextStepDue,
    Name,
    Role,
    Salutation,
    Title,
    OtherPhones,
    OtherEmails,
    Industry,
    CompanySize,
    AnnualRevenue,
    CustomerSince,
    Employee,
    Tags,
    Status,
    PartnerName,
    PartnerBirthday,
    Relations,
    PreferredChannels,
    QuietTimes,
    PeakMonths,
    AddressForm,
    Closeness,
    Interests,
    Preferences,
    FilterName,
    BirthdayMonth,
    HorizonYears,
    DiscountRate,
    AbcThresholds,
    AbcMonths,
    MatrixBounds,
    ScoreWeights,
    Potential,
    Score,
    Indicator,
    Cost,
    EveryDays,
    LostOn,
    Reason,
    BirthdayDays,
    WeekDays,
    FollowUpDays,
    FollowUpMin,
    CallFrom,
    CallTo,
    RevenueDrop,
    DiscountRise,
    OneCategoryYears,
    PAliveMin,
    Item,
    Until,
    Month,
    LabelStart,
    LabelSheet,
    PointsPerEuro,
    Tiers,
    Expiry,
    CentsPerPoint,
    WelcomeBonus,
    BirthdayBonus,
    Points,
    Reward,
    Coupon,
    Code,
    CardNumber,
    Identity,
    Value,
    Stock,
    ValidFrom,
    ValidUntil,
    Uses,
    Description,
    Lookup,
    Pin,
    Questions,
    IdleSeconds,
    Visit,
    Resolution,
    SolvedOn,
    Template,
}

impl Field {
    /// The label the user sees for this field.
    pub fn label(self, lang: Lang) -> &'static str {
        use Field::*;
        match self {
            Number => lang.pick("Kundennummer", "Customer number"),
            Kind => lang.pick("Art", "Type"),
            FirstName => lang.pick("Vorname", "First name"),
            LastName => lang.pick("Nachname", "Last name"),
            FirmName => lang.pick("Firma", "Company"),
            Street => lang.pick("Straße und Hausnummer", "Street and number"),
            PostalCode => lang.pick("PLZ", "Postcode"),
            City => lang.pick("Ort", "City"),
            Country => lang.pick("Land", "Country"),
            Phone => lang.pick("Telefon", "Phone"),
            Email => lang.pick("E-Mail", "E-mail"),
            Birthday => lang.pick("Geburtstag", "Birthday"),
            Notes => lang.pick("Notizen", "Notes"),
            Limit => lang.pick("Anzahl", "Count"),
            Language => lang.pick("Sprache", "Language"),
            Date => lang.pick("Datum", "Date"),
            Amount => lang.pick("Betrag", "Amount"),
            Discount => lang.pick("Rabatt", "Discount"),
            Product => lang.pick("Produkt", "Product"),
            Category => lang.pick("Warengruppe", "Category"),
            Quantity => lang.pick("Menge", "Quantity"),
            Note => lang.pick("Notiz", "Note"),
            At => lang.pick("Zeitpunkt", "Date and time"),
            Summary => lang.pick("Worum ging es?", "What was it about?"),
            Outcome => lang.pick("Ergebnis", "Outcome"),
            NextStep => lang.pick("Nächster Schritt", "Next step"),
            NextStepDue => lang.pick("Fällig am", "Due on"),
            Name => lang.pick("Name", "Name"),
            Role => lang.pick("Funktion", "Role"),
            Salutation => lang.pick("Anrede", "Salutation"),
            Title => lang.pick("Titel", "Title"),
            OtherPhones => lang.pick("Weitere Telefonnummern", "Further phone numbers"),
            OtherEmails => lang.pick("Weitere E-Mail-Adressen", "Further e-mail addresses"),
            Industry => lang.pick("Branche", "Industry"),
            CompanySize => lang.pick("Mitarbeiterzahl", "Number of employees"),
            AnnualRevenue => lang.pick("Jahresumsatz des Kunden", "Customer's annual revenue"),
            CustomerSince => lang.pick("Kunde seit", "Customer since"),
            Employee => lang.pick("Betreuer", "Account manager"),
            Tags => lang.pick("Schlagwörter", "Tags"),
            Status => lang.pick("Status", "Status"),
            PartnerName => lang.pick("Partner/in", "Partner"),
            PartnerBirthday => lang.pick("Geburtstag Partner/in", "Partner's birthday"),
            Relations => lang.pick("Weitere Angehörige", "Further relations"),
            PreferredChannels => lang.pick("Bevorzugte Kanäle", "Preferred channels"),
            QuietTimes => lang.pick("Bitte nicht kontaktieren", "Do not contact"),
            PeakMonths => lang.pick("Hochsaison", "Peak season"),
            AddressForm => lang.pick("Anredeform", "Form of address"),
            Closeness => lang.pick("Nähe", "Closeness"),
            Interests => lang.pick("Interessen", "Interests"),
            Preferences => lang.pick("Vorlieben", "Preferences"),
            FilterName => lang.pick("Name des Filters", "Filter name"),
            BirthdayMonth => lang.pick("Geburtstagsmonat", "Birthday month"),
            HorizonYears => lang.pick("Zeitraum in Jahren", "Horizon in years"),
            DiscountRate => lang.pick("Abzinsung pro Jahr", "Discount rate a year"),
            AbcThresholds => lang.pick("ABC-Grenzen", "ABC thresholds"),
            AbcMonths => lang.pick("ABC-Zeitraum in Monaten", "ABC period in months"),
            MatrixBounds => lang.pick("Grenzen der Matrix", "Matrix boundaries"),
            ScoreWeights => lang.pick("Gewichte des Scores", "Score weights"),
            Potential => lang.pick("Weiteres Potenzial pro Jahr", "Further potential a year"),
            Score => lang.pick("Score", "Score"),
            Indicator => lang.pick("Bewertung", "Mark"),
            Cost => lang.pick("Kosten", "Cost"),
            EveryDays => lang.pick("Alle … Tage", "Every … days"),
            LostOn => lang.pick("Verloren am", "Lost on"),
            Reason => lang.pick("Grund", "Reason"),
            BirthdayDays => lang.pick("Geburtstage vorab (Tage)", "Birthdays ahead (days)"),
            WeekDays => lang.pick("Vorschau (Tage)", "Look ahead (days)"),
            FollowUpDays => lang.pick("Nachfassen nach (Tagen)", "Follow up after (days)"),
            FollowUpMin => lang.pick("Nachfassen ab Betrag", "Follow up from amount"),
            CallFrom => lang.pick("Anrufe ab", "Calls from"),
            CallTo => lang.pick("Anrufe bis", "Calls until"),
            RevenueDrop => lang.pick("Umsatzrückgang ab (%)", "Revenue drop from (%)"),
            DiscountRise => lang.pick(
                "Rabattanstieg ab (Prozentpunkte)",
                "Discount rise from (points)",
            ),
            OneCategoryYears => lang.pick(
                "Nur eine Warengruppe seit (Jahren)",
                "One category only for (years)",
            ),
            PAliveMin => lang.pick("Aktiv-Wahrscheinlichkeit unter (%)", "P(alive) below (%)"),
            Item => lang.pick("Eintrag der Agenda", "Agenda item"),
            Until => lang.pick("Verschieben bis", "Put off until"),
            Month => lang.pick("Monat", "Month"),
            LabelStart => lang.pick("Erstes Etikett", "First label"),
            LabelSheet => lang.pick("Etikettenbogen", "Label sheet"),
            PointsPerEuro => lang.pick("Punkte pro Euro", "Points per euro"),
            Tiers => lang.pick("Stufen", "Tiers"),
            Expiry => lang.pick("Verfall nach Jahren", "Expiry after years"),
            CentsPerPoint => lang.pick("Wert eines Punkts (Cent)", "Value of a point (cents)"),
            WelcomeBonus => lang.pick("Willkommensbonus", "Welcome bonus"),
            BirthdayBonus => lang.pick("Geburtstagsbonus", "Birthday bonus"),
            Points => lang.pick("Punkte", "Points"),
            Reward => lang.pick("Prämie", "Reward"),
            Coupon => lang.pick("Gutschein", "Coupon"),
            Code => lang.pick("Gutscheincode", "Coupon code"),
            CardNumber => lang.pick("Kartennummer", "Card number"),
            Identity => lang.pick("Identität", "Identity"),
            Value => lang.pick("Wert", "Value"),
            Stock => lang.pick("Bestand", "Stock"),
            ValidFrom => lang.pick("Gültig ab", "Valid from"),
            ValidUntil => lang.pick("Gültig bis", "Valid until"),
            Uses => lang.pick("Einlösungen", "Uses"),
            Description => lang.pick("Beschreibung", "Description"),
            Lookup => lang.pick("Suche", "Search"),
            Pin => lang.pick("PIN", "PIN"),
            Questions => lang.pick("Fragen", "Questions"),
            IdleSeconds => lang.pick("Zurücksetzen nach Sekunden", "Reset after seconds"),
            Visit => lang.pick("Besuch", "Visit"),
            Resolution => lang.pick("Lösung", "Resolution"),
            SolvedOn => lang.pick("Gelöst am", "Solved on"),
            Template => lang.pick("Umfrage", "Survey"),
        }
    }
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Issue {
    Required,
    TooLong { max: u32 },
    OutOfRange { min: u32, max: u32 },
    InvalidEmail,
    InvalidPhone,
    InvalidPostalCode,
    InvalidDate,
    DateInFuture,
    DateTooEarly,
    AlreadyUsed,
    Unknown,
    Negative,
    InvalidAmount,
    InvalidDateTime,
    DiscountAboveAmount,
    NameTaken,
    InvalidTime,
    EndBeforeStart,
    Repeated,
    InvalidNumber,
    InvalidDecimal,
    Invalid,
}

/// One problem with one field; for fields that hold a list (further phone numbers,
/// relations …), `row` names the entry, counted from 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: Field,
    pub row: Option<u32>,
    pub issue: Issue,
}

impl FieldError {
    pub fn new(field: Field, issue: Issue) -> Self {
        FieldError {
            field,
            row: None,
            issue,
        }
    }

    /// A problem with entry `row` (from 0) of a list field.
    pub fn at(field: Field, row: usize, issue: Issue) -> Self {
        FieldError {
            field,
            row: u32::try_from(row).ok(),
            issue,
        }
    }

    /// The sentence shown next to the field. It does not repeat the label, which the form
    /// already shows above the field.
    pub fn message(&self, lang: Lang) -> String {
        use Issue::*;
        match &self.issue {
            Required => lang.pick("Bitte ausfüllen.", "Please fill in.").to_owned(),
            TooLong { max } => match lang {
                Lang::De => format!("Höchstens {max} Zeichen."),
                Lang::En => format!("At most {max} characters."),
            },
            OutOfRange { min, max } => match lang {
                Lang::De => format!("Bitte eine Zahl von {min} bis {max}."),
                Lang::En => format!("Please enter a number from {min} to {max}."),
            },
            InvalidEmail => lang
                .pick(
                    "Keine gültige E-Mail-Adresse, z. B. name@beispiel.de.",
                    "Not a valid e-mail address, e.g. name@example.com.",
                )
                .to_owned(),
            InvalidPhone => lang
                .pick(
                    "Keine gültige Telefonnummer: Ziffern, Leerzeichen, + - / ( ) erlaubt.",
                    "Not a valid phone number: digits, spaces, + - / ( ) allowed.",
                )
                .to_owned(),
            InvalidPostalCode => lang
                .pick(
                    "Keine gültige Postleitzahl (in Deutschland fünf Ziffern).",
                    "Not a valid postcode (five digits in Germany).",
                )
                .to_owned(),
            InvalidDate => lang
                .pick(
                    "Kein gültiges Datum, bitte als TT.MM.JJJJ eingeben.",
                    "Not a valid date, please enter as DD.MM.YYYY.",
                )
                .to_owned(),
            DateInFuture => lang
                .pick(
                    "Das Datum liegt in der Zukunft.",
                    "The date is in the future.",
                )
                .to_owned(),
            DateTooEarly => lang
                .pick("Das Datum liegt vor 1900.", "The date is before 1900.")
                .to_owned(),
            AlreadyUsed => lang
                .pick(
                    "Schon bei einem anderen Kunden vergeben.",
                    "Already used by another customer.",
                )
                .to_owned(),
            Unknown => lang.pick("Unbekannter Wert.", "Unknown value.").to_owned(),
            Negative => lang
                .pick("Darf nicht negativ sein.", "Must not be negative.")
                .to_owned(),
            InvalidAmount => lang
                .pick(
                    "Kein gültiger Betrag, z. B. 1.234,56.",
                    "Not a valid amount, e.g. 1,234.56.",
                )
                .to_owned(),
            InvalidDateTime => lang
                .pick(
                    "Kein gültiger Zeitpunkt, bitte als TT.MM.JJJJ HH:MM eingeben.",
                    "Not a valid date and time, please enter as DD.MM.YYYY HH:MM.",
                )
                .to_owned(),
            DiscountAboveAmount => lang
                .pick(
                    "Der Rabatt ist höher als der Betrag.",
                    "The discount is higher than the amount.",
                )
                .to_owned(),
            NameTaken => lang
                .pick(
                    "Dieser Name ist schon vergeben.",
                    "This name is already taken.",
                )
                .to_owned(),
            InvalidTime => lang
                .pick(
                    "Keine gültige Uhrzeit, bitte als HH:MM eingeben.",
                    "Not a valid time, please enter as HH:MM.",
                )
                .to_owned(),
            Invalid => lang
                .pick(
                    "Diese Werte passen nicht zusammen.",
                    "These values do not fit together.",
                )
                .to_owned(),
            EndBeforeStart => lang
                .pick(
                    "Das Ende muss nach dem Beginn liegen.",
                    "The end must come after the start.",
                )
                .to_owned(),
            Repeated => lang
                .pick("Steht schon in der Liste.", "Already in the list.")
                .to_owned(),
            InvalidNumber => lang
                .pick(
                    "Bitte eine ganze Zahl eingeben.",
                    "Please enter a whole number.",
                )
                .to_owned(),
            InvalidDecimal => lang
                .pick(
                    "Keine gültige Zahl, z. B. 12,5.",
                    "Not a valid number, e.g. 12.5.",
                )
                .to_owned(),
        }
    }
}

/// The kind of record an error refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Customer,
    Transaction,
    Interaction,
    Contact,
    Employee,
    SavedFilter,
    Merge,
    ScoreIndicator,
    Measure,
    PlanRule,
    LostReason,
    Reward,
    Coupon,
    Member,
    Survey,
}

impl Entity {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Entity::Customer => lang.pick("Kunde", "Customer"),
            Entity::Transaction => lang.pick("Kauf", "Purchase"),
            Entity::Interaction => lang.pick("Kontakt", "Interaction"),
            Entity::Contact => lang.pick("Ansprechpartner", "Contact person"),
            Entity::Employee => lang.pick("Mitarbeiter", "Employee"),
            Entity::SavedFilter => lang.pick("Gespeicherter Filter", "Saved filter"),
            Entity::Merge => lang.pick("Zusammenführung", "Merge"),
            Entity::ScoreIndicator => lang.pick("Kriterium", "Criterion"),
            Entity::Measure => lang.pick("Maßnahme", "Measure"),
            Entity::PlanRule => lang.pick("Zeile des Kommunikationsplans", "Plan line"),
            Entity::LostReason => lang.pick("Verlustgrund", "Reason for loss"),
            Entity::Reward => lang.pick("Prämie", "Reward"),
            Entity::Coupon => lang.pick("Gutschein", "Coupon"),
            Entity::Member => lang.pick("Kundenkarte", "Customer card"),
            Entity::Survey => lang.pick("Umfrage", "Survey"),
        }
    }
}

fn file_message(problem: &crate::io::table::FileProblem, lang: Lang) -> String {
    use crate::io::table::FileProblem::*;
    match (problem, lang) {
        (Empty, _) => lang
            .pick("Die Datei ist leer.", "The file is empty.")
            .to_owned(),
        (NoRows, _) => lang
            .pick(
                "Die Datei enthält nur die Überschriften, keine Datenzeilen.",
                "The file holds only the headers, no rows.",
            )
            .to_owned(),
        (NotText, _) => lang
            .pick(
                "Das ist keine Textdatei in einer bekannten Zeichenkodierung (UTF-8, \
                 Windows-1252, UTF-16 mit BOM). Bitte aus Excel als „CSV (Trennzeichen-getrennt)“ \
                 oder „CSV UTF-8“ speichern.",
                "This is not a text file in a known encoding (UTF-8, Windows-1252, UTF-16 with \
                 BOM). Please save it from Excel as \"CSV (comma delimited)\" or \"CSV UTF-8\".",
            )
            .to_owned(),
        (Truncated { line }, Lang::De) => format!(
            "Die Datei ist unvollständig: Ab Zeile {line} steht ein Feld in Anführungszeichen, \
             das nie endet."
        ),
        (Truncated { line }, Lang::En) => format!(
            "The file is incomplete: a field in quotes starts on line {line} and never ends."
        ),
        (LineTooLong { line }, Lang::De) => format!(
            "Zeile {line} ist länger als 1 MB – das ist keine Tabelle mit einem Kunden je Zeile."
        ),
        (LineTooLong { line }, Lang::En) => format!(
            "Line {line} is longer than 1 MB – this is not a table with one customer per line."
        ),
        (TooManyCells { line }, Lang::De) => format!(
            "Zeile {line} hat mehr Spalten als die Überschriftszeile. Ist das Trennzeichen \
             richtig, oder fehlen Anführungszeichen um einen Wert mit Semikolon?"
        ),
        (TooManyCells { line }, Lang::En) => format!(
            "Line {line} has more columns than the header line. Is the delimiter right, or \
             are quotes missing around a value with a delimiter in it?"
        ),
        (Workbook(e), Lang::De) => {
            format!("Die Excel-Datei ist beschädigt oder unvollständig ({e}).")
        }
        (Workbook(e), Lang::En) => format!("The Excel file is damaged or incomplete ({e})."),
        (NoCards, _) => lang
            .pick(
                "Die Datei enthält keine Visitenkarte (BEGIN:VCARD … END:VCARD).",
                "The file holds no contact card (BEGIN:VCARD … END:VCARD).",
            )
            .to_owned(),
    }
}

fn import_message(problem: &crate::io::import::ImportProblem, lang: Lang) -> String {
    use crate::io::import::ImportProblem::*;
    match (problem, lang) {
        (MappingSize { columns, mapped }, Lang::De) => {
            format!("Die Zuordnung nennt {mapped} Spalten, die Datei hat {columns}.")
        }
        (MappingSize { columns, mapped }, Lang::En) => {
            format!("The mapping names {mapped} columns, the file has {columns}.")
        }
        (MappedTwice(field), Lang::De) => format!(
            "„{}“ ist zwei Spalten zugeordnet; bitte nur einer.",
            field.label(lang)
        ),
        (MappedTwice(field), Lang::En) => format!(
            "\"{}\" is mapped to two columns; please choose one.",
            field.label(lang)
        ),
        (NoNameColumn, _) => lang
            .pick(
                "Keine Spalte ist Vorname, Nachname oder Firma zugeordnet.",
                "No column is mapped to first name, last name or firm.",
            )
            .to_owned(),
        (InvalidRows { count, first_line }, Lang::De) => format!(
            "{count} Zeilen haben Fehler (die erste: Zeile {first_line}). Nichts wurde \
             importiert. Bitte die Datei korrigieren oder die fehlerhaften Zeilen auslassen."
        ),
        (InvalidRows { count, first_line }, Lang::En) => format!(
            "{count} rows have problems (the first: line {first_line}). Nothing was imported. \
             Please correct the file or leave those rows out."
        ),
        (Cancelled, _) => lang
            .pick(
                "Import abgebrochen – es wurde nichts gespeichert.",
                "Import cancelled – nothing was saved.",
            )
            .to_owned(),
        (NoCustomerColumn, _) => lang
            .pick(
                "Die Datei braucht eine Spalte Kundennummer oder E-Mail, um die Käufe \
                 zuzuordnen.",
                "The file needs a customer number or e-mail column to match the purchases.",
            )
            .to_owned(),
        (NoDateOrAmount, _) => lang
            .pick(
                "Die Datei braucht eine Spalte Datum und eine Spalte Betrag.",
                "The file needs a date column and an amount column.",
            )
            .to_owned(),
    }
}

/// Why a merge or its undo cannot be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeProblem {
    /// A customer cannot be merged with itself.
    SameCustomer,
    /// The merge was undone already.
    AlreadyUndone,
    /// The surviving customer was changed after the merge; an undo would lose that.
    ChangedSince,
}

impl MergeProblem {
    fn message(self, lang: Lang) -> &'static str {
        match self {
            MergeProblem::SameCustomer => lang.pick(
                "Ein Kunde kann nicht mit sich selbst zusammengeführt werden.",
                "A customer cannot be merged with itself.",
            ),
            MergeProblem::AlreadyUndone => lang.pick(
                "Diese Zusammenführung wurde schon rückgängig gemacht.",
                "This merge was undone already.",
            ),
            MergeProblem::ChangedSince => lang.pick(
                "Der Kunde wurde nach dem Zusammenführen geändert; Rückgängig würde diese \
                 Änderungen verlieren und ist darum nicht mehr möglich.",
                "The customer was changed after the merge; undoing it would lose those \
                 changes, so it is no longer possible.",
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{entity:?} {id} not found")]
    NotFound { entity: Entity, id: i64 },

    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),

    #[error(
        "the database was written by a newer version of Stammkunde (schema {found}, this \
         version knows up to {supported})"
    )]
    NewerDatabase { found: u32, supported: u32 },

    #[error("the database already holds customers")]
    NotEmpty,

    #[error("the customer value has not been analysed yet")]
    NoValueAnalysis,

    #[error("care refused: {0:?}")]
    Care(CareProblem),

    #[error("merge refused: {0:?}")]
    Merge(MergeProblem),

    #[error("loyalty refused: {0:?}")]
    Loyalty(LoyaltyProblem),

    #[error("survey refused: {0:?}")]
    Survey(SurveyProblem),

    #[error("internal error: {0}")]
    Internal(String),

    #[error("file cannot be read: {0:?}")]
    File(crate::io::table::FileProblem),

    #[error("import refused: {0:?}")]
    Import(crate::io::import::ImportProblem),

    #[error("no data directory could be determined for this user")]
    NoDataDir,

    #[error("file error: {0}")]
    Io(#[from] std::io::Error),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

/// Why a step of the care plan was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareProblem {
    AlreadyLost,
    NotLost,
    ReasonInUse,
}

impl CareProblem {
    fn message(self, lang: Lang) -> &'static str {
        match self {
            CareProblem::AlreadyLost => lang.pick(
                "Der Kunde ist schon als verloren markiert.",
                "The customer is already marked lost.",
            ),
            CareProblem::NotLost => lang.pick(
                "Der Kunde ist nicht als verloren markiert.",
                "The customer is not marked lost.",
            ),
            CareProblem::ReasonInUse => lang.pick(
                "Dieser Grund ist bei verlorenen Kunden eingetragen und bleibt deshalb.",
                "This reason is recorded for lost customers, so it stays.",
            ),
        }
    }
}

/// Why a survey or the kiosk refused a step. Nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyProblem {
    /// The kiosk cannot start before the owner has set an exit PIN.
    NoPin,
    /// A kiosk command while no kiosk runs.
    NoKiosk,
    WrongPin {
        /// Tries left before the kiosk waits.
        left: u32,
    },
    /// Too many wrong PINs: the kiosk waits this many seconds.
    Locked { seconds: u32 },
    /// The template has responses; it can be changed but not deleted.
    TemplateInUse,
    /// The template has responses: its texts can change, its questions cannot.
    QuestionsLocked,
    /// The comment was taken up as a complaint already.
    ComplaintExists,
    /// A complaint from an anonymous answer needs the customer it came from.
    NoCustomer,
    /// The response holds no text to take up as a complaint.
    NoComment,
}

impl SurveyProblem {
    fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (SurveyProblem::NoPin, _) => lang
                .pick(
                    "Bitte zuerst eine PIN zum Beenden des Kiosks festlegen.",
                    "Please set a PIN for leaving the kiosk first.",
                )
                .to_owned(),
            (SurveyProblem::NoKiosk, _) => lang
                .pick("Es läuft keine Umfrage im Kiosk.", "No kiosk survey is running.")
                .to_owned(),
            (SurveyProblem::WrongPin { left }, Lang::De) => {
                format!("Falsche PIN. Noch {left} Versuche, dann eine Minute Pause.")
            }
            (SurveyProblem::WrongPin { left }, Lang::En) => {
                format!("Wrong PIN. {left} more tries, then a one-minute pause.")
            }
            (SurveyProblem::Locked { seconds }, Lang::De) => {
                format!("Zu viele falsche Versuche. Bitte {seconds} Sekunden warten.")
            }
            (SurveyProblem::Locked { seconds }, Lang::En) => {
                format!("Too many wrong tries. Please wait {seconds} seconds.")
            }
            (SurveyProblem::TemplateInUse, _) => lang
                .pick(
                    "Zu dieser Umfrage gibt es Antworten; sie kann geändert, aber nicht gelöscht werden.",
                    "This survey has answers; it can be changed but not deleted.",
                )
                .to_owned(),
            (SurveyProblem::QuestionsLocked, _) => lang
                .pick(
                    "Zu dieser Umfrage gibt es Antworten: Texte lassen sich ändern, aber keine \
                     Fragen oder Auswahlmöglichkeiten hinzufügen, entfernen oder umstellen. \
                     Bitte dafür eine neue Umfrage anlegen.",
                    "This survey has answers: its texts can change, but questions and options \
                     cannot be added, removed or reordered. Please create a new survey for that.",
                )
                .to_owned(),
            (SurveyProblem::ComplaintExists, _) => lang
                .pick(
                    "Dieser Kommentar ist schon als Beschwerde erfasst.",
                    "This comment is already recorded as a complaint.",
                )
                .to_owned(),
            (SurveyProblem::NoCustomer, _) => lang
                .pick(
                    "Die Antwort ist anonym: Bitte den Kunden wählen, von dem die Beschwerde kommt.",
                    "The answer is anonymous: please choose the customer the complaint comes from.",
                )
                .to_owned(),
            (SurveyProblem::NoComment, _) => lang
                .pick(
                    "Diese Antwort enthält keinen Kommentar.",
                    "This answer holds no comment.",
                )
                .to_owned(),
        }
    }
}

/// Why the loyalty program refused a step. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoyaltyProblem {
    /// More points asked for than the balance holds.
    NotEnoughPoints {
        balance: i64,
        wanted: i64,
    },
    /// The customer has no customer card (is not in the program).
    NotAMember,
    AlreadyMember,
    /// The purchase earned no points, or they were taken back already.
    NothingToReverse,
    /// The ledger already has entries after this day (the computer's clock went back?).
    BeforeLastEntry {
        last: chrono::NaiveDate,
    },
    CouponExpired {
        until: chrono::NaiveDate,
    },
    CouponUsedUp,
    /// The coupon was issued to another customer.
    CouponOfAnotherCustomer,
    RewardOutOfStock,
    RewardNotValid,
}

impl LoyaltyProblem {
    fn message(&self, lang: Lang) -> String {
        let de = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
        match (self, lang) {
            (LoyaltyProblem::NotEnoughPoints { balance, wanted }, Lang::De) => format!(
                "Nicht genug Punkte: {} verlangt, {} vorhanden. Es wurde nichts gebucht.",
                crate::money::group_thousands(*wanted, lang),
                crate::money::group_thousands(*balance, lang)
            ),
            (LoyaltyProblem::NotEnoughPoints { balance, wanted }, Lang::En) => format!(
                "Not enough points: {} asked for, {} held. Nothing was booked.",
                crate::money::group_thousands(*wanted, lang),
                crate::money::group_thousands(*balance, lang)
            ),
            (LoyaltyProblem::NotAMember, _) => lang
                .pick(
                    "Der Kunde hat noch keine Kundenkarte.",
                    "The customer has no customer card yet.",
                )
                .to_owned(),
            (LoyaltyProblem::AlreadyMember, _) => lang
                .pick(
                    "Der Kunde hat schon eine Kundenkarte.",
                    "The customer already has a customer card.",
                )
                .to_owned(),
            (LoyaltyProblem::NothingToReverse, _) => lang
                .pick(
                    "Für diesen Kauf sind keine Punkte mehr zurückzunehmen.",
                    "There are no points left to take back for this purchase.",
                )
                .to_owned(),
            (LoyaltyProblem::BeforeLastEntry { last }, Lang::De) => format!(
                "Das Punktekonto hat schon Buchungen vom {}; bitte Datum und Uhrzeit des Computers prüfen.",
                de(last)
            ),
            (LoyaltyProblem::BeforeLastEntry { last }, Lang::En) => format!(
                "The points account already has entries of {last}; please check the computer's date and time."
            ),
            (LoyaltyProblem::CouponExpired { until }, Lang::De) => {
                format!("Der Gutschein war nur bis {} gültig.", de(until))
            }
            (LoyaltyProblem::CouponExpired { until }, Lang::En) => {
                format!("The coupon was valid until {until} only.")
            }
            (LoyaltyProblem::CouponUsedUp, _) => lang
                .pick(
                    "Dieser Gutschein wurde schon eingelöst.",
                    "This coupon has already been redeemed.",
                )
                .to_owned(),
            (LoyaltyProblem::CouponOfAnotherCustomer, _) => lang
                .pick(
                    "Dieser Gutschein gehört einem anderen Kunden.",
                    "This coupon belongs to another customer.",
                )
                .to_owned(),
            (LoyaltyProblem::RewardOutOfStock, _) => lang
                .pick(
                    "Diese Prämie ist vergriffen.",
                    "This reward is out of stock.",
                )
                .to_owned(),
            (LoyaltyProblem::RewardNotValid, _) => lang
                .pick(
                    "Diese Prämie ist heute nicht einlösbar (Gültigkeit).",
                    "This reward cannot be redeemed today (validity).",
                )
                .to_owned(),
        }
    }
}

impl Error {
    /// A one-line message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::NotFound { entity, id }, Lang::De) => {
                format!("{} {id} wurde nicht gefunden (vielleicht im Papierkorb).", entity.name(lang))
            }
            (Error::NotFound { entity, id }, Lang::En) => {
                format!("{} {id} was not found (it may be in the trash).", entity.name(lang))
            }
            (Error::Validation(fields), _) => {
                let labels: Vec<String> = fields
                    .iter()
                    .map(|f| match (f.row, lang) {
                        (None, _) => f.field.label(lang).to_owned(),
                        (Some(row), Lang::De) => format!("{} (Zeile {})", f.field.label(lang), row + 1),
                        (Some(row), Lang::En) => format!("{} (line {})", f.field.label(lang), row + 1),
                    })
                    .collect();
                let list = labels.join(", ");
                match lang {
                    Lang::De => format!("Bitte prüfen: {list}."),
                    Lang::En => format!("Please check: {list}."),
                }
            }
            (Error::NewerDatabase { found, supported }, Lang::De) => format!(
                "Diese Datenbank stammt aus einer neueren Stammkunde-Version (Schema {found}, \
                 diese Version kennt bis {supported}). Bitte Stammkunde aktualisieren; die \
                 Datei wurde nicht verändert."
            ),
            (Error::NewerDatabase { found, supported }, Lang::En) => format!(
                "This database comes from a newer version of Stammkunde (schema {found}, this \
                 version knows up to {supported}). Please update Stammkunde; the file was not \
                 changed."
            ),
            (Error::NotEmpty, _) => lang
                .pick(
                    "Die Datenbank enthält schon Kunden. Beispieldaten kommen nur in eine leere \
                     Datenbank, damit sie sich nicht mit echten Kunden mischen.",
                    "The database already holds customers. Demo data only goes into an empty \
                     database, so that it never mixes with real customers.",
                )
                .to_owned(),
            (Error::NoValueAnalysis, _) => lang
                .pick(
                    "Der Kundenwert wurde noch nicht berechnet.",
                    "The customer value has not been worked out yet.",
                )
                .to_owned(),
            (Error::Merge(problem), _) => problem.message(lang).to_owned(),
            (Error::Care(problem), _) => problem.message(lang).to_owned(),
            (Error::Loyalty(problem), _) => problem.message(lang),
            (Error::Survey(problem), _) => problem.message(lang),
            (Error::File(problem), _) => file_message(problem, lang),
            (Error::Import(problem), _) => import_message(problem, lang),
            (Error::Internal(e), Lang::De) => format!("Interner Fehler: {e}"),
            (Error::Internal(e), Lang::En) => format!("Internal error: {e}"),
            (Error::NoDataDir, _) => lang
                .pick(
                    "Kein Datenordner gefunden. Bitte mit --db oder STAMMKUNDE_DB eine Datei angeben.",
                    "No data folder found. Please name a file with --db or STAMMKUNDE_DB.",
                )
                .to_owned(),
            (Error::Io(e), Lang::De) => format!("Dateifehler: {e}"),
            (Error::Io(e), Lang::En) => format!("File error: {e}"),
            (Error::Sqlite(e), Lang::De) => format!("Datenbankfehler: {e}"),
            (Error::Sqlite(e), Lang::En) => format!("Database error: {e}"),
            (Error::Migration(e), Lang::De) => format!(
                "Die Datenbank konnte nicht aktualisiert werden; die Datei blieb unverändert: {e}"
            ),
            (Error::Migration(e), Lang::En) => {
                format!("The database could not be upgraded; the file was left unchanged: {e}")
            }
        }
    }

    /// The field problems, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Validation(fields) => fields,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_message_names_fields_in_both_languages() {
        let err = Error::Validation(vec![
            FieldError::new(Field::Email, Issue::InvalidEmail),
            FieldError::new(Field::LastName, Issue::Required),
        ]);
        assert_eq!(err.message(Lang::De), "Bitte prüfen: E-Mail, Nachname.");
        assert_eq!(err.message(Lang::En), "Please check: E-mail, Last name.");
    }

    #[test]
    fn field_messages_carry_limits() {
        let e = FieldError::new(Field::Notes, Issue::TooLong { max: 20 });
        assert_eq!(e.message(Lang::De), "Höchstens 20 Zeichen.");
        assert_eq!(e.message(Lang::En), "At most 20 characters.");
    }
}

/// The small set of error kinds a caller switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    Io,
    Internal,
}

/// A field's problem, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldMessage {
    pub field: Field,
    /// The entry of a list field, from 0.
    pub row: Option<u32>,
    pub message: String,
}

/// An error as the desktop app and the command line hand it to the user:
/// `{ code, message, fields }`, worded in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldMessage>,
}

impl Error {
    /// The code a caller switches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Validation(_) => ErrorCode::Validation,
            Error::NewerDatabase { .. } | Error::NotEmpty | Error::NoValueAnalysis => {
                ErrorCode::Conflict
            }
            Error::Io(_) | Error::NoDataDir => ErrorCode::Io,
            Error::Merge(_) | Error::Care(_) | Error::Loyalty(_) | Error::Survey(_) => {
                ErrorCode::Conflict
            }
            Error::File(_) => ErrorCode::Io,
            Error::Import(crate::io::import::ImportProblem::Cancelled) => ErrorCode::Conflict,
            Error::Import(_) => ErrorCode::Validation,
            Error::Sqlite(_) | Error::Migration(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The whole error, worded for the user.
    pub fn report(&self, lang: Lang) -> ErrorReport {
        ErrorReport {
            code: self.code(),
            message: self.message(lang),
            fields: self
                .field_errors()
                .iter()
                .map(|f| FieldMessage {
                    field: f.field,
                    row: f.row,
                    message: f.message(lang),
                })
                .collect(),
        }
    }
}
