//! Duplicates: the finder, the warning while typing, merging and undoing a merge.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::customers::{CustomerId, CustomerInput};
use stammkunde::duplicates::{self, DuplicatePair, LookAlike};
use stammkunde::merges::{self, Merge, MergeId, MergeInput, MergeOutcome, MergePreview};
use tauri::State;

/// The most likely duplicate pairs, best first.
#[tauri::command]
#[specta::specta]
pub async fn duplicates_find(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<DuplicatePair>, ErrorReport> {
    state
        .run(move |store| duplicates::find(store, limit as usize))
        .await
}

/// Existing customers that look like the one being typed (`editing`: the one being edited).
#[tauri::command]
#[specta::specta]
pub async fn duplicates_similar(
    state: State<'_, AppState>,
    input: CustomerInput,
    editing: Option<CustomerId>,
) -> Result<Vec<LookAlike>, ErrorReport> {
    state
        .run(move |store| duplicates::similar(store, &input, editing, 3))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn merges_preview(
    state: State<'_, AppState>,
    survivor: CustomerId,
    merged: CustomerId,
) -> Result<MergePreview, ErrorReport> {
    state
        .run(move |store| merges::preview(store, survivor, merged))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_merge(
    state: State<'_, AppState>,
    input: MergeInput,
) -> Result<MergeOutcome, ErrorReport> {
    state
        .run_clocked(move |store, clock| merges::merge(store, &input, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn merges_undo(state: State<'_, AppState>, id: MergeId) -> Result<Merge, ErrorReport> {
    state
        .run_clocked(move |store, clock| merges::undo(store, id, clock))
        .await
}
