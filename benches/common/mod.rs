//! What the benchmarks on the large demo shop share.

use stammkunde::demo::{self, DemoOptions};
use stammkunde::{Clock, Store};
use std::path::PathBuf;

/// The large demo shop's database: `STAMMKUNDE_BENCH_DB`, or target/bench-scale.sqlite3.
pub fn scale_path() -> PathBuf {
    std::env::var_os("STAMMKUNDE_BENCH_DB").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-scale.sqlite3"),
        PathBuf::from,
    )
}

/// The demo shop of `cargo bench --bench scale`: 100,000 customers, about 2 million
/// purchases.
pub fn scale_options() -> DemoOptions {
    DemoOptions {
        customers: 100_000,
        purchases_per_year: 7.6,
        ..Default::default()
    }
}

/// Opens the large demo shop, made first if it is missing.
#[allow(dead_code)]
pub fn scale_shop(clock: &Clock) -> Store {
    let path = scale_path();
    if !path.exists() {
        let mut store = Store::open(&path).expect("open");
        demo::load(&mut store, &scale_options(), clock).expect("demo data");
    }
    Store::open(&path).expect("open")
}
