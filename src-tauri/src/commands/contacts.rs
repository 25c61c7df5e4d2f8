//! Contacts at a customer firm.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::contacts::{self, Contact, ContactId, ContactInput};
use stammkunde::customers::CustomerId;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn contacts_list(
    state: State<'_, AppState>,
    customer: CustomerId,
) -> Result<Vec<Contact>, ErrorReport> {
    state
        .run(move |store| contacts::list(store, customer))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn contacts_add(
    state: State<'_, AppState>,
    customer: CustomerId,
    input: ContactInput,
) -> Result<Contact, ErrorReport> {
    state
        .run_clocked(move |store, clock| contacts::add(store, customer, &input, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn contacts_update(
    state: State<'_, AppState>,
    id: ContactId,
    input: ContactInput,
) -> Result<Contact, ErrorReport> {
    state
        .run_clocked(move |store, clock| contacts::update(store, id, &input, clock))
        .await
}

/// Removes a contact; the answer holds it so the UI can offer to undo.
#[tauri::command]
#[specta::specta]
pub async fn contacts_remove(
    state: State<'_, AppState>,
    id: ContactId,
) -> Result<Contact, ErrorReport> {
    state.run(move |store| contacts::remove(store, id)).await
}
