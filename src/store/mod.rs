//! The one place that speaks SQL: opening the database file, the connection pragmas,
//! schema migrations, and one submodule per table.

mod agenda;
pub mod backup;
mod batch;
mod calendar;
mod complaints;
mod contacts;
mod customer_list;
mod customers;
mod demo;
mod duplicates;
mod employees;
mod filters;
mod greetings;
mod imports;
mod interactions;
mod losses;
mod loyalty;
mod loyalty_demo;
mod merges;
mod news;
mod next_steps;
pub(crate) use next_steps::NewStepEvent;
mod plan;
pub mod privacy;
mod rewards;
mod rows;
mod search_text;
mod settings;
pub(crate) mod surveys;
mod transactions;
pub(crate) mod value;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

pub(crate) use batch::{NewConsent, NewCustomerRecord};
pub use customers::ListCursor;
pub use duplicates::LookAlikes;

/// The schema migrations shipped with this version, in order. Each is applied once; all
/// pending ones run in a single transaction, so a failure leaves the file as it was.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_customers.sql"),
    include_str!("migrations/0002_timeline.sql"),
    include_str!("migrations/0003_customer_search.sql"),
    include_str!("migrations/0004_last_verified.sql"),
    include_str!("migrations/0005_contacts.sql"),
    include_str!("migrations/0006_customer_facts.sql"),
    include_str!("migrations/0007_merges.sql"),
    include_str!("migrations/0008_faster_checks.sql"),
    include_str!("migrations/0009_customer_value.sql"),
    include_str!("migrations/0010_care.sql"),
    include_str!("migrations/0011_loyalty.sql"),
    include_str!("migrations/0012_surveys.sql"),
    include_str!("migrations/0013_complaints.sql"),
    include_str!("migrations/0014_complaint_status.sql"),
    include_str!("migrations/0015_privacy.sql"),
    include_str!("migrations/0016_p_alive_before.sql"),
    include_str!("migrations/0017_next_steps.sql"),
    include_str!("migrations/0018_profile_changes.sql"),
];

/// The SQL of shipped migration `index` (0-based), for tests that build older schemas.
pub fn migration_script(index: usize) -> Option<&'static str> {
    MIGRATIONS.get(index).copied()
}

/// An ordered list of migration scripts. The product uses [`Schema::current`]; tests build
/// other lists to exercise upgrades and failures.
#[derive(Debug, Clone, Copy)]
pub struct Schema<'a> {
    scripts: &'a [&'a str],
}

impl<'a> Schema<'a> {
    /// The schema this version of Stammkunde writes.
    pub fn current() -> Schema<'static> {
        Schema {
            scripts: MIGRATIONS,
        }
    }

    /// A schema made of the given scripts, applied in order.
    pub fn from_scripts(scripts: &'a [&'a str]) -> Self {
        Schema { scripts }
    }

    /// The schema version a database has after all scripts ran.
    pub fn version(&self) -> u32 {
        u32::try_from(self.scripts.len()).unwrap_or(u32::MAX)
    }

    fn migrations(&self) -> Migrations<'a> {
        Migrations::new(self.scripts.iter().map(|sql| M::up(sql)).collect())
    }
}

/// An open Stammkunde database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// Who works the app now ([`Store::set_actor`]).
    actor: Option<crate::employees::EmployeeId>,
    /// The look-alike index kept between calls ([`Store::with_look_alikes`]).
    look_alikes: std::sync::Mutex<Option<duplicates::LookAlikes>>,
    /// While the file's check at start still runs: writes wait for it ([`WriteGate`]).
    gate: Option<Arc<WriteGate>>,
}

/// Holds a store's writes back until its file has passed the check at start, which runs
/// beside the first reads: the check of a shop of 100,000 customers takes 1.5 s, and the
/// start screen need not wait for it. Meanwhile the connection is `query_only`, so even a
/// write that does not go through [`Store::write`] cannot touch a file not yet checked.
#[derive(Debug)]
pub struct WriteGate {
    state: Mutex<Gate>,
    changed: Condvar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Gate {
    Checking,
    Open,
    /// The check found the file damaged (what SQLite said), or could not read it.
    Shut(String),
}

impl WriteGate {
    /// A gate that holds writes until [`WriteGate::open`] or [`WriteGate::shut`].
    pub fn checking() -> Arc<WriteGate> {
        Arc::new(WriteGate {
            state: Mutex::new(Gate::Checking),
            changed: Condvar::new(),
        })
    }

    /// The file passed: writes go ahead.
    pub fn open(&self) {
        self.set(Gate::Open);
    }

    /// The file is damaged (or unreadable): writes are refused with `detail`.
    pub fn shut(&self, detail: String) {
        self.set(Gate::Shut(detail));
    }

    fn set(&self, gate: Gate) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = gate;
        self.changed.notify_all();
    }

    /// Waits until the check has ended: `None` when the file passed, else what was wrong.
    pub fn wait(&self) -> Option<String> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while *state == Gate::Checking {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        match &*state {
            Gate::Shut(detail) => Some(detail.clone()),
            _ => None,
        }
    }

    /// Whether the check still runs.
    pub fn checking_now(&self) -> bool {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) == Gate::Checking
    }
}

/// The name of the environment variable that overrides the database location.
pub const DB_ENV: &str = "STAMMKUNDE_DB";

/// Where the database lives: the path given explicitly, else `$STAMMKUNDE_DB`, else
/// `stammkunde.sqlite3` in the user's data directory (`~/.local/share/Stammkunde` on
/// Linux, `%APPDATA%\Stammkunde` on Windows, `~/Library/Application Support/Stammkunde`
/// on macOS).
pub fn resolve_db_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dir = dirs::data_dir().ok_or(Error::NoDataDir)?;
    Ok(dir.join("Stammkunde").join("stammkunde.sqlite3"))
}

impl Store {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_schema(path, Schema::current())
    }

    /// Opens the database file with a given schema; see [`Schema`].
    /// A connection that only reads an up-to-date file: it neither creates nor migrates
    /// it, and cannot write (work done beside the app's own connection, such as the start
    /// screen's first data).
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let found = user_version(&conn)?;
        let supported = Schema::current().version();
        if found != supported {
            return Err(Error::Internal(format!(
                "schema {found} where {supported} was expected"
            )));
        }
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -32_000)?;
        // A memory map reads about a tenth faster; this connection is closed after its
        // work, and the map with it (see `prepare` for the app's own connection).
        conn.pragma_update(None, "mmap_size", 268_435_456)?;
        Ok(Store {
            conn,
            actor: None,
            look_alikes: std::sync::Mutex::new(None),
            gate: None,
        })
    }

    /// Holds every write back until `gate` opens (see [`WriteGate`]).
    pub fn hold_writes_until(&mut self, gate: Arc<WriteGate>) -> Result<()> {
        self.conn.pragma_update(None, "query_only", "ON")?;
        self.gate = Some(gate);
        Ok(())
    }

    /// Waits for the check at start, if it still runs; refuses to write to a file it
    /// found damaged.
    fn pass_gate(&mut self) -> Result<()> {
        let Some(gate) = &self.gate else {
            return Ok(());
        };
        if let Some(detail) = gate.wait() {
            return Err(Error::Backup(crate::backup::BackupProblem::Damaged {
                file: self.conn.path().map(PathBuf::from).unwrap_or_default(),
                detail,
            }));
        }
        self.conn.pragma_update(None, "query_only", "OFF")?;
        self.gate = None;
        Ok(())
    }

    /// Changes to the file since an earlier stamp of this connection: commits by other
    /// connections (`PRAGMA data_version`) and rows this one changed.
    pub fn change_stamp(&self) -> Result<(i64, u64)> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((version, self.conn.total_changes()))
    }

    pub fn open_with_schema(path: &Path, schema: Schema<'_>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        Store::prepare(conn, schema)
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, Schema::current())
    }

    fn prepare(mut conn: Connection, schema: Schema<'_>) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Look before touching anything: a newer file must stay exactly as it is, and
        // switching the journal mode would already write to it.
        let found = user_version(&conn)?;
        if found > schema.version() {
            return Err(Error::NewerDatabase {
                found,
                supported: schema.version(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Statement journals and sorting in memory, not in temporary files; 32 MiB of page
        // cache instead of 2 for lists and imports over 100,000 customers.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -32_000)?;
        // No memory map of the file: every page read through it would count as the
        // app's own memory for as long as the connection is open (up to 256 MiB after a
        // value refresh of a large shop), while the operating system's page cache keeps
        // the file as warm without. Reads are about a tenth slower (the care bench's
        // agenda 191–249 ms instead of 168–194 ms).
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        schema.migrations().to_latest(&mut conn)?;
        Ok(Store {
            conn,
            actor: None,
            look_alikes: std::sync::Mutex::new(None),
            gate: None,
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        user_version(&self.conn)
    }

    /// Runs `f` in one write transaction: everything it did is committed together, or
    /// nothing is when it fails. Inside [`Store::atomically`] it runs in the outer
    /// transaction, committed only with it; its failure rolls back the whole action. (Not
    /// a savepoint each: FTS5 writes its pending index data out at every savepoint, and
    /// thousands of them made the demo shop's one transaction quadratic.)
    fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn);
        }
        self.pass_gate()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs several writes as one user action (the demo shop: customers, care, loyalty
    /// and surveys): all are committed together, or none when one fails or the process
    /// dies meanwhile.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.pass_gate()?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_migrations_are_valid() {
        Schema::current().migrations().validate().unwrap();
    }
}
