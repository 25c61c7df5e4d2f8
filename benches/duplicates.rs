//! The duplicate finder at shop scale: `cargo bench --bench duplicates`.
//!
//! Builds demo shops of 5,000 and 100,000 customers (few purchases: the finder reads only
//! customer facts; 2 % of private customers are entered twice by the generator) in a
//! temporary folder and times `duplicates::find` over all of them, from reading the
//! profiles out of SQLite to the sorted pairs. Figures go to docs/PERFORMANCE.md.

use stammkunde::Clock;
use stammkunde::customers::CustomerInput;
use stammkunde::demo::{self, DemoOptions};
use stammkunde::{Store, duplicates};
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (customers, runs) in [(5_000, 20), (100_000, 5)] {
        let path = dir.path().join(format!("shop-{customers}.sqlite3"));
        let mut store = Store::open(&path).expect("open");
        let options = DemoOptions {
            customers,
            purchases_per_year: 0.5,
            ..Default::default()
        };
        demo::load(&mut store, &options, &Clock::system()).expect("demo data");
        let mut pairs = 0;
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                pairs = duplicates::find(&store, usize::MAX).expect("find").len();
                start.elapsed()
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "duplicate finder over {customers:>7} customers: {pairs} pairs; median {:>8.1} ms, \
             max {:>8.1} ms ({runs} runs)",
            ms(times[runs / 2]),
            ms(times[runs - 1])
        );
        // The warning while typing a new customer: "Hans Mueller" in Köln.
        let typed = CustomerInput {
            first_name: "Hans".into(),
            last_name: "Mueller".into(),
            street: "Hauptstr. 3".into(),
            postal_code: "50667".into(),
            city: "Köln".into(),
            ..Default::default()
        };
        let mut found = 0;
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                found = duplicates::similar(&store, &typed, None, 3)
                    .expect("similar")
                    .len();
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "look-alikes while typing, {customers:>7} customers: {found} shown; median {:>8.1} ms, \
             max {:>8.1} ms ({runs} runs)",
            ms(times[runs / 2]),
            ms(times[runs - 1])
        );
    }
}
