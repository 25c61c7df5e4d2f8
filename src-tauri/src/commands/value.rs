//! Customer value: run the analysis, read its overview and a customer's value, draw the
//! charts (SVG for the screen, PNG or SVG saved through the native dialog), the owner's
//! settings and estimates.

use super::io::save_file;
use crate::state::AppState;
use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::value::indicators::{self, CustomerIndicator, Indicator, IndicatorId};
use stammkunde::value::shop::{self, ChartKind, CustomerValue, ValueOverview, ValueSettingsInput};
use stammkunde::{Error, ErrorReport};
use tauri::{State, Window};

/// The last analysis, summed up; `None` before the first.
#[tauri::command]
#[specta::specta]
pub async fn value_overview(
    state: State<'_, AppState>,
) -> Result<Option<ValueOverview>, ErrorReport> {
    state.run(|store| shop::overview(store)).await
}

/// Runs the analysis on today's data (fit, predictions, classes, matrix, phases, scores)
/// and returns its overview.
#[tauri::command]
#[specta::specta]
pub async fn value_refresh(state: State<'_, AppState>) -> Result<ValueOverview, ErrorReport> {
    state
        .run_clocked(|store, clock| {
            shop::refresh(store, clock)?;
            shop::overview(store)?.ok_or(Error::NoValueAnalysis)
        })
        .await
}

/// A chart as SVG text, for the screen.
#[tauri::command]
#[specta::specta]
pub async fn value_chart(
    state: State<'_, AppState>,
    chart: ChartKind,
) -> Result<String, ErrorReport> {
    let lang = state.lang();
    state
        .run_clocked(move |store, clock| {
            let svg = shop::chart(store, chart, ChartFormat::Svg, clock.today(), lang)?;
            String::from_utf8(svg).map_err(|e| Error::Internal(e.to_string()))
        })
        .await
}

/// Saves a chart as PNG or SVG where the user picks; returns the path (`None`: cancelled).
#[tauri::command]
#[specta::specta]
pub async fn value_chart_save(
    window: Window,
    state: State<'_, AppState>,
    chart: ChartKind,
    format: ChartFormat,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    let stem = chart.file_stem(lang);
    let (ending, filter) = match format {
        ChartFormat::Png => ("png", "PNG"),
        ChartFormat::Svg => ("svg", "SVG"),
    };
    let name = format!("{stem}.{ending}");
    save_file(
        &window,
        &state,
        &name,
        (filter, &[ending]),
        move |store, clock| shop::chart(store, chart, format, clock.today(), lang),
    )
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn value_settings_get(
    state: State<'_, AppState>,
) -> Result<ValueSettingsInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::settings_input(store, lang))
        .await
}

/// Checks and keeps the settings; they count from the next analysis.
#[tauri::command]
#[specta::specta]
pub async fn value_settings_save(
    state: State<'_, AppState>,
    settings: ValueSettingsInput,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::save_settings_input(store, &settings))
        .await
}

/// A customer's value from the last analysis (`None`: not analysed or no purchases).
#[tauri::command]
#[specta::specta]
pub async fn customer_value(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Option<CustomerValue>, ErrorReport> {
    state
        .run(move |store| shop::customer_value(store, id))
        .await
}

/// Sets the owner's estimate of what more the customer could buy a year, as typed
/// ("1.200" or "1.200,50" euros; empty removes it).
/// The owner's estimate of a customer's further potential as its field shows it.
#[tauri::command]
#[specta::specta]
pub async fn customer_potential_input(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<String, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::extra_potential_input(store, id, lang))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn customer_set_potential(
    state: State<'_, AppState>,
    id: CustomerId,
    amount: String,
) -> Result<(), ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::set_extra_potential(store, id, &amount, clock))
        .await
}

/// The owner's score criteria.
#[tauri::command]
#[specta::specta]
pub async fn indicators_list(state: State<'_, AppState>) -> Result<Vec<Indicator>, ErrorReport> {
    state.run(|store| indicators::list(store)).await
}

/// Adds a criterion (`id` none) or changes one.
#[tauri::command]
#[specta::specta]
pub async fn indicators_save(
    state: State<'_, AppState>,
    id: Option<IndicatorId>,
    name: String,
    weight: String,
) -> Result<Indicator, ErrorReport> {
    state
        .run_clocked(move |store, clock| indicators::save(store, id, &name, &weight, clock))
        .await
}

/// Removes a criterion and every mark on it.
#[tauri::command]
#[specta::specta]
pub async fn indicators_delete(
    state: State<'_, AppState>,
    id: IndicatorId,
) -> Result<(), ErrorReport> {
    state.run(move |store| indicators::delete(store, id)).await
}

/// Every criterion with this customer's mark.
#[tauri::command]
#[specta::specta]
pub async fn customer_indicators(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Vec<CustomerIndicator>, ErrorReport> {
    state
        .run(move |store| indicators::of_customer(store, id))
        .await
}

/// Sets (1–5) or removes (`None`) a customer's mark on a criterion.
#[tauri::command]
#[specta::specta]
pub async fn customer_indicator_set(
    state: State<'_, AppState>,
    id: CustomerId,
    indicator: IndicatorId,
    value: Option<u8>,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| indicators::set(store, id, indicator, value))
        .await
}
