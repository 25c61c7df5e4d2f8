//! The CSV reader: any bytes give a table or a clear refusal, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::io::table::{self, FileFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = table::read(data, FileFormat::Csv) {
        assert!(!t.rows.is_empty());
        assert!(
            t.rows.windows(2).all(|w| w[0].line < w[1].line),
            "lines in file order"
        );
    }
});
