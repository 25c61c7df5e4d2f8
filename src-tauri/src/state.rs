//! What the app holds while it runs: the open database, the language in effect and the
//! kiosk survey while its window is open.

use stammkunde::backup::{self, BackupProblem, Restored};
use stammkunde::privacy::lock::LockGuard;
use stammkunde::settings::{self, LanguageChoice};
use stammkunde::surveys::kiosk::{KioskRun, PinGuard};
use stammkunde::{Clock, ErrorCode, ErrorReport, Lang, Store};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

#[derive(Debug)]
pub struct AppState {
    /// The database, or why it could not be opened (shown to the user instead of the app).
    /// Replaced when a backup is restored.
    store: RwLock<Result<Arc<Mutex<Store>>, ErrorReport>>,
    /// Set when the check at start found the file damaged: the app offers a restore.
    damaged: RwLock<Option<String>>,
    db_path: PathBuf,
    system_locale: String,
    lang: RwLock<Lang>,
    /// Set by "Abbrechen" while an import runs; the import then writes nothing.
    pub import_cancel: Arc<AtomicBool>,
    /// The survey the kiosk window runs, while it is open.
    kiosk: Mutex<Option<KioskRun>>,
    /// Wrong kiosk PINs in a row, and the pause after too many.
    pin_guard: Arc<Mutex<PinGuard>>,
    /// The app is locked: only the lock screen's commands run.
    locked: AtomicBool,
    /// Wrong PINs at the lock screen in a row, and the pause after too many.
    lock_guard: Arc<Mutex<LockGuard>>,
}

/// What opening the file found.
struct Opened {
    store: Result<Arc<Mutex<Store>>, ErrorReport>,
    damaged: Option<String>,
    lang: Lang,
}

/// Checks the file (never writing to a damaged one), backs it up before a schema upgrade,
/// then opens it and settles the language: the stored choice, else the system's locale.
fn open_checked(db_path: &Path, system_locale: &str, clock: &Clock) -> Opened {
    let system_lang = Lang::from_locale(system_locale);
    let refused = |err: stammkunde::Error, damaged| Opened {
        store: Err(err.report(system_lang)),
        damaged,
        lang: system_lang,
    };
    match backup::check_at_start(db_path) {
        Ok(Ok(())) => {}
        Ok(Err(detail)) => {
            let err = stammkunde::Error::Backup(BackupProblem::Damaged {
                file: db_path.to_path_buf(),
                detail: detail.clone(),
            });
            return refused(err, Some(detail));
        }
        Err(err) => return refused(err, None),
    }
    if let Err(err) = backup::before_migration(db_path, clock) {
        return refused(err, None);
    }
    match Store::open(db_path) {
        Ok(store) => {
            let lang = settings::language(&store)
                .unwrap_or_default()
                .resolve(system_locale);
            Opened {
                store: Ok(Arc::new(Mutex::new(store))),
                damaged: None,
                lang,
            }
        }
        Err(err) => refused(err, None),
    }
}

impl AppState {
    /// Opens the database at `db_path` (see [`open_checked`]).
    pub fn open(db_path: PathBuf, system_locale: String) -> AppState {
        let opened = open_checked(&db_path, &system_locale, &Clock::system());
        AppState {
            store: RwLock::new(opened.store),
            damaged: RwLock::new(opened.damaged),
            db_path,
            system_locale,
            lang: RwLock::new(opened.lang),
            import_cancel: Arc::default(),
            kiosk: Mutex::default(),
            pin_guard: Arc::default(),
            locked: AtomicBool::new(false),
            lock_guard: Arc::default(),
        }
    }

    /// Whether the app is locked.
    pub fn locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    pub fn set_locked(&self, locked: bool) {
        self.locked.store(locked, Ordering::SeqCst);
    }

    pub fn lock_guard(&self) -> Arc<Mutex<LockGuard>> {
        Arc::clone(&self.lock_guard)
    }

    /// Puts the backup `from` in place of the database: the open store is closed first
    /// (its log written into the file), then the core restores, and the file is opened
    /// again as at start.
    pub async fn restore(&self, from: PathBuf) -> Result<Restored, ErrorReport> {
        let lang = self.lang();
        let clock = Clock::system();
        let previous = {
            let mut store = self.store.write().map_err(|_| internal(lang))?;
            std::mem::replace(&mut *store, Err(internal(lang)))
        };
        let db_path = self.db_path.clone();
        let locale = self.system_locale.clone();
        let (restored, opened) = tauri::async_runtime::spawn_blocking(move || {
            // Waits until no work holds the old store any more, then closes it: the file
            // must not be open while it is replaced.
            if let Ok(mut store) = previous {
                for _ in 0..500 {
                    match Arc::try_unwrap(store) {
                        Ok(only) => {
                            drop(only);
                            break;
                        }
                        Err(shared) => store = shared,
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
            let restored = backup::restore(&db_path, &from, &clock);
            (restored, open_checked(&db_path, &locale, &clock))
        })
        .await
        .map_err(|_| internal(lang))?;
        if let Ok(mut lang) = self.lang.write() {
            *lang = opened.lang;
        }
        if let Ok(mut damaged) = self.damaged.write() {
            *damaged = opened.damaged;
        }
        if let Ok(mut store) = self.store.write() {
            *store = opened.store;
        }
        restored.map_err(|e| e.report(self.lang()))
    }

    /// Runs core work on the database file as a whole (backups), off the main thread and
    /// without the store: it works while the file is damaged too.
    pub async fn on_file<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&Path, &Clock, Lang) -> stammkunde::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let db_path = self.db_path.clone();
        let clock = Clock::system();
        tauri::async_runtime::spawn_blocking(move || {
            work(&db_path, &clock, lang).map_err(|e| e.report(lang))
        })
        .await
        .map_err(|_| internal(lang))?
    }

    /// What the check at start found, when the file is damaged.
    pub fn damaged(&self) -> Option<String> {
        self.damaged.read().ok().and_then(|d| d.clone())
    }

    pub fn lang(&self) -> Lang {
        self.lang.read().map_or(Lang::De, |l| *l)
    }

    pub fn set_lang(&self, choice: LanguageChoice) {
        if let Ok(mut lang) = self.lang.write() {
            *lang = choice.resolve(&self.system_locale);
        }
    }

    /// The running kiosk survey, if any.
    pub fn kiosk(&self) -> Option<KioskRun> {
        self.kiosk.lock().ok().and_then(|k| k.clone())
    }

    pub fn set_kiosk(&self, run: Option<KioskRun>) {
        if let Ok(mut k) = self.kiosk.lock() {
            *k = run;
        }
    }

    pub fn pin_guard(&self) -> Arc<Mutex<PinGuard>> {
        Arc::clone(&self.pin_guard)
    }

    pub fn db_path(&self) -> &std::path::Path {
        &self.db_path
    }

    pub fn system_locale(&self) -> &str {
        &self.system_locale
    }

    pub fn open_error(&self) -> Option<ErrorReport> {
        self.store.read().ok()?.as_ref().err().cloned()
    }

    /// Runs core work on the database off the main thread, so the window never freezes,
    /// and words any error in the user's language. Refused while the app is locked.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> stammkunde::Result<T> + Send + 'static,
    {
        if self.locked() {
            return Err(
                stammkunde::Error::Privacy(stammkunde::privacy::PrivacyProblem::AppLocked)
                    .report(self.lang()),
            );
        }
        self.run_even_locked(work).await
    }

    /// [`AppState::run`] for the lock screen's own commands, which run while locked.
    pub async fn run_even_locked<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> stammkunde::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let store = self.store.read().map_err(|_| internal(lang))?.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut store = store.lock().map_err(|_| internal(lang))?;
            work(&mut store).map_err(|e| e.report(lang))
        })
        .await
        .map_err(|_| internal(lang))?
    }

    /// Like [`AppState::run`], with the command's one clock: made here, when the command
    /// starts, and handed to the core (which never reads the system clock itself).
    pub async fn run_clocked<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Clock) -> stammkunde::Result<T> + Send + 'static,
    {
        let clock = Clock::system();
        self.run(move |store| work(store, &clock)).await
    }
}

fn internal(lang: Lang) -> ErrorReport {
    ErrorReport {
        code: ErrorCode::Internal,
        message: lang
            .pick(
                "Interner Fehler. Bitte Stammkunde neu starten.",
                "Internal error. Please restart Stammkunde.",
            )
            .to_owned(),
        fields: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stammkunde::customers::{self, CustomerInput};

    #[test]
    fn a_newer_database_becomes_a_message_instead_of_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite3");
        let conn = rusqlite_conn(&path);
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);

        let state = AppState::open(path, "de-DE".into());
        let report = state.open_error().expect("the file must be refused");
        assert_eq!(report.code, ErrorCode::Conflict);
        assert!(
            report.message.contains("neueren Stammkunde-Version"),
            "{}",
            report.message
        );
        let refused = tauri::async_runtime::block_on(state.run(|_| Ok(())));
        assert_eq!(refused.unwrap_err(), report);
    }

    #[test]
    fn work_runs_on_the_store_and_errors_follow_the_language() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("k.sqlite3"), "en_GB.UTF-8".into());
        assert!(state.open_error().is_none());
        assert_eq!(state.lang(), Lang::En);

        let bad = CustomerInput::default();
        let err = tauri::async_runtime::block_on(
            state.run_clocked(move |store, clock| customers::create(store, &bad, clock)),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.message, "Please check: Last name.");

        state.set_lang(LanguageChoice::De);
        let bad = CustomerInput::default();
        let err = tauri::async_runtime::block_on(
            state.run_clocked(move |store, clock| customers::create(store, &bad, clock)),
        )
        .unwrap_err();
        assert_eq!(err.message, "Bitte prüfen: Nachname.");
    }

    fn rusqlite_conn(path: &std::path::Path) -> rusqlite::Connection {
        rusqlite::Connection::open(path).unwrap()
    }
}
