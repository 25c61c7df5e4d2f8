//! Why a file could not be read or an import was refused, worded in the user's language.

use super::import::ImportProblem;
use super::table::FileProblem;
use crate::i18n::Lang;

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
