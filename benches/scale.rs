//! The benchmark scale: 100,000 customers and about 2,000,000 purchases from the demo
//! generator. Times the core calls behind the screens and prints figures for
//! docs/PERFORMANCE.md.
//!
//! `cargo bench --bench scale` (builds the database once at target/bench-scale.sqlite3;
//! set STAMMKUNDE_BENCH_DB to use another file, delete it to rebuild).

mod common;

use stammkunde::Clock;
use stammkunde::customers::{self, CustomerId};
use stammkunde::demo;
use stammkunde::{Store, timeline};
use std::time::{Duration, Instant};

const RUNS: usize = 200;

fn measure<T>(name: &str, mut f: impl FnMut(usize) -> T) {
    // Warm the page cache and the statement cache first.
    for i in 0..10 {
        std::hint::black_box(f(i));
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let start = Instant::now();
            std::hint::black_box(f(i));
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<48} median {:>7.3} ms   p95 {:>7.3} ms   max {:>7.3} ms",
        ms(times[RUNS / 2]),
        ms(times[RUNS * 95 / 100]),
        ms(times[RUNS - 1])
    );
}

fn main() {
    let path = common::scale_path();
    if !path.exists() {
        let options = common::scale_options();
        let start = Instant::now();
        let mut store = Store::open(&path).expect("open benchmark database");
        let summary =
            demo::load(&mut store, &options, &Clock::system()).expect("generate demo data");
        println!(
            "generated {} customers, {} purchases, {} interactions in {:.1} s",
            summary.customers,
            summary.purchases,
            summary.interactions,
            start.elapsed().as_secs_f64()
        );
    }
    let store = Store::open(&path).expect("open benchmark database");
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database {}: {:.1} MiB",
        path.display(),
        bytes as f64 / 1_048_576.0
    );

    let total = customers::list(&store, None, 1).expect("list").total;
    println!("customers: {total}");
    let ids: Vec<CustomerId> = (0..RUNS + 10)
        .map(|i| CustomerId((i as i64 * 7_919) % i64::from(total) + 1))
        .collect();

    measure("first list page (100 rows, with total)", |_| {
        customers::list(&store, None, 100).expect("list")
    });
    let page = customers::list(&store, None, 100).expect("list");
    let deep = (0..500).fold(page.next.clone(), |cursor, _| {
        customers::list(&store, cursor.as_ref(), 100)
            .expect("list")
            .next
    });
    measure("list page 500 pages deep (keyset)", |_| {
        customers::list(&store, deep.as_ref(), 100).expect("list")
    });
    let queries = [
        "müller",
        "schmi",
        "mueller köln",
        "hauptstr 12",
        "0221",
        "kaffee",
    ];
    for query in queries {
        measure(
            &format!("search \"{query}\" (best 100, with count)"),
            |_| customers::search(&store, query, 100).expect("search"),
        );
    }
    let today = Clock::system().today();
    let filtered = |name: &str, filter: customers::CustomerFilter| {
        measure(name, |_| {
            customers::browse(&store, &filter, None, 100, today).expect("browse")
        });
    };
    use customers::{CustomerFilter, CustomerSort, CustomerStatus};
    filtered(
        "list sorted by city (100 rows, with total)",
        CustomerFilter {
            sort: CustomerSort::City,
            ..Default::default()
        },
    );
    filtered(
        "list newest first (100 rows, with total)",
        CustomerFilter {
            sort: CustomerSort::Newest,
            ..Default::default()
        },
    );
    filtered(
        "filter tag VIP (100 rows, with total)",
        CustomerFilter {
            tag: "VIP".into(),
            ..Default::default()
        },
    );
    filtered(
        "filter birthday in March + active (100 rows, with total)",
        CustomerFilter {
            birthday_month: Some(3),
            status: Some(CustomerStatus::Active),
            ..Default::default()
        },
    );
    filtered(
        "search \"müller\" + city Köln + not verified",
        CustomerFilter {
            query: "müller".into(),
            city: "Köln".into(),
            not_verified: true,
            ..Default::default()
        },
    );
    measure("customer page: details + timeline (50 entries)", |i| {
        let id = ids[i % ids.len()];
        (
            customers::details(&store, id, today).expect("details"),
            timeline::page(&store, id, None, 50).expect("timeline"),
        )
    });
}
