// The app's own commands are declared here, so the capability files can grant each window
// exactly the commands it uses; anything not granted is refused by Tauri.
const COMMANDS: &[&str] = &[
    "app_status",
    "settings_set_language",
    "customers_list",
    "customers_filter_options",
    "saved_filters_list",
    "saved_filters_save",
    "saved_filters_delete",
    "customers_get",
    "customers_create",
    "customers_update",
    "customers_trash",
    "customers_restore",
    "customers_trashed",
    "customers_details",
    "customers_mark_verified",
    "timeline_page",
    "transactions_add",
    "interactions_add",
    "demo_load",
    "contacts_list",
    "contacts_add",
    "contacts_update",
    "contacts_remove",
    "employees_list",
    "employees_create",
    "employees_update",
    "duplicates_find",
    "duplicates_similar",
    "merges_preview",
    "customers_merge",
    "merges_undo",
    "import_choose_file",
    "import_preview",
    "import_purchases",
    "import_customers",
    "import_cancel",
    "export_customers",
    "export_customer_data",
    "value_overview",
    "value_refresh",
    "value_chart",
    "value_chart_save",
    "value_settings_get",
    "value_settings_save",
    "customer_value",
    "customer_set_potential",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
