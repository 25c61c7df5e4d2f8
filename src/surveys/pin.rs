//! The owner's PIN that ends the kiosk: 4 to 8 digits, kept only as a salted Argon2id hash
//! in the PHC string format (algorithm, parameters, salt and hash in one text). The PIN
//! itself is never stored.

use crate::error::{Error, Field, FieldError, Issue, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;

pub const MIN_DIGITS: u32 = 4;
pub const MAX_DIGITS: u32 = 8;

/// Checks a new PIN: digits only, 4 to 8 of them, not all the same digit.
pub fn check(pin: &str) -> Result<()> {
    check_secret(pin, MIN_DIGITS, MAX_DIGITS, true)
}

/// Checks a new PIN or password: `min` to `max` characters (digits only when
/// `digits_only`), not one character repeated; refused by the field `Pin`.
pub fn check_secret(pin: &str, min: u32, max: u32, digits_only: bool) -> Result<()> {
    let digits = !digits_only || pin.chars().all(|c| c.is_ascii_digit());
    let len = pin.chars().count() as u32;
    let issue = if !digits || !(min..=max).contains(&len) {
        Some(Issue::OutOfRange { min, max })
    } else if pin.chars().all(|c| pin.starts_with(c)) {
        Some(Issue::Invalid)
    } else {
        None
    };
    match issue {
        Some(issue) => Err(Error::Validation(vec![FieldError::new(Field::Pin, issue)])),
        None => Ok(()),
    }
}

/// The salted hash of a PIN (a new random salt each time).
pub fn hash(pin: &str) -> Result<String> {
    check(pin)?;
    hash_secret(pin)
}

/// The salted hash of a PIN or password already checked by its caller.
pub fn hash_secret(pin: &str) -> Result<String> {
    // 16 random bytes from the thread's generator (seeded by the operating system).
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let salt =
        SaltString::encode_b64(&bytes).map_err(|e| Error::Internal(format!("PIN salt: {e}")))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("PIN hash: {e}")))
}

/// Whether `pin` is the one `stored` was made from. A damaged stored hash verifies
/// nothing, and so does one with other parameters than [`hash`] writes: a tampered
/// settings row asking for gigabytes of memory or hours of work is refused unread.
pub fn verify(pin: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    // Compared as text before argon2 reads them: `Params::try_from` itself overflows on a
    // parameter like p=3333333343 (a fuzzing find; a panic in debug builds, a wrong size
    // in release builds).
    let d = argon2::Params::default();
    let expected = format!("m={},t={},p={}", d.m_cost(), d.t_cost(), d.p_cost());
    let ours = parsed.algorithm == argon2::ARGON2ID_IDENT
        && parsed.version == Some(0x13)
        && parsed.params.to_string() == expected;
    ours && Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok()
}

/// Wrong tries in a row and the pause after too many: after `tries` wrong ones in a row,
/// nothing is even checked for `pause_seconds`. The kiosk's exit and the app lock use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempts {
    tries: u32,
    pause_seconds: u32,
    wrong: u32,
    paused_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Why a try was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Paused: this many seconds are left.
    Paused { seconds: u32 },
    /// Wrong; this many tries are left (0: the pause starts now).
    Wrong { left: u32 },
}

impl Attempts {
    pub const fn new(tries: u32, pause_seconds: u32) -> Attempts {
        Attempts {
            tries,
            pause_seconds,
            wrong: 0,
            paused_until: None,
        }
    }

    /// One try at `now`: `verify` runs only when not paused. A right one starts the count
    /// afresh; the wrong one that reaches the limit starts the pause.
    pub fn attempt(
        &mut self,
        now: chrono::DateTime<chrono::Utc>,
        verify: impl FnOnce() -> Result<bool>,
    ) -> Result<std::result::Result<(), Refused>> {
        if let Some(until) = self.paused_until {
            if now < until {
                let seconds = (until - now).num_seconds().max(1);
                return Ok(Err(Refused::Paused {
                    seconds: u32::try_from(seconds).unwrap_or(self.pause_seconds),
                }));
            }
            self.paused_until = None;
        }
        if verify()? {
            self.wrong = 0;
            return Ok(Ok(()));
        }
        self.wrong += 1;
        if self.wrong >= self.tries {
            self.wrong = 0;
            self.paused_until =
                Some(now + chrono::Duration::seconds(i64::from(self.pause_seconds)));
            return Ok(Err(Refused::Paused {
                seconds: self.pause_seconds,
            }));
        }
        Ok(Err(Refused::Wrong {
            left: self.tries - self.wrong,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_salted_and_verifies_only_the_right_pin() {
        let a = hash("4711").unwrap();
        let b = hash("4711").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a new salt each time");
        assert!(!a.contains("4711"), "the PIN is not in the stored text");
        assert!(verify("4711", &a) && verify("4711", &b));
        assert!(!verify("4712", &a));
        assert!(!verify("", &a));
        assert!(!verify("4711", "not a hash"));
        // The same PIN and salt with parameters of its own (4 GiB of memory): refused
        // without working it out.
        let greedy = a.replace("m=19456,t=2,p=1", "m=4194304,t=1,p=1");
        assert_ne!(greedy, a);
        assert!(!verify("4711", &greedy));
    }

    #[test]
    fn pins_are_checked() {
        for good in ["4711", "80331", "12345678"] {
            assert!(check(good).is_ok(), "{good}");
        }
        for bad in ["", "123", "123456789", "12a4", " 4711", "0000"] {
            let Err(Error::Validation(errors)) = check(bad) else {
                panic!("{bad:?} accepted")
            };
            assert_eq!(errors[0].field, Field::Pin, "{bad:?}");
        }
    }
}
