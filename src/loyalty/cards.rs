//! Customer cards: the card number and the QR code printed on the card.
//!
//! A card number has 13 digits like an EAN-13: "29" (the range set aside for in-store
//! numbers, so it never clashes with a product's barcode), ten digits counting up, and the
//! EAN check digit, which catches every single mistyped digit and most swapped neighbours.

use qrcode::{Color, EcLevel, QrCode};
use serde::{Deserialize, Serialize};

const PREFIX: &str = "29";
pub const LENGTH: usize = 13;

/// The EAN-13 check digit of 12 digits.
fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The card number with sequence number `n` (1, 2, …).
pub fn card_number(n: u64) -> String {
    let body = format!("{PREFIX}{:010}", n % 10_000_000_000);
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    format!("{body}{}", check_digit(&digits))
}

/// The sequence number of a card number (the inverse of [`card_number`]).
pub fn sequence_of(number: &str) -> Option<u64> {
    read_card_number(number)?.get(2..12)?.parse().ok()
}

/// Reads a typed or scanned card number ("2900 0000 0012 3", spaces and dashes allowed);
/// `None` when it is not one (wrong length, prefix or check digit).
pub fn read_card_number(typed: &str) -> Option<String> {
    let trimmed = typed.trim();
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return None;
    }
    let digits: Vec<u8> = trimmed
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits.len() != LENGTH || digits[..2] != [2, 9] {
        return None;
    }
    (check_digit(&digits[..12]) == digits[12])
        .then(|| digits.iter().map(|d| char::from(b'0' + d)).collect())
}

/// The number as printed: "2900 0000 0012 3".
pub fn display(number: &str) -> String {
    let mut out = String::new();
    for (i, c) in number.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A QR code as one SVG path: `size` modules square (with the 4-module quiet zone), the
/// dark modules as unit squares in `path`. The screen draws it with a plain `<path>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QrPath {
    pub size: u32,
    pub path: String,
}

pub const QUIET_ZONE: usize = 4;

/// The card number as EAN-13 bars: 95 modules, `true` dark (start guard, six digits in the
/// parity pattern the first digit sets, centre guard, six digits, end guard), so any
/// till scanner reads the card. `None` for anything but 13 digits with a right check digit.
pub fn ean13_modules(number: &str) -> Option<Vec<bool>> {
    const L: [&str; 10] = [
        "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011",
        "0110111", "0001011",
    ];
    const G: [&str; 10] = [
        "0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001",
        "0001001", "0010111",
    ];
    const R: [&str; 10] = [
        "1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100",
        "1001000", "1110100",
    ];
    /// Which of digits 2–7 use G codes, by the first digit.
    const PARITY: [&str; 10] = [
        "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL",
        "LGGLGL",
    ];
    let digits: Vec<usize> = number
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| usize::from(b - b'0'))
        .collect();
    if digits.len() != LENGTH || number.bytes().any(|b| !b.is_ascii_digit()) {
        return None;
    }
    let body: Vec<u8> = digits[..12].iter().map(|d| *d as u8).collect();
    if usize::from(check_digit(&body)) != digits[12] {
        return None;
    }
    let mut bits = String::from("101");
    let parity = PARITY[digits[0]].as_bytes();
    for (i, d) in digits[1..7].iter().enumerate() {
        bits.push_str(if parity[i] == b'G' { G[*d] } else { L[*d] });
    }
    bits.push_str("01010");
    for d in &digits[7..] {
        bits.push_str(R[*d]);
    }
    bits.push_str("101");
    Some(bits.bytes().map(|b| b == b'1').collect())
}

/// The QR code (error correction M) of the card number, as a module grid: `true` is dark,
/// row by row, `width` modules wide, without the quiet zone.
pub fn qr_modules(number: &str) -> (usize, Vec<bool>) {
    // A 13-digit number always fits; EcLevel M survives a scratched card.
    let code = QrCode::with_error_correction_level(number.as_bytes(), EcLevel::M)
        .expect("13 digits fit into a QR code");
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    (width, dark)
}

/// The QR code of the card number as an SVG path (see [`QrPath`]).
pub fn qr_path(number: &str) -> QrPath {
    let (width, dark) = qr_modules(number);
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if !dark[y * width + x] {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules in a row.
            let start = x;
            while x < width && dark[y * width + x] {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    QrPath {
        size: (width + 2 * QUIET_ZONE) as u32,
        path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_the_ean_check_digit() {
        // Known answer: 290000000001 → weights 1,3,1,3…: 2+27+0+…+3 = 32 → check 8.
        assert_eq!(card_number(1), "2900000000018");
        assert_eq!(card_number(123), "2900000001237");
        assert_eq!(sequence_of("2900000001237"), Some(123));
        for n in [1, 42, 9_999, 1_234_567] {
            let number = card_number(n);
            assert_eq!(number.len(), LENGTH);
            assert_eq!(read_card_number(&number).as_deref(), Some(number.as_str()));
        }
    }

    #[test]
    fn typed_numbers_are_read_and_typos_caught() {
        assert_eq!(
            read_card_number(" 2900 0000 0001 8 ").as_deref(),
            Some("2900000000018")
        );
        assert_eq!(
            read_card_number("2900-0000-0001-8").as_deref(),
            Some("2900000000018")
        );
        // Every single changed digit is caught by the check digit.
        let number = card_number(4711);
        for i in 2..LENGTH {
            for d in b'0'..=b'9' {
                let mut typo = number.clone().into_bytes();
                if typo[i] == d {
                    continue;
                }
                typo[i] = d;
                let typo = String::from_utf8(typo).unwrap();
                assert_eq!(read_card_number(&typo), None, "{typo}");
            }
        }
        assert_eq!(read_card_number("0221 12345"), None);
        assert_eq!(read_card_number("1900000000012"), None, "prefix");
        assert_eq!(read_card_number("Müller"), None);
        assert_eq!(display("2900000000018"), "2900 0000 0001 8");
    }

    #[test]
    fn the_qr_path_draws_exactly_the_dark_modules() {
        let (width, dark) = qr_modules("2900000000018");
        assert_eq!(width, 21, "version 1 holds 13 digits");
        let qr = qr_path("2900000000018");
        assert_eq!(qr.size, 29);
        // Sum of the run lengths = number of dark modules.
        let drawn: usize = qr
            .path
            .split_terminator('z')
            .map(|run| {
                let width = run.split('h').nth(1).unwrap().split('v').next().unwrap();
                width.parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(drawn, dark.iter().filter(|d| **d).count());
        // The top-left finder pattern starts at the quiet zone.
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", &qr.path[..20]);
    }

    #[test]
    fn ean13_bars_are_the_standard_ones() {
        // 4006381333931: first digit 4 sets the parity L G L L G G for 0 0 6 3 8 1; then
        // R codes for 3 3 3 9 3 1 (the code tables of ISO/IEC 15420). A scanner reads the
        // printed card in tests/paper.rs.
        let bars = ean13_modules("4006381333931").unwrap();
        let text: String = bars.iter().map(|b| if *b { '1' } else { '0' }).collect();
        let expected = [
            "101", "0001101", "0100111", "0101111", "0111101", "0001001", "0110011", "01010",
            "1000010", "1000010", "1000010", "1110100", "1000010", "1100110", "101",
        ]
        .concat();
        assert_eq!(text, expected);
        assert!(
            ean13_modules("4006381333932").is_none(),
            "wrong check digit"
        );
        assert!(ean13_modules("400638133393").is_none(), "12 digits");
        assert_eq!(ean13_modules(&card_number(18)).map(|b| b.len()), Some(95));
    }
}
