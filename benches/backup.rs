//! Backups of the large demo shop: `cargo bench --bench backup`.
//!
//! The demo shop of `cargo bench --bench scale` (100,000 customers, about 2 million
//! purchases, at target/bench-scale.sqlite3; made here if missing), copied to a folder of
//! its own so the benchmark's writes leave the shared file as it was. Three times: the
//! quick check the app runs at start; the whole backup as the app makes it (online copy, full integrity check of the copy,
//! rename), and its two steps alone; the backup before an operation (which waits for the
//! copy only, the check following behind it). Then a backup while the app writes: another thread
//! adds a customer every 20 ms on its own connection, and every write's wait is timed.
//! Figures go to docs/RELIABILITY.md.

mod common;

use stammkunde::backup::{self, Kind};
use stammkunde::customers::{self, CustomerInput};
use stammkunde::store::backup::{check_file, copy_file};
use stammkunde::{Clock, Store};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let clock = Clock::at_local(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a date"),
        chrono::FixedOffset::east_opt(3600).expect("an offset"),
    );
    drop(common::scale_shop(&clock));
    let dir = tempfile::tempdir().expect("a folder");
    let db = dir.path().join("shop.sqlite3");
    stammkunde::store::backup::checkpoint_file(&common::scale_path()).expect("checkpoint");
    std::fs::copy(common::scale_path(), &db).expect("copy the shop");
    let mib = std::fs::metadata(&db).expect("size").len() as f64 / 1048576.0;
    println!("database: {mib:.0} MiB");

    for run in 1..=3 {
        let start = Instant::now();
        assert_eq!(backup::check_at_start(&db).expect("check"), Ok(()));
        println!(
            "run {run}: the check at start (quick_check) {:.2} s",
            start.elapsed().as_secs_f64()
        );
    }
    for run in 1..=3 {
        let copy = dir.path().join(format!("copy-{run}.sqlite3"));
        let start = Instant::now();
        copy_file(&db, &copy).expect("copy");
        let copied = start.elapsed();
        let start = Instant::now();
        let found = check_file(&copy, true).expect("check");
        let checked = start.elapsed();
        assert_eq!(found, Ok(()));
        std::fs::remove_file(&copy).expect("remove");
        let start = Instant::now();
        let made = backup::make(
            &db,
            Kind::Manual,
            &clock.advanced(chrono::TimeDelta::seconds(run)),
        )
        .expect("backup");
        let whole = start.elapsed();
        println!(
            "run {run}: online copy {:.2} s, integrity_check {:.2} s; backup::make {:.2} s ({} customers)",
            copied.as_secs_f64(),
            checked.as_secs_f64(),
            whole.as_secs_f64(),
            made.customers.unwrap_or(0)
        );
    }

    // Before an import or merge: the operation waits for the copy only; the full check
    // and the name follow behind it.
    for run in 1..=3 {
        let at = clock.advanced(chrono::TimeDelta::minutes(10 + run));
        let start = Instant::now();
        let target = backup::before(&db, Kind::BeforeImport, &at)
            .expect("backup")
            .expect("one is made");
        let waited = start.elapsed();
        backup::wait_for_checks();
        let whole = start.elapsed();
        assert!(target.is_file(), "checked and named");
        println!(
            "run {run}: before an import the operation waits {:.2} s; checked and named after {:.2} s",
            waited.as_secs_f64(),
            whole.as_secs_f64()
        );
    }

    // The same writes without a backup, then while one runs.
    let (_, alone) = writes_during(&db, &clock, || std::thread::sleep(Duration::from_secs(5)));
    report("no backup", &alone);
    let (took, waits) = writes_during(&db, &clock, || {
        backup::make(
            &db,
            Kind::Manual,
            &clock.advanced(chrono::TimeDelta::minutes(1)),
        )
        .expect("backup");
    });
    println!("backup while writing: {:.2} s", took.as_secs_f64());
    report("during the backup", &waits);
}

fn report(what: &str, waits: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "writes {what}: {}, wait median {:.1} ms, p99 {:.1} ms, longest {:.1} ms",
        waits.len(),
        ms(waits[waits.len() / 2]),
        ms(waits[waits.len() * 99 / 100]),
        ms(*waits.last().expect("writes"))
    );
}

/// A customer added every 20 ms on a connection of its own while `work` runs; the time
/// `work` took and every write's wait, sorted.
fn writes_during(
    db: &std::path::Path,
    clock: &Clock,
    work: impl FnOnce(),
) -> (Duration, Vec<Duration>) {
    let clock = *clock;
    let stop = Arc::new(AtomicBool::new(false));
    let writer = std::thread::spawn({
        let db = db.to_path_buf();
        let stop = Arc::clone(&stop);
        move || {
            let mut store = Store::open(&db).expect("open");
            let mut waits = Vec::new();
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let input = CustomerInput {
                    last_name: format!("Während der Sicherung {i}"),
                    ..CustomerInput::default()
                };
                let start = Instant::now();
                customers::create(&mut store, &input, &clock).expect("write");
                waits.push(start.elapsed());
                i += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            waits
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    work();
    let took = start.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    let mut waits = writer.join().expect("the writer");
    waits.sort();
    (took, waits)
}
