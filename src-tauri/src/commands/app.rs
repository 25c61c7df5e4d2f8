//! The app's status and settings.

use crate::state::AppState;
use serde::Serialize;
use stammkunde::settings::{self, LanguageChoice};
use stammkunde::{ErrorReport, Lang};
use tauri::State;

/// What the UI needs to know before it shows anything.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub version: String,
    pub database_path: String,
    /// Set when the database could not be opened; the app then shows only this.
    pub database_error: Option<ErrorReport>,
    /// What the check at start found when the file is damaged: the app then offers to
    /// restore the newest good backup.
    pub damaged: Option<String>,
    /// The check at start still runs beside the first reads: ask `app_checked` for its
    /// outcome.
    pub checking: bool,
    pub language: LanguageChoice,
    pub effective_language: Lang,
    pub system_locale: String,
}

async fn status(state: &AppState) -> Result<AppStatus, ErrorReport> {
    let language = match state.open_error() {
        Some(_) => LanguageChoice::System,
        None => state.run(|store| settings::language(store)).await?,
    };
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database_path: state.db_path().display().to_string(),
        database_error: state.open_error(),
        damaged: state.damaged(),
        checking: state.checking(),
        language,
        effective_language: state.lang(),
        system_locale: state.system_locale().to_owned(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ErrorReport> {
    status(&state).await
}

/// The status once the check at start has ended (at once when it has): a damaged file
/// found in the background is then shown as at start.
#[tauri::command]
#[specta::specta]
pub async fn app_checked(state: State<'_, AppState>) -> Result<AppStatus, ErrorReport> {
    state.checked().await;
    status(&state).await
}

/// Stores the language choice and answers with the new status.
#[tauri::command]
#[specta::specta]
pub async fn settings_set_language(
    state: State<'_, AppState>,
    language: LanguageChoice,
) -> Result<AppStatus, ErrorReport> {
    state
        .run_clocked(move |store, clock| settings::set_language(store, language, clock))
        .await?;
    state.set_lang(language);
    status(&state).await
}
