//! The care plan: today's agenda (done, snooze, log the contact), the early-warning list,
//! lost customers with reasons, win-backs and statistics, the measures and the
//! communication plan, the greeting list with labels. Each command is one transaction in
//! the core; "today" is the shop's local day.

use super::io::save_file;
use crate::state::AppState;
use chrono::NaiveDate;
use stammkunde::care::CareSettingsInput;
use stammkunde::care::labels::{GreetingEntry, LabelSheet, PlacedLabel};
use stammkunde::care::lost::{Loss, LossId, LossInput, LostReason, LostReasonId, LostStats};
use stammkunde::care::plan::{
    Measure, MeasureId, MeasureInput, PlanRule, PlanRuleId, PlanRuleInput,
};
use stammkunde::care::shop::{self, Agenda, Warnings};
use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::interactions::{Interaction, InteractionId, InteractionInput};
use stammkunde::{Error, ErrorReport};
use tauri::{State, Window};

/// Today's agenda, at most `limit` items.
#[tauri::command]
#[specta::specta]
pub async fn care_agenda(state: State<'_, AppState>, limit: u32) -> Result<Agenda, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::agenda(store, limit, clock))
        .await
}

/// Marks an agenda item done today.
#[tauri::command]
#[specta::specta]
pub async fn care_done(state: State<'_, AppState>, key: String) -> Result<(), ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::done(store, &key, clock))
        .await
}

/// Puts an agenda item off until a day (`31.12.2026`).
#[tauri::command]
#[specta::specta]
pub async fn care_snooze(
    state: State<'_, AppState>,
    key: String,
    days: u32,
) -> Result<NaiveDate, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::snooze(store, &key, days, clock))
        .await
}

/// Takes back done or snooze (Undo).
#[tauri::command]
#[specta::specta]
pub async fn care_unmark(state: State<'_, AppState>, key: String) -> Result<(), ErrorReport> {
    state.run(move |store| shop::unmark(store, &key)).await
}

/// Records the contact an agenda item asked for; the item is done with it.
#[tauri::command]
#[specta::specta]
pub async fn care_log(
    state: State<'_, AppState>,
    key: String,
    input: InteractionInput,
) -> Result<Interaction, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::log_contact(store, &key, &input, clock))
        .await
}

/// The customers at risk, the most valuable first.
#[tauri::command]
#[specta::specta]
pub async fn care_warnings(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Warnings, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::warnings(store, clock.today(), limit))
        .await
}

/// Marks a complaint resolved today.
#[tauri::command]
#[specta::specta]
pub async fn complaint_resolve(
    state: State<'_, AppState>,
    id: InteractionId,
) -> Result<Interaction, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::resolve_complaint(store, id, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn care_settings_get(
    state: State<'_, AppState>,
) -> Result<CareSettingsInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::settings_input(store, lang))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn care_settings_save(
    state: State<'_, AppState>,
    settings: CareSettingsInput,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::save_settings(store, &settings))
        .await
}

/// What a measure's edit form starts from (the cost in the user's language).
#[tauri::command]
#[specta::specta]
pub async fn measure_form(
    state: State<'_, AppState>,
    id: MeasureId,
) -> Result<MeasureInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::measure_form(store, id, lang))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn measures_list(state: State<'_, AppState>) -> Result<Vec<Measure>, ErrorReport> {
    state.run(|store| shop::measures(store)).await
}

/// Adds (`id` null) or changes a measure.
#[tauri::command]
#[specta::specta]
pub async fn measure_save(
    state: State<'_, AppState>,
    id: Option<MeasureId>,
    input: MeasureInput,
) -> Result<Measure, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::save_measure(store, id, &input, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn measure_delete(state: State<'_, AppState>, id: MeasureId) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::delete_measure(store, id))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_list(state: State<'_, AppState>) -> Result<Vec<PlanRule>, ErrorReport> {
    state.run(|store| shop::plan_rules(store)).await
}

/// Adds (`id` null) or changes a line of the communication plan.
#[tauri::command]
#[specta::specta]
pub async fn plan_save(
    state: State<'_, AppState>,
    id: Option<PlanRuleId>,
    input: PlanRuleInput,
) -> Result<PlanRule, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::save_rule(store, id, &input, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_delete(state: State<'_, AppState>, id: PlanRuleId) -> Result<(), ErrorReport> {
    state.run(move |store| shop::delete_rule(store, id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reasons(state: State<'_, AppState>) -> Result<Vec<LostReason>, ErrorReport> {
    state.run(|store| shop::lost_reasons(store)).await
}

/// Adds (`id` null) or renames a reason.
#[tauri::command]
#[specta::specta]
pub async fn lost_reason_save(
    state: State<'_, AppState>,
    id: Option<LostReasonId>,
    name: String,
) -> Result<(), ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::save_lost_reason(store, id, &name, clock))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reason_delete(
    state: State<'_, AppState>,
    id: LostReasonId,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::delete_lost_reason(store, id))
        .await
}

/// Marks a customer lost with the day and reason.
#[tauri::command]
#[specta::specta]
pub async fn customer_mark_lost(
    state: State<'_, AppState>,
    id: CustomerId,
    input: LossInput,
) -> Result<LossId, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::mark_lost(store, id, &input, clock))
        .await
}

/// Takes a lost customer back today.
#[tauri::command]
#[specta::specta]
pub async fn customer_reactivate(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<(), ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::reactivate(store, id, clock))
        .await
}

/// Records a try to win a lost customer back (it shows on the timeline).
#[tauri::command]
#[specta::specta]
pub async fn customer_winback(
    state: State<'_, AppState>,
    id: CustomerId,
    input: InteractionInput,
) -> Result<Interaction, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::add_winback(store, id, &input, clock))
        .await
}

/// Every loss (of one customer, when given), the latest first.
#[tauri::command]
#[specta::specta]
pub async fn losses_list(
    state: State<'_, AppState>,
    customer: Option<CustomerId>,
) -> Result<Vec<Loss>, ErrorReport> {
    state.run(move |store| shop::losses(store, customer)).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_stats(
    state: State<'_, AppState>,
    quarters: u32,
) -> Result<LostStats, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::lost_stats(store, clock.today(), quarters))
        .await
}

/// The chart of lost revenue per quarter as SVG text.
#[tauri::command]
#[specta::specta]
pub async fn lost_chart(state: State<'_, AppState>, quarters: u32) -> Result<String, ErrorReport> {
    let lang = state.lang();
    state
        .run_clocked(move |store, clock| {
            let svg = shop::lost_chart(store, clock.today(), quarters, lang, ChartFormat::Svg)?;
            String::from_utf8(svg).map_err(|e| Error::Internal(e.to_string()))
        })
        .await
}

/// The birthdays of a month with greeting and address.
#[tauri::command]
#[specta::specta]
pub async fn greeting_list(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<Vec<GreetingEntry>, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::greeting_list(store, year, month, lang))
        .await
}

/// The greeting list's labels placed on `sheet`, sheet by sheet (for the print view).
#[tauri::command]
#[specta::specta]
pub async fn label_pages(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
    sheet: LabelSheet,
) -> Result<Vec<Vec<PlacedLabel>>, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::label_pages(store, year, month, &sheet, lang))
        .await
}

/// Saves the greeting list as CSV where the user picks; returns the path (`None`:
/// cancelled).
#[tauri::command]
#[specta::specta]
pub async fn greeting_list_save(
    window: Window,
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    let name = format!(
        "{}-{year}-{month:02}.csv",
        lang.pick("Geburtstage", "birthdays")
    );
    save_file(
        &window,
        &state,
        &name,
        ("CSV", &["csv"]),
        move |store, _| shop::greeting_csv(store, year, month, lang),
    )
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn label_sheet_get(state: State<'_, AppState>) -> Result<LabelSheet, ErrorReport> {
    state.run(|store| shop::label_sheet(store)).await
}

#[tauri::command]
#[specta::specta]
pub async fn label_sheet_save(
    state: State<'_, AppState>,
    sheet: LabelSheet,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::save_label_sheet(store, &sheet))
        .await
}
