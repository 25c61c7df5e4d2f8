//! Privacy and access: consents, erasure, the audit trail, who works the app, and the app
//! lock. The lock screen is a window of its own (label `lock`) that may call only
//! `lock_screen` and `lock_unlock` (`capabilities/lock.json`); while it is up, every other
//! command is refused by the state (`AppState::run`) and the main window is hidden.

use crate::state::AppState;
use stammkunde::customers::CustomerId;
use stammkunde::employees::EmployeeId;
use stammkunde::privacy::audit::{self, AuditEntry, AuditFilter};
use stammkunde::privacy::consent::{self, ConsentInput, CustomerConsents};
use stammkunde::privacy::erase::{self, EraseInput, Erased};
use stammkunde::privacy::lock::{self, AccessStatus, LockScreen, LockSettings, LockSettingsInput};
use stammkunde::privacy::{AuditAction, PrivacyProblem};
use stammkunde::{Error, ErrorReport};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

/// The lock screen's window label; its capability names it.
pub const LOCK: &str = "lock";

/// For tests: seconds of idle time before the lock, instead of the setting's minutes.
const IDLE_SECONDS_ENV: &str = "STAMMKUNDE_TEST_IDLE_SECONDS";

store_commands! {
    /// A customer's consents: each channel's standing and the history.
    consent_list(customer: CustomerId) -> CustomerConsents
        => |store| consent::of_customer(store, customer);

    /// Records a consent given or withdrawn (audited).
    consent_record(customer: CustomerId, input: ConsentInput) -> CustomerConsents
        => |store, clock| consent::record(store, customer, &input, clock);

    /// Erases a customer on request after the name was typed again.
    customers_erase(customer: CustomerId, input: EraseInput) -> Erased
        => |store, clock| erase::erase(store, customer, &input, clock);

    /// Erases the customers trashed more than `days` days ago; returns how many.
    trash_purge(days: String) -> u32
        => |store, clock| erase::purge_trash(store, &days, clock);

    /// The audit trail, newest first, filtered.
    audit_list(filter: AuditFilter) -> Vec<AuditEntry>
        => |store, _clock, lang| audit::list(store, &filter, lang);

    /// The kinds of audit entries, for the filter.
    audit_kinds() -> Vec<String>
        => |_store| Ok(AuditAction::KINDS.iter().map(|k| (*k).to_owned()).collect());

    /// Saves the lock settings.
    access_settings_save(input: LockSettingsInput) -> LockSettings
        => |store, clock| lock::save_settings(store, &input, clock);

    /// Sets or (with `null`) removes an employee's PIN or password.
    employee_set_pin(employee: EmployeeId, pin: Option<String>) -> AccessStatus
        => |store, clock| lock::set_pin(store, employee, pin.as_deref(), clock);

    /// Chooses who works the app (only someone without a PIN; `null`: nobody).
    session_choose(employee: Option<EmployeeId>) -> AccessStatus
        => |store, clock| {
            lock::choose(store, employee, clock)?;
            lock::status(store)
        };
}

/// Where access stands, and after how many seconds of idle time the window locks (0:
/// never).
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AccessView {
    pub status: AccessStatus,
    pub idle_seconds: u32,
}

/// Where access stands (the settings, who has a PIN, who works the app now).
#[tauri::command]
#[specta::specta]
pub async fn access_status(state: State<'_, AppState>) -> Result<AccessView, ErrorReport> {
    let status = state.run(|store| lock::status(store)).await?;
    let idle_seconds = std::env::var(IDLE_SECONDS_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(status.settings.idle_minutes * 60);
    Ok(AccessView {
        idle_seconds: if status.lock_enabled { idle_seconds } else { 0 },
        status,
    })
}

/// Locks the app now (Ctrl+L, idle minutes): the main window hides, the lock screen opens.
/// Refused while nobody has a PIN (there is nothing to open it with) and while the kiosk
/// runs (it has its own lock).
#[tauri::command]
#[specta::specta]
pub async fn app_lock(app: AppHandle, state: State<'_, AppState>) -> Result<(), ErrorReport> {
    let enabled = state.run(|store| lock::enabled(store)).await?;
    let problem = if state.kiosk().is_some() {
        Some(PrivacyProblem::KioskRunning)
    } else if !enabled {
        Some(PrivacyProblem::NoPinSet)
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(Error::Privacy(problem).report(state.lang()));
    }
    // Whoever worked the app is signed out; the next one signs in at the lock screen.
    state
        .run(|store| {
            store.set_actor(None);
            Ok(())
        })
        .await?;
    lock_now(&app, &state).map_err(|e| Error::Internal(e.to_string()).report(state.lang()))
}

/// Locks: nobody works the app any more, every command but the lock screen's is refused,
/// the main window hides (keeping its screen for when it opens again) and the lock screen
/// opens over the place it had.
pub fn lock_now(app: &AppHandle, state: &AppState) -> tauri::Result<()> {
    state.set_locked(true);
    let main = app.get_webview_window("main");
    if app.get_webview_window(LOCK).is_none() {
        let mut builder = WebviewWindowBuilder::new(app, LOCK, WebviewUrl::App("lock".into()))
            .title("Stammkunde – gesperrt")
            .inner_size(900.0, 640.0)
            .focused(true)
            // Nothing but the lock page loads in this window.
            .on_navigation(|url| url.path().trim_end_matches('/') == "/lock");
        if let Some(main) = &main
            && let (Ok(size), Ok(scale)) = (main.inner_size(), main.scale_factor())
        {
            let size = size.to_logical::<f64>(scale);
            builder = builder.inner_size(size.width.max(480.0), size.height.max(480.0));
        }
        let window = builder.build()?;
        let handle = app.clone();
        window.on_window_event(move |event| {
            // Closing the lock screen ends the app; it never reveals the main window.
            if let tauri::WindowEvent::CloseRequested { .. } = event
                && handle.state::<AppState>().locked()
            {
                handle.exit(0);
            }
        });
    }
    if let Some(main) = main {
        main.hide()?;
    }
    Ok(())
}

/// What the lock screen shows: the shop's name and who may open it. Nothing else.
#[tauri::command]
#[specta::specta]
pub async fn lock_screen(state: State<'_, AppState>) -> Result<LockScreen, ErrorReport> {
    let lang = state.lang();
    state
        .run_even_locked(move |store| lock::screen(store, lang))
        .await
}

/// Opens the lock for `employee` with their PIN: the main window comes back on the screen
/// it showed, the lock screen closes. Five wrong PINs in a row pause it for a minute.
#[tauri::command]
#[specta::specta]
pub async fn lock_unlock(
    app: AppHandle,
    state: State<'_, AppState>,
    employee: EmployeeId,
    pin: String,
) -> Result<(), ErrorReport> {
    let guard = state.lock_guard();
    let clock = stammkunde::Clock::system();
    state
        .run_even_locked(move |store| {
            let mut guard = guard
                .lock()
                .map_err(|_| Error::Internal("lock guard".into()))?;
            guard.unlock(store, employee, &pin, &clock)
        })
        .await?;
    state.set_locked(false);
    let internal = |e: tauri::Error| Error::Internal(e.to_string()).report(state.lang());
    if let Some(main) = app.get_webview_window("main") {
        main.show().map_err(internal)?;
        main.set_focus().map_err(internal)?;
        // The main window learns who works now (its header shows the name).
        let _ = main.eval("window.dispatchEvent(new Event('stammkunde-unlocked'))");
    }
    if let Some(lock) = app.get_webview_window(LOCK) {
        lock.destroy().map_err(internal)?;
    }
    Ok(())
}

/// At start: a file where somebody has a PIN opens locked.
pub fn lock_at_start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let enabled = tauri::async_runtime::block_on(state.run(|store| lock::enabled(store)));
    if enabled.unwrap_or(false)
        && let Err(e) = lock_now(app, &state)
    {
        eprintln!("Stammkunde could not lock at start: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_state_refuses_work_but_the_lock_screen_runs() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("l.sqlite3"), "de-DE".into());
        state.set_locked(true);
        let refused = tauri::async_runtime::block_on(state.run(|_| Ok(())));
        let report = refused.unwrap_err();
        assert!(report.message.contains("gesperrt"), "{}", report.message);
        let screen = tauri::async_runtime::block_on(
            state.run_even_locked(|s| lock::screen(s, stammkunde::Lang::De)),
        );
        assert!(screen.unwrap().people.is_empty());
        state.set_locked(false);
        assert!(tauri::async_runtime::block_on(state.run(|_| Ok(()))).is_ok());
    }
}
