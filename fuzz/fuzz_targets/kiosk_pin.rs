//! The kiosk PIN: a new PIN as typed is checked, and a typed PIN is verified against a
//! stored hash that may be anything (a damaged or tampered settings row): never a panic,
//! and never the memory or time a hash with huge parameters would ask for.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::surveys::pin;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (typed, stored) = text.split_once('\n').unwrap_or((&text, ""));
    if pin::check(typed).is_ok() {
        assert!(typed.chars().all(|c| c.is_ascii_digit()));
    }
    let _ = pin::verify(typed, stored);
});
