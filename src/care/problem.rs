//! Why a step of the care plan was refused, worded in the user's language.

use crate::i18n::Lang;

/// Why a step of the care plan was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareProblem {
    AlreadyLost,
    NotLost,
    ReasonInUse,
}

impl CareProblem {
    pub(crate) fn message(self, lang: Lang) -> &'static str {
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
