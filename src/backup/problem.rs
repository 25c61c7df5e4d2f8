//! Why a backup, a restore or the check at start could not go on, worded in the user's
//! language with what to do. Nothing was half written: a copy that did not finish never
//! got its name, and the database file was not touched.

use crate::i18n::Lang;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// The backup folder does not exist or cannot be reached (a USB stick pulled, a
    /// network share gone).
    FolderMissing { folder: PathBuf },
    /// The folder (or the database's folder) cannot be written to.
    ReadOnly { folder: PathBuf },
    /// The disk of the folder is full.
    DiskFull { folder: PathBuf },
    /// Another program holds the database file locked.
    Locked,
    /// The folder or the file vanished while the copy was written.
    Vanished { folder: PathBuf },
    /// Writing to the folder failed (the medium full, failing or being removed).
    WriteFailed { folder: PathBuf },
    /// The file failed SQLite's check: it is damaged (SQLite's words in `detail`).
    Damaged { file: PathBuf, detail: String },
    /// The backup comes from a newer Stammkunde.
    Newer {
        found: u32,
        supported: u32,
        version: String,
    },
    /// The file is no Stammkunde backup (no customer table, or not a database).
    NotABackup { file: PathBuf },
}

impl BackupProblem {
    pub(crate) fn message(&self, lang: Lang) -> String {
        use BackupProblem::*;
        match (self, lang) {
            (FolderMissing { folder }, Lang::De) => format!(
                "Der Sicherungsordner {} ist nicht erreichbar. Ist der USB-Stick eingesteckt \
                 oder das Netzlaufwerk verbunden? Sonst bitte unter Einstellungen → \
                 Sicherungen einen anderen Ordner wählen.",
                folder.display()
            ),
            (FolderMissing { folder }, Lang::En) => format!(
                "The backup folder {} cannot be reached. Is the USB stick plugged in or the \
                 network drive connected? Otherwise please choose another folder under \
                 Settings → Backups.",
                folder.display()
            ),
            (ReadOnly { folder }, Lang::De) => format!(
                "In den Ordner {} darf Stammkunde nicht schreiben (schreibgeschützt oder keine \
                 Berechtigung). Bitte einen anderen Ordner wählen oder den Schreibschutz \
                 aufheben. Es wurde nichts geschrieben.",
                folder.display()
            ),
            (ReadOnly { folder }, Lang::En) => format!(
                "Stammkunde may not write to the folder {} (read-only or no permission). \
                 Please choose another folder or lift the protection. Nothing was written.",
                folder.display()
            ),
            (DiskFull { folder }, Lang::De) => format!(
                "Der Datenträger von {} ist voll. Bitte Platz schaffen oder einen anderen \
                 Ordner wählen. Die unvollständige Kopie wurde entfernt.",
                folder.display()
            ),
            (DiskFull { folder }, Lang::En) => format!(
                "The disk of {} is full. Please free some space or choose another folder. \
                 The incomplete copy was removed.",
                folder.display()
            ),
            (Locked, _) => lang
                .pick(
                    "Die Datenbank wird gerade von einem anderen Programm benutzt. Bitte das \
                     andere Programm (oder ein zweites Stammkunde-Fenster) schließen und es \
                     noch einmal versuchen.",
                    "The database is in use by another program. Please close the other \
                     program (or a second Stammkunde window) and try again.",
                )
                .to_owned(),
            (Vanished { folder }, Lang::De) => format!(
                "Der Ordner {} ist während der Sicherung verschwunden (USB-Stick gezogen?). \
                 Die Sicherung ist nicht vollständig und zählt nicht; bitte den Datenträger \
                 wieder verbinden und neu sichern.",
                folder.display()
            ),
            (Vanished { folder }, Lang::En) => format!(
                "The folder {} vanished during the backup (USB stick pulled?). The backup is \
                 incomplete and does not count; please reconnect the drive and back up again.",
                folder.display()
            ),
            (WriteFailed { folder }, Lang::De) => format!(
                "Die Sicherung konnte nicht nach {} geschrieben werden (Datenträger voll, \
                 defekt oder gerade entfernt?). Bitte Platz schaffen, den Datenträger prüfen \
                 oder einen anderen Ordner wählen. Die unvollständige Kopie wurde entfernt.",
                folder.display()
            ),
            (WriteFailed { folder }, Lang::En) => format!(
                "The backup could not be written to {} (the drive full, failing or just \
                 removed?). Please free some space, check the drive or choose another \
                 folder. The incomplete copy was removed.",
                folder.display()
            ),
            (Damaged { file, detail }, Lang::De) => {
                format!("Die Datei {} ist beschädigt ({detail}).", file.display())
            }
            (Damaged { file, detail }, Lang::En) => {
                format!("The file {} is damaged ({detail}).", file.display())
            }
            (
                Newer {
                    found,
                    supported,
                    version,
                },
                Lang::De,
            ) => format!(
                "Diese Sicherung stammt aus Stammkunde {version} (Schema {found}); diese \
                 Version kennt bis Schema {supported}. Bitte zuerst Stammkunde aktualisieren."
            ),
            (
                Newer {
                    found,
                    supported,
                    version,
                },
                Lang::En,
            ) => format!(
                "This backup comes from Stammkunde {version} (schema {found}); this version \
                 knows up to schema {supported}. Please update Stammkunde first."
            ),
            (NotABackup { file }, Lang::De) => {
                format!("{} ist keine Stammkunde-Sicherung.", file.display())
            }
            (NotABackup { file }, Lang::En) => {
                format!("{} is not a Stammkunde backup.", file.display())
            }
        }
    }
}
