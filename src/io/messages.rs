//! Why a file could not be read or an import was refused, worded in the user's language.

use super::import::ImportProblem;
use super::table::{FileProblem, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
use crate::i18n::Lang;
use crate::money::group_thousands;

impl FileProblem {
    /// The problem, worded for the user.
    pub(crate) fn message(&self, lang: Lang) -> String {
        use FileProblem::*;
        match (self, lang) {
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
            (FileTooLarge, Lang::De) => format!(
                "Die Datei ist größer als {} MB – das ist keine Kundenliste. Bitte nur die \
             Tabelle mit den Kunden speichern und diese Datei wählen.",
                MAX_FILE_BYTES >> 20
            ),
            (FileTooLarge, Lang::En) => format!(
                "The file is larger than {} MB – this is not a customer list. Please save only \
             the table of customers and choose that file.",
                MAX_FILE_BYTES >> 20
            ),
            (TooManyRows { line }, Lang::De) => format!(
                "Ab Zeile {line} ist die Datei zu groß: höchstens {} Zeilen und {} Zellen lassen \
             sich auf einmal einlesen. Bitte die Datei in Teile aufteilen.",
                group_thousands(MAX_ROWS as i64, lang),
                group_thousands(MAX_CELLS as i64, lang)
            ),
            (TooManyRows { line }, Lang::En) => format!(
                "From line {line} on the file is too large: at most {} rows and {} cells can be \
             read at once. Please split the file.",
                group_thousands(MAX_ROWS as i64, lang),
                group_thousands(MAX_CELLS as i64, lang)
            ),
            (TooManyColumns, Lang::De) => format!(
                "Die Überschriftszeile hat mehr als {MAX_COLUMNS} Spalten. Ist das die richtige \
             Datei und das richtige Trennzeichen?"
            ),
            (TooManyColumns, Lang::En) => format!(
                "The header line has more than {MAX_COLUMNS} columns. Is this the right file, \
             with the right delimiter?"
            ),
            (CellOutOfRange { cell }, Lang::De) => format!(
                "Die Excel-Tabelle hat einen Wert in Zelle {cell}, weit außerhalb einer \
             Kundenliste (höchstens {MAX_COLUMNS} Spalten). Bitte die Zelle löschen oder nur \
             die Kundentabelle speichern."
            ),
            (CellOutOfRange { cell }, Lang::En) => format!(
                "The Excel sheet has a value in cell {cell}, far outside a customer list (at \
             most {MAX_COLUMNS} columns). Please delete that cell or save only the table of \
             customers."
            ),
            (PartTooLarge { part }, _) if part.is_empty() => lang
                .pick(
                    "Die Excel-Datei wird entpackt viel zu groß – sie ist beschädigt oder keine \
                 Kundenliste.",
                    "The Excel file unpacks far too large – it is damaged or not a customer list.",
                )
                .to_owned(),
            (PartTooLarge { part }, Lang::De) => format!(
                "Der Teil „{part}“ der Excel-Datei wird entpackt viel zu groß – die Datei ist \
             beschädigt oder keine Kundenliste."
            ),
            (PartTooLarge { part }, Lang::En) => format!(
                "The part \"{part}\" of the Excel file unpacks far too large – the file is \
             damaged or not a customer list."
            ),
        }
    }
}

impl ImportProblem {
    /// The problem, worded for the user.
    pub(crate) fn message(&self, lang: Lang) -> String {
        use ImportProblem::*;
        match (self, lang) {
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
}
