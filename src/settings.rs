//! User preferences kept in the database, so they travel with the file.

use crate::error::Result;
use crate::i18n::Lang;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// The language preference: follow the operating system, or a fixed language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    #[default]
    System,
    De,
    En,
}

impl LanguageChoice {
    /// The language in effect, given the operating system's locale.
    pub fn resolve(self, system_locale: &str) -> Lang {
        match self {
            LanguageChoice::System => Lang::from_locale(system_locale),
            LanguageChoice::De => Lang::De,
            LanguageChoice::En => Lang::En,
        }
    }
}

const LANGUAGE_KEY: &str = "language";

/// The stored language preference; `System` when none was chosen.
pub fn language(store: &Store) -> Result<LanguageChoice> {
    Ok(
        match store
            .setting(LANGUAGE_KEY)?
            .as_deref()
            .and_then(Lang::from_code)
        {
            Some(Lang::De) => LanguageChoice::De,
            Some(Lang::En) => LanguageChoice::En,
            None => LanguageChoice::System,
        },
    )
}

/// Stores the language preference.
pub fn set_language(store: &mut Store, choice: LanguageChoice) -> Result<()> {
    let code = match choice {
        LanguageChoice::System => None,
        LanguageChoice::De => Some(Lang::De.code()),
        LanguageChoice::En => Some(Lang::En.code()),
    };
    store.set_setting(LANGUAGE_KEY, code)
}
