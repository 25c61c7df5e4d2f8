//! Printed documents as PDF: `cargo bench --bench paper`.
//!
//! The customer list of 10,000 customers (a demo shop made at target/bench-paper-10k.sqlite3
//! when missing) and of 100,000 (the shop of `cargo bench --bench scale`), labels for the
//! 10,000, and one customer's profile. Each case runs in a child process of its own, so
//! its peak memory (`VmHWM` from /proc/self/status) is its own; three runs each, the time
//! is the document's alone (the database is open already). Figures go to
//! docs/PERFORMANCE.md.

mod common;

use stammkunde::care::labels::LabelSheet;
use stammkunde::customers::CustomerFilter;
use stammkunde::demo::{self, DemoOptions};
use stammkunde::paper::customers::{CustomerListPrint, ListColumn, customer_list};
use stammkunde::paper::labels::{LabelSource, labels};
use stammkunde::paper::pdf::Orientation;
use stammkunde::paper::profile::profile;
use stammkunde::{Clock, Lang, Store};
use std::path::PathBuf;
use std::time::Instant;

fn clock() -> Clock {
    Clock::at_local(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a date"),
        chrono::FixedOffset::east_opt(3600).expect("an offset"),
    )
}

fn small_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-paper-10k.sqlite3")
}

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// One case, in this process: prints time, size and pages, and the peak memory.
fn run_case(case: &str) {
    let clock = clock();
    let (path, what) = match case {
        "list-100k" => (common::scale_path(), "customer list, 100,000 customers"),
        "profile" => (
            common::scale_path(),
            "profile of one customer (100,000-customer shop)",
        ),
        "list-10k" => (small_path(), "customer list, 10,000 customers"),
        _ => (small_path(), "labels, 10,000 customers (3 × 8, 70 × 36 mm)"),
    };
    let store = Store::open(&path).expect("open");
    let start = Instant::now();
    let pdf = match case {
        "list-100k" | "list-10k" => {
            let print = CustomerListPrint {
                filter: CustomerFilter::default(),
                columns: vec![
                    ListColumn::Number,
                    ListColumn::Name,
                    ListColumn::Address,
                    ListColumn::Phones,
                    ListColumn::Email,
                ],
                orientation: Orientation::Portrait,
            };
            customer_list(&store, &print, &clock, Lang::De).expect("list")
        }
        "profile" => {
            let id = stammkunde::customers::by_number(&store, "10500")
                .expect("customer 10500")
                .id;
            profile(&store, id, &clock, Lang::De).expect("profile")
        }
        _ => {
            let source = LabelSource::Customers {
                filter: CustomerFilter::default(),
            };
            labels(&store, &source, &LabelSheet::default(), &clock, Lang::De).expect("labels")
        }
    };
    let took = start.elapsed();
    println!(
        "{what}: {:.2} s, {:.1} MiB PDF, peak {:.0} MiB",
        took.as_secs_f64(),
        pdf.len() as f64 / 1048576.0,
        peak_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        run_case(&args[i + 1]);
        return;
    }
    let clock = clock();
    drop(common::scale_shop(&clock));
    if !small_path().exists() {
        let mut store = Store::open(&small_path()).expect("open");
        let options = DemoOptions {
            customers: 10_000,
            ..DemoOptions::default()
        };
        demo::load(&mut store, &options, &clock).expect("demo");
    }
    let me = std::env::current_exe().expect("this bench");
    for case in ["list-10k", "labels-10k", "profile", "list-100k"] {
        for _ in 0..3 {
            let status = std::process::Command::new(&me)
                .args(["--bench", "--case", case])
                .status()
                .expect("run the case");
            assert!(status.success(), "{case}");
        }
    }
}
