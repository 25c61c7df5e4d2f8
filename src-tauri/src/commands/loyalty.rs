//! The loyalty program: settings, a customer's account (join, redeem, correct), the
//! counter's lookup, the printable card, rewards, coupons and the program report. Each
//! command is one transaction in the core; "today" is the shop's local day.

use crate::state::AppState;
use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::employees::EmployeeId;
use stammkunde::loyalty::program::ProgramSettingsInput;
use stammkunde::loyalty::report::ProgramReport;
use stammkunde::loyalty::rewards::{Coupon, CouponInput, Reward, RewardId, RewardInput};
use stammkunde::loyalty::shop::{self, Account, Card, CorrectionInput, CounterHit, RedeemInput};
use stammkunde::{Error, ErrorReport};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn loyalty_settings(
    state: State<'_, AppState>,
) -> Result<ProgramSettingsInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::settings_input(store, lang))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn loyalty_save_settings(
    state: State<'_, AppState>,
    settings: ProgramSettingsInput,
) -> Result<(), ErrorReport> {
    state
        .run(move |store| shop::save_settings_input(store, &settings))
        .await
}

/// A customer's points account (points that ran out of time are booked first).
#[tauri::command]
#[specta::specta]
pub async fn loyalty_account(
    state: State<'_, AppState>,
    customer: CustomerId,
) -> Result<Account, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::account(store, customer, clock))
        .await
}

/// Issues the customer card (with the welcome bonus).
/// What points (as typed) are worth as a discount, in cents.
#[tauri::command]
#[specta::specta]
pub async fn loyalty_points_worth(
    state: State<'_, AppState>,
    points: String,
) -> Result<i32, ErrorReport> {
    state
        .run(move |store| {
            shop::points_worth(store, &points).map(|cents| i32::try_from(cents).unwrap_or(i32::MAX))
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn loyalty_join(
    state: State<'_, AppState>,
    customer: CustomerId,
) -> Result<Account, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::join(store, customer, clock))
        .await
}

/// Spends points (part of the balance, or a reward) after the identity check.
#[tauri::command]
#[specta::specta]
pub async fn loyalty_redeem(
    state: State<'_, AppState>,
    customer: CustomerId,
    input: RedeemInput,
) -> Result<Account, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::redeem(store, customer, &input, clock))
        .await
}

/// A correction with reason and employee.
#[tauri::command]
#[specta::specta]
pub async fn loyalty_correct(
    state: State<'_, AppState>,
    customer: CustomerId,
    input: CorrectionInput,
) -> Result<Account, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::correct(store, customer, &input, clock))
        .await
}

/// The counter's search: card number, phone or name. Runs the day's upkeep first.
#[tauri::command]
#[specta::specta]
pub async fn loyalty_lookup(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Result<Vec<CounterHit>, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::lookup_today(store, &text, limit, clock))
        .await
}

/// What the printable card shows, with its QR code.
#[tauri::command]
#[specta::specta]
pub async fn loyalty_card(
    state: State<'_, AppState>,
    customer: CustomerId,
) -> Result<Card, ErrorReport> {
    state.run(move |store| shop::card(store, customer)).await
}

#[tauri::command]
#[specta::specta]
pub async fn rewards_list(state: State<'_, AppState>) -> Result<Vec<Reward>, ErrorReport> {
    state.run(|store| shop::rewards(store)).await
}

/// Adds a reward (`id` null) or changes one.
#[tauri::command]
#[specta::specta]
pub async fn rewards_save(
    state: State<'_, AppState>,
    id: Option<RewardId>,
    input: RewardInput,
) -> Result<Reward, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::save_reward(store, id, &input, clock))
        .await
}

/// A reward as its form shows it for editing.
#[tauri::command]
#[specta::specta]
pub async fn rewards_form(
    state: State<'_, AppState>,
    id: RewardId,
) -> Result<RewardInput, ErrorReport> {
    let lang = state.lang();
    state
        .run(move |store| shop::reward_form(store, id, lang))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn rewards_delete(state: State<'_, AppState>, id: RewardId) -> Result<(), ErrorReport> {
    state.run(move |store| shop::delete_reward(store, id)).await
}

/// Coupons of a customer, or all.
#[tauri::command]
#[specta::specta]
pub async fn coupons_list(
    state: State<'_, AppState>,
    customer: Option<CustomerId>,
) -> Result<Vec<Coupon>, ErrorReport> {
    state
        .run(move |store| shop::coupon_list(store, customer))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn coupons_issue(
    state: State<'_, AppState>,
    input: CouponInput,
) -> Result<Coupon, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::issue_coupon(store, &input, clock))
        .await
}

/// Redeems a coupon by its code (for the customer chosen at the counter, if any).
#[tauri::command]
#[specta::specta]
pub async fn coupons_redeem(
    state: State<'_, AppState>,
    code: String,
    customer: Option<CustomerId>,
    employee: Option<EmployeeId>,
) -> Result<Coupon, ErrorReport> {
    state
        .run_clocked(move |store, clock| {
            shop::redeem_coupon(store, &code, customer, employee, clock)
        })
        .await
}

/// The program report of the last `months` months (after the day's upkeep).
#[tauri::command]
#[specta::specta]
pub async fn loyalty_report(
    state: State<'_, AppState>,
    months: u32,
) -> Result<ProgramReport, ErrorReport> {
    state
        .run_clocked(move |store, clock| shop::report_today(store, months, clock))
        .await
}

/// The report's chart as SVG (plotters escapes every text).
#[tauri::command]
#[specta::specta]
pub async fn loyalty_chart(state: State<'_, AppState>, months: u32) -> Result<String, ErrorReport> {
    let lang = state.lang();
    state
        .run_clocked(move |store, clock| {
            let svg = shop::report_chart(store, clock.today(), months, lang, ChartFormat::Svg)?;
            String::from_utf8(svg).map_err(|e| Error::Internal(e.to_string()))
        })
        .await
}
