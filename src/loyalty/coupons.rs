//! Coupon codes: hard to guess, easy to read out and type. Twelve characters of Crockford's
//! base 32 (no I, L, O or U, so nothing is mistaken for 1, 0 or a rude word), 60 random
//! bits from the operating system's generator, written `7KQ2-M9XD-4TRB`. Typed codes are
//! read leniently (lower case, spaces, dashes, I/L for 1 and O for 0).

use chrono::NaiveDate;
use rand::Rng;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const CODE_LENGTH: usize = 12;

/// A new random code, grouped in fours.
pub fn new_code(rng: &mut impl Rng) -> String {
    let mut code = String::with_capacity(CODE_LENGTH + 2);
    for i in 0..CODE_LENGTH {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    code
}

/// A code as typed, in its written form; `None` when it cannot be a code.
pub fn read_code(typed: &str) -> Option<String> {
    let mut plain = String::with_capacity(CODE_LENGTH);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'I' | 'L' => '1',
            'O' => '0',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        plain.push(c);
    }
    if plain.len() != CODE_LENGTH {
        return None;
    }
    let mut code = String::with_capacity(CODE_LENGTH + 2);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(c);
    }
    Some(code)
}

/// How often a coupon may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uses {
    Once,
    /// Up to this many times (a campaign code).
    Many(u32),
}

/// What the till needs to know of a coupon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponState {
    pub uses: Uses,
    pub used: u32,
    pub valid_until: Option<NaiveDate>,
}

/// Why a coupon cannot be redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouponProblem {
    Expired { on: NaiveDate },
    UsedUp,
}

/// Whether a coupon can be redeemed on `today`.
pub fn check(coupon: &CouponState, today: NaiveDate) -> Result<(), CouponProblem> {
    if let Some(last) = coupon.valid_until
        && today > last
    {
        return Err(CouponProblem::Expired { on: last });
    }
    let limit = match coupon.uses {
        Uses::Once => 1,
        Uses::Many(n) => n,
    };
    if coupon.used >= limit {
        return Err(CouponProblem::UsedUp);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_over_a_million() {
        let mut rng = rand::rng();
        let mut seen = HashSet::with_capacity(1_000_000);
        for _ in 0..1_000_000 {
            let code = new_code(&mut rng);
            assert_eq!(code.len(), CODE_LENGTH + 2);
            assert!(seen.insert(code), "a code came twice");
        }
    }

    #[test]
    fn codes_use_the_whole_alphabet_and_read_back() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut chars = HashSet::new();
        for _ in 0..1_000 {
            let code = new_code(&mut rng);
            assert_eq!(read_code(&code).as_deref(), Some(code.as_str()));
            chars.extend(code.chars().filter(|c| *c != '-'));
        }
        assert_eq!(chars.len(), 32);
    }

    #[test]
    fn typed_codes_are_read_leniently() {
        assert_eq!(
            read_code("7kq2 m9xd 4trb").as_deref(),
            Some("7KQ2-M9XD-4TRB")
        );
        assert_eq!(
            read_code("oIL0-0000-0000").as_deref(),
            Some("0110-0000-0000")
        );
        assert_eq!(read_code("7KQ2-M9XD-4TR"), None);
        assert_eq!(read_code("7KQ2-M9XD-4TRU"), None);
        assert_eq!(read_code("7KQ2-M9XD-4TRÄ"), None);
    }

    #[test]
    fn a_used_single_use_coupon_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut c = CouponState {
            uses: Uses::Once,
            used: 0,
            valid_until: Some(today),
        };
        assert_eq!(check(&c, today), Ok(()));
        c.used = 1;
        assert_eq!(check(&c, today), Err(CouponProblem::UsedUp));
        let campaign = CouponState {
            uses: Uses::Many(3),
            used: 2,
            valid_until: None,
        };
        assert_eq!(check(&campaign, today), Ok(()));
        c.used = 0;
        let tomorrow = today.succ_opt().unwrap();
        assert_eq!(
            check(&c, tomorrow),
            Err(CouponProblem::Expired { on: today })
        );
    }
}
