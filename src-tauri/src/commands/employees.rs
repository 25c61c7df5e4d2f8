//! The shop's employees.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::employees::{self, Employee, EmployeeId};
use tauri::State;

/// All employees, active ones first.
#[tauri::command]
#[specta::specta]
pub async fn employees_list(state: State<'_, AppState>) -> Result<Vec<Employee>, ErrorReport> {
    state.run(|store| employees::list(store)).await
}

#[tauri::command]
#[specta::specta]
pub async fn employees_create(
    state: State<'_, AppState>,
    name: String,
) -> Result<Employee, ErrorReport> {
    state
        .run_clocked(move |store, clock| employees::create(store, &name, clock))
        .await
}

/// Renames an employee and sets whether they are active.
#[tauri::command]
#[specta::specta]
pub async fn employees_update(
    state: State<'_, AppState>,
    id: EmployeeId,
    name: String,
    active: bool,
) -> Result<Employee, ErrorReport> {
    state
        .run(move |store| employees::update(store, id, &name, active))
        .await
}
