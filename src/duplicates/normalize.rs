//! Names, firms, streets and phone numbers brought to one form before they are compared.

pub(super) fn sorted_pair(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}|{b}")
    } else {
        format!("{b}|{a}")
    }
}

/// Lower case, German umlauts spelled out (ä→ae, ß→ss), other accents dropped, only
/// letters, digits and single spaces; hyphens and apostrophes join words.
pub fn normalize_name(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'ß' => spelled.push_str("ss"),
            '\'' | '’' | '.' => {}
            c => spelled.push(c),
        }
    }
    let ascii = deunicode::deunicode(&spelled).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A firm's name without its legal form, which people leave out or write differently.
pub fn normalize_firm(text: &str) -> String {
    const FORMS: &[&str] = &[
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "ohg",
        "gbr",
        "ug",
        "ek",
        "e",
        "k",
        "co",
        "und",
        "inh",
        "haftungsbeschraenkt",
        "ltd",
        "inc",
        "llc",
        "kgaa",
        "se",
        "partg",
        "ev",
        "v",
    ];
    normalize_name(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !FORMS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Street name and house number: "Hauptstr. 3a" → ("hauptstrasse", "3a"); also
/// "3 Main Street" (number first).
pub fn split_street(text: &str) -> (String, String) {
    let name = normalize_name(text);
    let mut words: Vec<String> = Vec::new();
    let mut number = String::new();
    for word in name.split(' ').filter(|w| !w.is_empty()) {
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            if number.is_empty() {
                number = word.to_string();
            }
        } else if !number.is_empty() && word.len() == 1 && words.last().is_some() {
            // "3 a" → "3a"
            number.push_str(word);
        } else {
            words.push(street_word(word));
        }
    }
    (words.join(""), number)
}

/// One spelling for the common street suffixes, so "Hauptstr.", "Haupt-Straße" and
/// "Hauptstrasse" agree. Words are then joined without spaces.
pub(super) fn street_word(word: &str) -> String {
    match word {
        "str" | "strase" => "strasse".to_string(),
        "st" => "street".to_string(),
        _ => match word.strip_suffix("str").filter(|stem| !stem.is_empty()) {
            Some(stem) => format!("{stem}strasse"),
            None => word.to_string(),
        },
    }
}

/// Digits of a phone number in international form without the plus: "0221 / 12 34-5" →
/// "49221123345", "+43 1 234" → "431234". `None` when fewer than 6 digits remain.
pub fn normalize_phone(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let international = if trimmed.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("49{rest}")
    } else {
        digits
    };
    (international.len() >= 6).then_some(international)
}
