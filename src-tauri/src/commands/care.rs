//! The care plan: today's agenda (done, snooze, log the contact), the early-warning list,
//! lost customers with reasons, win-backs and statistics, the measures and the
//! communication plan, the greeting list with labels. Each command is one transaction in
//! the core; "today" is the shop's local day.

use super::io::save_file;
use crate::state::AppState;
use chrono::NaiveDate;
use stammkunde::ErrorReport;
use stammkunde::care::CareSettingsInput;
use stammkunde::care::labels::{GreetingEntry, LABEL_PRESETS, LabelPreset, LabelSheet};
use stammkunde::care::lost::{Loss, LossId, LossInput, LostReason, LostReasonId, LostStats};
use stammkunde::care::plan::{
    Measure, MeasureId, MeasureInput, PlanRule, PlanRuleId, PlanRuleInput,
};
use stammkunde::care::shop::{self, Agenda, Warnings};
use stammkunde::charts::ChartFormat;
use stammkunde::customers::CustomerId;
use stammkunde::interactions::{Interaction, InteractionId, InteractionInput};
use tauri::{State, Window};

/// Today's agenda, at most `limit` items. The start screen's first call gets the agenda
/// made while the window started, when nothing changed since (see
/// `AppState::first_agenda`).
#[tauri::command]
#[specta::specta]
pub async fn care_agenda(state: State<'_, AppState>, limit: u32) -> Result<Agenda, ErrorReport> {
    let clock = stammkunde::Clock::system();
    if let Some(agenda) = state.first_agenda(limit, &clock).await {
        return Ok(agenda);
    }
    state
        .run(move |store| shop::agenda(store, limit, &clock))
        .await
}

store_commands! {
    /// The shop's complaints, the longest waiting first.
    complaints_shop(filter: stammkunde::complaints::ComplaintFilter) -> Vec<stammkunde::complaints::ComplaintLine>
        => |store, clock| stammkunde::complaints::shop_list(store, &filter, clock.today());

    /// One employee's agenda ("meine Aufgaben"): the items they own.
    care_agenda_of(employee: stammkunde::employees::EmployeeId, limit: u32) -> Agenda
        => |store, clock| shop::agenda_of_employee(store, limit, employee, clock);

    /// The next step on a customer's page: the measures that fit, ranked with reasons,
    /// and the steps assigned.
    next_steps_get(customer: CustomerId) -> shop::CustomerSteps
        => |store, clock| shop::customer_steps(store, customer, clock);

    /// Assigns a measure to an employee as the customer's next step.
    next_step_assign(customer: CustomerId, measure: MeasureId, input: shop::AssignStepInput) -> stammkunde::care::next::StepEvent
        => |store, clock| shop::assign_step(store, customer, measure, &input, clock);

    /// Records the customer's step done today.
    next_step_done(customer: CustomerId, measure: MeasureId, note: String) -> stammkunde::care::next::StepEvent
        => |store, clock| shop::step_done(store, customer, measure, &note, clock);

    /// Puts the customer's step off for `days`.
    next_step_not_now(customer: CustomerId, measure: MeasureId, days: u32, note: String) -> stammkunde::care::next::StepEvent
        => |store, clock| shop::step_not_now(store, customer, measure, days, &note, clock);

    /// Marks an agenda item done today.
    care_done(key: String) -> ()
        => |store, clock| shop::done(store, &key, clock);

    /// Puts an agenda item off until a day (`31.12.2026`).
    care_snooze(key: String, days: u32) -> NaiveDate
        => |store, clock| shop::snooze(store, &key, days, clock);

    /// Takes back done or snooze (Undo).
    care_unmark(key: String) -> ()
        => |store, clock| shop::unmark(store, &key, clock);

    /// Records the contact an agenda item asked for; the item is done with it.
    care_log(key: String, input: InteractionInput) -> Interaction
        => |store, clock| shop::log_contact(store, &key, &input, clock);

    /// The customers at risk, the most valuable first.
    care_warnings(limit: u32) -> Warnings
        => |store, clock| shop::warnings(store, clock.today(), limit);

    /// Marks a complaint resolved today.
    complaint_resolve(id: InteractionId) -> Interaction
        => |store, clock| shop::resolve_complaint(store, id, clock);

    care_settings_get() -> CareSettingsInput
        => |store, _clock, lang| shop::settings_input(store, lang);

    care_settings_save(settings: CareSettingsInput) -> ()
        => |store, clock| shop::save_settings(store, &settings, clock);

    /// What a measure's edit form starts from (the cost in the user's language).
    measure_form(id: MeasureId) -> MeasureInput
        => |store, _clock, lang| shop::measure_form(store, id, lang);

    measures_list() -> Vec<Measure>
        => |store| shop::measures(store);

    /// Adds (`id` null) or changes a measure.
    measure_save(id: Option<MeasureId>, input: MeasureInput) -> Measure
        => |store, clock| shop::save_measure(store, id, &input, clock);

    measure_delete(id: MeasureId) -> ()
        => |store| shop::delete_measure(store, id);

    /// The new products, the newest first, with how many customers hear of each.
    new_products_list() -> Vec<shop::NewProductLine>
        => |store, clock| shop::new_products(store, clock.today());

    /// What a new product's edit form starts from (dates in the user's language).
    new_product_form(id: stammkunde::care::news::NewProductId) -> stammkunde::care::news::NewProductInput
        => |store, _clock, lang| shop::new_product_form(store, id, lang);

    /// Adds (`id` null) or changes a new product.
    new_product_save(id: Option<stammkunde::care::news::NewProductId>, input: stammkunde::care::news::NewProductInput) -> stammkunde::care::news::NewProduct
        => |store, clock| shop::save_new_product(store, id, &input, clock);

    new_product_delete(id: stammkunde::care::news::NewProductId) -> ()
        => |store| shop::delete_new_product(store, id);

    plan_list() -> Vec<PlanRule>
        => |store| shop::plan_rules(store);

    /// Adds (`id` null) or changes a line of the communication plan.
    plan_save(id: Option<PlanRuleId>, input: PlanRuleInput) -> PlanRule
        => |store, clock| shop::save_rule(store, id, &input, clock);

    plan_delete(id: PlanRuleId) -> ()
        => |store| shop::delete_rule(store, id);

    lost_reasons() -> Vec<LostReason>
        => |store| shop::lost_reasons(store);

    /// Adds (`id` null) or renames a reason.
    lost_reason_save(id: Option<LostReasonId>, name: String) -> ()
        => |store, clock| shop::save_lost_reason(store, id, &name, clock);

    lost_reason_delete(id: LostReasonId) -> ()
        => |store| shop::delete_lost_reason(store, id);

    /// Marks a customer lost with the day and reason.
    customer_mark_lost(id: CustomerId, input: LossInput) -> LossId
        => |store, clock| shop::mark_lost(store, id, &input, clock);

    /// Takes a lost customer back today.
    customer_reactivate(id: CustomerId) -> ()
        => |store, clock| shop::reactivate(store, id, clock);

    /// Records a try to win a lost customer back (it shows on the timeline).
    customer_winback(id: CustomerId, input: InteractionInput) -> Interaction
        => |store, clock| shop::add_winback(store, id, &input, clock);

    /// Every loss (of one customer, when given), the latest first.
    losses_list(customer: Option<CustomerId>) -> Vec<Loss>
        => |store| shop::losses(store, customer);

    lost_stats(quarters: u32) -> LostStats
        => |store, clock| shop::lost_stats(store, clock.today(), quarters);

    /// The chart of lost revenue per quarter as SVG text.
    lost_chart(quarters: u32) -> String
        => |store, clock, lang| {
            let svg = shop::lost_chart(store, clock.today(), quarters, lang, ChartFormat::Svg)?;
            super::svg_text(svg)
        };

    /// The birthdays of a month with greeting and address.
    greeting_list(year: i32, month: u32) -> Vec<GreetingEntry>
        => |store, _clock, lang| shop::greeting_list(store, year, month, lang);

    /// The common label sheets to choose from.
    label_presets() -> Vec<LabelPreset> => |_store| Ok(LABEL_PRESETS.to_vec());

    label_sheet_get() -> LabelSheet
        => |store| shop::label_sheet(store);

    label_sheet_save(sheet: LabelSheet) -> ()
        => |store, clock| shop::save_label_sheet(store, &sheet, clock);
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

/// Saves the shop's dates as an iCalendar file (birthdays, follow-ups, next steps, visits)
/// where the user picks; returns the path (`None`: cancelled).
#[tauri::command]
#[specta::specta]
pub async fn calendar_save(
    window: Window,
    state: State<'_, AppState>,
    choice: stammkunde::care::calendar::CalendarChoice,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    save_file(
        &window,
        &state,
        "Stammkunde.ics",
        (lang.pick("Kalender", "Calendar"), &["ics"]),
        move |store, clock| stammkunde::care::calendar::ics(store, choice, clock, lang),
    )
    .await
}

/// For tests: the links are written to this file (one per line) instead of being opened.
const TEST_OPENED: &str = "STAMMKUNDE_TEST_OPENED";

/// Reaches a customer from the app: builds the `tel:`, `mailto:` (with the greeting for
/// `purpose`) or WhatsApp link in the core and hands it to the operating system — only
/// links of those three kinds. Returns it with the summary to log the contact with.
#[tauri::command]
#[specta::specta]
pub async fn contact_open(
    state: State<'_, AppState>,
    customer: stammkunde::customers::CustomerId,
    by: stammkunde::care::reach::ReachBy,
    purpose: stammkunde::care::reach::Purpose,
) -> Result<stammkunde::care::reach::Reach, ErrorReport> {
    use stammkunde::care::reach;
    let lang = state.lang();
    let found = state
        .run(move |store| reach::reach(store, customer, by, purpose, lang))
        .await?;
    if !reach::allowed_link(&found.link) {
        return Err(stammkunde::Error::Internal("link refused".into()).report(lang));
    }
    match std::env::var_os(TEST_OPENED) {
        Some(file) => {
            use std::io::Write as _;
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
                .and_then(|mut f| writeln!(f, "{}", found.link))
                .map_err(|e| stammkunde::Error::from(e).report(lang))?;
        }
        None => {
            open::that_detached(&found.link).map_err(|e| stammkunde::Error::from(e).report(lang))?
        }
    }
    Ok(found)
}
