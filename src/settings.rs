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

/// Keeps a setting of the shop as JSON under `key` and records in the audit trail that it
/// changed (its name, not its value) — only when it did.
pub(crate) fn save_json<T: Serialize>(
    store: &mut Store,
    key: &str,
    value: &T,
    clock: &crate::Clock,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| crate::Error::Internal(e.to_string()))?;
    save_text(store, key, Some(&json), clock)
}

/// Keeps (or with `None` removes) a setting's text, audited when it changed.
pub(crate) fn save_text(
    store: &mut Store,
    key: &str,
    value: Option<&str>,
    clock: &crate::Clock,
) -> Result<()> {
    if store.setting(key)?.as_deref() == value {
        return Ok(());
    }
    store.atomically(|s| {
        s.set_setting(key, value)?;
        crate::privacy::audit::record(
            s,
            clock,
            None,
            &crate::privacy::AuditAction::SettingChanged {
                setting: key.to_owned(),
            },
        )
    })
}

/// Stores the language preference.
pub fn set_language(store: &mut Store, choice: LanguageChoice, clock: &crate::Clock) -> Result<()> {
    let code = match choice {
        LanguageChoice::System => None,
        LanguageChoice::De => Some(Lang::De.code()),
        LanguageChoice::En => Some(Lang::En.code()),
    };
    save_text(store, LANGUAGE_KEY, code, clock)
}
