//! Customer records.

use crate::state::AppState;
use chrono::{Local, Utc};
use stammkunde::ErrorReport;
use stammkunde::customers::{
    self, Customer, CustomerDetails, CustomerId, CustomerInput, CustomerPage, TrashedCustomer,
};
use stammkunde::store::ListCursor;
use tauri::State;

/// A page of the customer list in name order; pass the previous page's `next` for more.
#[tauri::command]
#[specta::specta]
pub async fn customers_list(
    state: State<'_, AppState>,
    after: Option<ListCursor>,
    limit: u32,
) -> Result<CustomerPage, ErrorReport> {
    state
        .run(move |store| customers::list(store, after.as_ref(), limit))
        .await
}

/// Live customers matching what was typed, best matches first (up to `limit`).
#[tauri::command]
#[specta::specta]
pub async fn customers_search(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<CustomerPage, ErrorReport> {
    state
        .run(move |store| customers::search(store, &query, limit))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_get(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Customer, ErrorReport> {
    state.run(move |store| customers::get(store, id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_create(
    state: State<'_, AppState>,
    input: CustomerInput,
) -> Result<Customer, ErrorReport> {
    state
        .run(move |store| customers::create(store, &input, Utc::now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_update(
    state: State<'_, AppState>,
    id: CustomerId,
    input: CustomerInput,
) -> Result<Customer, ErrorReport> {
    state
        .run(move |store| customers::update(store, id, &input, Utc::now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_trash(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Customer, ErrorReport> {
    state
        .run(move |store| customers::trash(store, id, Utc::now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_restore(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Customer, ErrorReport> {
    state
        .run(move |store| customers::restore(store, id, Utc::now()))
        .await
}

/// The customers in the trash, most recently trashed first.
#[tauri::command]
#[specta::specta]
pub async fn customers_trashed(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<TrashedCustomer>, ErrorReport> {
    state
        .run(move |store| customers::trashed(store, limit))
        .await
}

/// One customer for the customer page, with what is due about the record today.
#[tauri::command]
#[specta::specta]
pub async fn customers_details(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<CustomerDetails, ErrorReport> {
    let today = Local::now().date_naive();
    state
        .run(move |store| customers::details(store, id, today))
        .await
}

/// "Daten geprüft": the customer's data was checked today.
#[tauri::command]
#[specta::specta]
pub async fn customers_mark_verified(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<CustomerDetails, ErrorReport> {
    let (today, now) = (Local::now().date_naive(), Utc::now());
    state
        .run(move |store| customers::mark_verified(store, id, today, now))
        .await
}
