//! The import's mapping and row checks: a CSV file as the import screen reads it, its
//! columns recognised (or, by the first byte, shifted onto other fields, as a user may
//! choose), every row checked against the shop and the file — the preview that runs before
//! anything is written.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stammkunde::Lang;
use stammkunde::io::import;
use stammkunde::io::table::{self, FileFormat};

fuzz_target!(|data: &[u8]| {
    let Some((&shift, file)) = data.split_first() else {
        return;
    };
    let Ok(t) = table::read(file, FileFormat::Csv) else {
        return;
    };
    let store = stammkunde_fuzz::shop();
    let Ok(mut mapping) = import::mapping_for(&store, &t.headers) else {
        return;
    };
    if !mapping.is_empty() {
        let by = usize::from(shift) % mapping.len();
        mapping.rotate_left(by);
    }
    let lang = if shift & 0x80 == 0 {
        Lang::De
    } else {
        Lang::En
    };
    let _ = import::preview(&store, &t, &mapping, stammkunde_fuzz::clock().today(), lang);
});
