//! A customer's timeline: purchases and interactions.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::customers::CustomerId;
use stammkunde::interactions::{self, Interaction, InteractionInput};
use stammkunde::timeline::{self, TimelineCursor, TimelinePage};
use stammkunde::transactions::{self, Transaction, TransactionId, TransactionInput};
use tauri::State;

/// A page of the customer's purchases and interactions, newest first.
#[tauri::command]
#[specta::specta]
pub async fn timeline_page(
    state: State<'_, AppState>,
    customer: CustomerId,
    after: Option<TimelineCursor>,
    limit: u32,
) -> Result<TimelinePage, ErrorReport> {
    state
        .run(move |store| timeline::page(store, customer, after.as_ref(), limit))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn transactions_add(
    state: State<'_, AppState>,
    customer: CustomerId,
    input: TransactionInput,
) -> Result<Transaction, ErrorReport> {
    state
        .run_clocked(move |store, clock| transactions::add(store, customer, &input, clock))
        .await
}

/// Cancels a purchase: it leaves the timeline and the figures, its points are taken back.
#[tauri::command]
#[specta::specta]
pub async fn transactions_cancel(
    state: State<'_, AppState>,
    id: TransactionId,
) -> Result<(), ErrorReport> {
    state
        .run_clocked(move |store, clock| transactions::cancel(store, id, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn interactions_add(
    state: State<'_, AppState>,
    customer: CustomerId,
    input: InteractionInput,
) -> Result<Interaction, ErrorReport> {
    state
        .run_clocked(move |store, clock| interactions::add(store, customer, &input, clock))
        .await
}
