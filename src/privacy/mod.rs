//! Privacy and access (the GDPR's duties of a shop): consent per channel with its history
//! (`consent`), everything stored about a customer for the right of access (`access`),
//! erasure that leaves no trace of the person in the file (`erase`), the append-only
//! audit trail (`audit`), and the app lock with a PIN per employee (`lock`).

pub mod access;
pub mod audit;
pub mod consent;
pub mod erase;
pub mod lock;

pub use audit::{AuditAction, AuditEntry, AuditFilter};
pub use consent::{ConsentChannel, ConsentInput, ConsentSource, Consents};

/// Why a privacy action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivacyProblem {
    /// The customer was erased already; nothing of them is left to change.
    Erased,
    /// The app is locked: only the lock screen may act.
    AppLocked,
    /// Too many wrong PINs: the lock screen waits this many seconds.
    Paused { seconds: u32 },
    /// The PIN was wrong; this many tries are left before the pause.
    WrongPin { left: u32 },
    /// This employee has a PIN: choosing them needs the lock screen.
    PinNeeded,
    /// Nobody has a PIN, so there is nothing to lock with.
    NoPinSet,
    /// The survey kiosk is running: it has its own lock.
    KioskRunning,
}

impl PrivacyProblem {
    pub(crate) fn message(self, lang: crate::Lang) -> String {
        match self {
            PrivacyProblem::Erased => lang
                .pick(
                    "Dieser Kunde wurde auf Wunsch gelöscht; von ihm ist nichts mehr gespeichert.",
                    "This customer was erased on request; nothing about them is stored any more.",
                )
                .to_owned(),
            PrivacyProblem::AppLocked => lang
                .pick(
                    "Stammkunde ist gesperrt. Bitte zuerst entsperren.",
                    "Stammkunde is locked. Please unlock it first.",
                )
                .to_owned(),
            PrivacyProblem::Paused { seconds } => match lang {
                crate::Lang::De => format!(
                    "Zu viele falsche Eingaben. Bitte {seconds} Sekunden warten."
                ),
                crate::Lang::En => format!("Too many wrong tries. Please wait {seconds} seconds."),
            },
            PrivacyProblem::WrongPin { left } => match lang {
                crate::Lang::De => format!("Falsche PIN. Noch {left} Versuche, dann eine Pause."),
                crate::Lang::En => format!("Wrong PIN. {left} more tries, then a pause."),
            },
            PrivacyProblem::PinNeeded => lang
                .pick(
                    "Für diese Person ist eine PIN gesetzt: bitte über die Sperre anmelden.",
                    "This person has a PIN: please sign in through the lock screen.",
                )
                .to_owned(),
            PrivacyProblem::NoPinSet => lang
                .pick(
                    "Noch hat niemand eine PIN: erst unter Einstellungen → Mitarbeiter eine PIN setzen.",
                    "Nobody has a PIN yet: set one under Settings → Employees first.",
                )
                .to_owned(),
            PrivacyProblem::KioskRunning => lang
                .pick(
                    "Die Umfrage läuft; sie hat ihre eigene Sperre.",
                    "The survey is running; it has its own lock.",
                )
                .to_owned(),
        }
    }
}
