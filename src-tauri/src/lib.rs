//! The Stammkunde desktop shell: builds the Tauri app around the core crate.

mod commands;
mod state;

use specta_typescript::Typescript;
use stammkunde::store::resolve_db_path;
use state::AppState;

/// Every command the UI can call, with its types for the generated TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{
        app, care, contacts, customers, demo, duplicates, employees, io, loyalty, surveys,
        timeline, value,
    };
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        app::app_status,
        app::settings_set_language,
        customers::customers_list,
        customers::customers_filter_options,
        customers::saved_filters_list,
        customers::saved_filters_save,
        customers::saved_filters_delete,
        customers::customers_get,
        customers::customers_create,
        customers::customers_update,
        customers::customers_trash,
        customers::customers_restore,
        customers::customers_trashed,
        customers::customers_details,
        customers::customers_mark_verified,
        timeline::timeline_page,
        timeline::transactions_add,
        timeline::interactions_add,
        demo::demo_load,
        contacts::contacts_list,
        contacts::contacts_add,
        contacts::contacts_update,
        contacts::contacts_remove,
        employees::employees_list,
        employees::employees_create,
        employees::employees_update,
        duplicates::duplicates_find,
        duplicates::duplicates_similar,
        duplicates::merges_preview,
        duplicates::customers_merge,
        duplicates::merges_undo,
        io::import_choose_file,
        io::import_preview,
        io::import_purchases,
        io::import_customers,
        io::import_cancel,
        io::export_customers,
        io::export_customer_data,
        value::value_overview,
        value::value_refresh,
        value::value_chart,
        value::value_chart_save,
        value::value_settings_get,
        value::value_settings_save,
        value::customer_value,
        value::customer_set_potential,
        value::indicators_list,
        value::indicators_save,
        value::indicators_delete,
        value::customer_indicators,
        value::customer_indicator_set,
        loyalty::loyalty_settings,
        loyalty::loyalty_save_settings,
        loyalty::loyalty_account,
        loyalty::loyalty_join,
        loyalty::loyalty_redeem,
        loyalty::loyalty_correct,
        loyalty::loyalty_lookup,
        loyalty::loyalty_card,
        loyalty::rewards_list,
        loyalty::rewards_save,
        loyalty::rewards_delete,
        loyalty::rewards_form,
        loyalty::coupons_list,
        loyalty::coupons_issue,
        loyalty::coupons_redeem,
        loyalty::loyalty_report,
        loyalty::loyalty_chart,
        timeline::transactions_cancel,
        care::care_agenda,
        care::care_done,
        care::care_snooze,
        care::care_unmark,
        care::care_log,
        care::care_warnings,
        care::complaint_resolve,
        care::care_settings_get,
        care::care_settings_save,
        care::measures_list,
        care::measure_save,
        care::measure_delete,
        care::plan_list,
        care::plan_save,
        care::plan_delete,
        care::lost_reasons,
        care::lost_reason_save,
        care::lost_reason_delete,
        care::customer_mark_lost,
        care::customer_reactivate,
        care::customer_winback,
        care::losses_list,
        care::lost_stats,
        care::lost_chart,
        care::greeting_list,
        care::greeting_list_save,
        care::label_sheet_get,
        care::label_sheet_save,
        surveys::surveys_list,
        surveys::survey_get,
        surveys::survey_save,
        surveys::survey_delete,
        surveys::survey_results,
        surveys::survey_chart,
        surveys::survey_comments,
        surveys::survey_export,
        surveys::survey_submit_visit,
        surveys::kiosk_settings_get,
        surveys::kiosk_settings_save,
        surveys::kiosk_start,
        surveys::kiosk_view,
        surveys::kiosk_submit,
        surveys::kiosk_exit,
        surveys::complaints_list,
        surveys::complaint_update,
        surveys::complaint_from_response,
    ])
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            Typescript::default().header("// Generated from the Rust commands by tauri-specta. Do not edit.\n// Regenerate with `make bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// Starts the app.
pub fn run() {
    let builder = specta_builder();
    let locale = sys_locale::get_locale().unwrap_or_else(|| "de-DE".to_owned());
    let db_path = match resolve_db_path(None) {
        Ok(path) => path,
        Err(err) => {
            eprintln!("{}", err.message(stammkunde::Lang::from_locale(&locale)));
            std::process::exit(1);
        }
    };
    let state = AppState::open(db_path, locale);
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("Stammkunde could not start: {err}");
            std::process::exit(1);
        });
}
