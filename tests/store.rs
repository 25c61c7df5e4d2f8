//! Opening databases and migrating their schema.

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use stammkunde::customers::{self, CustomerInput};
use stammkunde::store::{Schema, resolve_db_path};
use stammkunde::{Error, Lang, Store};
use std::path::Path;

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn tables(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn migrates_an_empty_file_to_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("kunden.sqlite3");
    let store = Store::open(&path).unwrap();
    let current = Schema::current().version();
    assert!(current >= 1);
    assert_eq!(store.schema_version().unwrap(), current);
    drop(store);
    assert_eq!(user_version(&path), i64::from(current));
    assert!(tables(&path).contains(&"customers".to_owned()));
}

#[test]
fn connection_uses_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let _store = Store::open(&path).unwrap();
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_is_a_no_op_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let now = stammkunde::Clock::at(
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
        chrono::FixedOffset::east_opt(3600).unwrap(),
    );
    {
        let mut store = Store::open(&path).unwrap();
        let input = CustomerInput {
            last_name: "Meier".into(),
            ..Default::default()
        };
        customers::create(&mut store, &input, &now).unwrap();
    }
    let before = tables(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(tables(&path), before);
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    assert_eq!(customers::list(&store, None, 10).unwrap().total, 1);
}

#[test]
fn refuses_a_database_from_a_newer_version_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    let newer = i64::from(Schema::current().version()) + 1;
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future_thing (x INTEGER);")
            .unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
    }
    let bytes_before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerDatabase { found, supported }
            if i64::from(found) == newer && supported == Schema::current().version()),
        "{err:?}"
    );
    assert!(err.message(Lang::De).contains("neueren Stammkunde-Version"));
    assert!(err.message(Lang::En).contains("newer version"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes_before,
        "the file must stay as it was"
    );
    assert!(!dir.path().join("future.sqlite3-wal").exists());
}

#[test]
fn a_failing_migration_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite3");
    let v1: &[&str] = &["CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT) STRICT;"];
    {
        let store = Store::open_with_schema(&path, Schema::from_scripts(v1)).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
    }
    Connection::open(&path)
        .unwrap()
        .execute("INSERT INTO a (v) VALUES ('kept')", [])
        .unwrap();

    // Two pending migrations: the first would succeed alone, the second fails half-way.
    let broken: &[&str] = &[
        v1[0],
        "CREATE TABLE b (id INTEGER PRIMARY KEY) STRICT;",
        "ALTER TABLE a ADD COLUMN w TEXT; INSERT INTO no_such_table VALUES (1);",
    ];
    let err = Store::open_with_schema(&path, Schema::from_scripts(broken)).unwrap_err();
    assert!(matches!(err, Error::Migration(_)), "{err:?}");

    assert_eq!(user_version(&path), 1);
    assert_eq!(tables(&path), vec!["a".to_owned()]);
    let conn = Connection::open(&path).unwrap();
    let cols: i64 = conn
        .query_row("SELECT count(*) FROM pragma_table_info('a')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(cols, 2, "column w must not have been added");
    let v: String = conn.query_row("SELECT v FROM a", [], |r| r.get(0)).unwrap();
    assert_eq!(v, "kept");
}

#[test]
fn upgrades_from_every_earlier_schema() {
    let all = Schema::current();
    let scripts: Vec<&str> = (0..all.version() as usize)
        .map(|i| stammkunde::store::migration_script(i).unwrap())
        .collect();
    for done in 0..scripts.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        if done > 0 {
            Store::open_with_schema(&path, Schema::from_scripts(&scripts[..done])).unwrap();
            assert_eq!(user_version(&path), done as i64);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            all.version(),
            "from schema {done}"
        );
    }
}

#[test]
fn db_path_prefers_the_explicit_path() {
    let explicit = Path::new("/tmp/explicit.sqlite3");
    assert_eq!(resolve_db_path(Some(explicit)).unwrap(), explicit);
}

#[test]
fn schema_6_moves_full_birthdays_into_day_month_year_and_reindexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("five.sqlite3");
    let five: Vec<&str> = (0..5)
        .map(|i| stammkunde::store::migration_script(i).unwrap())
        .collect();
    Store::open_with_schema(&path, Schema::from_scripts(&five)).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO customers (number, kind, first_name, last_name, birthday, sort_key,
                 created_at, updated_at)
             VALUES ('10001', 'person', 'Hans', 'Müller', '1961-03-14', 'muller hans',
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let found = customers::search(&store, "mueller", 10).unwrap();
    assert_eq!(found.total, 1);
    let hans = customers::get(&store, found.items[0].id).unwrap();
    assert_eq!(
        hans.birthday,
        stammkunde::soft_facts::PartialDate::new(14, 3, Some(1961))
    );
    assert!(hans.tags.is_empty() && hans.relations.is_empty());
}

/// Schema 8 rewrites two CHECK rules in the stored table definition: a schema-7 file with
/// customers opens, is intact, keeps its rows, and the rules allow exactly what they did.
#[test]
fn schema_8_keeps_the_salutation_and_address_form_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seven.sqlite3");
    let seven: Vec<&str> = (0..7)
        .map(|i| stammkunde::store::migration_script(i).unwrap())
        .collect();
    Store::open_with_schema(&path, Schema::from_scripts(&seven)).unwrap();
    let insert = |conn: &Connection, number: &str, salutation: &str, form: &str| {
        conn.execute(
            "INSERT INTO customers (number, kind, last_name, salutation, address_form, sort_key,
                 created_at, updated_at)
             VALUES (?1, 'person', 'Müller', ?2, ?3, 'muller', '2026-01-01T00:00:00Z',
                 '2026-01-01T00:00:00Z')",
            [number, salutation, form],
        )
    };
    {
        let conn = Connection::open(&path).unwrap();
        insert(&conn, "1", "ms", "du").unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let definition: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customers'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!definition.contains("salutation IN"), "{definition}");
    assert!(!definition.contains("address_form IN"), "{definition}");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE salutation = 'ms'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 1);
    for (i, (salutation, form)) in [("", ""), ("mr", "sie"), ("ms", "du")].iter().enumerate() {
        insert(&conn, &format!("ok{i}"), salutation, form).unwrap();
    }
    for (i, (salutation, form)) in [("mrs", ""), ("MR", ""), ("", "ihr"), ("", "Sie")]
        .iter()
        .enumerate()
    {
        let refused = insert(&conn, &format!("bad{i}"), salutation, form).unwrap_err();
        assert!(
            refused.to_string().contains("CHECK constraint failed"),
            "{refused}"
        );
    }
}

/// Schema 14 keeps each complaint's state in `complaint_status` alone: an upgrade from 13
/// leaves every complaint as it was (open, in progress, solved with its day), and solving
/// or reopening afterwards writes the status itself (no trigger copies it any more).
#[test]
fn schema_14_keeps_every_complaints_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thirteen.sqlite3");
    let thirteen: Vec<&str> = (0..13)
        .map(|i| stammkunde::store::migration_script(i).unwrap())
        .collect();
    Store::open_with_schema(&path, Schema::from_scripts(&thirteen)).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (id, number, kind, last_name, sort_key, created_at, updated_at)
             VALUES (1, '1', 'person', 'Alt', 'alt', '2026-01-01 00:00:00+00:00',
                 '2026-01-01 00:00:00+00:00');
             INSERT INTO interactions (id, customer_id, at, channel, direction, summary,
                 complaint, created_at)
             VALUES (1, 1, '2026-02-01T10:00', 'phone', 'inbound', 'offen', 1, '2026-02-01 10:00:00+00:00'),
                    (2, 1, '2026-02-02T10:00', 'phone', 'inbound', 'dran', 1, '2026-02-02 10:00:00+00:00'),
                    (3, 1, '2026-02-03T10:00', 'visit', 'inbound', 'gelöst', 1, '2026-02-03 10:00:00+00:00'),
                    (4, 1, '2026-02-04T10:00', 'phone', 'outbound', 'Anruf', 0, '2026-02-04 10:00:00+00:00');
             UPDATE interactions SET complaint_status = 'in_progress', complaint_owner = NULL
              WHERE id = 2;
             UPDATE interactions SET complaint_resolved_on = '2026-02-10',
                 complaint_resolution = 'Ersatz geschickt' WHERE id = 3;",
        )
        .unwrap();
    }
    let states = |conn: &Connection| -> Vec<(i64, Option<String>, Option<String>)> {
        conn.prepare(
            "SELECT id, complaint_status, complaint_resolved_on FROM interactions ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let before = states(&Connection::open(&path).unwrap());
    assert_eq!(before[1].1.as_deref(), Some("in_progress"));
    assert_eq!(
        before[2].1.as_deref(),
        Some("solved"),
        "schema 13's trigger"
    );

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Schema::current().version());
    let after = states(&Connection::open(&path).unwrap());
    assert_eq!(after, before, "every complaint keeps its state and day");
    let open = stammkunde::complaints::open_for(&store, customers::CustomerId(1)).unwrap();
    assert_eq!(
        open.iter().map(|c| c.id.0).collect::<Vec<_>>(),
        [1, 2],
        "open and in progress are open"
    );

    // Solving through the care plan writes the status; a new complaint starts open.
    let clock = stammkunde::Clock::at(
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
        chrono::FixedOffset::east_opt(3600).unwrap(),
    );
    stammkunde::care::shop::resolve_complaint(
        &mut store,
        stammkunde::interactions::InteractionId(1),
        &clock,
    )
    .unwrap();
    let call = stammkunde::interactions::InteractionInput {
        at: "01.03.2026 09:30".into(),
        summary: "Neue Beschwerde".into(),
        complaint: true,
        ..Default::default()
    };
    let new =
        stammkunde::interactions::add(&mut store, customers::CustomerId(1), &call, &clock).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let now = states(&conn);
    assert_eq!(now[0].1.as_deref(), Some("solved"));
    assert_eq!(now[0].2.as_deref(), Some("2026-03-01"));
    let fresh = now.iter().find(|s| s.0 == new.id.0).unwrap();
    assert_eq!(fresh.1.as_deref(), Some("open"));
    let triggers: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
              AND name LIKE 'interactions_complaint_status%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 0, "no trigger copies the state any more");
}
