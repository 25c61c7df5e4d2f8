//! The core's error type, and the wording of each error in the user's language.
//!
//! Validation problems are collected per field so a form can show every message next to
//! its field at once; the shell turns an [`Error`] into `{ code, message, fields }`.

mod field;
mod issue;

pub use field::Field;
pub use issue::{FieldError, Issue};

use crate::i18n::Lang;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    NewProduct,
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
            Entity::NewProduct => lang.pick("Neuheit", "New product"),
            Entity::PlanRule => lang.pick("Zeile des Kommunikationsplans", "Plan line"),
            Entity::LostReason => lang.pick("Verlustgrund", "Reason for loss"),
            Entity::Reward => lang.pick("Prämie", "Reward"),
            Entity::Coupon => lang.pick("Gutschein", "Coupon"),
            Entity::Member => lang.pick("Kundenkarte", "Customer card"),
            Entity::Survey => lang.pick("Umfrage", "Survey"),
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
    Care(crate::care::CareProblem),

    #[error("merge refused: {0:?}")]
    Merge(crate::merges::MergeProblem),

    #[error("loyalty refused: {0:?}")]
    Loyalty(crate::loyalty::LoyaltyProblem),

    #[error("survey refused: {0:?}")]
    Survey(crate::surveys::SurveyProblem),

    #[error("internal error: {0}")]
    Internal(String),

    #[error("file cannot be read: {0:?}")]
    File(crate::io::table::FileProblem),

    #[error("privacy or access refused: {0:?}")]
    Privacy(crate::privacy::PrivacyProblem),

    #[error("backup or restore refused: {0:?}")]
    Backup(crate::backup::BackupProblem),

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
            (Error::Privacy(problem), _) => problem.message(lang),
            (Error::File(problem), _) => problem.message(lang),
            (Error::Backup(problem), _) => problem.message(lang),
            (Error::Import(problem), _) => problem.message(lang),
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
            Error::Merge(_)
            | Error::Care(_)
            | Error::Loyalty(_)
            | Error::Survey(_)
            | Error::Privacy(_) => ErrorCode::Conflict,
            Error::File(_) | Error::Backup(_) => ErrorCode::Io,
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
