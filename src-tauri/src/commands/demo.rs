//! The demo shop offered on first start.

use crate::state::AppState;
use chrono::Utc;
use stammkunde::ErrorReport;
use stammkunde::demo::{self, DemoOptions, DemoSummary};
use tauri::State;

/// Fills the (empty) database with the default demo shop.
#[tauri::command]
#[specta::specta]
pub async fn demo_load(state: State<'_, AppState>) -> Result<DemoSummary, ErrorReport> {
    state
        .run(|store| demo::load(store, &DemoOptions::default(), Utc::now()))
        .await
}
