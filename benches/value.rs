//! The lifetime-value fit at scale: `cargo bench --bench value`.
//!
//! Simulates two summaries of 1,000,000 customers from the BG/NBD and Gamma-Gamma
//! parameters fitted on CDNOW (first purchases spread over 12 weeks, a 39-week
//! calibration period): one rounded like the CDNOW summary file (purchase days, weeks to
//! two decimals, spend to cents) at `target/value-summary-1m.csv`, one continuous (weeks
//! to six decimals) at `target/value-summary-1m-continuous.csv`. For each it times
//! reading and fitting both models in this process, and runs `stammkunde-cli value fit
//! --summary …` with and without `--params-only` under `/usr/bin/time` for the whole
//! command's time and peak memory (the predictions written to a file).
//! `cargo bench --bench value -- summaries` writes the files only;
//! scripts/compare-lifetimes.sh times the Python package on them.
//!
//! Then the value analysis of the demo shop of `cargo bench --bench scale` (100,000
//! customers, 2 million purchases, at target/bench-scale.sqlite3; made here if missing):
//! the whole refresh step by step, the overview the screen reads, and each chart
//! (`cargo bench --bench value -- refresh` runs this part only). Figures go to docs/PERFORMANCE.md.

mod common;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};
use stammkunde::Clock;
use stammkunde::charts::ChartFormat;
use stammkunde::value::shop::{self, ChartKind};
use stammkunde::value::summary::read_summary;
use stammkunde::value::{BgNbd, GammaGamma};
use std::fmt::Write;
use std::time::Instant;

const CUSTOMERS: usize = 1_000_000;

/// The two summary files: (name, path, continuous).
fn summary_files() -> [(&'static str, std::path::PathBuf, bool); 2] {
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    [
        ("rounded", target.join("value-summary-1m.csv"), false),
        (
            "continuous",
            target.join("value-summary-1m-continuous.csv"),
            true,
        ),
    ]
}

fn main() {
    for (name, path, continuous) in summary_files() {
        let start = Instant::now();
        std::fs::write(&path, simulate(continuous)).expect("write the summary");
        println!(
            "simulated and wrote {CUSTOMERS} customers ({name}) in {:.2} s to {}",
            start.elapsed().as_secs_f64(),
            path.display()
        );
    }
    // `cargo bench --bench value -- summaries`: only the files (for
    // scripts/compare-lifetimes.sh).
    if std::env::args().any(|a| a == "summaries") {
        return;
    }
    // `cargo bench --bench value -- refresh`: only the demo shop's refresh and screens.
    if !std::env::args().any(|a| a == "refresh") {
        for (name, path, _) in summary_files() {
            fits(name, &path);
        }
    }
    shop_analysis();
}

/// Reads a summary and fits both models three times in this process, then runs the CLI
/// on it for the whole command's time and peak memory.
fn fits(name: &str, path: &std::path::Path) {
    for run in 1..=3 {
        let start = Instant::now();
        let file = std::io::BufReader::new(std::fs::File::open(path).expect("open"));
        let (data, _) = read_summary(file, false).expect("parse");
        let read = start.elapsed();
        let start = Instant::now();
        let purchases = BgNbd::fit(&data).expect("BG/NBD");
        let bgnbd = start.elapsed();
        let start = Instant::now();
        let spend = GammaGamma::fit(&data).expect("Gamma-Gamma");
        let gg = start.elapsed();
        println!(
            "{name} run {run}: read + parse {:.3} s; BG/NBD fit {:.3} s ({} iterations, r {:.6} alpha {:.6} a {:.6} b {:.6}); Gamma-Gamma fit {:.3} s (p {:.4} q {:.4} gamma {:.4}); both fits {:.3} s",
            read.as_secs_f64(),
            bgnbd.as_secs_f64(),
            purchases.iterations,
            purchases.params.r,
            purchases.params.alpha,
            purchases.params.a,
            purchases.params.b,
            gg.as_secs_f64(),
            spend.params.p,
            spend.params.q,
            spend.params.gamma,
            (bgnbd + gg).as_secs_f64()
        );
    }
    let cli = env!("CARGO_BIN_EXE_stammkunde-cli");
    for args in [&["--params-only"][..], &[][..]] {
        let out = std::env::temp_dir().join("stammkunde-value-fit.out");
        match std::process::Command::new("/usr/bin/time")
            .args(["-f", "%e s elapsed, %M KB peak memory", cli, "value", "fit"])
            .args(args)
            .arg("--summary")
            .arg(path)
            .stdout(std::fs::File::create(&out).expect("output file"))
            .output()
        {
            Ok(result) => println!(
                "{name}: stammkunde-cli value fit --summary … {} > file: {} ({} MB written)",
                args.join(" "),
                String::from_utf8_lossy(&result.stderr).trim(),
                std::fs::metadata(&out).map_or(0, |m| m.len()) / 1_000_000
            ),
            Err(e) => println!("/usr/bin/time not available ({e}): no peak-memory figure"),
        }
        let _ = std::fs::remove_file(&out);
    }
}

/// The value analysis of the 100,000-customer demo shop.
fn shop_analysis() {
    // The benchmark's one clock.
    let clock = Clock::system();
    let mut store = common::scale_shop(&clock);
    let today = clock.today();
    // Runs 1–3 each on a day after the one before (as a shop refreshes once a day: the
    // last analysis's P(alive) is kept as "the one before"), run 4 once more that day.
    for run in 1..=4 {
        let day = chrono::TimeDelta::days(run.min(3));
        let start = Instant::now();
        let (info, t) = shop::refresh_timed(&mut store, &clock.advanced(day)).expect("refresh");
        println!(
            "demo shop run {run} ({}): refresh {:.2} s for {} customers ({:?}) = read purchases {:.2} s + fit and predict {:.2} s + ABC, matrix, phases and scores {:.0} ms + write {:.2} s",
            if run <= 3 {
                "a new day"
            } else {
                "the same day again"
            },
            start.elapsed().as_secs_f64(),
            info.customers,
            info.method,
            t.read,
            t.model,
            t.segments * 1000.0,
            t.write
        );
    }
    let start = Instant::now();
    let overview = shop::overview(&store).expect("overview").expect("analysed");
    println!(
        "overview (what the screen reads, {} quadrants): {:.0} ms",
        overview.quadrants.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    for (name, kind, format) in [
        ("portfolio SVG", ChartKind::Portfolio, ChartFormat::Svg),
        ("portfolio PNG", ChartKind::Portfolio, ChartFormat::Png),
        ("Pareto SVG", ChartKind::Pareto, ChartFormat::Svg),
        ("Pareto PNG", ChartKind::Pareto, ChartFormat::Png),
        (
            "revenue trend SVG",
            ChartKind::RevenueTrend {
                customer: stammkunde::customers::CustomerId(1),
            },
            ChartFormat::Svg,
        ),
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let start = Instant::now();
            size = shop::chart(&store, kind, format, today, stammkunde::Lang::De)
                .expect("chart")
                .len();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "chart {name}: median {:.1} ms, max {:.1} ms ({} KB)",
            times[2],
            times[4],
            size / 1024
        );
    }
}

/// Customers drawn from the BG/NBD story with CDNOW's parameters. Rounded like the
/// CDNOW file (purchase days, weeks to two decimals), or `continuous`: purchase times as
/// drawn, weeks to six decimals, so nearly every (x, t_x, T) is distinct.
fn simulate(continuous: bool) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(1997);
    let rate = Gamma::new(0.243, 1.0 / 4.414).unwrap();
    let dropout = Beta::new(0.793, 2.426).unwrap();
    let nu = Gamma::new(3.74, 1.0 / 15.44).unwrap();
    let mut out = String::with_capacity(CUSTOMERS * 40);
    out.push_str("id,frequency,recency,T,monetary_value\n");
    for id in 1..=CUSTOMERS {
        // First purchase in the first 12 weeks of 1997, calibration to the end of week 39.
        let age = if continuous {
            39.0 - rng.random_range(0.0..12.0)
        } else {
            f64::from(273 - rng.random_range(0..84)) / 7.0
        };
        let lambda: f64 = rate.sample(&mut rng);
        let p: f64 = dropout.sample(&mut rng);
        let scale: f64 = nu.sample(&mut rng);
        let value = Gamma::new(6.25, 1.0 / scale).unwrap();
        let (mut t, mut x, mut last, mut total) = (0.0, 0usize, 0.0, 0.0);
        let mut last_day = 0u32;
        if lambda > 0.0 {
            let gap = Exp::new(lambda).unwrap();
            loop {
                t += gap.sample(&mut rng);
                if t > age {
                    break;
                }
                let repeat = if continuous {
                    last = t;
                    true
                } else {
                    // Purchases on one day count once.
                    let day = (t * 7.0).floor() as u32;
                    let new_day = day > 0 && day != last_day;
                    if new_day {
                        last_day = day;
                        last = f64::from(day) / 7.0;
                    }
                    new_day
                };
                if repeat {
                    x += 1;
                    total += value.sample(&mut rng);
                }
                if rng.random_bool(p) {
                    break;
                }
            }
        }
        let monetary = if x > 0 { total / x as f64 } else { 0.0 };
        let _ = if continuous {
            writeln!(out, "{id},{x},{last:.6},{age:.6},{monetary:.2}")
        } else {
            writeln!(out, "{id},{x},{last:.2},{age:.2},{monetary:.2}")
        };
    }
    out
}
