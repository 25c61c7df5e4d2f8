//! Import and export at shop scale: `cargo bench --bench import`.
//!
//! Makes a demo shop of 100,000 customers, exports it to CSV (the German Excel flavour
//! the import reads), then times reading that file, the preview (every row checked and
//! compared with the customers already there — none here — and the earlier rows), and the
//! import into an empty database in one transaction. Figures go to docs/PERFORMANCE.md.

use stammkunde::Clock;
use stammkunde::Store;
use stammkunde::customers::CustomerFilter;
use stammkunde::demo::{self, DemoOptions};
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::io::import::{self, ImportOptions};
use stammkunde::io::table::{self, FileFormat};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn main() {
    // The benchmark's one clock.
    let clock = Clock::system();
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut shop = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
    let options = DemoOptions {
        customers: 100_000,
        purchases_per_year: 0.2,
        ..Default::default()
    };
    demo::load(&mut shop, &options, &clock).expect("demo data");
    let today = clock.today();

    let start = Instant::now();
    let customers = export::customers_for_export(&shop, &CustomerFilter::default(), today)
        .expect("read customers");
    let read = start.elapsed();
    let start = Instant::now();
    let csv = export::export(&customers, ExportFormat::Csv).expect("csv");
    let csv_time = start.elapsed();
    let start = Instant::now();
    let xlsx = export::export(&customers, ExportFormat::Xlsx).expect("xlsx");
    let xlsx_time = start.elapsed();
    println!(
        "export of {} customers: reading {:.2} s; CSV {:.2} s ({:.1} MB); xlsx {:.2} s ({:.1} MB)",
        customers.len(),
        read.as_secs_f64(),
        csv_time.as_secs_f64(),
        csv.len() as f64 / 1e6,
        xlsx_time.as_secs_f64(),
        xlsx.len() as f64 / 1e6
    );

    for run in 1..=3 {
        let path = dir.path().join(format!("import-{run}.sqlite3"));
        let mut store = Store::open(&path).expect("open");
        let start = Instant::now();
        let table = table::read(&csv, FileFormat::Csv).expect("read CSV");
        let parsed = start.elapsed();
        let mapping = import::mapping_for(&store, &table.headers).expect("mapping");
        let start = Instant::now();
        let preview = import::preview(&store, &table, &mapping, today, stammkunde::Lang::De)
            .expect("preview");
        let checked = start.elapsed();
        let start = Instant::now();
        let cancel = AtomicBool::new(false);
        let summary = import::import_customers(
            &mut store,
            &table,
            &mapping,
            ImportOptions::default(),
            &mut |_, _| {},
            &cancel,
            &clock,
        )
        .expect("import");
        let imported = start.elapsed();
        println!(
            "run {run}: CSV read {:.2} s; preview {:.2} s ({} rows, {} problems, {} likely \
             duplicates); import {:.2} s ({} customers, one transaction); read + import {:.2} s",
            parsed.as_secs_f64(),
            checked.as_secs_f64(),
            preview.rows,
            preview.problem_rows,
            preview.duplicate_rows,
            imported.as_secs_f64(),
            summary.imported,
            (parsed + imported).as_secs_f64()
        );
    }
}
