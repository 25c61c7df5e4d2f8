//! What the app holds while it runs: the open database, the language in effect and the
//! kiosk survey while its window is open.

use stammkunde::backup::{self, BackupProblem, Restored};
use stammkunde::care::shop::Agenda;
use stammkunde::privacy::lock::LockGuard;
use stammkunde::settings::{self, LanguageChoice};
use stammkunde::store::WriteGate;
use stammkunde::surveys::kiosk::{KioskRun, PinGuard};
use stammkunde::{Clock, ErrorCode, ErrorReport, Lang, Store};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The agenda's length on the start screen (`AGENDA_LIMIT` in ui/src/lib/first-agenda.ts):
/// made while the window starts, see [`AppState::first_agenda`].
pub const FIRST_AGENDA_LIMIT: u32 = 200;

/// The start screen's agenda, made beside the window's start on a connection of its own,
/// with the main connection's change stamp from before it was read.
struct FirstAgenda {
    stamp: (i64, u64),
    today: chrono::NaiveDate,
    agenda: stammkunde::Result<Agenda>,
}

#[derive(Debug)]
pub struct AppState {
    /// The database, or why it could not be opened (shown to the user instead of the app).
    /// Replaced when a backup is restored.
    store: Arc<RwLock<Result<Arc<Mutex<Store>>, ErrorReport>>>,
    /// Set when the check at start found the file damaged: the app offers a restore.
    damaged: Arc<RwLock<Option<String>>>,
    /// The check at start while it runs beside the first reads (see [`AppState::open`]).
    gate: RwLock<Option<Arc<WriteGate>>>,
    /// The start screen's agenda while it is being made (taken by the first call).
    first_agenda: Mutex<Option<Receiver<FirstAgenda>>>,
    /// Dropped once the start screen has drawn its first data and asks for the check's
    /// outcome (`app_checked`): the check at start then begins. Before, it would take a
    /// core from the window's start and its first drawing on a machine with two.
    started: Mutex<Option<std::sync::mpsc::Sender<()>>>,
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
        Ok(store) => opened(store, system_locale),
        Err(err) => refused(err, None),
    }
}

/// An open store with its language: the stored choice, else the system's locale.
fn opened(store: Store, system_locale: &str) -> Opened {
    let lang = settings::language(&store)
        .unwrap_or_default()
        .resolve(system_locale);
    Opened {
        store: Ok(Arc::new(Mutex::new(store))),
        damaged: None,
        lang,
    }
}

/// An existing file of the current schema opens at once and is checked beside the first
/// reads (its writes held back meanwhile); a new file, or one to be upgraded, is checked
/// first, as [`open_checked`] does.
fn open_beside_check(
    db_path: &Path,
    system_locale: &str,
    clock: &Clock,
) -> (Opened, Option<Arc<WriteGate>>) {
    let current = stammkunde::store::backup::file_facts(db_path)
        .is_ok_and(|f| f.schema == stammkunde::store::Schema::current().version());
    if !db_path.is_file() || !current {
        return (open_checked(db_path, system_locale, clock), None);
    }
    let gate = WriteGate::checking();
    let opened = Store::open(db_path).and_then(|mut store| {
        store.hold_writes_until(gate.clone())?;
        Ok(store)
    });
    match opened {
        Ok(store) => (self::opened(store, system_locale), Some(gate)),
        // What refused to open is judged as before, check first.
        Err(_) => (open_checked(db_path, system_locale, clock), None),
    }
}

impl AppState {
    /// Opens the database at `db_path`. An up-to-date file is checked in the background
    /// while the window starts and shows its first data: reads go ahead, writes wait for
    /// the check, and a damaged file is refused as soon as it is found (the UI asks with
    /// `app_checked`). Meanwhile the start screen's agenda is made on a second, read-only
    /// connection.
    pub fn open(db_path: PathBuf, system_locale: String) -> AppState {
        let clock = Clock::system();
        let (opened, gate) = open_beside_check(&db_path, &system_locale, &clock);
        let state = AppState {
            store: Arc::new(RwLock::new(opened.store)),
            damaged: Arc::new(RwLock::new(opened.damaged)),
            gate: RwLock::new(gate.clone()),
            first_agenda: Mutex::default(),
            started: Mutex::default(),
            db_path,
            system_locale,
            lang: RwLock::new(opened.lang),
            import_cancel: Arc::default(),
            kiosk: Mutex::default(),
            pin_guard: Arc::default(),
            locked: AtomicBool::new(false),
            lock_guard: Arc::default(),
        };
        if let Some(gate) = gate {
            state.check_in_background(gate);
            state.make_first_agenda(clock);
        }
        state
    }

    fn check_in_background(&self, gate: Arc<WriteGate>) {
        let (db, store, damaged) = (
            self.db_path.clone(),
            Arc::clone(&self.store),
            Arc::clone(&self.damaged),
        );
        let lang = self.lang();
        // The store this check is for, without keeping it alive (a restore waits until
        // nothing holds it): a restore meanwhile puts another file in place, checked
        // before it opened, and this check's outcome no longer applies.
        let checked: Option<std::sync::Weak<Mutex<Store>>> = self
            .store
            .read()
            .ok()
            .and_then(|s| s.as_ref().ok().map(Arc::downgrade));
        let still_open = move |now: &Result<Arc<Mutex<Store>>, ErrorReport>| match (now, &checked) {
            (Ok(now), Some(checked)) => std::ptr::eq(Arc::as_ptr(now), checked.as_ptr()),
            _ => false,
        };
        let (started, wait) = std::sync::mpsc::channel::<()>();
        if let Ok(mut slot) = self.started.lock() {
            *slot = Some(started);
        }
        std::thread::spawn(move || {
            // After the start screen's first data, or 3 s at most.
            let _ = wait.recv_timeout(Duration::from_secs(3));
            let (detail, refused) = match backup::check_beside(&db, &gate) {
                Ok(Ok(())) => {
                    // The look-alike index for the new-customer form, made here so the
                    // first look-up need not (a second at 100,000 customers).
                    let made = Store::open_for_reading(&db).and_then(|r| r.make_look_alikes());
                    if let (Ok(made), Ok(now)) = (made, store.read())
                        && still_open(&now)
                        && let Ok(main) = now.as_ref().map(|m| m.lock())
                        && let Ok(main) = main
                    {
                        main.adopt_look_alikes(made);
                    }
                    return;
                }
                Ok(Err(detail)) => (
                    Some(detail.clone()),
                    stammkunde::Error::Backup(BackupProblem::Damaged {
                        file: db.clone(),
                        detail,
                    }),
                ),
                Err(err) => (None, err),
            };
            if let Ok(mut now) = store.write()
                && still_open(&now)
            {
                if let (Some(detail), Ok(mut d)) = (detail, damaged.write()) {
                    *d = Some(detail);
                }
                *now = Err(refused.report(lang));
            }
        });
    }

    fn make_first_agenda(&self, clock: Clock) {
        let Ok(Ok(main)) = self.store.read().map(|s| s.clone()) else {
            return;
        };
        let db = self.db_path.clone();
        let (send, receive) = std::sync::mpsc::channel();
        if let Ok(mut slot) = self.first_agenda.lock() {
            *slot = Some(receive);
        }
        std::thread::spawn(move || {
            let Ok(reader) = Store::open_for_reading(&db) else {
                return;
            };
            let Ok(Ok(stamp)) = main.lock().map(|s| s.change_stamp()) else {
                return;
            };
            let agenda = stammkunde::care::shop::agenda(&reader, FIRST_AGENDA_LIMIT, &clock);
            let _ = send.send(FirstAgenda {
                stamp,
                today: clock.today(),
                agenda,
            });
        });
    }

    /// The agenda made while the window started, when `limit` is the start screen's, the
    /// day is still the same and nothing was written since it was read — else `None`, and
    /// the caller makes it anew. Only the first call may take it.
    pub async fn first_agenda(&self, limit: u32, clock: &Clock) -> Option<Agenda> {
        let receive = self.first_agenda.lock().ok()?.take()?;
        if limit != FIRST_AGENDA_LIMIT || self.locked() {
            return None;
        }
        let made = tauri::async_runtime::spawn_blocking(move || {
            receive.recv_timeout(Duration::from_secs(30)).ok()
        })
        .await
        .ok()??;
        let now = self.run(|store| store.change_stamp()).await.ok()?;
        (made.stamp == now && made.today == clock.today())
            .then_some(made.agenda.ok())
            .flatten()
    }

    /// Lets the check at start begin, if it still waits, and waits for it (the UI asks
    /// once after its first data; a damaged file then shows the restore offer).
    pub async fn checked(&self) {
        drop(self.started.lock().ok().and_then(|mut s| s.take()));
        if let Some(gate) = self.gate() {
            let _ = tauri::async_runtime::spawn_blocking(move || gate.wait()).await;
        }
    }

    /// Whether the check at start still runs.
    pub fn checking(&self) -> bool {
        self.gate().is_some_and(|g| g.checking_now())
    }

    /// The check at start's gate, while there is one (the daily backup waits for it).
    pub fn gate(&self) -> Option<Arc<WriteGate>> {
        self.gate.read().ok().and_then(|g| g.clone())
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
        // A restored file was checked before it opened.
        if let Ok(mut gate) = self.gate.write() {
            *gate = None;
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

    /// A file damaged on the disk opens at once and is found by the check beside the
    /// first reads: then the store is refused, every write too, and the file stays as it
    /// was.
    #[test]
    fn a_damage_found_beside_the_first_reads_refuses_the_store_and_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.sqlite3");
        let clock = Clock::system();
        {
            let mut store = Store::open(&path).unwrap();
            let options = stammkunde::demo::DemoOptions {
                customers: 40,
                years: 2,
                ..Default::default()
            };
            stammkunde::demo::load(&mut store, &options, &clock).unwrap();
        }
        stammkunde::store::backup::checkpoint_file(&path).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2 / 4096 * 4096;
        for b in &mut bytes[middle..middle + 4096] {
            *b ^= 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();

        let state = AppState::open(path.clone(), "de-DE".into());
        assert!(state.checking(), "opened at once, checked beside the reads");
        assert!(state.open_error().is_none());
        // The check waits for the start screen's first drawing (the UI's question for its
        // outcome), 3 s at most: on this small file it would have found the damage by now.
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            state.open_error().is_none(),
            "not begun before it is asked for"
        );
        tauri::async_runtime::block_on(state.checked());
        for _ in 0..100 {
            if state.open_error().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(state.damaged().is_some(), "found");
        assert!(state.open_error().is_some(), "the store is refused");
        let write = tauri::async_runtime::block_on(state.run_clocked(|store, clock| {
            let input = CustomerInput {
                last_name: "Neu".into(),
                ..CustomerInput::default()
            };
            customers::create(store, &input, clock)
        }));
        assert!(write.is_err());
        drop(state);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "never written");
    }

    fn rusqlite_conn(path: &std::path::Path) -> rusqlite::Connection {
        rusqlite::Connection::open(path).unwrap()
    }
}
