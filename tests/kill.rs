//! Kill tests: a real process runs one write (an import, a merge and its undo, a points
//! redemption, a member's purchase, the value refresh, the demo shop, a migration from
//! each earlier schema, a backup, a restore) and is SIGKILLed at a random moment. After
//! each kill the file must pass `PRAGMA integrity_check` and hold exactly the state before
//! or the state after the write (compared as a dump of every row), never a mix.
//!
//! This file is its own test binary (`harness = false`): run plainly it is the parent; with
//! `STAMMKUNDE_KILL_OP` set it is the child that does the write. `STAMMKUNDE_KILLS` runs
//! per operation (default 4; `make kill-test` runs 100 in a release build); an argument
//! picks the operations whose name contains it.

use rand::{Rng, SeedableRng};
use stammkunde::backup::{self, Kind};
use stammkunde::customers::{self, CustomerId, CustomerInput};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::io::import::{self, ImportOptions};
use stammkunde::io::table::{self, FileFormat};
use stammkunde::loyalty::shop::{self, RedeemInput};
use stammkunde::merges::{self, MergeId, MergeInput};
use stammkunde::store::backup::{check_file, dump_file};
use stammkunde::store::{Schema, migration_script};
use stammkunde::transactions::{self, TransactionInput};
use stammkunde::{Clock, Store, value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

mod common;

const OP_ENV: &str = "STAMMKUNDE_KILL_OP";
const DIR_ENV: &str = "STAMMKUNDE_KILL_DIR";
const RUNS_ENV: &str = "STAMMKUNDE_KILLS";

/// Every run's database is `shop.sqlite3` in a folder of its own; what else an operation
/// needs (the file to import, a backup, ids) lies beside it.
const DB: &str = "shop.sqlite3";

/// The writes under test. A migration has one variant per earlier schema.
const OPS: &[&str] = &[
    "import",
    "merge",
    "undo-merge",
    "erase",
    "redeem",
    "purchase",
    "value-refresh",
    "demo",
    "migration",
    "backup",
    "restore",
];

fn clock() -> Clock {
    common::clock()
}

fn main() -> ExitCode {
    if let Ok(op) = std::env::var(OP_ENV) {
        let dir = PathBuf::from(std::env::var(DIR_ENV).expect("the run's folder"));
        child(&op, &dir);
        return ExitCode::SUCCESS;
    }
    let runs: usize = std::env::var(RUNS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let started = Instant::now();
    let mut failed = false;
    println!("operation        runs  killed  before  after  damaged  mixed   mean op");
    for op in OPS {
        if !only.is_empty() && !only.iter().any(|o| op.contains(o.as_str())) {
            continue;
        }
        let report = kill_runs(op, runs);
        println!(
            "{op:<15} {:>5} {:>7} {:>7} {:>6} {:>8} {:>6} {:>8.0} ms",
            report.runs,
            report.killed,
            report.before,
            report.after,
            report.damaged,
            report.mixed,
            report.op_ms
        );
        failed |= report.damaged + report.mixed > 0;
    }
    println!("kill tests took {:.0} s", started.elapsed().as_secs_f64());
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Default)]
struct Report {
    runs: usize,
    /// Runs where the kill came before the child was done.
    killed: usize,
    before: usize,
    after: usize,
    damaged: usize,
    mixed: usize,
    op_ms: f64,
}

/// One prepared starting point: a folder to copy for each run, and the dumps a run may
/// end in.
struct Variant {
    template: PathBuf,
    before: String,
    after: String,
    duration: Duration,
}

fn kill_runs(op: &str, runs: usize) -> Report {
    let root = tempfile::tempdir().unwrap();
    let variants: Vec<Variant> = (0..variants(op))
        .map(|v| {
            let template = root.path().join(format!("template-{v}"));
            std::fs::create_dir_all(&template).unwrap();
            prepare(op, v, &template);
            settle(&template.join(DB));
            let before = dump(op, &template.join(DB));
            // One run to the end: the state after, and how long the write takes.
            let done = root.path().join(format!("done-{v}"));
            copy_dir(&template, &done);
            let (duration, finished) = run_child(op, &done, None);
            assert!(finished, "{op}: the write runs to its end");
            let after = dump(op, &done.join(DB));
            // A backup only reads the file; every other write changes it.
            if op != "backup" {
                assert_ne!(before, after, "{op}: the write changes the file");
            }
            Variant {
                template,
                before,
                after,
                duration,
            }
        })
        .collect();
    let mut report = Report {
        op_ms: variants
            .iter()
            .map(|v| v.duration.as_secs_f64() * 1000.0)
            .sum::<f64>()
            / variants.len() as f64,
        ..Report::default()
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    for run in 0..runs {
        let variant = &variants[run % variants.len()];
        let dir = root.path().join(format!("run-{run}"));
        copy_dir(&variant.template, &dir);
        // Anywhere in the write, a little past its usual end included.
        let window = variant.duration.as_micros() as u64 * 11 / 10;
        let delay = Duration::from_micros(rng.random_range(0..window.max(1)));
        let (_, finished) = run_child(op, &dir, Some(delay));
        report.runs += 1;
        report.killed += usize::from(!finished);
        let db = dir.join(DB);
        match check_file(&db, true) {
            Ok(Ok(())) => {}
            other => {
                eprintln!("{op} run {run}: integrity {other:?}");
                report.damaged += 1;
                continue;
            }
        }
        let dump = dump(op, &db);
        if dump == variant.before {
            report.before += 1;
        } else if dump == variant.after {
            report.after += 1;
        } else {
            eprintln!("{op} run {run}: neither the state before nor after ({delay:?})");
            report.mixed += 1;
        }
        if op == "backup" && !backups_are_whole(&dir, &variant.before) {
            eprintln!("{op} run {run}: a named backup is not a whole copy");
            report.mixed += 1;
        }
        std::fs::remove_dir_all(&dir).ok();
    }
    report
}

/// The file's dump. Migration 0010 dates the measures it adds with SQLite's clock
/// (`strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')`): those times differ from run to run and
/// are masked; everything else is compared as it is.
fn dump(op: &str, db: &Path) -> String {
    let text = dump_file(db).unwrap();
    if op != "migration" {
        return text;
    }
    let shape = "dddd-dd-dd dd:dd:dd.ddd+00:00";
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let fits = chars.len() - i >= shape.len()
            && shape.chars().zip(&chars[i..]).all(|(s, c)| match s {
                'd' => c.is_ascii_digit(),
                s => s == *c,
            });
        if fits {
            out.push_str("<sqlite now>");
            i += shape.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Every backup that got its name is a whole, checked copy of the state before.
fn backups_are_whole(dir: &Path, before: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir.join("Sicherungen")) else {
        return true;
    };
    entries.flatten().all(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with('.')
            || (check_file(&e.path(), true).is_ok_and(|c| c.is_ok())
                && dump_file(&e.path()).is_ok_and(|d| d == before))
    })
}

/// Runs the child on `dir`; with a delay, SIGKILLs it that long after it said it starts
/// the write. Returns how long the write ran and whether the child finished.
fn run_child(op: &str, dir: &Path, kill_after: Option<Duration>) -> (Duration, bool) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(OP_ENV, op)
        .env(DIR_ENV, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready", "{op}: the child starts");
    let started = Instant::now();
    if let Some(delay) = kill_after {
        std::thread::sleep(delay);
        // SIGKILL on Unix: no chance to clean up.
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let took = started.elapsed();
    if kill_after.is_none() {
        assert!(status.success(), "{op}: the child failed: {status}");
    }
    (took, status.success())
}

/// Writes the log into the file, so a template copies as one file.
fn settle(db: &Path) {
    stammkunde::store::backup::checkpoint_file(db).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn variants(op: &str) -> usize {
    match op {
        // Every earlier schema, 1 … current − 1.
        "migration" => Schema::current().version() as usize - 1,
        _ => 1,
    }
}

fn write_id(dir: &Path, name: &str, id: i64) {
    std::fs::write(dir.join(name), id.to_string()).unwrap();
}

fn read_id(dir: &Path, name: &str) -> i64 {
    std::fs::read_to_string(dir.join(name))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn demo_shop(db: &Path, customers: u32) -> Store {
    let mut store = Store::open(db).unwrap();
    let options = DemoOptions {
        customers,
        years: 3,
        ..DemoOptions::default()
    };
    demo::load(&mut store, &options, &clock()).unwrap();
    store
}

fn person(first: &str, last: &str, email: &str) -> CustomerInput {
    CustomerInput {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        city: "Köln".into(),
        ..CustomerInput::default()
    }
}

fn purchase(amount: &str) -> TransactionInput {
    TransactionInput {
        date: "20.11.2026".into(),
        amount: amount.into(),
        ..TransactionInput::default()
    }
}

/// The state each operation starts from.
fn prepare(op: &str, variant: usize, dir: &Path) {
    let db = dir.join(DB);
    let clock = clock();
    match op {
        "import" => {
            drop(demo_shop(&db, 100));
            let mut csv = String::from("Vorname;Nachname;Straße;PLZ;Ort;E-Mail;Geburtstag\n");
            for i in 0..3000 {
                csv.push_str(&format!(
                    "Vor{i};Nach{i};Weg {i};{:05};Ort{i};k{i}@example.de;{:02}.{:02}.19{:02}\n",
                    10000 + i,
                    1 + i % 28,
                    1 + i % 12,
                    40 + i % 50
                ));
            }
            std::fs::write(dir.join("import.csv"), csv).unwrap();
        }
        "merge" | "undo-merge" => {
            let mut store = demo_shop(&db, 150);
            let a = customers::create(
                &mut store,
                &person("Hans", "Müller", "hans@example.de"),
                &clock,
            )
            .unwrap();
            let b = customers::create(&mut store, &person("Hans", "Mueller", ""), &clock).unwrap();
            transactions::add(&mut store, b.id, &purchase("120,00"), &clock).unwrap();
            if op == "undo-merge" {
                let take = merges::proposal(&a, &b);
                let input = MergeInput {
                    survivor: a.id,
                    merged: b.id,
                    take,
                };
                let done = merges::merge(&mut store, &input, &clock).unwrap();
                write_id(dir, "merge", done.merge.id.0);
                // The backup the merge made is not part of this test's start.
                std::fs::remove_dir_all(dir.join("Sicherungen")).ok();
            }
            write_id(dir, "survivor", a.id.0);
            write_id(dir, "merged", b.id.0);
        }
        "erase" => {
            let mut store = demo_shop(&db, 150);
            let a = customers::create(
                &mut store,
                &person("Erna", "Ehrlich", "erna@example.de"),
                &clock,
            )
            .unwrap();
            transactions::add(&mut store, a.id, &purchase("80,00"), &clock).unwrap();
            shop::join(&mut store, a.id, &clock).unwrap();
            let b = customers::create(&mut store, &person("Erna", "Ehrlich", ""), &clock).unwrap();
            let input = MergeInput {
                survivor: a.id,
                merged: b.id,
                take: merges::proposal(&a, &b),
            };
            merges::merge(&mut store, &input, &clock).unwrap();
            std::fs::remove_dir_all(dir.join("Sicherungen")).ok();
            write_id(dir, "erase", a.id.0);
        }
        "redeem" | "purchase" => {
            let mut store = demo_shop(&db, 150);
            let c = customers::create(
                &mut store,
                &person("Karla", "Karte", "karla@example.de"),
                &clock,
            )
            .unwrap();
            shop::join(&mut store, c.id, &clock).unwrap();
            transactions::add(&mut store, c.id, &purchase("250,00"), &clock).unwrap();
            write_id(dir, "member", c.id.0);
        }
        "value-refresh" => drop(demo_shop(&db, 400)),
        "demo" => drop(Store::open(&db).unwrap()),
        "migration" => {
            // A file of an earlier app (schema 1 + variant) with customers in it.
            let scripts: Vec<&str> = (0..=variant)
                .map(|i| migration_script(i).unwrap())
                .collect();
            drop(Store::open_with_schema(&db, Schema::from_scripts(&scripts)).unwrap());
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("BEGIN").unwrap();
            for i in 0..2000 {
                conn.execute(
                    "INSERT INTO customers (number, kind, first_name, last_name, city, created_at, \
                     updated_at, sort_key) VALUES (?1, 'person', ?2, ?3, 'Köln', \
                     '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', ?3)",
                    rusqlite::params![(i + 1).to_string(), format!("Vor{i}"), format!("nach{i}")],
                )
                .unwrap();
            }
            conn.execute_batch("COMMIT").unwrap();
        }
        "backup" => drop(demo_shop(&db, 600)),
        "restore" => {
            // The backup to restore: another shop; the file in place: this one.
            let other = dir.join("other");
            std::fs::create_dir_all(&other).unwrap();
            drop(demo_shop(&other.join("backup.sqlite3"), 300));
            settle(&other.join("backup.sqlite3"));
            let mut store = Store::open(&db).unwrap();
            for i in 0..50 {
                customers::create(
                    &mut store,
                    &person("Jetzt", &format!("Kunde{i}"), ""),
                    &clock,
                )
                .unwrap();
            }
        }
        other => panic!("unknown operation {other}"),
    }
}

fn ready() {
    let mut out = std::io::stdout();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
}

/// The write itself, in the child.
fn child(op: &str, dir: &Path) {
    let db = dir.join(DB);
    let clock = clock();
    if op == "migration" {
        ready();
        backup::before_migration(&db, &clock).unwrap();
        drop(Store::open(&db).unwrap());
        return;
    }
    if op == "restore" {
        ready();
        backup::restore(&db, &dir.join("other/backup.sqlite3"), &clock).unwrap();
        return;
    }
    let mut store = Store::open(&db).unwrap();
    match op {
        "import" => {
            let table = table::read(
                &std::fs::read(dir.join("import.csv")).unwrap(),
                FileFormat::Csv,
            )
            .unwrap();
            let mapping = import::mapping_for(&store, &table.headers).unwrap();
            let options = ImportOptions {
                skip_invalid: false,
                skip_duplicates: false,
            };
            let cancel = AtomicBool::new(false);
            ready();
            import::import_customers(
                &mut store,
                &table,
                &mapping,
                options,
                &mut |_, _| {},
                &cancel,
                &clock,
            )
            .unwrap();
        }
        "merge" => {
            let survivor = customers::get(&store, CustomerId(read_id(dir, "survivor"))).unwrap();
            let merged = customers::get(&store, CustomerId(read_id(dir, "merged"))).unwrap();
            let input = MergeInput {
                survivor: survivor.id,
                merged: merged.id,
                take: merges::proposal(&survivor, &merged),
            };
            ready();
            merges::merge(&mut store, &input, &clock).unwrap();
        }
        "undo-merge" => {
            ready();
            merges::undo(&mut store, MergeId(read_id(dir, "merge")), &clock).unwrap();
        }
        "erase" => {
            let input = stammkunde::privacy::erase::EraseInput {
                confirm_name: "Erna Ehrlich".into(),
                reason: "Antrag".into(),
            };
            ready();
            stammkunde::privacy::erase::erase(
                &mut store,
                CustomerId(read_id(dir, "erase")),
                &input,
                &clock,
            )
            .unwrap();
        }
        "redeem" => {
            let input = RedeemInput {
                points: "20".into(),
                identity_confirmed: true,
                ..RedeemInput::default()
            };
            ready();
            shop::redeem(
                &mut store,
                CustomerId(read_id(dir, "member")),
                &input,
                &clock,
            )
            .unwrap();
        }
        "purchase" => {
            ready();
            transactions::add(
                &mut store,
                CustomerId(read_id(dir, "member")),
                &purchase("80,00"),
                &clock,
            )
            .unwrap();
        }
        "value-refresh" => {
            ready();
            value::shop::refresh(&mut store, &clock).unwrap();
        }
        "demo" => {
            let options = DemoOptions {
                customers: 1500,
                years: 3,
                ..DemoOptions::default()
            };
            ready();
            demo::load(&mut store, &options, &clock).unwrap();
        }
        "backup" => {
            ready();
            backup::make(&db, Kind::Manual, &clock).unwrap();
        }
        other => panic!("unknown operation {other}"),
    }
}
