//! The vCard reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::io::table::{self, FileFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = table::read(data, FileFormat::Vcard) {
        assert!(t.rows.iter().all(|r| r.cells.len() == t.headers.len()));
    }
});
