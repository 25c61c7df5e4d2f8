//! Why a survey or the kiosk refused a step, worded in the user's language.

use crate::i18n::Lang;

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
    pub(crate) fn message(self, lang: Lang) -> String {
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
