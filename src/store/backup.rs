//! The database file as a whole: SQLite's online backup into another file, the integrity
//! checks, and a read-only look into a file (its schema and how many customers it holds).
//! Each opens its own connection, so the app's connection stays free while a backup of a
//! large shop runs.

use super::{Store, user_version};
use crate::error::Result;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a backup waits for a writer of another program to let go of the file.
const BUSY: Duration = Duration::from_secs(5);

/// A connection that can never write to the file.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY)?;
    Ok(conn)
}

/// What SQLite's check found wrong with a file, as it worded it; `Ok(())` when nothing.
pub type Damage = std::result::Result<(), String>;

/// Checks the file without writing to it: `PRAGMA quick_check` (the b-trees, seconds for
/// a large file) or, with `full`, `PRAGMA integrity_check` (also every index against its
/// table). A file that is no database at all, or cut short, is damaged too. An error is
/// returned only when the file cannot be read (missing, no permission, locked).
pub fn check_file(path: &Path, full: bool) -> Result<Damage> {
    if !path.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} not found", path.display()),
        )
        .into());
    }
    let conn = match open_read_only(path) {
        Ok(conn) => conn,
        Err(e) if is_damage(&e) => return Ok(Err(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    // 256 MiB of page cache: the quick check of the 689 MiB demo shop takes 1.5 s instead
    // of 2.9 s (memory is only taken as pages are read, and freed when this returns).
    // A file too damaged for even this is judged by the check below.
    let _ = conn.pragma_update(None, "cache_size", -262_144);
    let pragma = if full {
        "PRAGMA integrity_check(20)"
    } else {
        "PRAGMA quick_check(20)"
    };
    let found: rusqlite::Result<Vec<String>> = conn
        .prepare(pragma)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match found {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(Ok(())),
        Ok(lines) => Ok(Err(lines.join("; "))),
        Err(e) if is_damage(&e) => Ok(Err(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// "malformed", "not a database": the file's content is wrong, not the access to it.
pub(crate) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Copies the database at `source` into a new file `target` with SQLite's online backup:
/// one consistent snapshot, taken in one step from a read transaction of its own, so in
/// WAL mode the app keeps writing meanwhile (its writes are simply not in the copy). The
/// copy is a single file (journal mode DELETE), flushed to the disk before this returns.
pub fn copy_file(source: &Path, target: &Path) -> Result<()> {
    let from = open_read_only(source)?;
    let mut to = Connection::open(target)?;
    {
        let backup = Backup::new(&from, &mut to)?;
        let mut waited = Duration::ZERO;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if waited < BUSY => {
                    std::thread::sleep(Duration::from_millis(50));
                    waited += Duration::from_millis(50);
                }
                StepResult::Busy | StepResult::Locked => {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    )
                    .into());
                }
                _ => {}
            }
        }
    }
    to.pragma_update(None, "journal_mode", "DELETE")?;
    to.close().map_err(|(_, e)| e)?;
    std::fs::File::open(target)?.sync_all()?;
    Ok(())
}

/// What a database file holds, read without writing to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    /// Its schema version (`PRAGMA user_version`).
    pub schema: u32,
    /// Customers not in the trash; `None` for a file without a customer table.
    pub customers: Option<u64>,
}

pub fn file_facts(path: &Path) -> Result<FileFacts> {
    let conn = open_read_only(path)?;
    let schema = user_version(&conn)?;
    let customers = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE trashed_at IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok()
        .map(|n| n.max(0) as u64);
    Ok(FileFacts { schema, customers })
}

/// Writes everything of the write-ahead log into the file itself and empties the log, so
/// the `-wal` file holds nothing the file lacks (before the file is replaced).
pub fn checkpoint_file(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

impl Store {
    /// The file this store is open on (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.conn.path().filter(|p| !p.is_empty()).map(Path::new)
    }
}

/// Every row of every table of the file, in table and row order, one line each: two files
/// with the same dump hold the same data (tests of backup, restore and crashes compare
/// them). Read without writing.
pub fn dump_file(path: &Path) -> Result<String> {
    let conn = open_read_only(path)?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = format!("schema {}\n", user_version(&conn)?);
    for table in tables {
        let quoted = table.replace('"', "\"\"");
        let columns = conn
            .prepare(&format!("SELECT * FROM \"{quoted}\" LIMIT 0"))?
            .column_count();
        let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!(
            "SELECT * FROM \"{quoted}\" ORDER BY {}",
            order.join(", ")
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            out.push_str(&table);
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i)?;
                out.push_str(&format!("|{value:?}"));
            }
            out.push('\n');
        }
    }
    Ok(out)
}
