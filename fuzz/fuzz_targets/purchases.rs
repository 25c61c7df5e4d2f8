//! Purchase files: read as CSV, matched to the shop's customers and checked (a dry run:
//! nothing is written).
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::Lang;
use stammkunde::io::import;
use stammkunde::io::table::{self, FileFormat};

fuzz_target!(|data: &[u8]| {
    let Ok(t) = table::read(data, FileFormat::Csv) else {
        return;
    };
    let mut store = stammkunde_fuzz::shop();
    let _ = import::import_purchases(&mut store, &t, true, Lang::De, &stammkunde_fuzz::clock());
});
