//! The Excel reader: any bytes (a zip or not) give a table or a clear refusal, never a
//! panic, an abort or an allocation beyond the bounds (libFuzzer's -rss_limit_mb).
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::io::table::{self, FileFormat};

fuzz_target!(|data: &[u8]| {
    let _ = table::read(data, FileFormat::Xlsx);
});
