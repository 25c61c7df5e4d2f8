//! The user's language for messages produced by the core (validation, errors).
//!
//! Labels of the screens live in the UI's dictionaries; messages that the core decides on
//! (which field is wrong and why) are worded here so the desktop app and the command-line
//! tool say the same thing.

use serde::{Deserialize, Serialize};

/// A language the product speaks. German first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    /// Picks the language for a BCP 47 / POSIX locale such as `de-AT`, `en_US.UTF-8`.
    /// Anything that is not English falls back to German, the product's first language.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower.starts_with("en") {
            Lang::En
        } else {
            Lang::De
        }
    }

    /// The two-letter code, as stored in settings.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses a stored two-letter code.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Chooses between a German and an English text.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("de-DE"), Lang::De);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("EN"), Lang::En);
        assert_eq!(Lang::from_locale("fr-FR"), Lang::De);
        assert_eq!(Lang::from_locale(""), Lang::De);
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::De, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("xx"), None);
    }
}
