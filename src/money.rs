//! Money as integer cents, and numbers the way people type them.
//!
//! Every amount, percentage and decimal reaches the core as the text the user typed and is
//! read here, once: German `1.000,00`, `12,5`, `1000`, English `1,000.00`, `12.5`. Where
//! both marks appear, the last one is the decimal mark; a mark that stands more than once,
//! or a single dot before exactly three digits (`1.000`), groups thousands. A lone comma is
//! the German decimal mark, so English `1,000` is refused rather than read as one euro.
//! The screens show what [`cents_text`] and [`decimal_text`] write, and that reads back.

use crate::error::Issue;
use crate::i18n::Lang;

/// Largest amount accepted for one entry: 1 billion euros, far beyond any shop's purchase.
const MAX_CENTS: i64 = 100_000_000_000;

/// A number as typed, split into its whole and fractional digits.
struct Digits {
    whole: String,
    fraction: String,
}

/// Whether `groups` (the parts between grouping marks) group thousands: the first part one
/// to three digits, every further part exactly three.
fn thousands(groups: &[&str]) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    groups.iter().all(|g| digits(g))
        && groups.first().is_some_and(|g| g.len() <= 3)
        && groups.iter().skip(1).all(|g| g.len() == 3)
}

/// Splits typed text into digits; `None` when it is no plain number. `dot_groups`: a single
/// dot before exactly three digits groups thousands (amounts: `1.000` € has no cents);
/// otherwise (decimals and percentages) such a number is refused, as `1.000` and `1,000`
/// mean a thousand to one reader and one to another.
fn digits(text: &str, dot_groups: bool) -> Option<Digits> {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (commas, dots) = (text.matches(',').count(), text.matches('.').count());
    let grouped = |text: &str, mark: char| -> Option<String> {
        let groups: Vec<&str> = text.split(mark).collect();
        thousands(&groups).then(|| groups.concat())
    };
    let (whole, fraction) = match (commas, dots) {
        (0, 0) => (text.clone(), String::new()),
        (_, _) if commas > 0 && dots > 0 => {
            let (decimal, group) = if text.rfind(',') > text.rfind('.') {
                (',', '.')
            } else {
                ('.', ',')
            };
            let (whole, fraction) = text.rsplit_once(decimal)?;
            if fraction.contains(group) || whole.contains(decimal) {
                return None;
            }
            (grouped(whole, group)?, fraction.to_owned())
        }
        (1, 0) => {
            let (whole, fraction) = text.split_once(',')?;
            if !dot_groups && fraction.len() == 3 && thousands(&[whole, fraction]) && whole != "0" {
                return None;
            }
            (whole.to_owned(), fraction.to_owned())
        }
        (_, 0) => (grouped(&text, ',')?, String::new()),
        (0, 1) => {
            let (whole, fraction) = text.split_once('.')?;
            if fraction.len() == 3 && thousands(&[whole, fraction]) && whole != "0" {
                if !dot_groups {
                    return None;
                }
                (format!("{whole}{fraction}"), String::new())
            } else if dot_groups && fraction.len() == 3 && whole.len() > 3 {
                // "1234.000": sloppy grouping, but no amount has three decimals.
                (format!("{whole}{fraction}"), String::new())
            } else {
                (whole.to_owned(), fraction.to_owned())
            }
        }
        (0, _) => (grouped(&text, '.')?, String::new()),
        _ => return None,
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let whole = if whole.is_empty() && !fraction.is_empty() {
        return None;
    } else {
        whole
    };
    (!whole.is_empty() && all_digits(&whole) && all_digits(&fraction))
        .then_some(Digits { whole, fraction })
}

/// What is left of the text once a unit sign at the end is taken off.
fn without_unit<'a>(text: &'a str, unit: &str) -> &'a str {
    text.trim().trim_end_matches(unit).trim_end()
}

/// Reads an amount as typed into cents: `1.000,00`, `1000`, `49,9`, `1,000.00`, `49 €`.
pub fn parse_cents(text: &str) -> Result<i64, Issue> {
    let text = without_unit(text, "€");
    if text.is_empty() {
        return Err(Issue::Required);
    }
    if text.starts_with('-') {
        return Err(Issue::Negative);
    }
    let number = digits(text, true).ok_or(Issue::InvalidAmount)?;
    if number.fraction.len() > 2 {
        return Err(Issue::InvalidAmount);
    }
    let euros: i64 = number.whole.parse().map_err(|_| Issue::InvalidAmount)?;
    let cents: i64 = format!("{:0<2}", number.fraction)
        .parse()
        .map_err(|_| Issue::InvalidAmount)?;
    match euros.checked_mul(100).and_then(|e| e.checked_add(cents)) {
        Some(total) if total <= MAX_CENTS => Ok(total),
        _ => Err(Issue::InvalidAmount),
    }
}

/// Reads a whole number as typed, thousands grouped or not: `1.500`, `1,500`, `1500`.
pub fn parse_whole(text: &str) -> Result<i64, Issue> {
    let text: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if text.is_empty() {
        return Err(Issue::Required);
    }
    if text.starts_with('-') {
        return Err(Issue::Negative);
    }
    // A whole number has no decimals: any mark groups thousands (one kind only).
    let groups: Vec<&str> = text.split(['.', ',']).collect();
    let one_kind = !(text.contains('.') && text.contains(','));
    let plain = groups.len() == 1 && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !one_kind || !(plain || thousands(&groups)) {
        return Err(Issue::InvalidNumber);
    }
    match groups.concat().parse::<i64>() {
        Ok(n) if n <= MAX_CENTS => Ok(n),
        _ => Err(Issue::InvalidNumber),
    }
}

/// Reads a decimal or a percentage as typed: `12,5`, `12.5`, `1.234,5`, `7 %`; at most
/// `max_decimals` digits after the mark. `1.000` and `1,000` are refused as ambiguous
/// (write `1000`, `1.000,0` or `1,000.0`).
pub fn parse_decimal(text: &str, max_decimals: usize) -> Result<f64, Issue> {
    let text = without_unit(text, "%");
    if text.is_empty() {
        return Err(Issue::Required);
    }
    if text.starts_with('-') {
        return Err(Issue::Negative);
    }
    let number = digits(text, false).ok_or(Issue::InvalidDecimal)?;
    if number.fraction.len() > max_decimals || number.whole.len() > 12 {
        return Err(Issue::InvalidDecimal);
    }
    format!("{}.{:0<1}", number.whole, number.fraction)
        .parse()
        .map_err(|_| Issue::InvalidDecimal)
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

/// Cents as an amount field shows them for editing: "1.000,00" / "1,000.00".
pub fn cents_text(cents: i64, lang: Lang) -> String {
    let mark = lang.pick(",", ".");
    let sign = if cents < 0 { "-" } else { "" };
    let whole = group_thousands((cents / 100).abs(), lang);
    format!("{sign}{whole}{mark}{:02}", (cents % 100).abs())
}

/// A decimal as a field shows it for editing, with at most two digits after the mark, no
/// trailing zeros and no thousands marks: "12,5" / "12.5", "1500" — which reads back.
pub fn decimal_text(value: f64, lang: Lang) -> String {
    let fixed = format!("{:.2}", value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let sign = if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{}{fraction}", lang.pick(",", "."))
    }
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
        for (text, cents) in [
            ("1.000,00", 100_000),
            ("1000", 100_000),
            ("1,000.00", 100_000),
            ("1.234,56", 123_456),
            ("1234,5", 123_450),
            ("49", 4_900),
            (" 49,90 € ", 4_990),
            ("1234.56", 123_456),
            ("1.234", 123_400),
            ("1234.000", 123_400_000),
            ("1.234.567", 123_456_700),
            ("1,234,567", 123_456_700),
            ("1,234,567.89", 123_456_789),
            ("0,99", 99),
            ("0.99", 99),
            ("1 234,00", 123_400),
            ("1\u{a0}234,00", 123_400),
        ] {
            assert_eq!(parse_cents(text), Ok(cents), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(parse_cents(""), Err(Issue::Required));
        assert_eq!(parse_cents(" € "), Err(Issue::Required));
        assert_eq!(parse_cents("-5"), Err(Issue::Negative));
        for bad in [
            "abc",
            "1,234,5",
            "12,345",
            "1,000",
            ",5",
            "1e5",
            "5,-",
            "1.000.00",
            "1,00.000",
            "1.00,000",
            "12.34.5",
            "99999999999999",
        ] {
            assert_eq!(parse_cents(bad), Err(Issue::InvalidAmount), "{bad}");
        }
    }

    #[test]
    fn whole_numbers() {
        for (text, n) in [
            ("1.500", 1_500),
            ("1,500", 1_500),
            ("1500", 1_500),
            ("0", 0),
        ] {
            assert_eq!(parse_whole(text), Ok(n), "{text}");
        }
        assert_eq!(parse_whole("12,5"), Err(Issue::InvalidNumber));
        assert_eq!(parse_whole("viele"), Err(Issue::InvalidNumber));
        assert_eq!(parse_whole(""), Err(Issue::Required));
    }

    #[test]
    fn decimals_and_percentages() {
        for (text, value) in [
            ("12,5", 12.5),
            ("12.5", 12.5),
            ("7 %", 7.0),
            ("0,125", 0.125),
            ("0.125", 0.125),
            ("1.234,5", 1_234.5),
            ("1,234.5", 1_234.5),
            ("1.5", 1.5),
            ("1.12", 1.12),
            ("1000", 1_000.0),
            ("1.000,0", 1_000.0),
            ("1,000.0", 1_000.0),
            ("10", 10.0),
        ] {
            assert_eq!(parse_decimal(text, 3), Ok(value), "{text}");
        }
        assert_eq!(parse_decimal("", 2), Err(Issue::Required));
        assert_eq!(parse_decimal("-1", 2), Err(Issue::Negative));
        for bad in [
            "zehn", "1,2,3", "0,1234", "1e3", ",5", "1.000", "1,000", "12.125",
        ] {
            assert_eq!(parse_decimal(bad, 3), Err(Issue::InvalidDecimal), "{bad}");
        }
    }

    #[test]
    fn what_the_fields_show_reads_back() {
        assert_eq!(cents_text(100_000, Lang::De), "1.000,00");
        assert_eq!(cents_text(100_000, Lang::En), "1,000.00");
        assert_eq!(cents_text(5, Lang::De), "0,05");
        assert_eq!(decimal_text(12.5, Lang::De), "12,5");
        assert_eq!(decimal_text(12.5, Lang::En), "12.5");
        assert_eq!(decimal_text(1_500.0, Lang::De), "1500");
        assert_eq!(decimal_text(0.1 + 0.2, Lang::De), "0,3");
        for lang in [Lang::De, Lang::En] {
            for cents in [0, 1, 99, 100, 123_456, 100_000_000] {
                assert_eq!(parse_cents(&cents_text(cents, lang)), Ok(cents));
            }
            for value in [0.0, 0.5, 7.0, 12.25, 1_234.5, 1.12, 100.0] {
                assert_eq!(parse_decimal(&decimal_text(value, lang), 3), Ok(value));
            }
        }
    }
}
