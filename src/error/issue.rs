//! What can be wrong with a field's value, and the sentence shown next to the field.

use super::Field;
use crate::i18n::Lang;
use serde::Serialize;

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Issue {
    Required,
    TooLong {
        max: u32,
    },
    OutOfRange {
        min: u32,
        max: u32,
    },
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
    /// Labels that add up to more than the sheet: what they take, in tenths of a
    /// millimetre, and what the sheet has, in millimetres.
    LargerThanSheet {
        used_tenths: u32,
        sheet_mm: u32,
    },
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
            LargerThanSheet {
                used_tenths,
                sheet_mm,
            } => {
                let used = format!(
                    "{}{}{}",
                    used_tenths / 10,
                    lang.pick(",", "."),
                    used_tenths % 10
                );
                match lang {
                    Lang::De => format!(
                        "Die Etiketten brauchen so {used} mm, der Bogen hat nur {sheet_mm} mm."
                    ),
                    Lang::En => format!(
                        "The labels take {used} mm this way; the sheet has only {sheet_mm} mm."
                    ),
                }
            }
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
