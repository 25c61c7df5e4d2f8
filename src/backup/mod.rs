//! Nothing lost: automatic backups of the database file, their rotation, the check at
//! start, and restoring a backup.
//!
//! A backup is SQLite's online backup of the file into the backup folder (the
//! `Sicherungen` folder beside the database, or one the owner picked: a USB stick, a
//! network share), checked with `PRAGMA integrity_check` before it gets its name — so every
//! file named like a backup is a good one. The name says when, why and by which version:
//! `stammkunde-2026-12-03-093012-daily-v0.1.0.sqlite3`. Backups are made at start (at most
//! once a day), before a migration and before a bulk operation (import, merge, restore);
//! [`rotation`] says which stay.

mod problem;
pub mod rotation;

pub use problem::BackupProblem;

use crate::Clock;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store::Schema;
use crate::store::backup::{self as file, Damage};
use chrono::{NaiveDateTime, SubsecRound, TimeDelta};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The version of Stammkunde writing the backups (the core and the app share it).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The folder beside the database that holds its backups unless the owner picked another.
pub const DEFAULT_FOLDER: &str = "Sicherungen";

/// The start screen warns when the newest good backup is older than this many days.
pub const WARN_AFTER_DAYS: i64 = 7;

/// Before a merge, a backup unless one was made this many minutes ago: merging down the
/// duplicates list is one sitting, and each merge can be undone besides.
pub const MERGE_BACKUP_MINUTES: i64 = 10;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// At start, at most once a day.
    Daily,
    /// By the owner ("Jetzt sichern", `stammkunde-cli backup`): never deleted by rotation.
    Manual,
    BeforeMigration,
    BeforeImport,
    BeforeMerge,
    BeforeRestore,
    /// Before customers are erased (it expires with the rotation, after 30 days).
    BeforeErase,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Daily,
        Kind::Manual,
        Kind::BeforeMigration,
        Kind::BeforeImport,
        Kind::BeforeMerge,
        Kind::BeforeRestore,
        Kind::BeforeErase,
    ];

    /// The word in the file name.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Daily => "daily",
            Kind::Manual => "manual",
            Kind::BeforeMigration => "before-migration",
            Kind::BeforeImport => "before-import",
            Kind::BeforeMerge => "before-merge",
            Kind::BeforeRestore => "before-restore",
            Kind::BeforeErase => "before-erase",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Daily => lang.pick("Täglich beim Start", "Daily at start"),
            Kind::Manual => lang.pick("Von Hand", "By hand"),
            Kind::BeforeMigration => lang.pick("Vor dem Update", "Before the upgrade"),
            Kind::BeforeImport => lang.pick("Vor einem Import", "Before an import"),
            Kind::BeforeMerge => lang.pick("Vor dem Zusammenführen", "Before a merge"),
            Kind::BeforeRestore => lang.pick("Vor dem Wiederherstellen", "Before a restore"),
            Kind::BeforeErase => lang.pick("Vor einer Löschung", "Before an erasure"),
        }
    }
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// When it was made, the shop's local time.
    pub made: NaiveDateTime,
    pub kind: Kind,
    pub kind_label: String,
    pub app_version: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub bytes: u64,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub customers: Option<u64>,
    pub schema: u32,
}

/// The name's parts: `{stem}-{date}-{time}-{kind}-v{version}.sqlite3`.
fn file_name(stem: &str, made: NaiveDateTime, kind: Kind) -> String {
    format!(
        "{stem}-{}-{}-v{APP_VERSION}.sqlite3",
        made.format("%Y-%m-%d-%H%M%S"),
        kind.slug()
    )
}

fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, Kind, String)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".sqlite3")?;
    let (rest, version) = rest.rsplit_once("-v")?;
    let made = NaiveDateTime::parse_from_str(rest.get(..17)?, "%Y-%m-%d-%H%M%S").ok()?;
    let slug = rest.get(17..)?.strip_prefix('-')?;
    let kind = Kind::ALL.into_iter().find(|k| k.slug() == slug)?;
    Some((made, kind, version.to_owned()))
}

/// The files in `folder` named like a backup of the database with this stem: path, when
/// made, why.
fn named(folder: &Path, stem: &str) -> std::io::Result<Vec<(PathBuf, NaiveDateTime, Kind)>> {
    Ok(std::fs::read_dir(folder)?
        .flatten()
        .filter_map(|e| {
            let (made, kind, _) = parse_name(stem, &e.file_name().to_string_lossy())?;
            Some((e.path(), made, kind))
        })
        .collect())
}

/// [`named`] and the copies still being checked, by the name they will have.
fn named_or_unchecked(
    folder: &Path,
    stem: &str,
) -> std::io::Result<Vec<(PathBuf, NaiveDateTime, Kind)>> {
    Ok(std::fs::read_dir(folder)?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let name = name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(".unchecked"))
                .unwrap_or(&name);
            let (made, kind, _) = parse_name(stem, name)?;
            Some((e.path(), made, kind))
        })
        .collect())
}

fn stem(db: &Path) -> String {
    db.file_stem().map_or_else(
        || "stammkunde".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn db_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Where the backups go, kept beside the database (not in it: a damaged database must
/// still find its backups).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// A folder the owner picked; `None` for the `Sicherungen` folder beside the database.
    pub folder: Option<String>,
}

fn settings_path(db: &Path) -> PathBuf {
    db_dir(db).join(format!("{}-backup.json", stem(db)))
}

pub fn settings(db: &Path) -> Result<BackupSettings> {
    match std::fs::read(settings_path(db)) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_default()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BackupSettings::default()),
        Err(e) => Err(e.into()),
    }
}

/// Picks the backup folder (`None`: the one beside the database). The folder must exist
/// and take a file; the settings are replaced in one rename.
pub fn set_folder(db: &Path, folder: Option<&Path>) -> Result<BackupSettings> {
    if let Some(folder) = folder {
        if !folder.is_dir() {
            return Err(Error::Backup(BackupProblem::FolderMissing {
                folder: folder.to_path_buf(),
            }));
        }
        let probe = folder.join(format!(".{}-probe", stem(db)));
        std::fs::write(&probe, b"")
            .and_then(|()| std::fs::remove_file(&probe))
            .map_err(|e| classify(e.into(), folder))?;
    }
    let settings = BackupSettings {
        folder: folder.map(|f| f.to_string_lossy().into_owned()),
    };
    let path = settings_path(db);
    let tmp = path.with_extension("json.tmp");
    let json = serde_json::to_vec_pretty(&settings).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, &path)?;
    Ok(settings)
}

/// The backup folder in effect.
pub fn folder(db: &Path) -> Result<PathBuf> {
    Ok(match settings(db)?.folder {
        Some(f) => PathBuf::from(f),
        None => db_dir(db).join(DEFAULT_FOLDER),
    })
}

/// Turns what the file system or SQLite said into the cause and what to do.
fn classify(e: Error, folder: &Path) -> Error {
    use std::io::ErrorKind as Io;
    let folder = folder.to_path_buf();
    let gone = |folder: PathBuf| {
        if folder.is_dir() {
            None
        } else {
            Some(BackupProblem::Vanished { folder })
        }
    };
    let problem = match &e {
        Error::Io(io) => match io.kind() {
            Io::NotFound => gone(folder),
            Io::PermissionDenied | Io::ReadOnlyFilesystem => {
                Some(BackupProblem::ReadOnly { folder })
            }
            Io::StorageFull | Io::QuotaExceeded => Some(BackupProblem::DiskFull { folder }),
            _ => gone(folder),
        },
        Error::Sqlite(s) => match s.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => Some(BackupProblem::DiskFull { folder }),
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
                Some(BackupProblem::ReadOnly { folder })
            }
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Some(BackupProblem::Locked)
            }
            Some(rusqlite::ErrorCode::CannotOpen) => {
                gone(folder.clone()).or(Some(BackupProblem::ReadOnly { folder }))
            }
            Some(rusqlite::ErrorCode::SystemIoFailure) => {
                gone(folder.clone()).or(Some(BackupProblem::WriteFailed { folder }))
            }
            _ => gone(folder),
        },
        _ => None,
    };
    problem.map_or(e, Error::Backup)
}

/// Makes a backup of the database file `db` now: copied, checked in full, then named.
/// A copy that fails (full disk, folder gone, a damaged database) is removed and the
/// error says why; the database itself is only read. Rotation runs afterwards.
pub fn make(db: &Path, kind: Kind, clock: &Clock) -> Result<BackupInfo> {
    let folder = folder(db)?;
    make_in(db, &folder, kind, clock, true)
}

/// [`make`] into a given folder (`stammkunde-cli backup --to DIR`), without rotating it.
pub fn make_to(db: &Path, folder: &Path, clock: &Clock) -> Result<BackupInfo> {
    make_in(db, folder, Kind::Manual, clock, false)
}

fn make_in(
    db: &Path,
    folder: &Path,
    kind: Kind,
    clock: &Clock,
    rotate_after: bool,
) -> Result<BackupInfo> {
    copy_in(db, folder, kind, clock)?.finish(db, clock, rotate_after)
}

/// One copy at a time per process: a second one (the start backup in the background and
/// an import's) would otherwise clear the first one's partial file as left over.
static COPYING: Mutex<()> = Mutex::new(());

/// A copy of the database taken and flushed but not yet checked: `.{name}.unchecked` in
/// the backup folder. It becomes a backup (gets its name) only when [`Taken::finish`]
/// found it sound; one left by a process that ended meanwhile is finished by
/// [`finish_leftovers`].
#[derive(Debug)]
struct Taken {
    folder: PathBuf,
    /// The backup's name once checked.
    target: PathBuf,
    unchecked: PathBuf,
}

/// Step one of a backup: SQLite's online copy of `db` into the folder as an unchecked
/// file. A copy that fails is removed and the error says why.
fn copy_in(db: &Path, folder: &Path, kind: Kind, clock: &Clock) -> Result<Taken> {
    if !folder.is_dir() {
        // The folder beside the database is made on first use; a picked one must be there.
        if folder == db_dir(db).join(DEFAULT_FOLDER) && settings(db)?.folder.is_none() {
            std::fs::create_dir_all(folder).map_err(|e| classify(e.into(), folder))?;
        } else {
            return Err(Error::Backup(BackupProblem::FolderMissing {
                folder: folder.to_path_buf(),
            }));
        }
    }
    let _one_at_a_time = COPYING.lock().unwrap_or_else(|e| e.into_inner());
    let stem = stem(db);
    remove_partials(folder, &stem);
    let mut made = clock.local().trunc_subsecs(0);
    while folder.join(file_name(&stem, made, kind)).exists()
        || unchecked_path(folder, &file_name(&stem, made, kind)).exists()
    {
        made += TimeDelta::seconds(1);
    }
    let name = file_name(&stem, made, kind);
    let target = folder.join(&name);
    let unchecked = unchecked_path(folder, &name);
    let partial = folder.join(format!(".{name}.partial"));
    let written = file::copy_file(db, &partial)
        .map_err(|e| match e {
            Error::Sqlite(s) if file::is_damage(&s) => Error::Backup(BackupProblem::Damaged {
                file: db.to_path_buf(),
                detail: s.to_string(),
            }),
            other => other,
        })
        .and_then(|()| Ok(std::fs::rename(&partial, &unchecked)?));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(partial.with_extension("partial-journal"));
        return Err(classify(e, folder));
    }
    sync_dir(folder);
    Ok(Taken {
        folder: folder.to_path_buf(),
        target,
        unchecked,
    })
}

fn unchecked_path(folder: &Path, name: &str) -> PathBuf {
    folder.join(format!(".{name}.unchecked"))
}

impl Taken {
    /// Step two: `PRAGMA integrity_check` of the copy, then its name (one rename), then
    /// rotation. A copy that fails the check is removed: it never counts as a backup.
    fn finish(self, db: &Path, clock: &Clock, rotate_after: bool) -> Result<BackupInfo> {
        let checked = (|| {
            if let Err(detail) = file::check_file(&self.unchecked, true)? {
                return Err(Error::Backup(BackupProblem::Damaged {
                    file: db.to_path_buf(),
                    detail,
                }));
            }
            match std::fs::rename(&self.unchecked, &self.target) {
                // Another process finished the same copy first (`finish_leftovers`).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && self.target.is_file() => {}
                renamed => renamed?,
            }
            sync_dir(&self.folder);
            Ok(())
        })();
        if let Err(e) = checked {
            let _ = std::fs::remove_file(&self.unchecked);
            return Err(classify(e, &self.folder));
        }
        FAILED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(d, _)| d != db);
        if rotate_after {
            // A backup that could not be deleted stays; the new one counts all the same.
            let _ = rotate(db, clock);
        }
        describe(&self.target, &stem(db))
    }
}

/// The checks of backups taken before an operation, running behind it.
static CHECKING: Mutex<Vec<std::thread::JoinHandle<()>>> = Mutex::new(Vec::new());

/// What the last check behind an operation found wrong, per database: shown by
/// [`status`] until the next good backup of that database.
static FAILED: Mutex<Vec<(PathBuf, [String; 2])>> = Mutex::new(Vec::new());

/// Checks and names `taken` on a thread of its own, so the operation that asked for the
/// backup goes on after the copy (seconds for a large shop) instead of after the full
/// check (several times longer). A check that fails is remembered for [`status`].
fn finish_behind(taken: Taken, db: &Path, clock: &Clock) {
    let db = db.to_path_buf();
    let clock = *clock;
    let handle = std::thread::spawn(move || {
        let result = taken.finish(&db, &clock, true);
        if let Err(e) = result {
            let mut failed = FAILED.lock().unwrap_or_else(|e| e.into_inner());
            failed.retain(|(d, _)| *d != db);
            failed.push((db, [e.message(Lang::De), e.message(Lang::En)]));
        }
    });
    CHECKING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(handle);
}

/// Waits until every backup taken before an operation is checked and named (the CLI
/// before it exits; tests). The app does not wait: a copy left unchecked when it quits is
/// finished at the next start ([`finish_leftovers`]).
pub fn wait_for_checks() {
    let handles = std::mem::take(&mut *CHECKING.lock().unwrap_or_else(|e| e.into_inner()));
    for handle in handles {
        let _ = handle.join();
    }
}

/// Checks and names the copies a process left unchecked in the folder of `db` (it ended
/// between the copy and its check); one that fails the check is removed. Returns the
/// backups that now count.
pub fn finish_leftovers(db: &Path, clock: &Clock) -> Result<Vec<BackupInfo>> {
    let folder = folder(db)?;
    let stem = stem(db);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut finished = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(target) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".unchecked"))
            .filter(|n| parse_name(&stem, n).is_some())
        else {
            continue;
        };
        let taken = Taken {
            folder: folder.clone(),
            target: folder.join(target),
            unchecked: entry.path(),
        };
        // Another process may be finishing the same copy: whoever renames it first wins.
        if let Ok(info) = taken.finish(db, clock, false) {
            finished.push(info);
        }
    }
    Ok(finished)
}

/// Copies left behind by a backup that was interrupted (the app killed, the stick pulled).
fn remove_partials(folder: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!(".{stem}-")) && name.contains(".partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename durable (the directory entry on the disk), where the system allows it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn describe(path: &Path, stem: &str) -> Result<BackupInfo> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (made, kind, app_version) = parse_name(stem, &file_name).ok_or_else(|| {
        Error::Backup(BackupProblem::NotABackup {
            file: path.to_path_buf(),
        })
    })?;
    let facts = file::file_facts(path)?;
    Ok(BackupInfo {
        path: path.to_string_lossy().into_owned(),
        file_name,
        made,
        kind,
        kind_label: kind.label(Lang::De).to_owned(),
        app_version,
        bytes: std::fs::metadata(path)?.len(),
        customers: facts.customers,
        schema: facts.schema,
    })
}

/// The backups of `db` in its folder, newest first, with their labels in `lang`.
pub fn list(db: &Path, lang: Lang) -> Result<Vec<BackupInfo>> {
    let folder = folder(db)?;
    let stem = stem(db);
    let backups = named(&folder, &stem).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Backup(BackupProblem::FolderMissing {
                folder: folder.clone(),
            })
        } else {
            classify(e.into(), &folder)
        }
    })?;
    let mut found = Vec::new();
    for (path, _, _) in backups {
        // A file that vanished or cannot be read meanwhile is left out, not an error.
        if let Ok(mut info) = describe(&path, &stem) {
            info.kind_label = info.kind.label(lang).to_owned();
            found.push(info);
        }
    }
    found.sort_by(|a, b| b.made.cmp(&a.made).then(b.file_name.cmp(&a.file_name)));
    Ok(found)
}

/// Deletes the backups [`rotation::keep`] does not keep; returns their names.
pub fn rotate(db: &Path, clock: &Clock) -> Result<Vec<String>> {
    let folder = folder(db)?;
    let named = named(&folder, &stem(db))?;
    let facts: Vec<(NaiveDateTime, Kind)> = named.iter().map(|(_, m, k)| (*m, *k)).collect();
    let kept = rotation::keep(&facts, clock.today());
    let mut deleted = Vec::new();
    for ((path, _, _), keep) in named.iter().zip(kept) {
        if !keep && std::fs::remove_file(path).is_ok() {
            deleted.push(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
    }
    deleted.sort();
    Ok(deleted)
}

/// Where the backups stand, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub folder: String,
    /// The folder exists and can be read.
    pub reachable: bool,
    /// The newest good backup, if any.
    pub last: Option<BackupInfo>,
    /// Shown on the start screen: no backup for more than a week, or the folder missing.
    pub warning: Option<String>,
}

pub fn status(db: &Path, clock: &Clock, lang: Lang) -> Result<BackupStatus> {
    let folder = folder(db)?;
    let listed = list(db, lang);
    // The folder beside the database is made with the first backup.
    let reachable = folder.is_dir() || settings(db)?.folder.is_none();
    let last = listed.ok().and_then(|l| l.into_iter().next());
    let warning = if !reachable {
        Some(
            Error::Backup(BackupProblem::FolderMissing {
                folder: folder.clone(),
            })
            .message(lang),
        )
    } else {
        match &last {
            None => Some(
                lang.pick(
                    "Es gibt noch keine Sicherung der Kundendaten.",
                    "There is no backup of the customer data yet.",
                )
                .to_owned(),
            ),
            Some(b) if (clock.today() - b.made.date()).num_days() > WARN_AFTER_DAYS => {
                let days = (clock.today() - b.made.date()).num_days();
                Some(match lang {
                    Lang::De => format!(
                        "Die letzte Sicherung ist {days} Tage alt ({}). Bitte jetzt sichern.",
                        b.made.format("%d.%m.%Y")
                    ),
                    Lang::En => format!(
                        "The last backup is {days} days old ({}). Please back up now.",
                        b.made.format("%Y-%m-%d")
                    ),
                })
            }
            Some(_) => None,
        }
    };
    let failed = FAILED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(d, _)| d == db)
        .map(|(_, [de, en])| {
            let why = lang.pick(de, en);
            lang.pick(
                "Die Sicherung vor dem letzten Vorgang ist fehlgeschlagen: ",
                "The backup before the last operation failed: ",
            )
            .to_owned()
                + why
        });
    Ok(BackupStatus {
        folder: folder.to_string_lossy().into_owned(),
        reachable,
        last,
        warning: failed.or(warning),
    })
}

/// Whether the start backup of today is still to be made: the folder can be written (or
/// is the default one, made on first use) and holds no start backup of today.
pub fn daily_due(db: &Path, clock: &Clock) -> Result<bool> {
    let Ok(backups) = named(&folder(db)?, &stem(db)) else {
        return Ok(settings(db)?.folder.is_none());
    };
    let today = clock.today();
    Ok(!backups
        .iter()
        .any(|(_, made, kind)| *kind == Kind::Daily && made.date() == today))
}

/// A backup before a bulk operation; before a merge only when the last one is older than
/// [`MERGE_BACKUP_MINUTES`]. The operation waits only for the copy (a consistent snapshot
/// the moment it is taken); its full check and its name follow on a thread of its own
/// ([`wait_for_checks`]). Returns where the backup will be, `None` when none was needed.
pub fn before(db: &Path, kind: Kind, clock: &Clock) -> Result<Option<PathBuf>> {
    let folder = folder(db)?;
    if kind == Kind::BeforeMerge {
        let since = clock.local() - TimeDelta::minutes(MERGE_BACKUP_MINUTES);
        let recent = named_or_unchecked(&folder, &stem(db)).is_ok_and(|backups| {
            backups
                .iter()
                .any(|(_, made, k)| *k == Kind::BeforeMerge && *made >= since)
        });
        if recent {
            return Ok(None);
        }
    }
    let taken = copy_in(db, &folder, kind, clock)?;
    let target = taken.target.clone();
    finish_behind(taken, db, clock);
    Ok(Some(target))
}

/// [`before`] for the file a store is open on; nothing for a store in memory. Called by
/// the bulk operations themselves (import, merge), so the app and the CLI both back up.
pub fn before_operation(store: &crate::Store, kind: Kind, clock: &Clock) -> Result<()> {
    match store.path() {
        Some(db) => before(db, kind, clock).map(|_| ()),
        None => Ok(()),
    }
}

/// The quick check at start, before anything writes to the file. A file that is not
/// there yet is fine (it is about to be made).
pub fn check_at_start(db: &Path) -> Result<Damage> {
    if !db.exists() {
        return Ok(Ok(()));
    }
    file::check_file(db, false)
}

/// [`check_at_start`] beside the first reads of an up-to-date file: opens `gate` when the
/// file passes, shuts it with what was found (or why the file could not be read) when not,
/// so the store's writes, held back meanwhile, go ahead or are refused.
pub fn check_beside(db: &Path, gate: &crate::store::WriteGate) -> Result<Damage> {
    let found = check_at_start(db);
    match &found {
        Ok(Ok(())) => gate.open(),
        Ok(Err(detail)) => gate.shut(detail.clone()),
        Err(err) => gate.shut(err.message(Lang::En)),
    }
    found
}

/// [`check_at_start`] as an error: a damaged file is refused, naming what SQLite found.
pub fn refuse_damaged(db: &Path) -> Result<()> {
    check_at_start(db)?.map_err(|detail| {
        Error::Backup(BackupProblem::Damaged {
            file: db.to_path_buf(),
            detail,
        })
    })
}

/// Before the schema of an existing file is upgraded: a backup, so the upgrade can be
/// undone. `None` when the file is new or already current.
pub fn before_migration(db: &Path, clock: &Clock) -> Result<Option<BackupInfo>> {
    if !db.is_file() {
        return Ok(None);
    }
    let facts = file::file_facts(db)?;
    if facts.schema == 0 || facts.schema >= Schema::current().version() {
        return Ok(None);
    }
    // The upgrade must not wait for a USB stick: without the picked folder, the copy goes
    // beside the database.
    match make(db, Kind::BeforeMigration, clock) {
        Err(Error::Backup(BackupProblem::FolderMissing { .. })) => {
            let beside = db_dir(db).join(DEFAULT_FOLDER);
            std::fs::create_dir_all(&beside).map_err(|e| classify(e.into(), &beside))?;
            make_in(db, &beside, Kind::BeforeMigration, clock, false).map(Some)
        }
        made => made.map(Some),
    }
}

/// Moves a damaged database (and its `-wal`/`-shm`) aside under a dated name beside it,
/// never to be written again; returns where it went.
pub fn set_aside(db: &Path, clock: &Clock) -> Result<PathBuf> {
    let named = |n: u32| {
        let when = clock.local().format("%Y-%m-%d-%H%M%S");
        let again = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        db_dir(db).join(format!("{}-beschaedigt-{when}{again}.sqlite3", stem(db)))
    };
    // Never over an earlier one of the same second.
    let aside = (0..)
        .map(named)
        .find(|p| !p.exists())
        .unwrap_or_else(|| named(0));
    for suffix in ["-wal", "-shm"] {
        let from = with_suffix(db, suffix);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&aside, suffix))?;
        }
    }
    std::fs::rename(db, &aside)?;
    sync_dir(&db_dir(db));
    Ok(aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The backup of the file that was replaced, if it was sound.
    pub saved: Option<BackupInfo>,
    /// Where the replaced file went, if it was damaged.
    pub set_aside: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub customers: Option<u64>,
}

/// Puts the backup `from` in the place of the database `db`, which nobody may have open:
/// the backup is checked (a newer one refused), the current file backed up first (or set
/// aside when damaged), then the copy is put in place with one rename, no `-wal`/`-shm`
/// of the old file left. Opening it afterwards migrates an older schema.
pub fn restore(db: &Path, from: &Path, clock: &Clock) -> Result<Restored> {
    let not_a_backup = || {
        Error::Backup(BackupProblem::NotABackup {
            file: from.to_path_buf(),
        })
    };
    let facts = file::file_facts(from).map_err(|_| not_a_backup())?;
    if facts.customers.is_none() {
        return Err(not_a_backup());
    }
    let supported = Schema::current().version();
    if facts.schema > supported {
        let name = from.file_name().map(|n| n.to_string_lossy().into_owned());
        let version = name
            .as_deref()
            .and_then(|n| n.strip_suffix(".sqlite3"))
            .and_then(|n| n.rsplit_once("-v"))
            .map_or_else(|| "?".to_owned(), |(_, v)| v.to_owned());
        return Err(Error::Backup(BackupProblem::Newer {
            found: facts.schema,
            supported,
            version,
        }));
    }
    if let Err(detail) = file::check_file(from, true)? {
        return Err(Error::Backup(BackupProblem::Damaged {
            file: from.to_path_buf(),
            detail,
        }));
    }
    let dir = db_dir(db);
    let mut restored = Restored {
        saved: None,
        set_aside: None,
        customers: facts.customers,
    };
    // The chosen copy is taken first: the backup of the current file below rotates the
    // folder, which may delete the chosen one (an operation's backup past its 30 days).
    let incoming = with_suffix(db, ".restoring");
    let copied =
        std::fs::copy(from, &incoming).and_then(|_| std::fs::File::open(&incoming)?.sync_all());
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&incoming);
        return Err(classify(e.into(), &dir));
    }
    let sound = db.is_file() && matches!(file::check_file(db, false), Ok(Ok(())));
    if sound {
        match make(db, Kind::BeforeRestore, clock) {
            Ok(saved) => restored.saved = Some(saved),
            Err(e) => {
                let _ = std::fs::remove_file(&incoming);
                return Err(e);
            }
        }
        // The log is written into the file and emptied: removing it loses nothing.
        file::checkpoint_file(db)?;
    } else if db.exists() {
        restored.set_aside = Some(set_aside(db, clock)?.to_string_lossy().into_owned());
    }
    for suffix in ["-wal", "-shm"] {
        let stale = with_suffix(db, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale)?;
        }
    }
    std::fs::rename(&incoming, db)?;
    sync_dir(&dir);
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_system_and_sqlite_errors_name_the_cause() {
        let here = std::env::temp_dir();
        let gone = here.join("stammkunde-no-such-folder");
        let io = |kind| classify(std::io::Error::from(kind).into(), &here);
        let sqlite = |code, folder: &Path| {
            classify(
                rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None).into(),
                folder,
            )
        };
        let problem = |e: Error| match e {
            Error::Backup(p) => p,
            other => panic!("{other:?}"),
        };
        use std::io::ErrorKind as K;
        let at = |folder: &Path| folder.to_path_buf();
        assert_eq!(
            problem(io(K::PermissionDenied)),
            BackupProblem::ReadOnly { folder: at(&here) }
        );
        assert_eq!(
            problem(io(K::ReadOnlyFilesystem)),
            BackupProblem::ReadOnly { folder: at(&here) }
        );
        assert_eq!(
            problem(io(K::StorageFull)),
            BackupProblem::DiskFull { folder: at(&here) }
        );
        assert_eq!(
            problem(classify(std::io::Error::from(K::NotFound).into(), &gone)),
            BackupProblem::Vanished { folder: at(&gone) }
        );
        use rusqlite::ffi;
        assert_eq!(
            problem(sqlite(ffi::SQLITE_FULL, &here)),
            BackupProblem::DiskFull { folder: at(&here) }
        );
        assert_eq!(
            problem(sqlite(ffi::SQLITE_READONLY, &here)),
            BackupProblem::ReadOnly { folder: at(&here) }
        );
        assert_eq!(
            problem(sqlite(ffi::SQLITE_BUSY, &here)),
            BackupProblem::Locked
        );
        assert_eq!(
            problem(sqlite(ffi::SQLITE_IOERR, &here)),
            BackupProblem::WriteFailed { folder: at(&here) }
        );
        assert_eq!(
            problem(sqlite(ffi::SQLITE_IOERR, &gone)),
            BackupProblem::Vanished { folder: at(&gone) }
        );
        // Anything else stays what it was.
        assert!(matches!(
            sqlite(ffi::SQLITE_MISUSE, &here),
            Error::Sqlite(_)
        ));
    }

    #[test]
    fn names_say_when_why_and_which_version() {
        let made =
            NaiveDateTime::parse_from_str("2026-12-03 09:30:12", "%Y-%m-%d %H:%M:%S").unwrap();
        let name = file_name("stammkunde", made, Kind::BeforeImport);
        assert_eq!(
            name,
            format!("stammkunde-2026-12-03-093012-before-import-v{APP_VERSION}.sqlite3")
        );
        assert_eq!(
            parse_name("stammkunde", &name),
            Some((made, Kind::BeforeImport, APP_VERSION.to_owned()))
        );
        // Another database's backups, or other files, are not this one's.
        assert_eq!(parse_name("laden", &name), None);
        assert_eq!(parse_name("stammkunde", "stammkunde-notes.txt"), None);
        assert_eq!(
            parse_name("stammkunde", &name.replace("before-import", "weekly")),
            None
        );
    }
}
