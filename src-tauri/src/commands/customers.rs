//! Customer records.

use crate::state::AppState;
use chrono::{Local, Utc};
use stammkunde::ErrorReport;
use stammkunde::customers::{
    self, Customer, CustomerDetails, CustomerFilter, CustomerId, CustomerInput, CustomerPage,
    FilterOptions, SavedFilter, TrashedCustomer,
};
use stammkunde::store::ListCursor;
use tauri::State;

/// A page of the customer list as the filter says; pass the previous page's `next` for
/// more. With a search query: the best matches, most relevant first.
#[tauri::command]
#[specta::specta]
pub async fn customers_list(
    state: State<'_, AppState>,
    filter: CustomerFilter,
    after: Option<ListCursor>,
    limit: u32,
) -> Result<CustomerPage, ErrorReport> {
    let today = Local::now().date_naive();
    state
        .run(move |store| customers::browse(store, &filter, after.as_ref(), limit, today))
        .await
}

/// The cities and tags the list's filter menus offer.
#[tauri::command]
#[specta::specta]
pub async fn customers_filter_options(
    state: State<'_, AppState>,
) -> Result<FilterOptions, ErrorReport> {
    state.run(|store| customers::filter_options(store)).await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_filters_list(
    state: State<'_, AppState>,
) -> Result<Vec<SavedFilter>, ErrorReport> {
    state.run(|store| customers::saved_filters(store)).await
}

/// Saves the filter under a name; one of the same name is replaced.
#[tauri::command]
#[specta::specta]
pub async fn saved_filters_save(
    state: State<'_, AppState>,
    name: String,
    filter: CustomerFilter,
) -> Result<SavedFilter, ErrorReport> {
    state
        .run(move |store| customers::save_filter(store, &name, &filter, Utc::now()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_filters_delete(state: State<'_, AppState>, id: u32) -> Result<(), ErrorReport> {
    state
        .run(move |store| customers::delete_saved_filter(store, i64::from(id)))
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
