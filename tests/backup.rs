//! Backups, rotation, the check at start and restore, on real database files.

use chrono::{Datelike, NaiveDate, TimeDelta};
use common::{berlin, clock};
use stammkunde::backup::{self, BackupProblem, Kind};
use stammkunde::customers::{self, CustomerInput};
use stammkunde::demo::{self, DemoOptions};
use stammkunde::store::backup::{check_file, dump_file};
use stammkunde::store::{Schema, migration_script};
use stammkunde::{Clock, Error, Lang, Store};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

fn small_shop(clock: &Clock) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let options = DemoOptions {
        customers: 40,
        years: 2,
        ..DemoOptions::default()
    };
    demo::load(&mut store, &options, clock).unwrap();
    (dir, db)
}

fn add_customer(db: &Path, last_name: &str, clock: &Clock) {
    let mut store = Store::open(db).unwrap();
    let input = CustomerInput {
        last_name: last_name.into(),
        ..CustomerInput::default()
    };
    customers::create(&mut store, &input, clock).unwrap();
}

fn problem(err: Error) -> BackupProblem {
    match err {
        Error::Backup(p) => p,
        other => panic!("a backup problem, not {other:?}"),
    }
}

#[test]
fn backup_change_restore_gives_back_exactly_the_backed_up_data() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let store = Store::open(&db).unwrap();
    let before = dump_file(&db).unwrap();
    let made = backup::make(&db, Kind::Manual, &clock).unwrap();
    assert_eq!(made.customers, Some(40));
    assert_eq!(made.schema, Schema::current().version());
    assert!(made.file_name.contains("-manual-v"), "{}", made.file_name);
    assert_eq!(dump_file(Path::new(&made.path)).unwrap(), before);
    // The app goes on writing; then the backup is put back.
    add_customer(&db, "Nachher", &clock);
    drop(store);
    assert_ne!(dump_file(&db).unwrap(), before);
    let later = clock.advanced(TimeDelta::minutes(5));
    let restored = backup::restore(&db, Path::new(&made.path), &later).unwrap();
    assert_eq!(restored.customers, Some(40));
    let saved = restored
        .saved
        .expect("the replaced file was backed up first");
    assert_eq!(saved.kind, Kind::BeforeRestore);
    assert_eq!(saved.customers, Some(41));
    for stale in [
        "shop.sqlite3-wal",
        "shop.sqlite3-shm",
        "shop.sqlite3.restoring",
    ] {
        assert!(!db.with_file_name(stale).exists(), "{stale} left behind");
    }
    assert_eq!(dump_file(&db).unwrap(), before);
    // It opens as the app would, and works.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    let listed = backup::list(&db, Lang::De).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].kind, Kind::BeforeRestore, "newest first");
    assert_eq!(listed[0].kind_label, "Vor dem Wiederherstellen");
}

#[test]
fn the_app_keeps_writing_while_a_backup_is_taken_and_the_copy_is_a_snapshot() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let mut store = Store::open(&db).unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..20 {
            let input = CustomerInput {
                last_name: format!("Während {i}"),
                ..CustomerInput::default()
            };
            customers::create(&mut store, &input, &clock).unwrap();
        }
        store
    });
    let made = backup::make(&db, Kind::Manual, &clock).unwrap();
    let store = writer.join().unwrap();
    let n = made.customers.unwrap();
    assert!((40..=60).contains(&n), "a consistent snapshot: {n}");
    assert_eq!(check_file(Path::new(&made.path), true).unwrap(), Ok(()));
    drop(store);
}

/// What rotation promises after a year of daily starts, worked out from the calendar.
fn promised(days: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut newest_first = days.to_vec();
    newest_first.sort_by(|a, b| b.cmp(a));
    let mut kept: BTreeSet<NaiveDate> = newest_first.iter().take(7).copied().collect();
    let mut weeks = Vec::new();
    let mut months = Vec::new();
    for d in &newest_first {
        let week = (d.iso_week().year(), d.iso_week().week());
        if !weeks.contains(&week) && weeks.len() < 4 {
            weeks.push(week);
            kept.insert(*d);
        }
        let month = (d.year(), d.month());
        if !months.contains(&month) && months.len() < 12 {
            months.push(month);
            kept.insert(*d);
        }
    }
    kept
}

#[test]
fn rotation_keeps_the_documented_set_over_a_year_of_daily_starts() {
    let first = berlin(2026, 1, 1, 8, 30);
    let (_dir, db) = small_shop(&first);
    let mut started = Vec::new();
    for day in 0..365 {
        let morning = first.advanced(TimeDelta::days(day));
        // Two starts a day: only the first makes a backup.
        for start in [morning, morning.advanced(TimeDelta::hours(6))] {
            if backup::daily_due(&db, &start).unwrap() {
                backup::make(&db, Kind::Daily, &start).unwrap();
                started.push(start.today());
            }
        }
        // An import on the 1st and 15th of each month.
        if [1, 15].contains(&morning.today().day()) {
            let later = morning.advanced(TimeDelta::hours(2));
            backup::before(&db, Kind::BeforeImport, &later).unwrap();
        }
    }
    assert_eq!(started.len(), 365, "one start backup a day");
    let last = first.advanced(TimeDelta::days(364));
    let listed = backup::list(&db, Lang::De).unwrap();
    let daily: BTreeSet<NaiveDate> = listed
        .iter()
        .filter(|b| b.kind == Kind::Daily)
        .map(|b| b.made.date())
        .collect();
    assert_eq!(daily, promised(&started));
    assert!(
        (12..=23).contains(&daily.len()),
        "{} start backups",
        daily.len()
    );
    let imports: Vec<NaiveDate> = listed
        .iter()
        .filter(|b| b.kind == Kind::BeforeImport)
        .map(|b| b.made.date())
        .collect();
    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    assert_eq!(
        imports,
        [day(12, 15), day(12, 1)],
        "operations kept 30 days"
    );
    assert_eq!(last.today(), day(12, 31));
}

#[test]
fn a_merge_series_makes_one_backup_not_one_per_merge() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    assert!(
        backup::before(&db, Kind::BeforeMerge, &clock)
            .unwrap()
            .is_some()
    );
    let soon = clock.advanced(TimeDelta::minutes(3));
    assert!(
        backup::before(&db, Kind::BeforeMerge, &soon)
            .unwrap()
            .is_none()
    );
    let later = clock.advanced(TimeDelta::minutes(11));
    assert!(
        backup::before(&db, Kind::BeforeMerge, &later)
            .unwrap()
            .is_some()
    );
}

/// Overwrites a page in the middle of the file with noise, as a failing disk would.
fn flip_middle(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    for b in &mut bytes[middle..middle + 4096] {
        *b ^= 0xA5;
    }
    std::fs::write(db, bytes).unwrap();
}

fn closed_shop(clock: &Clock) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = small_shop(clock);
    // Closed cleanly: everything in the file, no -wal.
    stammkunde::store::backup::checkpoint_file(&db).unwrap();
    (dir, db)
}

#[test]
fn a_damaged_file_is_found_at_start_never_written_and_a_good_backup_restores_it() {
    let clock = clock();
    for damage in ["flipped", "halved"] {
        let (_dir, db) = closed_shop(&clock);
        let good = backup::make(&db, Kind::Daily, &clock).unwrap();
        let before = dump_file(Path::new(&good.path)).unwrap();
        match damage {
            "flipped" => flip_middle(&db),
            _ => {
                let bytes = std::fs::read(&db).unwrap();
                std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
            }
        }
        let damaged = std::fs::read(&db).unwrap();
        let found = backup::check_at_start(&db).unwrap();
        assert!(found.is_err(), "{damage}: found at start");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            damaged,
            "{damage}: not written"
        );
        // A backup of a damaged file does not count.
        let err = backup::make(&db, Kind::Manual, &clock).unwrap_err();
        assert!(matches!(problem(err), BackupProblem::Damaged { .. }));
        assert_eq!(backup::list(&db, Lang::De).unwrap().len(), 1);
        // The newest good backup is put back; the damaged file is kept aside.
        let later = clock.advanced(TimeDelta::hours(1));
        let restored = backup::restore(&db, Path::new(&good.path), &later).unwrap();
        assert!(restored.saved.is_none());
        let aside = PathBuf::from(restored.set_aside.expect("set aside"));
        assert!(
            aside.ends_with("shop-beschaedigt-2026-11-22-110000.sqlite3"),
            "{}",
            aside.display()
        );
        assert_eq!(std::fs::read(&aside).unwrap(), damaged);
        assert_eq!(backup::check_at_start(&db).unwrap(), Ok(()));
        assert_eq!(dump_file(&db).unwrap(), before, "{damage}");
    }
}

/// The app checks the file beside its first reads: the start screen reads at once, a
/// write waits until the check has passed — and a damaged file is never written, even by
/// a write asked for while the check still ran.
#[test]
fn the_check_runs_beside_the_first_reads_and_holds_writes_until_it_passes() {
    use stammkunde::store::WriteGate;
    let clock = clock();
    let customers_in = |db: &Path| {
        stammkunde::store::backup::file_facts(db)
            .unwrap()
            .customers
            .unwrap()
    };
    let (_dir, db) = closed_shop(&clock);
    let before = customers_in(&db);
    let mut store = Store::open(&db).unwrap();
    let gate = WriteGate::checking();
    store.hold_writes_until(gate.clone()).unwrap();
    let first = customers::by_number(&store, "10001").expect("reads while the check runs");
    let writer = std::thread::spawn({
        move || {
            let input = CustomerInput {
                last_name: "Neu".into(),
                ..CustomerInput::default()
            };
            let made = customers::create(&mut store, &input, &clock);
            (made, store)
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(gate.checking_now());
    assert_eq!(customers_in(&db), before, "the write waits for the check");
    assert_eq!(backup::check_beside(&db, &gate).unwrap(), Ok(()));
    let (made, store) = writer.join().unwrap();
    made.expect("written once the file passed");
    assert_eq!(customers_in(&db), before + 1);
    assert_eq!(customers::get(&store, first.id).unwrap().id, first.id);
    drop(store);

    let (_dir, db) = closed_shop(&clock);
    flip_middle(&db);
    let damaged = std::fs::read(&db).unwrap();
    let mut store = Store::open(&db).unwrap();
    let gate = WriteGate::checking();
    store.hold_writes_until(gate.clone()).unwrap();
    let found = backup::check_beside(&db, &gate).unwrap();
    assert!(found.is_err(), "found beside the reads");
    let input = CustomerInput {
        last_name: "Neu".into(),
        ..CustomerInput::default()
    };
    let err = customers::create(&mut store, &input, &clock).unwrap_err();
    assert!(matches!(problem(err), BackupProblem::Damaged { .. }));
    drop(store);
    assert_eq!(std::fs::read(&db).unwrap(), damaged, "never written");
}

#[test]
fn a_backup_from_a_newer_app_is_refused_and_an_older_one_is_migrated() {
    let clock = clock();
    let (dir, db) = small_shop(&clock);
    let before = dump_file(&db).unwrap();
    // A backup as a newer Stammkunde would write it.
    let newer = dir
        .path()
        .join("shop-2027-01-01-080000-daily-v9.0.0.sqlite3");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, trashed_at TEXT);
             PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let err = backup::restore(&db, &newer, &clock).unwrap_err();
    assert_eq!(
        problem(err),
        BackupProblem::Newer {
            found: 99,
            supported: Schema::current().version(),
            version: "9.0.0".into()
        }
    );
    assert_eq!(dump_file(&db).unwrap(), before, "nothing changed");
    // One of schema 10 (an app of the first wave) is put back and upgraded on opening.
    let older = dir.path().join("older.sqlite3");
    let scripts: Vec<&str> = (0..10).map(|i| migration_script(i).unwrap()).collect();
    drop(Store::open_with_schema(&older, Schema::from_scripts(&scripts)).unwrap());
    add_old_customer(&older);
    backup::restore(&db, &older, &clock).unwrap();
    assert!(backup::before_migration(&db, &clock).unwrap().is_some());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    let kinds: Vec<Kind> = backup::list(&db, Lang::En)
        .unwrap()
        .iter()
        .map(|b| b.kind)
        .collect();
    assert!(kinds.contains(&Kind::BeforeMigration), "{kinds:?}");
    // Not a backup at all.
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "Einkaufsliste").unwrap();
    let err = backup::restore(&db, &text, &clock).unwrap_err();
    assert!(matches!(problem(err), BackupProblem::NotABackup { .. }));
}

/// A customer in a file of an old schema, written as that version did.
fn add_old_customer(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "INSERT INTO customers (number, kind, last_name, created_at, updated_at, sort_key) \
         VALUES ('1', 'person', 'Alt', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'alt')",
        [],
    )
    .unwrap();
}

#[test]
fn a_missing_or_vanished_folder_and_a_locked_file_get_a_clear_message() {
    let clock = clock();
    let (dir, db) = small_shop(&clock);
    let stick = dir.path().join("usb");
    std::fs::create_dir(&stick).unwrap();
    backup::set_folder(&db, Some(&stick)).unwrap();
    backup::make(&db, Kind::Manual, &clock).unwrap();
    // The stick is pulled.
    std::fs::remove_dir_all(&stick).unwrap();
    let err = backup::make(&db, Kind::Manual, &clock).unwrap_err();
    let message = err.message(Lang::De);
    assert!(message.contains("USB-Stick eingesteckt"), "{message}");
    let status = backup::status(&db, &clock, Lang::De).unwrap();
    assert!(!status.reachable);
    assert!(status.warning.unwrap().contains("nicht erreichbar"));
    assert!(
        !backup::daily_due(&db, &clock).unwrap(),
        "nothing to do without the stick"
    );
    // Choosing a folder that is not there is refused, the old choice stays.
    let err = backup::set_folder(&db, Some(&dir.path().join("nirgends"))).unwrap_err();
    assert!(matches!(problem(err), BackupProblem::FolderMissing { .. }));
    assert_eq!(backup::folder(&db).unwrap(), stick);
    // Back to the folder beside the database.
    backup::set_folder(&db, None).unwrap();
    assert_eq!(backup::folder(&db).unwrap(), dir.path().join("Sicherungen"));
    // Another program holds the file exclusively.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let err = backup::make(&db, Kind::Manual, &clock).unwrap_err();
    assert_eq!(problem(err), BackupProblem::Locked);
    drop(other);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path().join("Sicherungen"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        leftovers.iter().all(|n| !n.contains("partial")),
        "{leftovers:?}"
    );
}

#[test]
fn the_start_screen_warns_when_the_last_backup_is_older_than_a_week() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let status = backup::status(&db, &clock, Lang::En).unwrap();
    assert_eq!(
        status.warning.as_deref(),
        Some("There is no backup of the customer data yet.")
    );
    backup::make(&db, Kind::Daily, &clock).unwrap();
    let week = clock.advanced(TimeDelta::days(7));
    assert_eq!(backup::status(&db, &week, Lang::De).unwrap().warning, None);
    let later = clock.advanced(TimeDelta::days(8));
    let status = backup::status(&db, &later, Lang::De).unwrap();
    assert_eq!(
        status.warning.as_deref(),
        Some("Die letzte Sicherung ist 8 Tage alt (22.11.2026). Bitte jetzt sichern.")
    );
    assert_eq!(status.last.unwrap().customers, Some(40));
}

fn cli(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .args(["--lang", "de", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_backs_up_lists_checks_and_restores() {
    let clock = clock();
    let (dir, db) = closed_shop(&clock);
    let before = dump_file(&db).unwrap();
    let (code, out, err) = cli(&db, &["--json", "backup"]);
    assert_eq!(code, Some(0), "{err}");
    let made: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(made["kind"], "manual");
    assert_eq!(made["customers"], 40);
    let stick = dir.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let (code, out, _) = cli(&db, &["backup", "--to", stick.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(out.contains("stick/shop-"), "{out}");
    let (code, out, _) = cli(&db, &["--json", "backup", "list"]);
    assert_eq!(code, Some(0));
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        listed.len(),
        1,
        "the stick's copy is not in the backup folder"
    );
    assert_eq!(cli(&db, &["check", "--full"]).0, Some(0));

    flip_middle(&db);
    let (code, _, err) = cli(&db, &["check"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("beschädigt"), "{err}");
    // No other command writes to it.
    let damaged = std::fs::read(&db).unwrap();
    let (code, _, err) = cli(&db, &["customers", "list"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), damaged);

    let (code, out, err) = cli(&db, &["restore", made["path"].as_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("beschaedigt"),
        "the damaged file was set aside: {out}"
    );
    assert_eq!(dump_file(&db).unwrap(), before);
    assert_eq!(cli(&db, &["check", "--full"]).0, Some(0));
}

#[test]
fn a_disk_that_fills_up_during_the_copy_leaves_nothing_half_written() {
    let clock = clock();
    let (dir, db) = closed_shop(&clock);
    let before = dump_file(&db).unwrap();
    // The CLI may write files of at most 100 KiB (SIGXFSZ ignored, so the write fails with
    // EFBIG as on a full stick): the copy of the 400 KiB file breaks off part way.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_stammkunde-cli"))
        .args(["--lang", "de", "--db"])
        .arg(&db)
        .arg("backup")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("konnte nicht nach"), "{err}");
    assert!(
        err.contains("Die unvollständige Kopie wurde entfernt"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path().join("Sicherungen"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "nothing half written: {left:?}");
    assert_eq!(dump_file(&db).unwrap(), before);
    // With room again, the next backup works.
    backup::make(&db, Kind::Manual, &clock).unwrap();
}

#[test]
fn a_backup_rotation_drops_while_restoring_it_is_still_restored() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let before = dump_file(&db).unwrap();
    let chosen = backup::make(&db, Kind::BeforeImport, &clock).unwrap();
    add_customer(&db, "Später", &clock);
    backup::make(&db, Kind::Daily, &clock.advanced(TimeDelta::days(1))).unwrap();
    // 45 days on, the import's backup is past its 30 days: the backup made before the
    // restore rotates it away — after it was taken.
    let later = clock.advanced(TimeDelta::days(45));
    let restored = backup::restore(&db, Path::new(&chosen.path), &later).unwrap();
    assert_eq!(restored.saved.unwrap().customers, Some(41));
    assert!(!Path::new(&chosen.path).exists(), "rotated away");
    assert_eq!(dump_file(&db).unwrap(), before);
}

fn folder_names(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(backup::folder(db).unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_operation_goes_on_after_the_copy_and_the_copy_counts_once_checked() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let before = dump_file(&db).unwrap();
    let target = backup::before(&db, Kind::BeforeImport, &clock)
        .unwrap()
        .expect("a backup before an import");
    // The operation writes at once, while the copy is being checked.
    add_customer(&db, "Gleich danach", &clock);
    backup::wait_for_checks();
    assert!(target.is_file(), "{target:?} not named");
    assert_eq!(dump_file(&target).unwrap(), before);
    assert_eq!(check_file(&target, true).unwrap(), Ok(()));
    let names = folder_names(&db);
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "nothing unchecked or partial left: {names:?}"
    );
    let listed = backup::list(&db, Lang::De).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, Kind::BeforeImport);
    assert_eq!(listed[0].customers, Some(40));
    assert_eq!(backup::status(&db, &clock, Lang::De).unwrap().warning, None);
}

#[test]
fn a_copy_left_unchecked_is_named_when_sound_and_removed_when_damaged() {
    let clock = clock();
    let (_dir, db) = small_shop(&clock);
    let folder = backup::folder(&db).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    // What a process killed between the copy and its check leaves behind.
    let sound = ".shop-2026-11-22-095000-before-import-v0.1.0.sqlite3.unchecked";
    let damaged = ".shop-2026-11-22-095500-before-merge-v0.1.0.sqlite3.unchecked";
    stammkunde::store::backup::copy_file(&db, &folder.join(sound)).unwrap();
    stammkunde::store::backup::copy_file(&db, &folder.join(damaged)).unwrap();
    flip_middle(&folder.join(damaged));
    // A file of another program with a similar name is left alone.
    std::fs::write(folder.join(".other.unchecked"), b"x").unwrap();
    let finished = backup::finish_leftovers(&db, &clock).unwrap();
    assert_eq!(finished.len(), 1);
    assert_eq!(
        finished[0].file_name,
        "shop-2026-11-22-095000-before-import-v0.1.0.sqlite3"
    );
    assert_eq!(
        folder_names(&db),
        vec![
            ".other.unchecked".to_owned(),
            "shop-2026-11-22-095000-before-import-v0.1.0.sqlite3".to_owned()
        ]
    );
    // A merge series counts a copy still being checked as its backup.
    let merge = ".shop-2026-11-22-095900-before-merge-v0.1.0.sqlite3.unchecked";
    std::fs::write(folder.join(merge), b"").unwrap();
    assert!(
        backup::before(&db, Kind::BeforeMerge, &clock)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_copy_that_fails_its_check_behind_an_operation_never_counts_and_is_reported() {
    let clock = clock();
    let (_dir, db) = closed_shop(&clock);
    flip_middle(&db);
    // The copy takes the damaged page as it is; only the full check finds it.
    let target = backup::before(&db, Kind::BeforeImport, &clock)
        .unwrap()
        .expect("a copy is taken");
    backup::wait_for_checks();
    assert!(!target.exists());
    assert!(
        folder_names(&db).is_empty(),
        "nothing left: {:?}",
        folder_names(&db)
    );
    let warning = backup::status(&db, &clock, Lang::De)
        .unwrap()
        .warning
        .unwrap();
    assert!(
        warning.starts_with("Die Sicherung vor dem letzten Vorgang ist fehlgeschlagen:"),
        "{warning}"
    );
}
