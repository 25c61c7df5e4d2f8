//! The duplicate finder at shop scale: `cargo bench --bench duplicates`.
//!
//! Builds demo shops of 5,000 and 100,000 customers (few purchases: the finder reads only
//! customer facts; 2 % of private customers are entered twice by the generator) in a
//! temporary folder and times `duplicates::find` over all of them, from reading the
//! profiles out of SQLite to the sorted pairs, and the look-alike warning while a new
//! customer is typed, keystroke by keystroke. Figures go to docs/PERFORMANCE.md.

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
        look_alikes(&mut store, customers);
    }
}

/// The warning while a new customer is typed, keystroke by keystroke: the first call
/// (which makes the index), then every keystroke of four customers typed field by field
/// from the last name's first letter on (before it there is nothing to look up),
/// and the same again with a customer added through the store before every tenth call
/// (which the index then takes in).
fn look_alikes(store: &mut Store, customers: u32) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let people = [
        ("Hans", "Mueller", "Hauptstr. 3", "50667", "Köln"),
        ("Anna", "Schmidt", "Ringstr. 12", "80331", "München"),
        ("Jürgen", "Weber", "Am Markt 1", "20095", "Hamburg"),
        ("Maria", "Fischer", "Bahnhofstr. 7", "04109", "Leipzig"),
    ];
    let mut keystrokes = Vec::new();
    type FieldOf = fn(&mut CustomerInput) -> &mut String;
    let fields: [FieldOf; 5] = [
        |i| &mut i.first_name,
        |i| &mut i.last_name,
        |i| &mut i.street,
        |i| &mut i.postal_code,
        |i| &mut i.city,
    ];
    for (first, last, street, postal, city) in people {
        let mut input = CustomerInput::default();
        for (field, text) in fields.iter().zip([first, last, street, postal, city]) {
            for c in text.chars() {
                field(&mut input).push(c);
                keystrokes.push(input.clone());
            }
        }
    }
    // The first call that asks the index makes it (a first name alone asks nothing).
    let start = Instant::now();
    let full = keystrokes
        .iter()
        .rfind(|k| k.first_name == "Hans")
        .expect("typed");
    duplicates::similar(store, full, None, 3).expect("similar");
    let first = start.elapsed();
    let clock = Clock::system();
    for changing in [false, true] {
        let mut shown = 0;
        let mut times: Vec<Duration> = Vec::new();
        // Only keystrokes after the last name's first letter: before, nothing is asked.
        for (i, typed) in keystrokes
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.last_name.is_empty())
        {
            if changing && i % 10 == 0 {
                let added = CustomerInput {
                    first_name: format!("Neu{i}"),
                    last_name: "Kunde".into(),
                    ..Default::default()
                };
                stammkunde::customers::create(store, &added, &clock).expect("create");
            }
            let start = Instant::now();
            shown += duplicates::similar(store, typed, None, 3)
                .expect("similar")
                .len();
            times.push(start.elapsed());
        }
        times.sort();
        let n = times.len();
        println!(
            "look-alikes while typing, {customers:>7} customers{}: {n} keystrokes, {shown} shown; \
             median {:.2} ms, p95 {:.2} ms, max {:.2} ms (first call, which makes the index: {:.0} ms)",
            if changing {
                ", a customer added before every 10th"
            } else {
                ""
            },
            ms(times[n / 2]),
            ms(times[n * 95 / 100]),
            ms(times[n - 1]),
            ms(first)
        );
    }
}
