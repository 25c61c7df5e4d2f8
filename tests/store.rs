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
