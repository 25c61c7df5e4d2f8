//! Money as integer cents, and reading amounts the way people type them.

use crate::error::Issue;
use crate::i18n::Lang;

/// Largest amount accepted for one entry: 1 billion euros, far beyond any shop's purchase.
const MAX_CENTS: i64 = 100_000_000_000;

/// Reads an amount as typed: German `1.234,56`, `1234,5`, `49` or English `1234.56`.
/// A comma marks the decimals; without one, a dot followed by one or two digits at the end
/// does, and any other dots group thousands.
pub fn parse_cents(text: &str) -> Result<i64, Issue> {
    let text = text.trim().trim_end_matches('€').trim_end();
    if text.is_empty() {
        return Err(Issue::Required);
    }
    if text.starts_with('-') {
        return Err(Issue::Negative);
    }
    let (whole, fraction) = match text.rsplit_once(',') {
        Some((whole, fraction)) => (whole.replace('.', ""), fraction.to_owned()),
        None => match text.rsplit_once('.') {
            Some((whole, fraction)) if fraction.len() <= 2 && !whole.contains('.') => {
                (whole.to_owned(), fraction.to_owned())
            }
            _ => (text.replace('.', ""), String::new()),
        },
    };
    let whole = whole.replace(' ', "");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(&whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(&fraction)) {
        return Err(Issue::InvalidAmount);
    }
    let euros: i64 = whole.parse().map_err(|_| Issue::InvalidAmount)?;
    let cents: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| Issue::InvalidAmount)?;
    let total = euros.checked_mul(100).and_then(|e| e.checked_add(cents));
    match total {
        Some(total) if total <= MAX_CENTS => Ok(total),
        _ => Err(Issue::InvalidAmount),
    }
}

/// A whole number with thousands grouped as the language writes it: "12.500" / "12,500".
pub fn group_thousands(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(if lang == Lang::De { '.' } else { ',' });
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_language() {
        assert_eq!(group_thousands(1_234_567, Lang::De), "1.234.567");
        assert_eq!(group_thousands(-1_500, Lang::En), "-1,500");
        assert_eq!(group_thousands(999, Lang::De), "999");
    }

    #[test]
    fn german_and_english_amounts() {
        assert_eq!(parse_cents("1.234,56"), Ok(123_456));
        assert_eq!(parse_cents("1234,5"), Ok(123_450));
        assert_eq!(parse_cents("49"), Ok(4_900));
        assert_eq!(parse_cents(" 49,90 € "), Ok(4_990));
        assert_eq!(parse_cents("1234.56"), Ok(123_456));
        assert_eq!(parse_cents("1.234"), Ok(123_400), "a German thousands dot");
        assert_eq!(parse_cents("1.234.567"), Ok(123_456_700));
        assert_eq!(parse_cents("0,99"), Ok(99));
        assert_eq!(parse_cents("1 234,00"), Ok(123_400));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(parse_cents(""), Err(Issue::Required));
        assert_eq!(parse_cents("-5"), Err(Issue::Negative));
        for bad in [
            "abc",
            "1,234,5",
            "12,345",
            ",5",
            "1e5",
            "5,-",
            "99999999999999",
        ] {
            assert_eq!(parse_cents(bad), Err(Issue::InvalidAmount), "{bad}");
        }
    }
}
