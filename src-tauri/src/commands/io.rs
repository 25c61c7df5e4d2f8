//! Import and export: the native file dialogs (rfd), reading the chosen file, and the
//! import's progress through a channel. The work itself is the core's.

use crate::state::AppState;
use stammkunde::ErrorReport;
use stammkunde::customers::{CustomerFilter, CustomerId};
use stammkunde::io::export::{self, ExportFormat};
use stammkunde::io::import::{
    self, ImportField, ImportOptions, ImportPreview, ImportProgress, ImportSummary, PurchaseImport,
};
use stammkunde::io::table;
use stammkunde::privacy::access;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use tauri::ipc::Channel;
use tauri::{State, Window};

/// End-to-end tests cannot click a native dialog: these variables answer for it.
const TEST_OPEN_FILE: &str = "STAMMKUNDE_TEST_OPEN_FILE";
const TEST_SAVE_FILE: &str = "STAMMKUNDE_TEST_SAVE_FILE";

/// Asks for the file to import: CSV, Excel or vCard. `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn import_choose_file(window: Window) -> Result<Option<String>, ErrorReport> {
    if let Some(path) = std::env::var_os(TEST_OPEN_FILE) {
        return Ok(Some(path.to_string_lossy().into_owned()));
    }
    let file = rfd::AsyncFileDialog::new()
        .set_parent(&window)
        .add_filter("CSV, Excel, vCard", &["csv", "txt", "xlsx", "vcf"])
        .add_filter("*", &["*"])
        .pick_file()
        .await;
    Ok(file.map(|f| f.path().to_string_lossy().into_owned()))
}

store_commands! {
    /// Reads and checks the file with the given mapping (or the remembered or recognised one);
    /// writes nothing.
    import_preview(path: String, mapping: Option<Vec<Option<ImportField>>>) -> ImportPreview
        => |store, clock, lang| {
            let table = table::read_path(Path::new(&path))?;
            let mapping = match mapping {
                Some(m) => m,
                None => import::mapping_for(store, &table.headers)?,
            };
            import::preview(store, &table, &mapping, clock.today(), lang)
        };

    /// Checks the purchases of the file (`dry_run`) or imports them in one transaction; a
    /// file with any problem writes nothing and gets its problems back by line.
    import_purchases(path: String, dry_run: bool) -> PurchaseImport
        => |store, clock, lang| {
            let table = table::read_path(Path::new(&path))?;
            Ok(import::import_purchases(store, &table, dry_run, lang, clock)?.into())
        };
}

/// Imports the customers of the file in one transaction, reporting progress.
#[tauri::command]
#[specta::specta]
pub async fn import_customers(
    state: State<'_, AppState>,
    path: String,
    mapping: Vec<Option<ImportField>>,
    options: ImportOptions,
    progress: Channel<ImportProgress>,
) -> Result<ImportSummary, ErrorReport> {
    let cancel = state.import_cancel.clone();
    cancel.store(false, Ordering::Relaxed);
    state
        .run_clocked(move |store, clock| {
            let table = table::read_path(Path::new(&path))?;
            let mut report = |done, total| {
                // A closed window cannot be told; the import goes on regardless.
                let _ = progress.send(ImportProgress { done, total });
            };
            import::import_customers(
                store,
                &table,
                &mapping,
                options,
                &mut report,
                &cancel,
                clock,
            )
        })
        .await
}

/// Stops a running import; it then writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), ErrorReport> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Asks where to save; `None` when the user cancels.
pub(crate) async fn save_path(
    window: &Window,
    name: &str,
    filter: (&str, &[&str]),
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(TEST_SAVE_FILE) {
        return Some(PathBuf::from(path));
    }
    rfd::AsyncFileDialog::new()
        .set_parent(window)
        .set_file_name(name)
        .add_filter(filter.0, filter.1)
        .save_file()
        .await
        .map(|f| f.path().to_path_buf())
}

/// The one way a command saves a file: the native dialog (suggesting `name`), then
/// `bytes` made off the main thread with the command's clock and written there. The path
/// written, or `None` when the user cancelled.
pub(crate) async fn save_file<F>(
    window: &Window,
    state: &AppState,
    name: &str,
    filter: (&str, &[&str]),
    bytes: F,
) -> Result<Option<String>, ErrorReport>
where
    F: FnOnce(&mut stammkunde::Store, &stammkunde::Clock) -> stammkunde::Result<Vec<u8>>
        + Send
        + 'static,
{
    let Some(path) = save_path(window, name, filter).await else {
        return Ok(None);
    };
    state
        .run_clocked(move |store, clock| {
            std::fs::write(&path, bytes(store, clock)?)?;
            Ok(Some(path.to_string_lossy().into_owned()))
        })
        .await
}

/// Exports the list as filtered to a file the user picks; returns its path.
#[tauri::command]
#[specta::specta]
pub async fn export_customers(
    window: Window,
    state: State<'_, AppState>,
    filter: CustomerFilter,
    format: ExportFormat,
) -> Result<Option<String>, ErrorReport> {
    let (name, filter_name, ending): (&str, &str, &[&str]) = match format {
        ExportFormat::Csv => ("Kunden.csv", "CSV (Excel)", &["csv"]),
        ExportFormat::Xlsx => ("Kunden.xlsx", "Excel", &["xlsx"]),
        ExportFormat::Vcard => ("Kunden.vcf", "vCard", &["vcf"]),
    };
    save_file(
        &window,
        &state,
        name,
        (filter_name, ending),
        move |store, clock| {
            export::export(
                &export::customers_for_export(store, &filter, clock.today())?,
                format,
            )
        },
    )
    .await
}

/// Saves everything stored about one customer (the right of access) as JSON or as a
/// readable PDF where the user picks; returns the path. Recorded in the audit trail.
#[tauri::command]
#[specta::specta]
pub async fn export_customer_data(
    window: Window,
    state: State<'_, AppState>,
    id: CustomerId,
    pdf: bool,
) -> Result<Option<String>, ErrorReport> {
    let lang = state.lang();
    if pdf {
        let file = ("PDF", &["pdf"][..]);
        let name = lang.pick("Auskunft Kundendaten.pdf", "Customer data.pdf");
        save_file(&window, &state, name, file, move |store, clock| {
            access::export_pdf(store, id, clock, lang)
        })
        .await
    } else {
        let file = ("JSON", &["json"][..]);
        let name = lang.pick("Auskunft Kundendaten.json", "Customer data.json");
        save_file(&window, &state, name, file, move |store, clock| {
            access::export_json(store, id, clock)
        })
        .await
    }
}
