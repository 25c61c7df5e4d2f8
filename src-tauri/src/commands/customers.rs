//! Customer records.

use crate::state::AppState;
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
    state
        .run_clocked(move |store, clock| {
            customers::browse(store, &filter, after.as_ref(), limit, clock.today())
        })
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
        .run_clocked(move |store, clock| customers::save_filter(store, &name, &filter, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn saved_filters_delete(state: State<'_, AppState>, id: u32) -> Result<(), ErrorReport> {
    state
        .run(move |store| customers::delete_saved_filter(store, i64::from(id)))
        .await
}

/// What the customer's edit form starts from (amounts in the user's language).
#[tauri::command]
#[specta::specta]
pub async fn customers_input(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<CustomerInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| customers::edit_input(store, id, lang))
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
        .run_clocked(move |store, clock| customers::create(store, &input, clock))
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
        .run_clocked(move |store, clock| customers::update(store, id, &input, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_trash(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Customer, ErrorReport> {
    state
        .run_clocked(move |store, clock| customers::trash(store, id, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_restore(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Customer, ErrorReport> {
    state
        .run_clocked(move |store, clock| customers::restore(store, id, clock))
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
    state
        .run_clocked(move |store, clock| customers::details(store, id, clock.today()))
        .await
}

/// "Daten geprüft": the customer's data was checked today.
#[tauri::command]
#[specta::specta]
pub async fn customers_mark_verified(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<CustomerDetails, ErrorReport> {
    state
        .run_clocked(move |store, clock| customers::mark_verified(store, id, clock))
        .await
}
