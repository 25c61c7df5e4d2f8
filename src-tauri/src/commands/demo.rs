//! The demo shop offered on first start.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::demo::{self, DemoOptions, DemoSummary};
use tauri::State;

/// Fills the (empty) database with the default demo shop and works out its customer
/// value, so the agenda's plan and the value screen have their groups at once.
#[tauri::command]
#[specta::specta]
pub async fn demo_load(state: State<'_, AppState>) -> Result<DemoSummary, ErrorReport> {
    state
        .run_clocked(|store, clock| {
            let summary = demo::load(store, &DemoOptions::default(), clock)?;
            stammkunde::value::shop::refresh(store, clock)?;
            Ok(summary)
        })
        .await
}
