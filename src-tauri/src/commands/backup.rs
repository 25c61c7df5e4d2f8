//! Backups and restore: the folder dialog and the file-level work, which runs without the
//! store (a damaged file can still be replaced by a backup). The work is the core's.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::backup::{self, BackupInfo, BackupStatus, Kind, Restored};
use std::path::PathBuf;
use tauri::{State, Window};

/// End-to-end tests cannot click the native folder dialog: this variable answers for it.
const TEST_BACKUP_FOLDER: &str = "STAMMKUNDE_TEST_BACKUP_FOLDER";

/// Where the backups stand: the folder, the newest good backup, the start screen's warning.
#[tauri::command]
#[specta::specta]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, ErrorReport> {
    state.on_file(backup::status).await
}

/// The backups in the folder, newest first.
#[tauri::command]
#[specta::specta]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, ErrorReport> {
    state.on_file(|db, _, lang| backup::list(db, lang)).await
}

/// "Jetzt sichern": a backup by hand, kept until the owner deletes it.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo, ErrorReport> {
    state
        .on_file(|db, clock, _| backup::make(db, Kind::Manual, clock))
        .await
}

/// Asks for the backup folder (a USB stick, a network share) and keeps it; `None` when
/// the owner cancels.
#[tauri::command]
#[specta::specta]
pub async fn backup_choose_folder(
    state: State<'_, AppState>,
    window: Window,
) -> Result<Option<BackupStatus>, ErrorReport> {
    let folder = match std::env::var_os(TEST_BACKUP_FOLDER) {
        Some(path) => Some(PathBuf::from(path)),
        None => rfd::AsyncFileDialog::new()
            .set_parent(&window)
            .pick_folder()
            .await
            .map(|f| f.path().to_path_buf()),
    };
    let Some(folder) = folder else {
        return Ok(None);
    };
    state
        .on_file(move |db, clock, lang| {
            backup::set_folder(db, Some(&folder))?;
            backup::status(db, clock, lang)
        })
        .await
        .map(Some)
}

/// Back to the `Sicherungen` folder beside the database.
#[tauri::command]
#[specta::specta]
pub async fn backup_reset_folder(state: State<'_, AppState>) -> Result<BackupStatus, ErrorReport> {
    state
        .on_file(|db, clock, lang| {
            backup::set_folder(db, None)?;
            backup::status(db, clock, lang)
        })
        .await
}

/// Puts the backup at `path` in place of the database and opens it (the current file is
/// backed up first, or set aside when damaged).
#[tauri::command]
#[specta::specta]
pub async fn backup_restore(
    state: State<'_, AppState>,
    path: String,
) -> Result<Restored, ErrorReport> {
    state.restore(PathBuf::from(path)).await
}

/// The start backup of the day (and the check of copies left unchecked), in the background so the window opens at once. A failure
/// is not shown here: the start screen's warning tells when backups are missing.
pub fn daily_in_background(state: &AppState) {
    if state.open_error().is_some() {
        return;
    }
    let db = state.db_path().to_path_buf();
    let gate = state.gate();
    std::thread::spawn(move || {
        // Not beside the start: after the check, and never of a damaged file.
        if gate.is_some_and(|g| g.wait().is_some()) {
            return;
        }
        let clock = stammkunde::Clock::system();
        // Copies taken before an operation that the app quit before checking.
        let _ = backup::finish_leftovers(&db, &clock);
        if backup::daily_due(&db, &clock).unwrap_or(false)
            && let Err(err) = backup::make(&db, Kind::Daily, &clock)
        {
            eprintln!("{}", err.message(stammkunde::Lang::De));
        }
    });
}
